"""The buttons on a clerk's PC with Vietnamese folders and user names:
the workbook carries xlwings' settings in its hidden ``xlwings.conf`` sheet
(read through cells, Unicode-safe), and `tdkt doctor` reports what xlwings'
VBA will actually do - in VBA's order of precedence and through Windows' ANSI
code page.  Windows is faked (code page, environment, registry, PATH): these
tests run on every system."""
from __future__ import annotations

import shutil
import sys
import types
from pathlib import Path

import openpyxl
import pytest

import xl_payload as X
from tdkt_xl.builder.workbook import EXAMPLE_DIR, build_workbook
from tdkt_xl.cli import _doctor_excel as E
from tdkt_xl.cli import doctor as D
from tdkt_xl.io import xlwings_conf as XC
from tdkt_xl.io.sources import read_file_arrays, read_workbook
from tdkt_xl.vocabulary import schema as S

VI = "Phòng Nội vụ"          # "ộ" is in no ANSI code page (cp1252, cp1258)


def _pc(tmp_path, ansi="cp1258", user="Nguyễn Thị Hoa", python=None, short_date="dd/MM/yyyy", **env):
    """A Windows PC: user profile and %TEMP% under the user's name, C:\\Windows\\Temp."""
    home = tmp_path / "Users" / user
    temp = home / "AppData" / "Local" / "Temp"
    system = tmp_path / "Windows"
    for d in (temp, system / "Temp"):
        d.mkdir(parents=True, exist_ok=True)
    environ = {"USERPROFILE": str(home), "TEMP": str(temp), "SystemRoot": str(system)}
    environ.update(env)
    exe = python or sys.executable
    return E.PC(ansi, environ, short_date, which=lambda name: exe, executable=exe)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The master workbook as built today, in a folder with Vietnamese letters."""
    folder = tmp_path_factory.mktemp("d") / VI / "Thi đua 2024"
    return build_workbook(folder / "tdkt_2024.xlsm")


def _old_workbook(folder: Path) -> Path:
    """A workbook without the xlwings.conf sheet (built before it existed)."""
    from test_excel_roundtrip import _xlsx
    folder.mkdir(parents=True, exist_ok=True)
    wb = _xlsx(folder / "tdkt_2024.xlsm", X.typed_example_sheets())
    return wb


def _text(checks) -> str:
    return "\n".join(c.line() for c in checks)


# ------------------------------------------------------------------ the sheet
def test_workbook_carries_the_button_settings_in_its_xlwings_conf_sheet(built):
    rows = read_file_arrays(built, [XC.SHEET])[XC.SHEET]
    settings, dups = XC.sheet_settings(rows)
    assert not dups
    assert settings == {"INTERPRETER_WIN": "python", "TEMP DIR": XC.SAFE_TEMP_DIR,
                        "USE UDF SERVER": "False", "CONDA PATH": "", "CONDA ENV": "",
                        "PYTHONPATH": "", "ADD_WORKBOOK_TO_PYTHONPATH": "true",
                        "SHOW CONSOLE": "False", "SHOW_ERROR_POPUPS": "True"}
    assert rows[0][0] == "INTERPRETER_WIN", "VBA reads keys from A1 down: no header row"
    book = openpyxl.load_workbook(built, keep_vba=True)
    ws = book[XC.SHEET]
    assert ws.sheet_state == "hidden"
    cell = read_workbook(built).round.settings.cell(XC.PYTHON_SETTING)
    col, row = cell[0], cell[1:]
    assert ws["B1"].value == XC.interpreter_formula(f"'{S.SETTINGS.name}'!${col}${row}")
    assert book[S.SETTINGS.name][f"A{row}"].value == "Python cho nút bấm"


def test_interpreter_cell_value_reaches_the_sheet(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE_DIR, data)
    csv = data / f"{S.SETTINGS.name}.csv"
    text = csv.read_text(encoding="utf-8").replace(
        "Python cho nút bấm,,", 'Python cho nút bấm,"""C:\\Program Files\\Python311\\python.exe""",')
    csv.write_text(text, encoding="utf-8")
    wb = build_workbook(tmp_path / "wb" / "tdkt_2024.xlsm", data_dir=data)
    settings, _ = XC.sheet_settings(read_file_arrays(wb, [XC.SHEET])[XC.SHEET])
    assert settings["INTERPRETER_WIN"] == r"C:\Program Files\Python311\python.exe"
    assert read_workbook(wb).round.settings.python_path.strip('"') == r"C:\Program Files\Python311\python.exe"


def test_vba_precedence_sheet_then_folder_file_then_user_file():
    """GetConfig: a key in the sheet wins even when empty; RunPython falls back
    from INTERPRETER_WIN to INTERPRETER, then to 'python'."""
    env = {"PY": r"C:\Py"}
    user = [("INTERPRETER", r"%PY%\python.exe"), ("TEMP DIR", r"C:\u")]
    folder = [("interpreter_win", r"C:\folder\python.exe"), ("TEMP DIR", r"C:\d")]
    L = XC.Layers({"INTERPRETER_WIN": ""}, folder, user, env)
    assert L.interpreter() == (r"C:\Py\python.exe", "user")
    assert L.get("TEMP DIR") == (r"C:\d", "directory")
    assert XC.Layers(None, folder, user, env).interpreter() == (r"C:\folder\python.exe", "directory")
    assert XC.Layers({}, None, None, env).interpreter() == ("python", "default")
    assert XC.Layers({"TEMP DIR": ""}, folder, user, env).get("TEMP DIR") == ("", "sheet")


def test_sheet_reading_follows_vba(tmp_path):
    rows = [["interpreter_win", "python"], ["TEMP DIR", None], ["USE UDF SERVER", False],
            [None, "bỏ qua"], ["PYTHONPATH", "x"]]
    settings, dups = XC.sheet_settings(rows)
    assert settings == {"INTERPRETER_WIN": "python", "TEMP DIR": "", "USE UDF SERVER": "False"}
    assert XC.sheet_settings([["A", 1], ["a", 2]])[1] == ["A"]
    assert XC.interpreter_value(' "C:\\Python311\\python.exe" ') == "C:\\Python311\\python.exe"
    assert XC.interpreter_value(None) == "python"


# ------------------------------------------------------------------ doctor, faked Windows
def test_new_workbook_in_vietnamese_folder_for_vietnamese_user_passes(built, tmp_path):
    pc = _pc(tmp_path)
    text = _text(E.excel_checks(built, pc))
    assert "[THIẾU]" not in text, text
    assert f"Excel sẽ chạy Python trên PATH: {sys.executable} (theo trang 'xlwings.conf'" in text
    assert f"Thư mục ghi tạm của nút bấm: {tmp_path / 'Windows'}\\Temp" in text
    assert "Thư mục sổ tính có chữ ngoài bảng mã ANSI (cp1258)" in text and "không sao" in text


def test_old_workbook_for_vietnamese_user_fails_on_temp(tmp_path):
    """Without the sheet, VBA writes the click's log to %TEMP% (Environ, ANSI):
    C:\\Users\\Nguyễn Thị Hoa\\... - every click fails."""
    wb = _old_workbook(tmp_path / "D" / "tdkt" / "workbook")
    checks = E.excel_checks(wb, _pc(tmp_path))
    temp = next(c for c in checks if "ghi tạm" in c.text)
    assert temp.status == D.MISSING and "ngoài bảng mã ANSI (cp1258)" in temp.text
    assert f'"TEMP DIR","{XC.SAFE_TEMP_DIR}"' in temp.text
    # an English user name is fine even without the sheet
    ok = next(c for c in E.excel_checks(wb, _pc(tmp_path / "en", user="hoa")) if "ghi tạm" in c.text)
    assert ok.status == D.OK


def test_empty_temp_dir_is_refused(tmp_path):
    wb = _old_workbook(tmp_path / "wb")
    (wb.parent / "xlwings.conf").write_bytes(b'"TEMP DIR",""\r\n')
    temp = next(c for c in E.excel_checks(wb, _pc(tmp_path, user="hoa")) if "ghi tạm" in c.text)
    assert temp.status == D.MISSING and "gốc ổ đĩa" in temp.text


def test_explicit_interpreter_with_vietnamese_letters_is_reported(tmp_path):
    """INTERPRETER_WIN is checked by VBA with GetAttr (ANSI): 'Install Now' under
    C:\\Users\\Nguyễn... gives 'Could not find Interpreter!'."""
    home_python = tmp_path / "Users" / "Nguyễn Thị Hoa" / "Python311" / "python.exe"
    home_python.parent.mkdir(parents=True)
    home_python.write_bytes(b"")
    wb = _old_workbook(tmp_path / "wb")
    (wb.parent / "xlwings.conf").write_bytes(f'"INTERPRETER_WIN","{home_python}"\r\n'.encode("utf-8"))
    pc = _pc(tmp_path, ansi="utf-8")          # a UTF-8 code page reads it: found
    assert E.check_interpreter(E.read_view(wb, pc), pc).status == D.OK
    # the file itself is written in UTF-8, so under cp1258 VBA reads mojibake: either way not found
    for ansi in ("cp1252", "cp1258"):
        c = E.check_interpreter(E.read_view(wb, _pc(tmp_path, ansi=ansi)), _pc(tmp_path, ansi=ansi))
        assert c.status == D.MISSING and "Could not find Interpreter!" in c.text


def test_blank_python_cell_uses_python_on_path_and_store_alias_is_caught(built, tmp_path):
    pc = _pc(tmp_path, python=r"C:\Users\hoa\AppData\Local\Microsoft\WindowsApps\python.exe")
    c = E.check_interpreter(E.read_view(built, pc), pc)
    assert c.status == D.MISSING and "Microsoft Store" in c.text
    assert "trang 'Cấu hình' của sổ tính, mục 'Python cho nút bấm', ô B" in c.text


def test_settings_left_by_an_older_xlwings_setup(built, tmp_path):
    pc = _pc(tmp_path, user="hoa")
    user_conf = Path(pc.environ["USERPROFILE"]) / ".xlwings" / "xlwings.conf"
    user_conf.parent.mkdir(parents=True)
    user_conf.write_bytes(b'"USE UDF SERVER","True"\r\n"CONDA PATH","C:\\Anaconda3"\r\n'
                          b'"CONDA ENV","base"\r\n"PYTHONPATH","C:\\cu"\r\n')
    masked = _text(E.excel_checks(built, pc))
    assert "[THIẾU]" not in masked and "không ảnh hưởng" in masked and "USE UDF SERVER" in masked
    old = _old_workbook(tmp_path / "cu")
    checks = E.excel_checks(old, pc)
    udf = next(c for c in checks if '"USE UDF SERVER"' in c.text)
    assert udf.status == D.MISSING and "Hãy xóa dòng đó" in udf.text and str(user_conf) in udf.text
    assert any('"CONDA ENV"' in c.text and c.status == D.WARN for c in checks)
    assert any('"PYTHONPATH"' in c.text and c.status == D.WARN for c in checks)


def test_user_file_under_a_vietnamese_profile_is_ignored_by_vba(tmp_path):
    pc = _pc(tmp_path)
    user_conf = Path(pc.environ["USERPROFILE"]) / ".xlwings" / "xlwings.conf"
    user_conf.parent.mkdir(parents=True)
    user_conf.write_bytes(b'"INTERPRETER_WIN","C:\\Python311\\python.exe"\r\n')
    wb = _old_workbook(tmp_path / "wb")
    view = E.read_view(wb, pc)
    assert view.layers.user is None
    assert any("Excel không đọc được tệp" in c.text and str(user_conf) in c.text for c in view.notes)
    assert view.layers.interpreter() == ("python", "default")


# ------------------------------------------------------------------ short date (registry)
class _FakeWinreg(types.ModuleType):
    HKEY_CURRENT_USER = "HKCU"

    def __init__(self, values):
        super().__init__("winreg")
        self.values = values

    def OpenKey(self, root, path):
        key = (root, path)
        if key not in self.values:
            raise OSError("no key")
        reg = self

        class _Key:
            def __enter__(self):
                return key

            def __exit__(self, *a):
                return False
        self._last = key
        return _Key()

    def QueryValueEx(self, key, name):
        return self.values[key][name], 1


@pytest.mark.parametrize("fmt,status", [("M/d/yyyy", D.WARN), ("MM/dd/yy", D.WARN),
                                        ("yyyy-MM-dd", D.WARN), ("dd/MM/yyyy", D.OK),
                                        ("d/M/yyyy", D.OK), ("dd'/'MM'/'yyyy", D.OK)])
def test_short_date_format_is_read_from_the_registry(monkeypatch, fmt, status):
    reg = _FakeWinreg({("HKCU", r"Control Panel\International"): {"sShortDate": fmt}})
    monkeypatch.setitem(sys.modules, "winreg", reg)
    assert E.read_short_date() == fmt
    c = E.check_short_date(E.PC("cp1258", {}, E.read_short_date()))
    assert c.status == status
    if status == D.WARN:
        assert "Short date (Ngày dạng ngắn): chọn dd/MM/yyyy" in c.text and "6 tháng 10" in c.text


def test_no_registry_key_means_no_date_check(monkeypatch):
    monkeypatch.setitem(sys.modules, "winreg", _FakeWinreg({}))
    assert E.read_short_date() is None
    assert E.check_short_date(E.PC("cp1252", {}, None)) is None


# ------------------------------------------------------------------ --set-interpreter
def test_set_interpreter_tells_where_to_type_and_never_writes_the_master(built, tmp_path):
    before = built.read_bytes()
    pc = _pc(tmp_path, python=r"C:\Program Files\Python311\python.exe")
    code, lines = E.set_interpreter(built, pc)
    text = "\n".join(lines)
    assert code == 0 and "trang 'Cấu hình', mục 'Python cho nút bấm', ô B" in text
    assert r"C:\Program Files\Python311\python.exe" in text
    assert built.read_bytes() == before and not (built.parent / "xlwings.conf").exists()
    code, lines = E.set_interpreter(built, _pc(tmp_path, python=r"C:\Users\Nguyễn\Python311\python.exe"))
    assert code == 1 and "để TRỐNG" in "\n".join(lines)


def test_set_interpreter_writes_a_file_only_where_vba_can_read_it(tmp_path):
    """The old command wrote xlwings.conf beside a workbook in D:\\Phòng Nội vụ\\...,
    a file VBA never opens; now it refuses and says why."""
    vi = _old_workbook(tmp_path / VI / "workbook")
    code, lines = E.set_interpreter(vi, _pc(tmp_path, python=r"C:\Python311\python.exe"))
    assert code == 1 and not (vi.parent / "xlwings.conf").exists()
    assert "ngoài bảng mã ANSI (cp1258)" in "\n".join(lines)
    ascii_wb = _old_workbook(tmp_path / "tdkt" / "workbook")
    (ascii_wb.parent / "xlwings.conf").write_bytes(b'"INTERPRETER_WIN","C:\\cu\\python.exe"\r\n"TEMP DIR","C:\\t"\r\n')
    code, _ = E.set_interpreter(ascii_wb, _pc(tmp_path, python=r"C:\Python311\python.exe"))
    assert code == 0
    assert (ascii_wb.parent / "xlwings.conf").read_bytes() == \
        b'"TEMP DIR","C:\\t"\r\n"INTERPRETER_WIN","C:\\Python311\\python.exe"\r\n'


def test_doctor_prints_the_vba_checks(built, tmp_path):
    lines = []
    D.doctor(built, out=lines.append, pc=_pc(tmp_path, short_date="M/d/yyyy"))
    text = "\n".join(lines)
    assert "Excel sẽ chạy Python" in text and "Thư mục ghi tạm của nút bấm" in text
    assert "[LƯU Ý] Windows đang đặt ngày dạng ngắn là 'M/d/yyyy'" in text
