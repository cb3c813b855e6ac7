"""`tdkt doctor`: what xlwings' VBA will actually do on this PC when a button
is clicked, checked in VBA's own order (see tdkt_xl.io.xlwings_conf), and the
Windows settings a clerk's PC gets wrong.

The facts of the PC (ANSI code page, environment, registry, PATH) come in a
``PC`` value, so tests can fake a Windows PC on any system.
"""
from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Mapping, Optional

from tdkt_xl.cli.doctor import MISSING, OK, WARN, Check
from tdkt_xl.io import xlwings_conf as XC

SETTING_LABEL = "Python cho nút bấm"
FIX_DATE = ("Hãy đổi: Control Panel (Bảng điều khiển) > Clock and Region (Đồng hồ và Vùng) > "
            "Region (Vùng) > thẻ Formats (Định dạng) > Short date (Ngày dạng ngắn): chọn dd/MM/yyyy, "
            "bấm OK, rồi đóng và mở lại Excel.")


@dataclass
class PC:
    """What VBA depends on, on this PC (faked in tests)."""
    ansi: Optional[str]                    # Windows ANSI code page, e.g. "cp1258"; None off Windows
    environ: Mapping[str, str] = field(default_factory=dict)
    short_date: Optional[str] = None       # HKCU\Control Panel\International\sShortDate
    which: Callable[[str], Optional[str]] = shutil.which
    executable: str = sys.executable

    @classmethod
    def here(cls) -> "PC":
        return cls(ansi_codepage(), dict(os.environ), read_short_date())

    @property
    def windows(self) -> bool:
        return self.ansi is not None

    def ansi_safe(self, text: str) -> bool:
        """Whether ``text`` survives the ANSI code page (VBA's Open/GetAttr/Environ)."""
        if self.ansi is None:
            return True
        try:
            str(text).encode(self.ansi, errors="strict")
            return True
        except (UnicodeEncodeError, LookupError):
            return False


def local_path(text: str) -> Path:
    """A Windows path as this system opens it (backslashes are separators
    only on Windows; tests fake Windows elsewhere)."""
    return Path(text if os.sep == "\\" else text.replace("\\", "/"))


def ansi_codepage() -> Optional[str]:
    if not sys.platform.startswith("win"):
        return None
    import ctypes
    return f"cp{ctypes.windll.kernel32.GetACP()}"


def read_short_date() -> Optional[str]:
    """Windows' short-date pattern of the current user (None off Windows)."""
    try:
        import winreg
    except ImportError:
        return None
    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, r"Control Panel\International") as key:
            return str(winreg.QueryValueEx(key, "sShortDate")[0])
    except OSError:
        return None


# ------------------------------------------------------------------ the layers VBA reads
@dataclass
class View:
    """The settings as VBA sees them, and where they come from."""
    layers: XC.Layers
    files: dict                       # "directory"/"user" -> Path
    notes: list                       # checks found while reading
    python_cell: str = ""             # Cấu hình cell of the Python path ("" when none)


def read_view(workbook: Path, pc: PC) -> View:
    notes, sheet, cell = [], None, ""
    if workbook.exists():
        from tdkt_xl.io.sources import WorkbookError, read_file_arrays
        try:
            rows = read_file_arrays(workbook, [XC.SHEET]).get(XC.SHEET)
        except WorkbookError:
            rows = None
        if rows is not None:
            sheet, dups = XC.sheet_settings(rows)
            if dups:
                notes.append(Check(MISSING, f"Trang '{XC.SHEET}' của sổ tính ghi hai lần khóa "
                                            f"{', '.join(dups)}: nút bấm sẽ dừng với lỗi VBA. Hãy xóa "
                                            "dòng trùng (bỏ ẩn trang: chuột phải vào tên trang > Unhide)."))
            cell = _python_cell(workbook)
    files = {"directory": XC.directory_file(workbook), "user": XC.user_file(pc.environ)}
    got = {name: _file_layer(path, pc, notes) for name, path in files.items()}
    return View(XC.Layers(sheet, got["directory"], got["user"], pc.environ), files, notes, cell)


def _python_cell(workbook: Path) -> str:
    try:
        from tdkt_xl.io.sources import read_workbook
        return read_workbook(workbook).round.settings.cell(XC.PYTHON_SETTING)
    except Exception:
        return ""


