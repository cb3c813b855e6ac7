"""The validator: every rule module's findings on a round, with the reader's
value findings passed in, for one date of reference (``as_of``;
time-relative rules never read the clock).

``validate(rnd, as_of, reader_findings=()) -> Report``.  Reading a workbook
and deciding what the findings stop is the gate's (``tdkt_xl.gate``).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Iterable

from tdkt_xl import model as m
from tdkt_xl.vocabulary import cells, schema as S
from tdkt_xl.rules import (delegation, documents, examples, members, register, results, schedule,
                           settings, succession, units)
from tdkt_xl.rules.context import Context
from tdkt_xl.vocabulary.catalogue import MISSING_SHEET
from tdkt_xl.vocabulary.findings import CATALOGUE, Report

# One generator of findings per area, in the order a clerk fills the workbook.
RULES = (settings.check, units.check, members.check, schedule.check, delegation.check,
         results.check, documents.check, succession.check, register.check, examples.check)

_SHEET_ORDER = {s.name: i for i, s in enumerate(S.MODEL_SHEETS)}
_CELL = re.compile(r"^([A-Z]+)(\d+)$")


def _sort_key(f):
    mt = _CELL.match(f.cell or "")
    row, col = (int(mt.group(2)), cells.col_index(mt.group(1))) if mt else (0, 0)
    return (_SHEET_ORDER.get(f.sheet, len(_SHEET_ORDER)), row, col, f.code)


def validate(rnd: m.Round, as_of: dt.date, reader_findings: Iterable = (), examples=None) -> Report:
    """The reader's findings (kept first) plus every rule's, as of ``as_of``;
    ``examples`` (a ``rules.examples.Reference``) turns on the example-data check."""
    if not isinstance(rnd, m.Round):
        raise TypeError(f"validate() needs a Round, not {type(rnd).__name__}")
    found = list(reader_findings)
    # a sheet the reader found missing is said once (GT09): no rule's finding points into it
    missing = {f.sheet for f in found if f.code == MISSING_SHEET.code}
    ctx = Context(rnd, as_of, examples)
    for rule in RULES:
        found.extend(f for f in rule(ctx) if f.sheet not in missing)
    cited = {}
    out = []
    for f in found:
        ft = CATALOGUE.get(f.code)
        if ft is not None and ft.basis and not f.basis:
            if ft.basis not in cited:
                cited[ft.basis] = ctx.legal.cite(ft.basis)
            f = dataclasses.replace(f, basis=cited[ft.basis])
        out.append(f)
    out.sort(key=_sort_key)
    return Report(out, source=rnd.source, as_of=as_of, round=rnd, basis=ctx.legal.in_force())
