"""Example CSV text -> typed cell values for the builder, and the cached
values of the workbook's formula columns (computed in Python with the same
rules the reader uses, so tools that do not calculate show the right values)."""
from __future__ import annotations

import datetime as dt

from tdkt_xl.vocabulary import cells, schema as S
from tdkt_xl.io.reader import read_settings
from tdkt_xl.model import Settings
from tdkt_xl.model.vocab import WEEKDAYS_VI
from tdkt_xl.model import calendar
from tdkt_xl.model.calendar import WorkCalendar


def typed(kind: str, text):
    """A CSV text value as the Python value the cell should hold.
    Values that do not convert stay text (the reader will report them)."""
    if cells.is_blank(text):
        return None
    try:
        if kind == S.DATE:
            return cells.to_date(text)
        if kind == S.TIME:
            return cells.to_time(text)
        if kind == S.DATETIME:
            d = cells.to_date(str(text).split(" ")[0])
            t = cells.to_time(str(text).split(" ")[1]) if " " in str(text) else dt.time(0, 0)
            return dt.datetime.combine(d, t)
        if kind == S.INT:
            return cells.to_int(text)
        if kind == S.NUMBER:
            return cells.to_number(text)
    except (cells.BadValue, IndexError):
        return cells.norm_text(text)
    return cells.norm_text(text)


def table_rows(sheet: S.Sheet, rows: list) -> list[dict]:
    """CSV rows (header first) -> one dict field -> typed value per data row,
    columns matched by header text; derived columns are left out."""
    if not rows:
        return []
    by_header = {cells.key_text(h): i for i, h in enumerate(rows[0])}
    out = []
    for row in rows[1:]:
        if all(cells.is_blank(v) for v in row):
            continue
        rec = {}
        for c in sheet.columns:
            i = by_header.get(cells.key_text(c.header))
            if c.derived or i is None or i >= len(row):
                continue
            rec[c.field] = typed(c.kind, row[i])
        out.append(rec)
    return out


def settings_rows(rows: list) -> list[tuple]:
    """Cấu hình CSV -> (label, typed value, note) per row, values typed by SETTING_KEYS."""
    kinds = {k: s.kind for k, s in S.setting_specs().items()}
    out = []
    for row in rows[1:]:
        if not row or cells.is_blank(row[0]):
            continue
        label = cells.norm_text(row[0])
        raw = row[1] if len(row) > 1 else ""
        note = cells.norm_text(row[2]) if len(row) > 2 else ""
        out.append((label, typed(kinds.get(cells.key_text(label), S.TEXT), raw), note))
    return out


def settings_of(rows: list) -> Settings:
    """The model's Settings from the Cấu hình rows (the reader's own code)."""
    return read_settings(rows, [])


def weekday_vi(d) -> str:
    return WEEKDAYS_VI[d.weekday()] if isinstance(d, dt.date) else ""


report_due = calendar.report_due       # the cached value of 'Hạn nộp báo cáo'


def holidays_for(settings: Settings) -> list[dt.date]:
    """Days off used by the WORKDAY formula: public holidays (and their
    compensating days off) of the round's year and its neighbours, plus the
    local days listed in Cấu hình."""
    cal = WorkCalendar.for_settings(settings)
    year = settings.year or 2024
    days = set(settings.extra_holidays)
    d = dt.date(year - 1, 1, 1)
    while d <= dt.date(year + 1, 12, 31):
        if d.weekday() < 5 and not cal.is_working_day(d):
            days.add(d)
        d += dt.timedelta(days=1)
    return sorted(days)


def excel_serial(d: dt.date) -> int:
    return (d - cells.EXCEL_EPOCH.date()).days
