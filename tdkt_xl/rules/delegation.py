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


def _composition(ctx: Context, unit, rows):
    names = dict(unit_name=unit.name, code=unit.code)
    heads = [r for r in rows if r.task == TASK_HEAD]
    if not heads:
        yield C.NO_HEAD.at(SHEET, cell_of(rows[0], "task"), unit.code, **names)
    for extra in heads[1:]:
        yield C.TWO_HEADS.at(SHEET, cell_of(extra, "task"), unit.code, name=extra.member_name,
                             first=heads[0].member_name, first_row=row_of(heads[0]), **names)
    st = ctx.round.settings
    for head in heads:
        member = ctx.member(head.member_name)
        if member is not None and member.council_role not in st.lead_roles:
            yield C.HEAD_NOT_LEADER.at(SHEET, cell_of(head, "member_name"), unit.code,
                                       name=head.member_name,
                                       role=member.council_role or "không có",
                                       allowed=" hoặc ".join(st.lead_roles))
    people = {key(r.member_name) for r in rows}
    if unit.member_in_charge and key(unit.member_in_charge) not in people:
        yield C.INCHARGE_ABSENT.at(SHEET, cell_of(rows[0], "member_name"), unit.code,
                                   unit_name=unit.name, name=unit.member_in_charge)
    roles = {m.pnv_role for m in (ctx.member(r.member_name) for r in rows) if m}
    if st.needs_office_leader and PNV_LEADER not in roles:
        yield C.NO_PNV_LEADER.at(SHEET, cell_of(rows[0], "member_name"), unit.code, **names)
    if st.needs_office_specialist and PNV_SPECIALIST not in roles:
        yield C.NO_PNV_SPECIALIST.at(SHEET, cell_of(rows[0], "member_name"), unit.code, **names)


def _rows(ctx: Context):
    for code_key, rows in ctx.delegation_by_unit.items():
        code = rows[0].unit_code
        unit = ctx.unit(code)
        if unit is None or code_key not in ctx.inspections_by_unit:
            why = ("không có trong trang Đơn vị" if unit is None
                   else f"({unit.name}) không có lịch kiểm tra trong trang Lịch kiểm tra")
            yield C.DELEGATION_NO_INSPECTION.at(SHEET, cell_of(rows[0], "unit_code"), code,
                                                code=code, why=why)
        seen = {}
        for r in rows:
            k = key(r.member_name)
            if not k:
                continue
            if ctx.member(r.member_name) is None:
                yield C.DELEGATE_UNKNOWN.at(SHEET, cell_of(r, "member_name"), code,
                                            name=r.member_name)
            if k in seen:
                yield C.DELEGATE_TWICE.at(SHEET, cell_of(r, "member_name"), code,
                                          name=r.member_name, unit_name=ctx.unit_name(code),
                                          first_row=row_of(seen[k]))
            else:
                seen[k] = r


def _double_bookings(ctx: Context):
    # (person, date) -> [(delegation row, inspection)], in sheet order
    booked = defaultdict(list)
    for r in ctx.round.delegation:
        insp = ctx.inspection(r.unit_code)
        if insp is None or insp.date is None or not insp.session or not key(r.member_name):
            continue
        booked[(key(r.member_name), insp.date)].append((r, insp))
    for bookings in booked.values():
        for i, (r, insp) in enumerate(bookings):
            for other, other_insp in bookings[:i]:
                if key(other.unit_code) == key(r.unit_code):
                    continue  # the same delegation: TD11
                if overlaps(insp.session, other_insp.session):
                    yield C.DOUBLE_BOOKED.at(
                        SHEET, cell_of(r, "member_name"), r.unit_code, name=r.member_name,
                        unit_name=ctx.unit_name(r.unit_code), date=cells.fmt_date(insp.date),
                        session=insp.session, other_name=ctx.unit_name(other.unit_code),
                        other_session=other_insp.session, other_row=row_of(other))
                    break
