"""Which unit took over from a dissolved or merged one (sheet Đơn vị kế thừa).

A row says: unit ``old_code`` ceased on ``date`` and ``new_code`` took over.
Resolution is transitive and follows the dates: from a code, the earliest row
of that code is taken, then from its successor the earliest row dated on or
after it, and so on (a commune merged on 01/07/2025 whose new commune is
renamed in 2026 lands on the 2026 name).  Rows without a date are not followed
(the reader reports the missing date).  A cycle stops the walk at the last
code before it repeats (validation reports the cycle); of two rows of one code
on the same date, the first in the sheet counts (validation reports the other).
"""
from __future__ import annotations

from typing import Iterable, Optional

from tdkt_xl.model.index import key


class Successions:
    """The succession rows of a round, grouped by the old code's key."""

    def __init__(self, rows: Iterable):
        self.rows = list(rows)
        by_old: dict = {}
        for r in self.rows:
            if r.date is not None and key(r.old_code) and key(r.new_code):
                by_old.setdefault(key(r.old_code), []).append(r)
        for rows_ in by_old.values():
            rows_.sort(key=lambda r: r.date)          # stable: sheet order on equal dates
        self.by_old = by_old

    def next_of(self, code, since=None):
        """The first row that moves ``code`` on, dated on or after ``since``."""
        for r in self.by_old.get(key(code), ()):
            if since is None or r.date >= since:
                return r
        return None

    def chain(self, code) -> tuple:
        """The rows followed from ``code`` to its last successor, in order."""
        path, seen = [], {key(code)}
        current, since = code, None
        while True:
            r = self.next_of(current, since)
            if r is None or key(r.new_code) in seen:
                return tuple(path)
            path.append(r)
            seen.add(key(r.new_code))
            current, since = r.new_code, r.date

    def successor(self, code) -> Optional[str]:
        """The last successor of ``code`` (None when it has none)."""
        path = self.chain(code)
        return path[-1].new_code if path else None

    def old_name(self, code) -> str:
        """The name the table gives for the old unit ``code`` ('' if none)."""
        for r in self.by_old.get(key(code), ()):
            if r.old_name:
                return r.old_name
        return ""


def successor_unit(rnd, code, table: Optional[Successions] = None):
    """The unit of the round that took over from ``code``, a code no longer in
    Đơn vị (None: ``code`` is a unit, or its chain ends nowhere in Đơn vị)."""
    if not code or not rnd.successions or rnd.unit(code) is not None:
        return None
    new = (table or Successions(rnd.successions)).successor(code)
    return rnd.unit(new) if new else None


def land_on_successors(rnd) -> None:
    """Recommendations typed for a unit no longer in Đơn vị move to the unit
    that succeeded it, when the chain of successors ends at a unit of the
    round; ``original_unit_code`` keeps the typed code."""
    if not rnd.successions:
        return
    table = Successions(rnd.successions)
    for rec in rnd.recommendations:
        unit = successor_unit(rnd, rec.unit_code, table)
        if unit is not None:
            rec.original_unit_code, rec.unit_code = rec.unit_code, unit.code
