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


# The forwarder beside the workbook (generated by the builder) is the only code
# of a click that does not need tdkt_xl: when tdkt_xl itself cannot be loaded
# (missing, moved, a syntax error, a broken dependency), it alone can tell.

def _forwarder(folder):
    import importlib.util
    from tdkt_xl.builder.names import forwarder_text
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "tdkt_2031.py"
    path.write_text(forwarder_text(folder / "tdkt_2031.xlsm"), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("tdkt_2031", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_forwarder_shows_a_box_when_tdkt_xl_cannot_load(windows, tmp_path, monkeypatch, capsys):
    fwd = _forwarder(tmp_path / "Thi đua 2031" / "workbook")
    monkeypatch.setitem(sys.modules, "tdkt_xl.excel", None)     # import raises ImportError
    with pytest.raises(SystemExit) as stop:
        fwd.main()
    assert stop.value.code == 1
    (text, title, flags), = windows.boxes
    assert text.startswith("Chưa khởi động được tdkt: Python không nạp được gói chương trình tdkt_xl")
    assert "tdkt doctor" in text and str(tmp_path / "Thi đua 2031") in text
    assert title == alarm.ALERT_TITLE and flags & 0x10 and flags & 0x40000
    err = capsys.readouterr().err
    assert err.startswith("tdkt: chua khoi dong duoc tdkt") and "import of tdkt_xl.excel" in err
    assert err.isascii() and err.count("\n") == 1


def test_forwarder_outside_excel_raises_the_import_error(tmp_path, monkeypatch):
    fwd = _forwarder(tmp_path / "workbook")
    monkeypatch.setattr(sys, "argv", ["tdkt"])
    monkeypatch.setattr(ctypes, "windll", types.SimpleNamespace(user32=User32()), raising=False)
    monkeypatch.setitem(sys.modules, "tdkt_xl.excel", None)
    with pytest.raises(ImportError):
        fwd.main()
    assert not ctypes.windll.user32.boxes


FAKE_WINDOWS = """
import ctypes, sys, types
class User32:
    def MessageBoxW(self, owner, text, title, flags):
        print("BOX", flags, title, text)
        return 1
if sys.argv[2] == "fake":
    ctypes.windll = types.SimpleNamespace(user32=User32())
sys.path.insert(0, sys.argv[1])
import tdkt_2031
tdkt_2031.main()
"""


@pytest.mark.parametrize("case", ["syntax error", "missing"])
def test_forwarder_box_in_a_fresh_click_process(tmp_path, case):
    """As RunPython starts a click: a fresh Python, ``--from_xl=1``; the
    project folder holds a damaged tdkt_xl (it comes first on sys.path), or
    none at all and none is installed (``-S``: no site-packages)."""
    import subprocess
    project = tmp_path / "Phòng Nội vụ"
    _forwarder(project / "workbook")
    if case == "syntax error":
        (project / "tdkt_xl" / "excel").mkdir(parents=True)
        (project / "tdkt_xl" / "__init__.py").write_text("", encoding="utf-8")
        (project / "tdkt_xl" / "excel" / "__init__.py").write_text("def main(:\n", encoding="utf-8")
    env = {k: v for k, v in __import__("os").environ.items() if k != "PYTHONPATH"}
    for windows_ in ("fake", "none"):
        proc = subprocess.run([sys.executable, "-S", "-X", "utf8", "-c", FAKE_WINDOWS,
                               str(project / "workbook"), windows_, "--wb=tdkt_2031.xlsm", "--from_xl=1"],
                              cwd=tmp_path, env=env, capture_output=True)
        out, err = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
        assert proc.returncode == 1, err
        assert err.isascii() and err.startswith("tdkt: chua khoi dong duoc tdkt"), err
        assert ("SyntaxError" if case == "syntax error" else "ModuleNotFoundError") in err
        if windows_ == "fake":
            assert out.startswith(f"BOX {0x10 | 0x10000 | 0x40000} {alarm.ALERT_TITLE} "
                                  "Chưa khởi động được tdkt"), out
            assert str(project) in out
        else:
            assert out == ""