def _file_layer(path: Optional[Path], pc: PC, notes: list) -> Optional[list]:
    if path is None or not path.is_file():
        return None
    if not pc.ansi_safe(str(path)):
        notes.append(Check(WARN, f"Excel không đọc được tệp '{path}': đường dẫn có chữ nằm ngoài bảng "
                                 f"mã ANSI ({pc.ansi}) của Windows, nên mọi thiết lập trong tệp này bị "
                                 "bỏ qua. Thiết lập cho nút bấm nằm trong trang xlwings.conf của sổ tính."))
        return None
    return XC.file_settings(path.read_bytes(), pc.ansi or "utf-8")


def _source(view: View, src: str) -> str:
    if src == "sheet":
        return f"trang '{XC.SHEET}' của sổ tính"
    if src in view.files:
        return f"tệp {view.files[src]}"
    return "mặc định của xlwings"


def _where_to_type(view: View) -> str:
    if view.layers.sheet is not None and "INTERPRETER_WIN" in view.layers.sheet:
        cell = f", ô {view.python_cell}" if view.python_cell else ""
        return f"trang 'Cấu hình' của sổ tính, mục '{SETTING_LABEL}'{cell}"
    return "tệp xlwings.conf bên cạnh sổ tính (tdkt doctor --set-interpreter)"


# ------------------------------------------------------------------ checks
def check_interpreter(view: View, pc: PC) -> Check:
    """The Python RunPython starts: INTERPRETER_WIN, else INTERPRETER, else
    'python' on PATH.  An explicit path is checked by VBA with GetAttr (ANSI)."""
    exe, src = view.layers.interpreter()
    where = _source(view, src)
    if exe.lower() in ("python", "pythonw"):
        found = pc.which("python")
        if not found:
            return Check(MISSING, "Không có lệnh 'python' trên PATH nên nút bấm trong Excel không chạy "
                                  "được. Hãy cài Python (đánh dấu 'Add python.exe to PATH'), hoặc ghi "
                                  f"đường dẫn python.exe vào {_where_to_type(view)}.")
        if "WindowsApps" in found:
            return Check(MISSING, f"Lệnh 'python' trên PATH là lối tắt Microsoft Store ({found}), không "
                                  "phải Python thật. Hãy cài Python từ python.org (đánh dấu 'Add python.exe "
                                  f"to PATH'), hoặc ghi đường dẫn python.exe vào {_where_to_type(view)}.")
        if _same_file(found, pc.executable):
            return Check(OK, f"Excel sẽ chạy Python trên PATH: {found} (theo {where}).")
        return Check(WARN, f"Excel sẽ chạy '{found}' (lệnh python trên PATH, theo {where}), khác với Python "
                           f"đang chạy lệnh này ({pc.executable}); thư viện phải được cài cho Python đó. "
                           f"Muốn dùng Python này cho Excel, hãy ghi '{pc.executable}' vào {_where_to_type(view)}.")
    if not pc.ansi_safe(exe):
        return Check(MISSING, f"Excel được chỉ chạy Python '{exe}' (theo {where}), nhưng đường dẫn có chữ nằm "
                              f"ngoài bảng mã ANSI ({pc.ansi}) của Windows: Excel sẽ báo 'Could not find "
                              f"Interpreter!'. Hãy xóa đường dẫn đó ở {_where_to_type(view)} (để trống: dùng "
                              "lệnh python trên PATH), hoặc cài Python cho mọi người dùng vào thư mục không "
                              "dấu (ví dụ C:\\Program Files\\Python311) rồi ghi đường dẫn mới.")
    if not local_path(exe).is_file():
        return Check(MISSING, f"Excel được chỉ chạy Python '{exe}' (theo {where}) nhưng không có tệp đó: "
                              f"Excel sẽ báo 'Could not find Interpreter!'. Hãy sửa ở {_where_to_type(view)} "
                              "(đường dẫn đầy đủ tới python.exe), hoặc để trống để dùng lệnh python trên PATH.")
    return Check(OK, f"Excel sẽ chạy Python: {exe} (theo {where}).")


def _same_file(a: str, b: str) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


def check_old_settings(view: View) -> list[Check]:
    """Keys an older xlwings set-up left in a settings file: harmless when the
    workbook's sheet carries the key, else they change what a click does."""
    out, masked = [], []
    sheet = view.layers.sheet or {}
    for name in ("directory", "user"):
        pairs = getattr(view.layers, name)
        if not pairs:
            continue
        path = view.files[name]
        for key in XC.CONFLICT_KEYS:
            value = XC.file_value(pairs, key)
            if value is None:
                continue
            if key in sheet:
                masked.append(f"{key} ({path.name if name == 'directory' else path})")
                continue
            why = _conflict_effect(key, value)
            if why:
                out.append(Check(WARN if key != "USE UDF SERVER" else MISSING,
                                 f"Tệp {path} có thiết lập cũ \"{key}\" = \"{value}\": {why} Hãy xóa dòng "
                                 "đó khỏi tệp (mở bằng Notepad)."))
    if masked:
        out.append(Check(OK, "Thiết lập xlwings cũ trên máy không ảnh hưởng (trang xlwings.conf của sổ tính "
                             f"được ưu tiên): {', '.join(masked)}."))
    return out


