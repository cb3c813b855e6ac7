"""The one index of a round: every lookup of a record by a unit code, a
person's name, an item code or a document kind (rules, documents, reports)
goes through it, by the canonical ``key`` (NFC, trimmed, single spaces,
case-folded), so ``'xqs '`` finds unit ``XQS`` everywhere or nowhere."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from tdkt_xl.model.roles import RoleBook

_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1 << 16)
def _key_str(s: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFC", s).strip()).casefold()


def key(v) -> str:
    """The matching key of a code or a name ("" for None)."""
    if v is None:
        return ""
    return _key_str(v if isinstance(v, str) else str(v))


def _group(records, of) -> dict:
    out: dict = {}
    for r in records:
        k = of(r)
        if k and k != ("", ""):
            out.setdefault(k, []).append(r)
    return out


class RoundIndex:
    """Records grouped by key, in sheet order (first = the one that counts;
    more than one is a duplicate, which validation reports)."""

    def __init__(self, rnd):
        by_unit = lambda r: key(r.unit_code)  # noqa: E731
        self.units = _group(rnd.units, lambda u: key(u.code))
        self.members = _group(rnd.members, lambda p: key(p.name))
        self.items = _group(rnd.checklist, lambda i: key(i.code))
        self.inspections = _group(rnd.inspections, by_unit)
        self.delegation = _group(rnd.delegation, by_unit)
        self.results = _group(rnd.results, by_unit)
        self.evaluations = _group(rnd.evaluations, by_unit)
        self.recommendations = _group(rnd.recommendations, by_unit)
        self.result_of_item = _group(rnd.results, lambda r: (key(r.unit_code), key(r.item_code)))
        self.documents = _group(rnd.documents, lambda d: (key(d.kind), key(d.unit_code)))
        self.roles = RoleBook(rnd)       # who holds which task where (model.roles)

    @staticmethod
    def first(table: dict, k):
        found = table.get(k)
        return found[0] if found else None
