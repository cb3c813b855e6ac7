"""Entry point of the buttons of tdkt_2026_tinh.xlsm.

The workbook's VBA macro SampleCall (xlwings) runs ``import tdkt_2026_tinh; tdkt_2026_tinh.main()``.
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
                         "CNTT.\n" % detail.encode("ascii", "replace").decode())
        sys.stderr.flush()
    except Exception:
        pass
    raise SystemExit(1)
