"""Rules on the Đơn vị kế thừa sheet (blank and bad dates come from the
reader): no cycle, one successor per unit and date, every chain ending at a
unit of the round; and no unit selected for inspection that had ceased by then."""
from __future__ import annotations

from tdkt_xl.model.succession import Successions
from tdkt_xl.rules.context import Context, cell_of, key, row_of
from tdkt_xl.vocabulary import catalogue as C
from tdkt_xl.vocabulary import schema as S
from tdkt_xl.vocabulary.cells import fmt_date as fd

SHEET = S.SUCCESSION.name


def check(ctx: Context):
    rows = [r for r in ctx.round.successions if key(r.old_code) and key(r.new_code)]
    if not rows:
        return
    yield from _cycles(rows)
    yield from _two_on_one_day(rows)
    table = Successions(rows)
    for r in rows:
        if r.date is None or ctx.unit(r.new_code) is not None:
            continue
        if table.next_of(r.new_code, r.date) is None:
            yield C.SUCCESSOR_UNKNOWN.at(SHEET, cell_of(r, "new_code"), code=r.new_code,
                                         old=r.old_code, date=fd(r.date))
    yield from _succeeded_still_selected(ctx, table)


def _succeeded_still_selected(ctx: Context, table: Successions):
    """A unit selected for inspection that the table says had ceased (merged,
    dissolved) by the time it would be inspected: the successor is the one to
    inspect (or the row is wrong).  A warning at the unit's code in Đơn vị."""
    for u in ctx.round.selected_units():
        chain = table.chain(u.code)
        if not chain:
            continue
        first, last = chain[0], chain[-1]
        insp = ctx.inspection(u.code)
        when = (insp.date if insp and insp.date else None) or ctx.settings.window_end or ctx.as_of
        if first.date > when:
            continue                    # merged later: inspected as it still is
        new = ctx.unit(last.new_code)
        yield C.SUCCEEDED_STILL_SELECTED.at(
            S.UNITS.name, cell_of(u, "code"), u.code, name=u.name or u.code, code=u.code,
            new_name=new.name if new and new.name else last.new_code, new_code=last.new_code,
            date=fd(first.date), succession=SHEET, act=f" ({first.act})" if first.act else "")


def _cycles(rows):
    """One finding per loop of codes (whatever the dates), at the first row of
    the loop in sheet order."""
    edges: dict = {}
    for r in rows:
        edges.setdefault(key(r.old_code), []).append(r)
    reported: set = set()
    for r in rows:
        start = key(r.old_code)
        if start in reported:
            continue
        loop = _path_back(edges, r, start)
        if loop is None:
            continue
        reported.update(key(x.old_code) for x in loop)
        path = " → ".join([loop[0].old_code] + [x.new_code for x in loop])
        yield C.SUCCESSION_CYCLE.at(SHEET, cell_of(r, "new_code"), code=r.old_code,
                                    path=f"{path} (dòng {', '.join(str(row_of(x)) for x in loop)})")


def _path_back(edges, first, start):
    """The rows of a loop from ``first`` back to ``start`` (None: no loop)."""
    parent = {key(first.new_code): (None, first)}
    queue = [key(first.new_code)]
    while queue:
        node = queue.pop(0)
        if node == start:
            path, at = [], node
            while at is not None:
                prev, row = parent[at]
                path.append(row)
                at = prev
            return path[::-1]
        for nxt in edges.get(node, ()):
            k = key(nxt.new_code)
            if k not in parent:
                parent[k] = (node, nxt)
                queue.append(k)
    return None


def _two_on_one_day(rows):
    seen: dict = {}
    for r in rows:
        if r.date is None:
            continue
        k = (key(r.old_code), r.date)
        first = seen.setdefault(k, r)
        if first is not r and key(first.new_code) != key(r.new_code):
            yield C.SUCCESSION_TWO.at(SHEET, cell_of(r, "new_code"), code=r.old_code,
                                      date=fd(r.date), first=first.new_code,
                                      first_row=row_of(first), second=r.new_code)
