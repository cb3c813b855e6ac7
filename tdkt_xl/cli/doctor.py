"""`tdkt doctor`: check an installation and say, in Vietnamese, what is missing.

Checks: Python version, the pinned packages, what xlwings' VBA will do on a
click (the Python it starts, its temporary folder, old settings, paths outside
Windows' ANSI code page: tdkt_xl/cli/_doctor_excel.py), Windows' short-date
format, the workbook and its .py beside it, the templates folder, the output
folder, LibreOffice (PDF copies only).
Exit code 0 when everything needed is there, 1 otherwise (warnings alone
do not fail).
"""
from __future__ import annotations

import importlib
import os
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

OK, MISSING, WARN = "ok", "missing", "warn"
MARK = {OK: "[ĐẠT]   ", MISSING: "[THIẾU] ", WARN: "[LƯU Ý] "}
MIN_PYTHON = (3, 10)

# distribution -> module to import (only where they differ)
# (keys: names as pip normalises them; the Windows lock lists transitive dependencies too)
IMPORT_NAME = {"python-calamine": "python_calamine", "python-docx": "docx", "xlsxwriter": "xlsxwriter",
               "jinja2": "jinja2", "pyyaml": "yaml", "python-dateutil": "dateutil", "pillow": "PIL",
               "fonttools": "fontTools", "markupsafe": "markupsafe", "pywin32": "win32api",
               "et-xmlfile": "et_xmlfile", "typing-extensions": "typing_extensions", "tdkt-xl": "tdkt_xl"}


def import_name(dist: str) -> str:
    """The module a distribution is imported as."""
    key = re.sub(r"[-_.]+", "-", dist).lower()
    return IMPORT_NAME.get(key, key.replace("-", "_"))
# packages needed only by developers / CI, not on a clerk's PC
DEV_ONLY = {"pytest", "oletools"}


@dataclass(frozen=True)
class Check:
    status: str
    text: str

    def line(self) -> str:
        return MARK[self.status] + self.text


def project_root() -> Path:
    return Path(__file__).resolve().parents[2]


def requirements(path: Path) -> list[tuple[str, str]]:
    """(distribution, pinned version) of each ``name==version`` line."""
    out = []
    if not path.exists():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        m = re.match(r"^([A-Za-z0-9_.\-]+)\s*==\s*([^\s;]+)", line)
        if m:
            out.append((m.group(1), m.group(2)))
    return out


def check_python() -> Check:
    v = sys.version_info
    text = f"Python {v.major}.{v.minor}.{v.micro} ({sys.executable})"
    if (v.major, v.minor) < MIN_PYTHON:
        return Check(MISSING, f"{text}: cần Python {MIN_PYTHON[0]}.{MIN_PYTHON[1]} trở lên "
                              "(khuyên dùng 3.11). Hãy cài Python mới từ python.org.")
    return Check(OK, text)


def check_packages(req_file: Path) -> list[Check]:
    pins = requirements(req_file)
    if not pins:
        return [Check(WARN, f"Không đọc được danh sách thư viện '{req_file}'; bỏ qua kiểm tra thư viện.")]
    from importlib import metadata      # here: every tdkt command loads this module (its subcommand)
    missing, other_version, broken = [], [], []
    for dist, pinned in pins:
        if dist in DEV_ONLY:
            continue
        try:
            have = metadata.version(dist)
        except metadata.PackageNotFoundError:
            missing.append(dist)
            continue
        try:
            importlib.import_module(import_name(dist))
        except Exception as e:  # installed but does not load (e.g. a broken wheel)
            broken.append(f"{dist} ({type(e).__name__}: {e})")
            continue
        if have != pinned:
            other_version.append(f"{dist} {have} (cần {pinned})")
    out = []
    fix = f"Hãy chạy: pip install -r \"{req_file}\""
    if missing:
        out.append(Check(MISSING, f"Thiếu thư viện Python: {', '.join(missing)}. {fix}"))
    if broken:
        out.append(Check(MISSING, f"Thư viện cài hỏng, không nạp được: {'; '.join(broken)}. {fix}"))
    if other_version:
        out.append(Check(WARN, f"Phiên bản khác với bản đã kiểm thử: {', '.join(other_version)}. {fix}"))
    if not out:
        out.append(Check(OK, f"Đủ {len([p for p in pins if p[0] not in DEV_ONLY])} thư viện Python "
                             "đúng phiên bản."))
    return out


