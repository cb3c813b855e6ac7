"""The validator: the reader's findings plus every rule module's, for one
date of reference (``as_of``; time-relative rules never read the clock).

Entry points (the CLI and the workbook's buttons call the same ones):
  validate(read_result_or_round, as_of) -> Report
  validate_arrays(sheets, source, as_of) -> Report      (xlwings batch reads)
  validate_workbook(path, as_of) -> Report              (file, python-calamine)
The last two raise ``WorkbookError`` when the workbook cannot be read at all.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Mapping

from tdkt_xl import model as m
from tdkt_xl.vocabulary import cells, schema as S
from tdkt_xl.io.reader import ReadResult, read_round
from tdkt_xl.rules import delegation, documents, members, results, schedule, settings, units
from tdkt_xl.rules.context import Context
from tdkt_xl.vocabulary.findings import CATALOGUE, Report

# One generator of findings per area, in the order a clerk fills the workbook.
RULES = (settings.check, units.check, members.check, schedule.check, delegation.check,
         results.check, documents.check)

_SHEET_ORDER = {s.name: i for i, s in enumerate(S.MODEL_SHEETS)}
_CELL = re.compile(r"^([A-Z]+)(\d+)$")


def _sort_key(f):
    mt = _CELL.match(f.cell or "")
    row, col = (int(mt.group(2)), cells.col_index(mt.group(1))) if mt else (0, 0)
    return (_SHEET_ORDER.get(f.sheet, len(_SHEET_ORDER)), row, col, f.code)


def validate(source, as_of: dt.date) -> Report:
    """Validate a round read from a workbook (a ``ReadResult``, whose value
    findings are kept) or a bare ``Round``, as of the given date."""
    if isinstance(source, ReadResult):
        rnd, found = source.round, list(source.findings)
    elif isinstance(source, m.Round):
        rnd, found = source, []
    else:
        raise TypeError(f"validate() needs a ReadResult or a Round, not {type(source).__name__}")
    ctx = Context(rnd, as_of)
    for rule in RULES:
        found.extend(rule(ctx))
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


def validate_arrays(sheets: Mapping, source: str, as_of: dt.date) -> Report:
    """Read sheet arrays (e.g. from xlwings, one batch per sheet) and validate."""
    return validate(read_round(sheets, source), as_of)


def validate_workbook(path, as_of: dt.date) -> Report:
    """Read the workbook file (never modifying it) and validate it."""
    from tdkt_xl.io.sources import read_workbook
    return validate(read_workbook(path), as_of)
