"""The shipped example round, read once, as the reference of *example data*
(``rules.examples`` defines it; the validator and ``check-round`` both use
this one reference)."""
from __future__ import annotations

from functools import lru_cache

from tdkt_xl.io.example import example_sheets
from tdkt_xl.io.reader import read_round
from tdkt_xl.rules import examples
from tdkt_xl.vocabulary import schema as S


@lru_cache(maxsize=1)
def reference() -> examples.Reference:
    sheets = example_sheets()
    rnd = read_round(sheets, "example").round
    return examples.reference(rnd, examples.marked_fields(sheets.get(S.SETTINGS.name, [])))
