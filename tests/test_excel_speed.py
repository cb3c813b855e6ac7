"""A click pays only for what it uses: xlwings without numpy/pandas/
matplotlib, python-holidays without its other countries, no slow interpreter
shutdown; and no step of a click is quadratic in the number of units.
(The figures: benchmarks/excel_clicks.py, fresh processes.)"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import xl_payload as X
from tdkt_xl.excel import alarm
from tdkt_xl.excel import findings_sheet as FS
from tdkt_xl.vocabulary import cells
from tdkt_xl.vocabulary.findings import ERROR, Finding

ROOT = Path(__file__).resolve().parents[1]


def fresh(code: str) -> str:
    """stdout of ``code`` run by a fresh interpreter on this checkout."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), XLWINGS_LICENSE_KEY="noncommercial")
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_click_imports_xlwings_without_the_data_libraries():
    got = fresh(
        "import sys\n"
        "from tdkt_xl.excel.xlimport import xlwings\n"
        "xw = xlwings()\n"
        "heavy = sorted(m for m in ('numpy', 'pandas', 'matplotlib') if m in sys.modules)\n"
        "print(heavy, hasattr(xw, 'Book'), 'numpy' in sys.modules)\n")
    assert got == "[] True False"


def test_the_data_libraries_still_import_after_xlwings():
    pytest.importorskip("pandas")
    got = fresh("from tdkt_xl.excel.xlimport import xlwings\nxlwings()\n"
                "import pandas, sys\nprint(pandas.DataFrame({'a': [1]}).shape)\n")
    assert got == "(1, 1)"


def test_calendar_loads_no_holidays_library_while_its_table_applies():
    """python-holidays' answers are recorded (model/vn_holidays.py, proved equal
    by tests/test_holiday_table.py): a click does not import the library."""
    got = fresh(
        "import sys, datetime as dt\n"
        "from tdkt_xl.model.calendar import WorkCalendar\n"
        "c = WorkCalendar(years=[2024])\n"
        "print(c.holiday_name(dt.date(2024, 9, 2)), c.is_working_day(dt.date(2024, 4, 29)),\n"
        "      sorted(m for m in sys.modules if m.split('.')[0] in ('holidays', 'dateutil', 'email')))\n")
    assert got == "Quốc khánh False []"


def test_calendar_without_its_table_loads_vietnam_only_and_agrees_with_holidays():
    got = fresh(
        "import sys, datetime as dt\n"
        "from tdkt_xl.model import calendar\n"
        "calendar._holidays_version = lambda: None     # another python-holidays\n"
        "from tdkt_xl.model.calendar import WorkCalendar\n"
        "c = WorkCalendar(years=[2024])\n"
        "print(c.holiday_name(dt.date(2024, 9, 2)), c.is_working_day(dt.date(2024, 4, 29)),\n"
        "      sum(m.startswith('holidays.countries.') for m in sys.modules),\n"
        "      'holidays.countries' in sys.modules)\n")
    assert got == "Quốc khánh False 1 False"
    import holidays
    from tdkt_xl.model.calendar import _vn
    years = (2023, 2024, 2025)
    ref = holidays.country_holidays("VN", years=list(years), language="vi")
    mine = _vn(years)
    assert dict(mine) == dict(ref) and mine.weekend_workdays == ref.weekend_workdays


def test_click_from_excel_ends_without_the_slow_shutdown(monkeypatch):
    exits = []
    monkeypatch.setattr(os, "_exit", lambda code: exits.append(code))
    monkeypatch.setattr(sys, "argv", ["-c", "--from_xl=1"])
    alarm.finish_click()
    assert exits == [0]
    monkeypatch.setattr(sys, "argv", ["tdkt"])
    alarm.finish_click()                      # outside Excel: nothing
    assert exits == [0]


