"""The shipped example rounds, read once, as the reference of *example data*
(``rules.examples`` defines it; the validator and ``check-round`` both use
this one reference).  A value kept from any shipped round is example data:
a clerk may start from the schools' round as well as from the district one."""
from __future__ import annotations

from functools import lru_cache

from tdkt_xl.io.example import example_rounds, example_sheets
from tdkt_xl.io.reader import read_round
from tdkt_xl.rules import examples
from tdkt_xl.vocabulary import schema as S


@lru_cache(maxsize=1)
def reference() -> examples.Reference:
    values, marked = set(), []
    for r in example_rounds():
        sheets = example_sheets(r.data_dir)
        rnd = read_round(sheets, "example").round
        ref = examples.reference(rnd, examples.marked_fields(sheets.get(S.SETTINGS.name, [])))
        values |= ref.values
        marked += [f for f in ref.marked if f not in marked]
    return examples.Reference(frozenset(values), tuple(marked))