def check_pywin32() -> Check:
    """xlwings talks to Excel on Windows through pywin32 (installed with xlwings)."""
    try:
        importlib.import_module("win32com.client")
    except Exception as e:
        return Check(MISSING, f"Thiếu pywin32 ({type(e).__name__}) nên Python không điều khiển được Excel. "
                              "Hãy chạy: python -m pip install --force-reinstall pywin32")
    return Check(OK, "pywin32 (để Python làm việc với Excel).")


def check_workbook(workbook: Path) -> list[Check]:
    why = _name_problem(workbook)
    if not workbook.exists():
        if why:
            return [Check(MISSING, f"Không thấy sổ tính '{workbook}'. {why}")]
        return [Check(MISSING, f"Không thấy sổ tính '{workbook}'. Hãy tạo bằng lệnh: "
                               "tdkt build-workbook --out \"" + str(workbook) + "\"")]
    out = []
    stem = workbook.stem
    if why:
        out.append(Check(MISSING, why + " Hãy đổi tên sổ tính và tệp .py đi kèm cho khớp nhau."))
    py = workbook.with_suffix(".py")
    if not py.exists():
        out.append(Check(MISSING, f"Thiếu tệp '{py.name}' bên cạnh sổ tính (nút bấm chạy {stem}.main()). "
                                  f"Hãy chạy: tdkt build-workbook --out \"{workbook}\" để tạo lại cả hai tệp."))
    elif "def main" not in py.read_text(encoding="utf-8", errors="replace"):
        out.append(Check(MISSING, f"Tệp '{py.name}' không có hàm main(); hãy tạo lại bằng tdkt build-workbook."))
    else:
        out.append(Check(OK, f"Sổ tính {workbook} và tệp {py.name} đi kèm."))
    try:
        from tdkt_xl.io.sources import read_workbook
        res = read_workbook(workbook)
        n_err = sum(1 for f in res.findings if f.is_error)
        extra = f"; có {n_err} ô dữ liệu sai (bấm Kiểm tra dữ liệu để xem)" if n_err else ""
        out.append(Check(OK, f"Đọc được sổ tính: {len(res.round.units)} đơn vị{extra}."))
    except Exception as e:
        out.append(Check(MISSING, f"Không đọc được sổ tính: {e}"))
    return out


def _name_problem(workbook: Path) -> str:
    """The naming rule of the workbook builder (a Python module name)."""
    try:
        from tdkt_xl.builder.names import name_problem
    except ImportError:  # builder not installed: the bare rule
        if workbook.stem.isidentifier():
            return ""
        return (f"Tên sổ tính '{workbook.name}' không dùng được cho nút bấm: tên (bỏ đuôi) chỉ được "
                "gồm chữ không dấu, chữ số và dấu gạch dưới, không bắt đầu bằng chữ số.")
    return name_problem(workbook)


def check_templates(root: Path) -> Check:
    folder = root / "templates"
    if not folder.is_dir():
        return Check(MISSING, f"Thiếu thư mục mẫu văn bản '{folder}'. Hãy chép lại thư mục templates "
                              "từ bộ cài đặt.")
    docs = list(folder.glob("*.docx"))
    if not docs:
        return Check(MISSING, f"Thư mục '{folder}' không có mẫu văn bản .docx nào.")
    return Check(OK, f"Thư mục mẫu văn bản: {folder} ({len(docs)} mẫu).")


def soffice_path() -> str | None:
    for name in ("soffice", "libreoffice"):
        p = shutil.which(name)
        if p:
            return p
    for base in (os.environ.get("PROGRAMFILES", r"C:\Program Files"),
                 os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)")):
        p = Path(base) / "LibreOffice" / "program" / "soffice.exe"
        if p.exists():
            return str(p)
    mac = Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")
    return str(mac) if mac.exists() else None


def check_libreoffice() -> Check:
    p = soffice_path()
    if p:
        return Check(OK, f"LibreOffice (để tạo bản PDF): {p}")
    return Check(WARN, "Chưa có LibreOffice: vẫn tạo được văn bản Word, nhưng không tạo được bản PDF. "
                       "Muốn có PDF, hãy cài LibreOffice từ libreoffice.org.")


def check_output(workbook: Path) -> Check:
    try:
        from tdkt_xl.io.sources import read_workbook
        st = read_workbook(workbook).round.settings
    except Exception:
        return Check(WARN, "Chưa kiểm tra được thư mục kết quả (sổ tính chưa đọc được).")
    raw = (st.output_folder or "").strip()
    if not raw:
        return Check(MISSING, "Trang 'Cấu hình' chưa ghi 'Thư mục kết quả'.")
    folder = Path(raw.replace("\\", "/"))
    folder = folder if folder.is_absolute() else workbook.parent / folder
    probe = folder if folder.exists() else next((p for p in folder.parents if p.exists()), None)
    if probe is None or not os.access(probe, os.W_OK):
        return Check(MISSING, f"Không ghi được vào thư mục kết quả '{folder}'. Hãy chọn thư mục khác "
                              "ở trang 'Cấu hình' hoặc xin quyền ghi.")
    return Check(OK, f"Thư mục kết quả: {folder}" + ("" if folder.exists() else " (sẽ được tạo khi cần)"))


