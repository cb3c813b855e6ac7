"""Rules on the Thành phần đoàn sheet: composition of each unit's delegation
(Kế hoạch mục III.1) and people booked in two places at once."""
from __future__ import annotations

from collections import defaultdict

from tdkt_xl.vocabulary import cells, schema as S
from tdkt_xl.model import roles
from tdkt_xl.model.vocab import PNV_LEADER, PNV_SPECIALIST, SESSION_FULL, TASK_DEPUTY, TASK_HEAD
from tdkt_xl.vocabulary import catalogue as C
from tdkt_xl.rules.context import Context, cell_of, key, row_of

SHEET = S.DELEGATION.name


def overlaps(a: str, b: str) -> bool:
    """Buổi overlap: the same one, or either is Cả ngày."""
    return bool(a and b) and (a == b or SESSION_FULL in (a, b))


def check(ctx: Context):
    for code_key, insps in ctx.inspections_by_unit.items():
        insp = insps[0]
        unit = ctx.unit(insp.unit_code)
        if unit is None:
            continue  # reported by the schedule rules
        rows = ctx.delegation_by_unit.get(code_key, [])
        if not rows:
            yield C.NO_DELEGATION.at(S.SCHEDULE.name, cell_of(insp, "unit_code"), unit.code,
                                     unit_name=unit.name, code=unit.code,
                                     date=cells.fmt_date(insp.date))
            continue
        yield from _composition(ctx, unit, rows)
    yield from _rows(ctx)
    yield from _double_bookings(ctx)
    yield from _deputies(ctx)


def _deputies(ctx: Context):
    """The decision's Phó Trưởng đoàn is Phó Trưởng đoàn wherever they go
    (model.roles): a row that says otherwise is shown where it is."""
    book = roles.RoleBook(ctx.round)
    recorded = {}                      # name -> units where the row says Phó Trưởng đoàn
    for d in ctx.round.delegation:
        if d.task == TASK_DEPUTY:
            recorded.setdefault(d.member_name, []).append(d.unit_code)
    for d in ctx.round.delegation:
        if d.task in (TASK_HEAD, TASK_DEPUTY) or not d.member_name:
            continue
        if book.task_in(d.member_name, d.task) == TASK_DEPUTY:
            yield C.DEPUTY_AS_MEMBER.at(SHEET, cell_of(d, "task"), d.unit_code, name=d.member_name,
                                        task=d.task, deputy_at=", ".join(recorded.get(d.member_name, [])))
