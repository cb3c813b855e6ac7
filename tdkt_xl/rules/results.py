"""Rules on what the delegation records after a visit: Kết quả kiểm tra,
Đánh giá chung, Kiến nghị.

Results of an inspection still to come (date after ``as_of``) cannot exist
yet: their absence is not reported.  For an inspection already held, what
the minutes need and is missing is an error that blocks that unit's minutes
only (the finding carries the unit)."""
from __future__ import annotations

import datetime as dt
import re

from tdkt_xl.vocabulary import cells, schema as S
from tdkt_xl.vocabulary.style import weekday_word
from tdkt_xl.model.vocab import FAIL, STATUS_DONE, STATUS_OPEN
from tdkt_xl.vocabulary import catalogue as C
from tdkt_xl.rules.context import Context, cell_of, key, row_of

fd = cells.fmt_date
EVALUATION_REQUIRED = ("end_time", "chair", "secretary", "strengths", "shortcomings")
EVALUATION_CONTENT = EVALUATION_REQUIRED + ("unit_attendees", "unit_opinion")


def short(text: str, n: int = 80) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def next_row_cell(records, sheet: str) -> str:
    """A1 cell where a new row of the sheet would go (below its last record)."""
    rows = [r.origin.row for r in records if r.origin]
    return f"A{max(rows) + 1 if rows else 2}"


def _unit_known(ctx: Context, record, sheet: str, what: str):
    """(finding, unit, inspection) of a row of a results sheet: KQ01 when its
    unit is unknown, KQ02 when the unit has no inspection (then unit is None)."""
    code = record.unit_code
    if not code:
        return None, None, None
    unit = ctx.unit(code)
    if unit is None:
        return C.RESULT_UNKNOWN_UNIT.at(sheet, cell_of(record, "unit_code"), code,
                                        code=code), None, None
    insp = ctx.inspection(code)
    if insp is None:
        return C.RESULT_NOT_INSPECTED.at(sheet, cell_of(record, "unit_code"), code,
                                         unit_name=unit.name, code=code, what=what), None, None
    return None, unit, insp


def check(ctx: Context):
    yield from _results(ctx)
    yield from _evaluations(ctx)
    yield from _recommendations(ctx)
    yield from _completeness(ctx)


def _results(ctx: Context):
    sheet = S.RESULTS.name
    seen, early = {}, set()
    for r in ctx.round.results:
        bad, unit, insp = _unit_known(ctx, r, sheet, "kết quả đánh giá")
        if bad:
            yield bad
        item = ctx.item(r.item_code) if r.item_code else None
        if r.item_code and item is None:        # said whatever the unit: a cause of its own
            yield C.ITEM_UNKNOWN.at(sheet, cell_of(r, "item_code"), unit.code if unit else r.unit_code,
                                    item=r.item_code)
        if unit is None:
            continue
        if item is not None and not item.applies(unit):
            yield C.ITEM_NOT_APPLICABLE.at(sheet, cell_of(r, "item_code"), unit.code,
                                           item=item.code, applies_to=item.applies_to,
                                           unit_name=unit.name, block=unit.block or "(chưa ghi khối)")
        pair = (key(unit.code), key(r.item_code))
        if r.item_code and pair in seen:
            yield C.RESULT_DUP.at(sheet, cell_of(r, "item_code"), unit.code, item=r.item_code,
                                  unit_name=unit.name, first_row=row_of(seen[pair]))
        elif r.item_code:
            seen[pair] = r
        if not ctx.held(insp):
            if r.assessment and insp.date and key(unit.code) not in early:
                early.add(key(unit.code))
                yield C.ASSESSED_EARLY.at(sheet, cell_of(r, "assessment"), unit.code,
                                          unit_name=unit.name, date=fd(insp.date),
                                          as_of=fd(ctx.as_of), what="kết quả đánh giá")
            continue
        if not r.assessment and r.item_code:
            yield C.ASSESSMENT_BLANK.at(sheet, cell_of(r, "assessment"), unit.code,
                                        item=r.item_code, unit_name=unit.name, date=fd(insp.date))
        if r.assessment == FAIL:
            if not r.remark:
                yield C.FAIL_NO_REMARK.at(sheet, cell_of(r, "remark"), unit.code,
                                          item=r.item_code, unit_name=unit.name)
            # an earlier round's, carried to re-check, is not this delegation's
            if not any(not x.carried for x in ctx.recommendations_by_unit.get(key(unit.code), ())):
                yield C.FAIL_NO_RECOMMENDATION.at(sheet, cell_of(r, "assessment"), unit.code,
                                                  item=r.item_code, unit_name=unit.name)


