"""Rules on the Lịch kiểm tra sheet: who is inspected, when, and the lead
times of the notice and of the unit's report (counted in calendar or working
days as Cấu hình says)."""
from __future__ import annotations

import datetime as dt

from tdkt_xl.vocabulary import cells, schema as S
from tdkt_xl.model.vocab import (SESSION_AFTERNOON, SESSION_FULL, SESSION_MORNING,
                                 WEEKDAYS_VI)
from tdkt_xl.vocabulary import catalogue as C
from tdkt_xl.model.calendar import valid_lead
from tdkt_xl.rules.context import Context, cell_of, key, row_of

SHEET = S.SCHEDULE.name
NOON = dt.time(12, 0)
EVENING = dt.time(18, 0)

fd = cells.fmt_date


def weekday(d: dt.date) -> str:
    return WEEKDAYS_VI[d.weekday()]


def day_month_swapped(d: dt.date) -> dt.date | None:
    """``d`` with day and month exchanged (None when that is no date or the same)."""
    if d.day == d.month or d.day > 12:
        return None
    return dt.date(d.year, d.day, d.month)


def swap_hint(d: dt.date, start: dt.date, end: dt.date) -> str:
    """' Có thể đã nhập nhầm ngày/tháng: …' when ``d`` is outside start..end but
    its day/month swap is inside: a date typed d/m/y on a PC set to m/d/y
    (English (US) regional format), or the other way round."""
    s = day_month_swapped(d)
    if s is None or not (start <= s <= end):
        return ""
    return f" Có thể đã nhập nhầm ngày/tháng: {fd(d)} hay {fd(s)}?"


def check(ctx: Context):
    for u in ctx.round.units:
        if u.selected and u.code and key(u.code) not in ctx.inspections_by_unit:
            yield C.NOT_SCHEDULED.at(S.UNITS.name, cell_of(u, "selected"), u.code,
                                     unit_name=u.name, code=u.code)
    for rows in ctx.inspections_by_unit.values():
        first = rows[0]
        for dup in rows[1:]:
            yield C.SCHEDULED_TWICE.at(SHEET, cell_of(dup, "unit_code"), dup.unit_code,
                                       unit_name=ctx.unit_name(dup.unit_code), code=dup.unit_code,
                                       first_row=row_of(first), first_date=fd(first.date))
    for insp in ctx.round.inspections:
        yield from _unit(ctx, insp)
        yield from _date(ctx, insp)
        yield from _lead_times(ctx, insp)
        yield from _session(insp)
        yield from _review(ctx, insp)


def _unit(ctx: Context, insp):
    if not insp.unit_code:
        return
    u = ctx.unit(insp.unit_code)
    if u is None:
        yield C.SCHEDULE_UNKNOWN_UNIT.at(SHEET, cell_of(insp, "unit_code"), insp.unit_code,
                                         code=insp.unit_code)
    elif not u.selected:
        yield C.SCHEDULE_NOT_SELECTED.at(SHEET, cell_of(insp, "unit_code"), insp.unit_code,
                                         unit_name=u.name, code=u.code)


def _date(ctx: Context, insp):
    d, st = insp.date, ctx.settings
    if d is None:
        return
    where = (SHEET, cell_of(insp, "date"), insp.unit_code)
    if st.window_start and st.window_end and not (st.window_start <= d <= st.window_end):
        yield C.OUTSIDE_WINDOW.at(*where, date=fd(d), start=fd(st.window_start),
                                  end=fd(st.window_end), label=st.window_label or "theo Kế hoạch",
                                  swap=swap_hint(d, st.window_start, st.window_end))
    if not ctx.cal.is_working_day(d):
        holiday = ctx.cal.holiday_name(d)
        if holiday:
            yield C.HOLIDAY.at(*where, date=fd(d), weekday=weekday(d), holiday=holiday)
        else:
            yield C.WEEKEND.at(*where, date=fd(d), weekday=weekday(d))


def _lead_times(ctx: Context, insp):
    d, st = insp.date, ctx.settings
    if d is None:
        return
    n = st.notice_lead_days
    latest = None
    if insp.notice_date and valid_lead(n):
        try:
            latest = ctx.cal.days_before(d, n)
        except OverflowError:
            latest = None
        if latest and insp.notice_date > latest:
            yield C.NOTICE_LATE.at(SHEET, cell_of(insp, "notice_date"), insp.unit_code,
                                   notice=fd(insp.notice_date), days=n, counting=ctx.counting(),
                                   date=fd(d), latest=fd(latest))
    if insp.notice_date and not ctx.cal.is_working_day(insp.notice_date):
        nd = insp.notice_date
        what = ctx.cal.holiday_name(nd)
        what = f"ngày nghỉ ({what})" if what else f"{weekday(nd)}, ngày nghỉ"
        yield C.NOTICE_NON_WORKING.at(SHEET, cell_of(insp, "notice_date"), insp.unit_code,
                                      notice=fd(nd), what=what)
    if insp.report_due_shown and insp.report_due and insp.report_due_shown != insp.report_due:
        yield C.DUE_CELL_DIFFERS.at(SHEET, cell_of(insp, "report_due"), insp.unit_code,
                                    shown=fd(insp.report_due_shown), due=fd(insp.report_due))
    if insp.report_received and insp.report_due and insp.report_received > insp.report_due:
        yield C.REPORT_LATE.at(SHEET, cell_of(insp, "report_received"), insp.unit_code,
                               unit_name=ctx.unit_name(insp.unit_code),
                               received=fd(insp.report_received), due=fd(insp.report_due),
                               days=st.report_lead_days, counting=ctx.counting(), date=fd(d))


def _session(insp):
    t, s = insp.start_time, insp.session
    if t is None or not s:
        return
    ok = {SESSION_MORNING: t < NOON, SESSION_FULL: t < NOON,
          SESSION_AFTERNOON: NOON <= t < EVENING}.get(s, True)
    if not ok:
        yield C.SESSION_TIME.at(SHEET, cell_of(insp, "start_time"), insp.unit_code,
                                time=cells.fmt_time(t), session=s)


def _review(ctx: Context, insp):
    """An inspection by file is recorded on the day the delegation concluded
    its review of the file, which cannot be before the file arrived."""
    if not insp.by_files:
        return
    if insp.review_date is None:
        yield C.NO_REVIEW_DATE.at(SHEET, cell_of(insp, "review_date"), insp.unit_code,
                                  unit_name=ctx.unit_name(insp.unit_code))
    elif insp.report_received and insp.review_date < insp.report_received:
        yield C.REVIEW_BEFORE_FILE.at(SHEET, cell_of(insp, "review_date"), insp.unit_code,
                                      unit_name=ctx.unit_name(insp.unit_code),
                                      review=fd(insp.review_date), received=fd(insp.report_received))
