"""The table of Vietnam's holidays the calendar reads (``model/vn_holidays.py``)
is python-holidays, recorded: built from the library, equal to it date by
date, and used only while the version it was built from is installed."""
from __future__ import annotations

import datetime as dt

import pytest

from tdkt_xl.builder import holiday_table as HT
from tdkt_xl.model import calendar, vn_holidays as T


def test_committed_table_is_the_library_rebuilt():
    assert HT.TABLE_PATH.read_text(encoding="utf-8") == HT.table_text(), (
        "python-holidays changed: rebuild with `python -m tdkt_xl.builder.holiday_table`")


@pytest.mark.parametrize("year", range(T.FIRST_YEAR + 1, T.LAST_YEAR))
def test_table_agrees_with_the_library_on_every_day(year):
    """What the calendar asks the library for a date of ``year`` (the years
    around it), against the table, for each day of the year."""
    lib = HT.library([year - 1, year, year + 1])
    table = calendar._table()
    assert table is not None
    for d in HT.days(year):
        assert (table.get(d), table.is_working_day(d)) == (lib.get(d), lib.is_working_day(d)), d


def test_the_calendar_reads_the_table_while_the_version_matches(monkeypatch):
    asked = []
    monkeypatch.setattr(calendar, "_vn", lambda years: asked.append(years) or HT.library(years))
    monkeypatch.setattr(calendar, "_table", calendar._table.__wrapped__)
    cal = calendar.WorkCalendar(years=[2024])
    assert cal.holiday_name(dt.date(2024, 9, 2)) == "Quốc khánh"
    assert not cal.is_working_day(dt.date(2024, 4, 29)) and cal.is_working_day(dt.date(2024, 5, 4))
    assert asked == []
    # outside the table's years: the library
    assert cal.holiday_name(dt.date(T.LAST_YEAR, 9, 2)) == "Quốc khánh" and asked
    asked.clear()
    # another python-holidays: the library, for every date
    monkeypatch.setattr(calendar, "_holidays_version", lambda: "0.1")
    assert calendar.WorkCalendar(years=[2024]).holiday_name(dt.date(2024, 9, 2)) == "Quốc khánh"
    assert asked
    asked.clear()
    monkeypatch.setattr(calendar, "_holidays_version", lambda: None)     # cannot tell
    assert not calendar.WorkCalendar().is_working_day(dt.date(2024, 4, 29)) and asked


def test_installed_version_is_read_without_importing_the_library():
    import subprocess
    import sys
    code = ("import sys\nfrom tdkt_xl.model import calendar\n"
            "print(calendar._holidays_version(), 'holidays' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    import holidays
    assert out.stdout.split() == [holidays.__version__, "False"], out.stderr
