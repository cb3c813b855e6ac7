"""Rules on the Thành viên sheet."""
from __future__ import annotations

from tdkt_xl.vocabulary import schema as S
from tdkt_xl.model.vocab import ROLE_CHAIR
from tdkt_xl.vocabulary import catalogue as C
from tdkt_xl.rules.context import Context, cell_of, row_of

SHEET = S.MEMBERS.name


def check(ctx: Context):
    for members in ctx.members_by_name.values():
        for dup in members[1:]:
            yield C.MEMBER_DUP.at(SHEET, cell_of(dup, "name"), name=dup.name,
                                  first_row=row_of(members[0]))
    chairs = [mb for mb in ctx.round.members if mb.council_role == ROLE_CHAIR]
    if not chairs:
        members = ctx.round.members
        yield C.NO_CHAIR.at(SHEET, cell_of(members[0], "council_role") if members else "A2")
    for extra in chairs[1:]:
        yield C.TWO_CHAIRS.at(SHEET, cell_of(extra, "council_role"), name=extra.name,
                              first=chairs[0].name, first_row=row_of(chairs[0]))
