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
from tdkt_xl.vocabulary.catalogue import MISSING_COLUMN, MISSING_SHEET
from tdkt_xl.vocabulary.findings import CATALOGUE, JOB_VI, Report

# One generator of findings per area, in the order a clerk fills the workbook.
RULES = (settings.check, units.check, members.check, schedule.check, delegation.check,
         results.check, documents.check, succession.check, register.check, examples.check)

_SHEET_ORDER = {s.name: i for i, s in enumerate(S.MODEL_SHEETS)}
_CELL = re.compile(r"^([A-Z]+)(\d+)$")


def _sort_key(f):
    mt = _CELL.match(f.cell or "")
    row, col = (int(mt.group(2)), cells.col_index(mt.group(1))) if mt else (0, 0)
    return (_SHEET_ORDER.get(f.sheet, len(_SHEET_ORDER)), row, col, f.code)


def _one_finding_per_cause(read: list, ruled: list, absent: tuple, lacking: tuple) -> list:
    """The rules' findings less those that follow only from a missing sheet or column:
    a sheet the workbook lacks is said once (GT09), and no finding points into
    it or is drawn from it (KQ10 'no recommendation' without a Kiến nghị sheet);
    a column a sheet lacks is said once (GT01, which stops every job), and no
    finding drawn from it is said (KQ01 'unit not in Đơn vị' for every row when
    Đơn vị's 'Mã đơn vị' is renamed).  A sheet no job needs (the reader said
    nothing) whose absence still leaves errors gets its own GT09, blocking what
    those errors blocked."""
    said = {f.sheet for f in read if f.code == MISSING_SHEET.code}
    missing = said | set(absent)
    lacking = set(lacking)
    # a sheet that lacks a column is not read whole either: what is drawn from the
    # whole sheet is not said (its own cells still are)
    unread = missing | {f.sheet for f in read if f.code == MISSING_COLUMN.code} | {s for s, _ in lacking}

    def cause(f, ft):
        if f.sheet in missing:
            return f.sheet
        for sheet, column in (ft.needs if ft else ()):
            if sheet in missing:
                return sheet
            if (sheet, column) in lacking if column else sheet in unread:
                return (sheet, column)
        return None

    kept, dropped = [], {}
    for f in ruled:
        why = cause(f, CATALOGUE.get(f.code))
        if why is None:
            kept.append(f)
        elif f.is_error and why in missing and why not in said:
            dropped.setdefault(why, []).extend(f.blocks)
    for sheet, blocks in dropped.items():
        jobs = tuple(dict.fromkeys(blocks))
        kept.append(MISSING_SHEET.at(sheet, "", blocks=jobs, sheet_name=sheet,
                                     jobs=", ".join(JOB_VI.get(j, j) for j in jobs)))
    return kept


def validate(rnd: m.Round, as_of: dt.date, reader_findings: Iterable = (), examples=None,
             cited=None) -> Report:
    """The reader's findings (kept first) plus every rule's, as of ``as_of``;
    ``examples`` (a ``rules.examples.Reference``) turns on the example-data check;
    ``cited`` (register code -> finding codes) adds the register codes the
    services' data rests on (the Phụ lục spec's) to those CC06 wants."""
    if not isinstance(rnd, m.Round):
        raise TypeError(f"validate() needs a Round, not {type(rnd).__name__}")
    found = list(reader_findings)
    ctx = Context(rnd, as_of, examples, cited)
    found.extend(_one_finding_per_cause(found, [f for rule in RULES for f in rule(ctx)],
                                        rnd.missing_sheets, rnd.missing_columns))
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