def test_marks_of_many_findings_are_not_quadratic():
    n = 30000
    findings = [Finding("GT03", ERROR, "Đơn vị", cells.a1(r, c), "", "m")
                for r in range(n // 3, 0, -1) for c in (4, 1, 2)]
    findings += findings[:100]               # duplicates are kept once
    t = time.perf_counter()
    marks = FS.marks_by_sheet(findings)["Đơn vị"]
    secs = time.perf_counter() - t
    assert len(marks) == n and marks[:4] == ["B2", "C2", "E2", "B3"]
    assert secs < 1.5, f"{secs:.2f} s for {n} addresses"   # a list scan per address: ~10 s


def test_decision_role_scope_is_linear_in_units(monkeypatch):
    """The decision's role scope compared every unit with every other (0.99 s
    at 2,000 units, 4 s at 4,000): count those comparisons."""
    from tdkt_xl.documents import contexts as C
    from tdkt_xl.io.reader import read_round
    from tdkt_xl import model as m

    arrays, _ = X.shipped_or_example()
    rnd = read_round(X.scaled(arrays, 1000)).round
    rnd.index                                   # built before counting
    calls = {"eq": 0, "unit": 0}
    eq, unit = m.Unit.__eq__, m.Round.unit

    def counting_eq(a, b):
        calls["eq"] += 1
        return eq(a, b)

    def counting_unit(self, code):
        calls["unit"] += 1
        return unit(self, code)
    monkeypatch.setattr(m.Unit, "__eq__", counting_eq)
    monkeypatch.setattr(m.Round, "unit", counting_unit)
    members = C.whole_delegation(rnd)
    assert members and any(p["scope"] for p in members) is not None
    assert calls["eq"] + calls["unit"] <= len(rnd.units), calls



def test_validate_click_without_a_merge_loads_no_appendices_engine(tmp_path, monkeypatch):
    """The validate button reads the latest merge's contradictions; with no
    merge made yet it must not import the appendices engine (pandas)."""
    import datetime as dt
    from tdkt_xl.excel.entry import main
    from tdkt_xl.vocabulary import schema as S
    monkeypatch.setitem(sys.modules, "tdkt_xl.appendices.crosscheck", None)   # importing it fails
    arrays, _ = X.shipped_or_example()
    payload = X.payload_from_arrays(arrays, active=S.UNITS.name)
    book = X.open_book(payload)
    out = main(folder=tmp_path, clock=lambda: dt.datetime(2024, 6, 1, 9))
    assert out.ok and "bị lỗi" not in X.apply(payload, book).alerts[-1], out.message


def test_a_document_click_imports_no_url_or_mail_library(tmp_path):
    """The hidden marker every document carries is written with a local XML escape:
    ``xml.sax.saxutils`` pulled urllib.request and http.client into each document click."""
    from tdkt_xl.io import controls as K
    code = X.click_script(K.JOB_DECISION, tmp_path, ('urllib.request', 'http.client', 'xml.sax'))
    assert fresh(code).splitlines()[-1] == "True []"


def test_the_appendix_crosscheck_loads_no_merge_engine():
    """A validate click after a merge imports ``appendices.crosscheck``: the package no
    longer loads the merge engine and python-docx with it; its exports are unchanged."""
    got = fresh(
        "import sys\n"
        "import tdkt_xl.appendices.crosscheck\n"
        "print(sorted(m for m in ('tdkt_xl.appendices.merge', 'tdkt_xl.appendices.service',\n"
        "                         'docx') if m in sys.modules))\n"
        "import tdkt_xl.appendices.merge as sub\n"
        "from tdkt_xl.appendices import merge, merge_inbox, load_consolidated, __all__\n"
        "from tdkt_xl.appendices import service, stats\n"
        "print(merge is service.merge, merge_inbox is sys.modules['tdkt_xl.appendices.merge']"
        ".merge_inbox, load_consolidated is stats.load_consolidated, len(__all__))\n")
    assert got.splitlines() == ["[]", "True True True 9"]
