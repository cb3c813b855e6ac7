"""A click never ends in silence: when the workbook cannot be reached, a
Windows message box (faked here: ``ctypes.windll.user32``) says so in
Vietnamese and the process exits non-zero with an ASCII stderr line; a
workbook whose full name cannot be had (AutoSave'd OneDrive) still runs,
from the folder of its forwarding .py.  Runs on every OS."""
from __future__ import annotations

import ctypes
import sys
import types

import pytest

import xl_payload as X   # first: sets the licence key of the remote engine
import xlwings as xw
import tdkt_xl.excel as front
from tdkt_xl.excel import alarm, entry
from tdkt_xl.excel.bookio import BookIO
from tdkt_xl.io import controls as K
from tdkt_xl.vocabulary import schema as S

ARGV = ["-c", "--wb=tdkt_2024.xlsm", "--from_xl=1", "--app=C:\\x\\EXCEL.EXE", "--hwnd=1234"]


class User32:
    def __init__(self, works=True):
        self.boxes = []
        self.works = works

    def MessageBoxW(self, owner, text, title, flags):   # noqa: N802 (Windows' spelling)
        if not self.works:
            raise OSError("no desktop")
        self.boxes.append((text, title, flags))
        return 1


@pytest.fixture
def windows(monkeypatch):
    """Windows as far as a click can see: argv of RunPython and a user32."""
    user32 = User32()
    monkeypatch.setattr(ctypes, "windll", types.SimpleNamespace(user32=user32), raising=False)
    monkeypatch.setattr(sys, "argv", list(ARGV))
    monkeypatch.setattr(alarm, "FAST_EXIT", False)
    return user32


def _broken_caller():
    raise xw.XlwingsError("pywintypes.com_error: (-2147221005, 'Invalid class string')")


def test_caller_failure_from_excel_shows_a_box_and_exits_nonzero(windows, monkeypatch, capsys):
    monkeypatch.setattr(entry, "_caller", _broken_caller)
    with pytest.raises(SystemExit) as stop:
        front.main()
    assert stop.value.code not in (0, None)
    (text, title, flags), = windows.boxes
    assert "Python chưa kết nối được với sổ tính Excel" in text and "tdkt doctor" in text
    assert title == alarm.ALERT_TITLE and flags & 0x10
    err = capsys.readouterr().err
    assert err.startswith("tdkt: Python chua ket noi duoc voi so tinh Excel")
    assert err.isascii()


def test_without_user32_the_ascii_line_still_tells(monkeypatch, capsys):
    monkeypatch.setattr(ctypes, "windll", types.SimpleNamespace(user32=User32(works=False)), raising=False)
    monkeypatch.setattr(sys, "argv", list(ARGV))
    monkeypatch.setattr(entry, "_caller", _broken_caller)
    with pytest.raises(SystemExit):
        front.main()
    err = capsys.readouterr().err
    assert "tdkt doctor" in err and err.isascii()


def test_a_library_that_cannot_load_is_named(windows, monkeypatch, capsys):
    """The click's own code fails to import (e.g. a broken dependency)."""
    monkeypatch.setitem(sys.modules, "tdkt_xl.excel.entry", None)    # import raises ImportError
    with pytest.raises(SystemExit):
        front.main()
    text = windows.boxes[0][0]
    assert text.startswith("Chưa khởi động được tdkt: máy thiếu hoặc hỏng thư viện Python")
    assert capsys.readouterr().err.isascii()


def test_outside_excel_it_only_prints(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["tdkt"])
    monkeypatch.setattr(entry, "_caller", _broken_caller)
    out = front.main()
    assert not out.ok and "bấm nút trong sổ tính" in out.message
    assert "bấm nút trong sổ tính" in capsys.readouterr().out


def test_failed_excel_alert_falls_back_to_the_windows_box(windows, tmp_path, monkeypatch):
    arrays, _ = X.shipped_or_example()
    book = X.open_book(X.payload_from_arrays(arrays, active=S.UNITS.name))

    def no_alert(self, *a, **k):
        raise xw.XlwingsError("Excel is busy")
    monkeypatch.setattr(BookIO, "alert", no_alert)
    out = front.main(book, folder=tmp_path)
    assert out.ok and windows.boxes[0][0] == out.message


def test_onedrive_fullname_error_falls_back_to_the_forwarder_folder(windows, tmp_path, monkeypatch):
    """``Book.fullname`` raises for an AutoSave'd OneDrive workbook: outputs
    go beside the forwarding .py that SampleCall imported."""
    arrays, _ = X.shipped_or_example()
    arrays = {k: [list(r) for r in v] for k, v in arrays.items()}
    for row in arrays[S.CONTROL.name]:
        if row and row[0] == K.OPT_JOB:
            row[1] = K.JOB_OPEN_OUTPUT
    payload = X.payload_from_arrays(arrays, book_name="tdkt_2024.xlsm", active=S.CONTROL.name)
    book = X.open_book(payload)

    def onedrive(self):
        raise xw.XlwingsError("Couldn't find your local OneDrive for Business folder.")
    monkeypatch.setattr(xw.Book, "fullname", property(onedrive))
    forwarder = types.ModuleType("tdkt_2024")
    forwarder.__file__ = str(tmp_path / "tdkt_2024.py")
    monkeypatch.setitem(sys.modules, "tdkt_2024", forwarder)
    out = front.main()
    assert out.ok, out.message
    alert = X.apply(payload, book).alerts[-1]
    assert str(tmp_path) in alert and "lỗi không mong đợi" not in alert
    assert not windows.boxes


def test_ascii_text():
    assert alarm.ascii_text("Lỗi dữ liệu – Đơn vị") == "Loi du lieu ? Don vi"
