"""Rules on the Đơn vị sheet (blank and out-of-list values come from the reader)."""
from __future__ import annotations

from tdkt_xl.vocabulary import schema as S
from tdkt_xl.vocabulary import catalogue as C
from tdkt_xl.rules.context import Context, cell_of, key, row_of

SHEET = S.UNITS.name
CHECKLIST = S.CHECKLIST.name


def check(ctx: Context):
    names = {}
    for code_key, units in ctx.units_by_code.items():
        first = units[0]
        for dup in units[1:]:
            yield C.UNIT_DUP_CODE.at(SHEET, cell_of(dup, "code"), dup.code, code=dup.code,
                                     first_row=row_of(first))
    for u in ctx.round.units:
        k = key(u.name)
        if k:
            if k in names:
                first = names[k]
                yield C.UNIT_DUP_NAME.at(SHEET, cell_of(u, "name"), u.code, name=u.name,
                                         first_row=row_of(first), first_code=first.code)
            else:
                names[k] = u
        if u.member_in_charge:
            member = ctx.member(u.member_in_charge)
            if member is None:
                yield C.UNIT_INCHARGE_UNKNOWN.at(SHEET, cell_of(u, "member_in_charge"), u.code,
                                                 name=u.member_in_charge, unit_name=u.name)
            elif not member.council_role:
                yield C.UNIT_INCHARGE_NOT_COUNCIL.at(SHEET, cell_of(u, "member_in_charge"), u.code,
                                                     name=u.member_in_charge, unit_name=u.name)
    if ctx.round.units and not any(u.selected for u in ctx.round.units):
        first = ctx.round.units[0]
        yield C.NO_UNIT_SELECTED.at(SHEET, cell_of(first, "selected"))
    yield from _applies_to(ctx)


def _applies_to(ctx: Context):
    """A checklist item applies to every block ('Tất cả') or to a block of Đơn vị."""
    blocks = ctx.round.blocks
    known = {key(b) for b in blocks} | {key(S.APPLIES_ALL)}
    for item in ctx.round.checklist:
        if item.applies_to and key(item.applies_to) not in known:
            yield C.APPLIES_UNKNOWN_BLOCK.at(CHECKLIST, cell_of(item, "applies_to"), item=item.code,
                                             block=item.applies_to,
                                             known="; ".join(blocks) or "chưa có khối nào")