# the engines the buttons' jobs import when clicked (excel/jobs.py)
ENGINE_MODULES = ("tdkt_xl.gate", "tdkt_xl.documents.service", "tdkt_xl.appendices.service",
                  "tdkt_xl.reports.report", "tdkt_xl.reports.followup")


def check_jobs() -> Check:
    """Every job of the buttons, and the engine each one loads when clicked."""
    try:
        from tdkt_xl.excel import job_names
        jobs = job_names()
        for name in ENGINE_MODULES:
            importlib.import_module(name)
    except Exception as e:
        return Check(MISSING, f"Không nạp được phần nút bấm ({type(e).__name__}: {e}). "
                              "Hãy cài lại: pip install -r requirements.txt")
    return Check(OK, f"Nút bấm làm được đủ {len(jobs)} việc.")


def check_excel_side() -> Check:
    return Check(WARN, "Không kiểm tra được từ dòng lệnh: Excel phải cho phép macro của sổ tính "
                       "(Tệp > Tùy chọn > Trung tâm Tin cậy > Vị trí Tin cậy: thêm thư mục chứa sổ tính). "
                       "Xem hướng dẫn cài đặt trong README.")


def run_checks(workbook: Path, root: Path | None = None, pc=None) -> list[Check]:
    """``root``: where requirements.txt is looked for (default: the workbook's
    project folder when it has one, else this package's source tree).
    ``pc``: the facts of this PC (faked in tests)."""
    from tdkt_xl.cli._doctor_excel import PC, excel_checks
    pc = pc or PC.here()
    if root is None:
        project = workbook.resolve().parent.parent
        root = project if (project / "requirements.txt").exists() else project_root()
    checks = [check_python()]
    checks += check_packages(root / "requirements.txt")
    if sys.platform.startswith("win"):
        checks.append(check_pywin32())
    checks += excel_checks(workbook, pc)
    checks += check_workbook(workbook)
    if workbook.exists():
        checks.append(check_output(workbook))
    checks.append(check_templates(workbook.resolve().parent.parent if workbook.exists() else root))
    checks.append(check_libreoffice())
    checks.append(check_jobs())
    if sys.platform.startswith("win"):
        checks.append(check_excel_side())
    return checks


def doctor(workbook: Path, root: Path | None = None, out=print, pc=None) -> int:
    """Print the checks; 1 when something needed is missing, else 0."""
    checks = run_checks(workbook, root, pc)
    out(f"Kiểm tra cài đặt tdkt cho sổ tính {workbook}:")
    for c in checks:
        out("  " + c.line())
    missing = [c for c in checks if c.status == MISSING]
    if missing:
        out(f"Còn thiếu {len(missing)} mục (đánh dấu [THIẾU]); hãy làm theo hướng dẫn ở từng mục "
            "rồi chạy lại: tdkt doctor")
        return 1
    out("Cài đặt đầy đủ: các nút bấm trong sổ tính dùng được.")
    return 0


def cmd(args) -> int:
    from tdkt_xl.cli._common import default_workbook
    workbook = Path(args.workbook) if args.workbook else default_workbook()
    if args.set_interpreter:
        from tdkt_xl.cli._doctor_excel import PC, set_interpreter
        if not workbook.parent.is_dir():
            print(f"Lỗi: không có thư mục '{workbook.parent}'.")
            return 1
        code, lines = set_interpreter(workbook, PC.here())
        for line in lines:
            print(line)
        if code:
            return code
        print()
    return doctor(workbook)


def register(subparsers) -> None:
    p = subparsers.add_parser("doctor", help="Kiểm tra cài đặt trên máy này (Python, thư viện, sổ tính, mẫu, LibreOffice).",
                              description="Kiểm tra cài đặt trên máy này và nói rõ còn thiếu gì.")
    p.add_argument("workbook", nargs="?", help="sổ tính cần kiểm tra (mặc định workbook/tdkt_2024.xlsm)")
    p.add_argument("--set-interpreter", action="store_true",
                   help="chỉ cách để nút bấm chạy đúng Python này (ghi ở trang Cấu hình của sổ tính; "
                        "sổ tính cũ: ghi tệp xlwings.conf bên cạnh nếu Excel đọc được)")
    p.set_defaults(func=cmd)
