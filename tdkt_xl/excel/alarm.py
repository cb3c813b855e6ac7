"""When a click fails before the workbook can be reached (xlwings cannot
find the calling book, a library is missing or broken), there is no Excel
alert to show the clerk.  xlwings' VBA shows a failed process's stderr only
after reading its log back with ANSI ``Line Input`` (Vietnamese letters come
out garbled, followed by an English hint), so the message is shown here with
a Unicode message box of Windows itself (``user32.MessageBoxW`` through
ctypes: no pywin32, which may be what is broken), then the process exits
non-zero with a plain-ASCII line on stderr as the fallback VBA shows.

Standard library only: this module must work when everything else fails.
"""
from __future__ import annotations

import gc
import os
import sys
import unicodedata

ALERT_TITLE = "tdkt – Kiểm tra thi đua, khen thưởng"
FROM_EXCEL = "--from_xl=1"          # xlwings' RunPython passes it to every click
EXIT_CODE = 1
# MB_OK | MB_ICONERROR | MB_SETFOREGROUND | MB_TOPMOST: not hidden behind Excel
MB_FLAGS = 0x0 | 0x10 | 0x10000 | 0x40000


def from_excel(argv=None) -> bool:
    """Was this process started by a button of a workbook (xlwings RunPython)?"""
    return FROM_EXCEL in (sys.argv if argv is None else argv)


def message_box(text: str, title: str = ALERT_TITLE) -> bool:
    """Show ``text`` in a Windows message box; False where there is none."""
    try:
        import ctypes
        user32 = ctypes.windll.user32       # AttributeError off Windows
        user32.MessageBoxW(None, str(text), str(title), MB_FLAGS)
        return True
    except Exception:
        return False


def ascii_text(text: str) -> str:
    """Vietnamese without diacritics (``Lỗi`` -> ``Loi``), for ANSI readers."""
    text = str(text).replace("đ", "d").replace("Đ", "D")
    flat = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in flat if not unicodedata.combining(ch)).encode("ascii", "replace").decode()


def stop_click(message: str) -> None:
    """From Excel: show ``message`` (Vietnamese) in a message box, write an
    ASCII copy on stderr and exit non-zero.  Elsewhere (a console, a test):
    print it and return."""
    if not from_excel():
        print(message)
        return
    message_box(message)
    try:
        sys.stderr.write("tdkt: " + ascii_text(message) + "\n")
        sys.stderr.flush()
    except Exception:
        pass
    raise SystemExit(EXIT_CODE)


def cannot_start(e: BaseException) -> str:
    """The message for a click that failed before the workbook was reached."""
    detail = f"{type(e).__name__}: {e}"
    if isinstance(e, ImportError):
        return ("Chưa khởi động được tdkt: máy thiếu hoặc hỏng thư viện Python "
                f"({detail}). Hãy chạy lệnh 'tdkt doctor' để kiểm tra cài đặt, hoặc báo bộ "
                "phận CNTT kèm nội dung thông báo này.")
    if from_excel():
        return ("Python chưa kết nối được với sổ tính Excel đang mở nên chưa làm được việc "
                "nào (thường do thư viện xlwings/pywin32 trên máy bị hỏng hoặc cài thiếu). "
                "Hãy chạy lệnh 'tdkt doctor' để kiểm tra cài đặt, hoặc báo bộ phận CNTT kèm "
                f"nội dung thông báo này. Chi tiết: {detail}")
    return ("main() chỉ chạy khi bấm nút trong sổ tính tdkt (Excel). Ở dòng lệnh, hãy dùng "
            f"lệnh tdkt (ví dụ: tdkt validate). Chi tiết: {detail}")


FAST_EXIT = True      # tests that fake a click from Excel turn it off


def finish_click() -> None:
    """End a click process started by Excel at once: the interpreter's own
    shutdown (tearing down every imported module) costs a fifth of a second
    that Excel, waiting for the process, stays frozen.  Everything a click
    writes is closed by then (files with ``with``, outputs renamed into place;
    the workbook's COM references are released as their last Python reference
    goes, and recent reference cycles are collected here), so only the
    standard streams are flushed.  Outside Excel: nothing happens."""
    if not (FAST_EXIT and from_excel()):
        return
    gc.collect(1)          # recent cycles only: a full collection costs 0.1 s
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    os._exit(0)