def _evaluations(ctx: Context):
    sheet = S.EVALUATIONS.name
    for code_key, rows in ctx.evaluations_by_unit.items():
        for dup in rows[1:]:
            yield C.EVALUATION_DUP.at(sheet, cell_of(dup, "unit_code"), dup.unit_code,
                                      unit_name=ctx.unit_name(dup.unit_code),
                                      first_row=row_of(rows[0]))
    for ev in ctx.round.evaluations:
        bad, unit, insp = _unit_known(ctx, ev, sheet, "đánh giá chung")
        if bad:
            yield bad
        if unit is None:
            continue
        if not ctx.held(insp):
            filled = [f for f in EVALUATION_CONTENT if getattr(ev, f)]
            if filled and insp.date:
                yield C.ASSESSED_EARLY.at(sheet, cell_of(ev, filled[0]), unit.code,
                                          unit_name=unit.name, date=fd(insp.date),
                                          as_of=fd(ctx.as_of), what="đánh giá chung")
            continue
        for f in EVALUATION_REQUIRED:
            if not getattr(ev, f):
                yield C.EVALUATION_BLANK.at(sheet, cell_of(ev, f), unit.code, unit_name=unit.name,
                                            date=fd(insp.date), column=S.EVALUATIONS.col(f).header)
        if ev.end_time and insp.start_time and ev.end_time <= insp.start_time:
            yield C.END_BEFORE_START.at(sheet, cell_of(ev, "end_time"), unit.code,
                                        end=cells.fmt_time(ev.end_time),
                                        start=cells.fmt_time(insp.start_time))
        yield from _cited_after(ctx, ev, unit, insp)
        people = [key(d.member_name) for d in ctx.delegation_by_unit.get(key(unit.code), [])]
        if people:
            for f, role in (("chair", "Chủ trì"), ("secretary", "Thư ký")):
                name = getattr(ev, f)
                if name and not any(p and p in key(name) for p in people):
                    yield C.CHAIR_NOT_IN_DELEGATION.at(sheet, cell_of(ev, f), unit.code, role=role,
                                                       name=name, unit_name=unit.name)


_CITED = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")
# words before a date that make it a commitment or a deadline, not a past event
_FUTURE = re.compile(r"(trước|hạn|chậm nhất|đến|dự kiến|sẽ|cam kết)\s*(ngày)?\s*$", re.I)


def cited_past_dates(text: str) -> list:
    """Dates a text cites as past events ("gửi ngày 14/06/2024"), leaving out
    commitments ("khắc phục trước ngày 30/9/2024")."""
    out = []
    for mt in _CITED.finditer(text or ""):
        if _FUTURE.search(text[max(0, mt.start() - 24):mt.start()]):
            continue
        try:
            out.append(dt.date(int(mt.group(3)), int(mt.group(2)), int(mt.group(1))))
        except ValueError:
            continue
    return out


def _cited_after(ctx: Context, ev, unit, insp):
    """A minutes document cannot report as done what happened after its date."""
    when = insp.minutes_date if insp else None
    if when is None:
        return
    for f in ("unit_opinion", "strengths", "shortcomings", "unit_attendees"):
        late = [d for d in cited_past_dates(getattr(ev, f)) if d > when]
        if late:
            yield C.DATE_AFTER_MINUTES.at(S.EVALUATIONS.name, cell_of(ev, f), unit.code,
                                          column=S.EVALUATIONS.col(f).header, unit_name=unit.name,
                                          cited=fd(late[0]), minutes=fd(when))