def _conflict_effect(key: str, value: str) -> str:
    v = value.strip().lower()
    if key == "USE UDF SERVER":
        return "nút bấm chạy qua máy chủ UDF của xlwings (cần add-in, không dùng được ở đây)." \
            if v in ("true", "1") else ""
    if key in ("CONDA PATH", "CONDA ENV"):
        return "Excel sẽ bật môi trường Conda đó thay cho Python đã cài tdkt." if v else ""
    if key == "PYTHONPATH":
        return "Python có thể nạp một bản tdkt khác từ các thư mục đó." if v else ""
    if key == "ADD_WORKBOOK_TO_PYTHONPATH":
        return "Python không tìm thấy tệp .py bên cạnh sổ tính." if v == "false" else ""
    if key == "SHOW_ERROR_POPUPS":
        return "lỗi của nút bấm ghi vào một trang 'Error' thay vì hiện thông báo." if v == "false" else ""
    if key in ("INTERPRETER_WIN", "INTERPRETER", "TEMP DIR"):
        return ""      # reported by the interpreter / temp checks with their source
    return ""


def check_temp(view: View, pc: PC) -> Check:
    """TEMP DIR: where VBA redirects a click's error output (``2> file``) and
    reads it back with ANSI Open.  Default: VBA's Environ("Temp") (ANSI)."""
    raw_temp = pc.environ.get("TEMP") or pc.environ.get("Temp") or ""
    folder, src = view.layers.get("TEMP DIR", raw_temp)
    where = _source(view, src)
    fix = ("Sổ tính tạo bằng tdkt build-workbook bản mới ghi sẵn TEMP DIR = "
           f"{XC.SAFE_TEMP_DIR} trong trang xlwings.conf; với sổ tính cũ, hãy thêm dòng "
           f"\"TEMP DIR\",\"{XC.SAFE_TEMP_DIR}\" vào tệp xlwings.conf bên cạnh sổ tính.")
    if folder.strip() == "":
        return Check(MISSING, f"Thư mục ghi tạm của nút bấm (TEMP DIR, theo {where}) để trống: nhật ký lỗi "
                              f"sẽ ghi ra gốc ổ đĩa, thường không được phép ghi. {fix}")
    if not pc.ansi_safe(folder):
        return Check(MISSING, f"Thư mục ghi tạm của nút bấm '{folder}' (theo {where}) có chữ nằm ngoài bảng "
                              f"mã ANSI ({pc.ansi}) của Windows (thường do tên người dùng có dấu): mọi nút "
                              f"bấm sẽ lỗi. {fix}")
    if not _writable(local_path(folder)):
        return Check(MISSING, f"Không ghi được vào thư mục ghi tạm của nút bấm '{folder}' (theo {where}). "
                              "Hãy nhờ bộ phận CNTT cho phép người dùng tạo tệp ở đó, hoặc đổi giá trị TEMP DIR "
                              f"trong trang xlwings.conf (bỏ ẩn trang) sang một thư mục không dấu ghi được.")
    return Check(OK, f"Thư mục ghi tạm của nút bấm: {folder} (theo {where}).")


def _writable(folder: Path) -> bool:
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix="tdkt-", suffix=".log"):
            return True
    except OSError:
        return False


def check_folder(workbook: Path, view: View, pc: PC) -> Check:
    folder = workbook.resolve().parent if workbook.exists() else workbook.parent
    if pc.ansi_safe(str(folder)):
        return Check(OK, f"Thư mục sổ tính đọc được bằng bảng mã ANSI ({pc.ansi}): {folder}.")
    if view.layers.sheet is not None:
        return Check(OK, f"Thư mục sổ tính có chữ ngoài bảng mã ANSI ({pc.ansi}) ({folder}): không sao, "
                         "thiết lập của nút bấm nằm trong trang xlwings.conf của sổ tính, không cần tệp "
                         "xlwings.conf bên cạnh.")
    return Check(WARN, f"Thư mục sổ tính có chữ ngoài bảng mã ANSI ({pc.ansi}) ({folder}) và sổ tính chưa có "
                       "trang xlwings.conf: Excel không đọc được tệp xlwings.conf đặt bên cạnh. Hãy chuyển "
                       "sổ tính sang thư mục không dấu (ví dụ D:\\tdkt), hoặc dùng sổ tính tạo bằng tdkt "
                       "build-workbook bản mới.")


