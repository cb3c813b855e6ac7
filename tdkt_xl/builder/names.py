"""The naming rule of a master workbook: xlwings' ``SampleCall`` runs
``import <workbook name>``, so the file name (without .xlsm) must be a Python
module name, and a ``<name>.py`` forwarder must sit beside the workbook."""
from __future__ import annotations

import keyword
import re
import sys
from pathlib import Path

_MODULE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
# Module names a workbook must not shadow (beyond the standard library).
_TAKEN = {"tdkt_xl", "xlwings", "numpy", "pandas", "openpyxl", "xlsxwriter", "docx",
          "docxtpl", "holidays", "matplotlib", "python_calamine", "oletools", "jinja2", "lxml"}

FORWARDER = '''"""Entry point of the buttons of {name}.xlsm.

The workbook's VBA macro SampleCall (xlwings) runs ``import {name}; {name}.main()``.
Keep this file beside the workbook, with the same name; all logic lives in tdkt_xl.
When the project folder (this file's parent's parent) holds the tdkt_xl package,
that copy is used, wherever the folder has been moved or renamed to.
If tdkt_xl cannot be loaded on a click (missing, moved, damaged, a broken
library), this file says so itself in a Windows message box, in Vietnamese:
it needs nothing but Python's standard library.
"""
import sys
from pathlib import Path

_PROJECT = Path(__file__).resolve().parent.parent
if (_PROJECT / "tdkt_xl" / "__init__.py").is_file():
    sys.path.insert(0, str(_PROJECT))


def main():
    try:
        from tdkt_xl.excel import main as _m
    except Exception as e:
        if "--from_xl=1" not in sys.argv:      # not a click: the error as it is
            raise
        _cannot_load(e)
    return _m()


def _cannot_load(e):
    """Tell the clerk (Unicode message box, no pywin32), leave a plain-ASCII
    line on stderr for xlwings' VBA to show next, exit non-zero."""
    detail = "%s: %s" % (type(e).__name__, e)
    text = ("Chưa khởi động được tdkt: Python không nạp được gói chương trình tdkt_xl (%s). "
            "Thư mục %s cần có đủ thư mục tdkt_xl của bộ cài (chép lại nếu bị thiếu hoặc bị sửa), "
            "hoặc chạy lại tệp cai-dat.bat; sau đó chạy lệnh 'tdkt doctor' để kiểm tra. Nếu vẫn "
            "lỗi, hãy báo bộ phận CNTT kèm nội dung thông báo này." % (detail, _PROJECT))
    try:
        import ctypes
        # MB_ICONERROR | MB_SETFOREGROUND | MB_TOPMOST: not hidden behind Excel
        ctypes.windll.user32.MessageBoxW(None, text, "tdkt – Kiểm tra thi đua, khen thưởng",
                                         0x10 | 0x10000 | 0x40000)
    except Exception:
        pass
    try:
        sys.stderr.write("tdkt: chua khoi dong duoc tdkt, khong nap duoc goi tdkt_xl (%s). "
                         "Chay lai cai-dat.bat roi chay 'tdkt doctor'; neu van loi, bao bo phan "
                         "CNTT.\\n" % detail.encode("ascii", "replace").decode())
        sys.stderr.flush()
    except Exception:
        pass
    raise SystemExit(1)
'''


def name_problem(path) -> str:
    """Why this path cannot be a master workbook ('' when it can)."""
    p = Path(path)
    if p.suffix.lower() != ".xlsm":
        return (f"Tên tệp '{p.name}' phải có đuôi .xlsm (sổ tính có macro), "
                "ví dụ tdkt_2025.xlsm.")
    stem = p.stem
    if not _MODULE.match(stem):
        return (f"Tên tệp '{p.name}' không dùng được: tên sổ tính (phần trước .xlsm) chỉ được "
                "gồm chữ cái không dấu, chữ số và dấu gạch dưới, không bắt đầu bằng chữ số, "
                "không có dấu cách hay ngoặc (ví dụ tdkt_2025.xlsm). Lý do: nút bấm chạy "
                f"'import {stem}' trong Python.")
    if keyword.iskeyword(stem) or stem.lower() in _TAKEN or stem in sys.stdlib_module_names:
        return (f"Tên tệp '{p.name}' trùng tên một mô-đun Python có sẵn ('{stem}'); "
                "hãy đặt tên khác, ví dụ tdkt_2025.xlsm.")
    return ""


def forwarder_path(xlsm_path) -> Path:
    p = Path(xlsm_path)
    return p.with_name(p.stem + ".py")


def forwarder_text(xlsm_path) -> str:
    return FORWARDER.format(name=Path(xlsm_path).stem)