def _recommendations(ctx: Context):
    sheet = S.RECOMMENDATIONS.name
    early = set()
    for rec in ctx.round.recommendations:
        if rec.carried:                 # an earlier round's, to re-check: no inspection of this round
            if rec.unit_code and ctx.unit(rec.unit_code) is None:   # nor a successor (reader)
                yield C.CARRIED_NO_SUCCESSOR.at(sheet, cell_of(rec, "unit_code"), rec.unit_code,
                                                code=rec.unit_code, text=short(rec.text),
                                                succession=S.SUCCESSION.name)
            continue
        bad, unit, insp = _unit_known(ctx, rec, sheet, "kiến nghị")
        if bad:
            yield bad
        if unit is None:
            continue
        text = short(rec.text)
        if not ctx.held(insp) and insp.date and key(unit.code) not in early:
            early.add(key(unit.code))
            yield C.ASSESSED_EARLY.at(sheet, cell_of(rec, "text"), unit.code, unit_name=unit.name,
                                      date=fd(insp.date), as_of=fd(ctx.as_of), what="kiến nghị")
        if rec.deadline is None:
            yield C.NO_DEADLINE.at(sheet, cell_of(rec, "deadline"), unit.code, text=text,
                                   unit_name=unit.name)
        elif insp.date and rec.deadline <= insp.date:
            yield C.DEADLINE_TOO_EARLY.at(sheet, cell_of(rec, "deadline"), unit.code,
                                          deadline=fd(rec.deadline), text=text,
                                          date=fd(insp.date), unit_name=unit.name)
        elif rec.deadline < ctx.as_of and rec.status != STATUS_DONE:
            yield C.OVERDUE.at(sheet, cell_of(rec, "deadline"), unit.code, unit_name=unit.name,
                               text=text, deadline=fd(rec.deadline), as_of=fd(ctx.as_of),
                               status=rec.status or STATUS_OPEN)
        if rec.deadline and not ctx.cal.is_working_day(rec.deadline):
            what = ctx.cal.holiday_name(rec.deadline)
            what = f"ngày nghỉ ({what})" if what else f"{weekday_word(rec.deadline)}, ngày nghỉ"
            yield C.DEADLINE_NON_WORKING.at(sheet, cell_of(rec, "deadline"), unit.code,
                                            deadline=fd(rec.deadline), text=text, what=what,
                                            previous=fd(ctx.cal.previous_working_day(rec.deadline)))
        if rec.status == STATUS_DONE and rec.remedy_report_date is None:
            yield C.DONE_NO_DATE.at(sheet, cell_of(rec, "remedy_report_date"), unit.code,
                                    text=text, unit_name=unit.name)
        if rec.remedy_report_date:
            if insp.date and rec.remedy_report_date < insp.date:
                yield C.REMEDY_BEFORE_INSPECTION.at(sheet, cell_of(rec, "remedy_report_date"),
                                                    unit.code, remedy=fd(rec.remedy_report_date),
                                                    date=fd(insp.date), unit_name=unit.name)
            elif rec.remedy_report_date > ctx.as_of:
                yield C.REMEDY_IN_FUTURE.at(sheet, cell_of(rec, "remedy_report_date"), unit.code,
                                            remedy=fd(rec.remedy_report_date), as_of=fd(ctx.as_of))


def _completeness(ctx: Context):
    """Per inspection already held: every applicable item assessed, and the
    general evaluation present (blocks that unit's minutes only)."""
    results_cell = next_row_cell(ctx.round.results, S.RESULTS.name)
    eval_cell = next_row_cell(ctx.round.evaluations, S.EVALUATIONS.name)
    for code_key, insps in ctx.inspections_by_unit.items():
        insp = insps[0]
        unit = ctx.unit(insp.unit_code)
        if unit is None or not ctx.held(insp):
            continue
        present = {key(r.item_code) for r in ctx.results_by_unit.get(code_key, [])}
        missing = [i.code for i in ctx.round.checklist
                   if i.code and i.applies(unit) and key(i.code) not in present]
        if missing:
            yield C.RESULTS_MISSING.at(S.RESULTS.name, results_cell, unit.code,
                                       unit_name=unit.name, date=fd(insp.date),
                                       count=len(missing), items=", ".join(missing))
        if code_key not in ctx.evaluations_by_unit:
            yield C.EVALUATION_MISSING.at(S.EVALUATIONS.name, eval_cell, unit.code,
                                          unit_name=unit.name, code=unit.code, date=fd(insp.date))