_QUOTED = re.compile(r"'[^']*'")


def check_short_date(pc: PC) -> Optional[Check]:
    """Windows' short-date pattern: Excel reads a typed date in that order."""
    fmt = pc.short_date
    if not fmt:
        return None
    bare = _QUOTED.sub("", fmt)
    d, m = bare.find("d"), bare.find("M")
    if d != -1 and (m == -1 or d < m):
        return Check(OK, f"Ngày dạng ngắn của Windows: {fmt} (ngày trước tháng).")
    return Check(WARN, f"Windows đang đặt ngày dạng ngắn là '{fmt}' (tháng đứng trước ngày): Excel hiểu "
                       "10/06/2024 gõ vào là ngày 6 tháng 10 và không nhận 25/06/2024. " + FIX_DATE)


def excel_checks(workbook: Path, pc: PC) -> list[Check]:
    """The checks of what a click will do (on a non-Windows PC: the interpreter only)."""
    view = read_view(workbook, pc)
    out = list(view.notes)
    out.append(check_interpreter(view, pc))
    if pc.windows:
        out.append(check_temp(view, pc))
        out.append(check_folder(workbook, view, pc))
        out += check_old_settings(view)
    sd = check_short_date(pc)
    if sd:
        out.append(sd)
    return out


# ------------------------------------------------------------------ --set-interpreter
def set_interpreter(workbook: Path, pc: PC) -> tuple[int, list[str]]:
    """Tell the clerk where to type the Python path (the CLI never writes the
    master); for a workbook without the xlwings.conf sheet, write the file
    beside it - only where VBA can read it.  (exit code, lines)."""
    exe = pc.executable
    view = read_view(workbook, pc)
    if view.layers.sheet is not None and "INTERPRETER_WIN" in view.layers.sheet:
        cell = f", ô {view.python_cell}" if view.python_cell else ""
        if not pc.ansi_safe(exe):
            return 1, [f"Python này ({exe}) nằm ở đường dẫn có chữ ngoài bảng mã ANSI ({pc.ansi}) của Windows: "
                       "Excel không mở được nếu ghi rõ đường dẫn này.",
                       f"Hãy để TRỐNG mục '{SETTING_LABEL}' (trang 'Cấu hình'{cell}) và bảo đảm lệnh python "
                       "trên PATH là Python này (cài Python với 'Add python.exe to PATH'), hoặc cài Python cho "
                       "mọi người dùng vào thư mục không dấu (ví dụ C:\\Program Files\\Python311)."]
        return 0, ["Lệnh này không ghi vào sổ tính. Hãy tự ghi đường dẫn Python cho nút bấm:",
                   f"  1. Mở sổ tính {workbook.name}, trang 'Cấu hình', mục '{SETTING_LABEL}'{cell}.",
                   f"  2. Gõ (hoặc dán) vào ô đó: {exe}",
                   "  3. Bấm Lưu. Lần bấm nút sau, Excel chạy Python này."]
    folder = workbook.parent
    conf = XC.directory_file(workbook)
    if not pc.ansi_safe(str(conf)) or not pc.ansi_safe(exe):
        return 1, [f"Không ghi tệp {conf}: Excel không đọc được tệp này vì đường dẫn "
                   f"({folder if not pc.ansi_safe(str(conf)) else exe}) có chữ ngoài bảng mã ANSI ({pc.ansi}).",
                   "Hãy dùng sổ tính tạo bằng tdkt build-workbook bản mới (ghi Python ở trang 'Cấu hình'), "
                   "hoặc chuyển sổ tính và Python sang thư mục không dấu."]
    encoding = pc.ansi or "utf-8"
    lines = []
    if conf.exists():
        lines = [ln for ln in conf.read_bytes().decode(encoding, errors="replace").splitlines()
                 if not re.match(r'^\s*"?INTERPRETER(_WIN|_MAC)?"?\s*,', ln, re.IGNORECASE)]
    lines.append(f'"INTERPRETER_WIN","{exe}"')
    from tdkt_xl.io.atomic import OutputError, write_bytes
    try:
        write_bytes(conf, ("\r\n".join(lines) + "\r\n").encode(encoding))
    except OutputError as e:
        return 1, [str(e)]
    return 0, [f"Đã ghi {conf}: Excel sẽ chạy Python {exe}."]
