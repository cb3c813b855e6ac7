"""Where each section of a returned form really is.

A clerk may insert rows inside a list (a ``table`` section) when the unit has
more documents, decisions or models than the form's rows.  Each section is
found by its ANCHOR, its title in column A, searched from where the form put
it downwards; everything of a section moves with its title.  A list then ends
where the next section's title (less the blank row between sections) or, for
the last section of a sheet, the signature block starts.  Rows are only ever
added: a title found above its place is not searched for, so the structure
check (PL13) reports it at the place the form expects.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Optional

from tdkt_xl.appendices.spec import COL_LABEL, SIGN_TITLE, SheetLayout, TableLayout
from tdkt_xl.vocabulary import cells


def _text(rows, r: int, c: int) -> str:
    if r < len(rows) and c < len(rows[r]):
        return cells.key_text(rows[r][c])
    return ""


def _find(rows, start: int, col: int, text: str) -> Optional[int]:
    want = cells.key_text(text)
    for r in range(max(start, 0), len(rows)):
        if _text(rows, r, col) == want:
            return r
    return None


def _last_filled(rows, first: int, stop: int, cols) -> int:
    """Last row in [first, stop) holding anything in ``cols``; first - 1 if none."""
    last = first - 1
    for r in range(first, min(stop, len(rows))):
        if any(not cells.is_blank(rows[r][c]) for c in cols if c < len(rows[r])):
            last = r
    return last


def locate(sl: SheetLayout, rows) -> SheetLayout:
    """The layout of one sheet as found in ``rows`` (the sheet's values,
    0-based): sections shifted by the rows inserted above them, lists as long
    as the clerk made them.  Returns ``sl`` itself when nothing moved."""
    offsets = []
    prev = 0
    for sec, title_row, _r in sl.sections:
        found = _find(rows, title_row + prev, 0, sec.title)
        prev = prev if found is None else found - title_row
        offsets.append(prev)
    sizes = {}
    for i, (sec, _t, _r) in enumerate(sl.sections):
        if sec.type != "table":
            continue
        tl = sl.tables[sec.table]
        first = tl.first_row + offsets[i]
        if i + 1 < len(sl.sections):
            n = sec.rows + offsets[i + 1] - offsets[i]
        else:
            end = _find(rows, first + sec.rows, COL_LABEL, SIGN_TITLE)
            stop = len(rows) if end is None else end
            n = max(sec.rows, _last_filled(rows, first + sec.rows, stop, tl.cols.values()) + 1 - first)
        if n != sec.rows:
            sizes[sec.table] = n
    if not sizes and not any(offsets):
        return sl
    bounds = [t for _s, t, _r in sl.sections]

    def off(r: int) -> int:
        k = 0
        for i, t in enumerate(bounds):
            if r >= t:
                k = i
        return offsets[k] if r >= bounds[0] else 0

    def move(rc):
        return (rc[0] + off(rc[0]), rc[1])

    tables = {k: TableLayout(tl.section, tl.header_row + off(tl.header_row), tl.first_row + off(tl.header_row),
                             tl.cols, sizes.get(k, 0)) for k, tl in sl.tables.items()}
    return replace(sl, anchors={move(rc): v for rc, v in sl.anchors.items()},
                   cells={k: move(rc) for k, rc in sl.cells.items()}, tables=tables,
                   sections=[(sec, t + off(t), [(r + off(r), k) for r, k in rs]) for sec, t, rs in sl.sections],
                   _used=None)


def over_limit(sl: SheetLayout, max_rows: int) -> Optional[TableLayout]:
    """The first list of ``sl`` longer than ``max_rows``, or None."""
    for tl in sl.tables.values():
        if max_rows and tl.rows > max_rows:
            return tl
    return None
