"""What every rule needs, computed once: the round, the date of reference,
the working calendar, the legal basis, and indexes (by unit code, member
name, item code) so that no rule loops over a sheet inside another loop."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from tdkt_xl import model as m
from tdkt_xl.vocabulary import cells
from tdkt_xl.model.calendar import WorkCalendar
from tdkt_xl.rules.legal import LegalBasis


def key(v) -> str:
    """Matching key of a code or a person's name (case, spaces, NFC ignored)."""
    return cells.key_text(v)


def _group(records, attr) -> dict:
    out = defaultdict(list)
    for r in records:
        k = key(getattr(r, attr))
        if k:
            out[k].append(r)
    return out


def row_of(record) -> int | str:
    return record.origin.row if record.origin else ""


def cell_of(record, field_name: str | None = None) -> str:
    return record.origin.cell(field_name) if record.origin else ""


def sheet_of(record, default: str = "") -> str:
    return record.origin.sheet if record.origin else default


class Context:
    def __init__(self, rnd: m.Round, as_of: dt.date):
        self.round = rnd
        self.as_of = as_of
        self.settings = rnd.settings
        self.cal = WorkCalendar.for_settings(rnd.settings)
        self.legal = LegalBasis(rnd.settings)
        self.units_by_code = _group(rnd.units, "code")
        self.members_by_name = _group(rnd.members, "name")
        self.inspections_by_unit = _group(rnd.inspections, "unit_code")
        self.delegation_by_unit = _group(rnd.delegation, "unit_code")
        self.results_by_unit = _group(rnd.results, "unit_code")
        self.evaluations_by_unit = _group(rnd.evaluations, "unit_code")
        self.recommendations_by_unit = _group(rnd.recommendations, "unit_code")
        self.items_by_code = {key(i.code): i for i in reversed(rnd.checklist) if i.code}

    # ---- first occurrence wins (duplicates are findings of their own)
    def unit(self, code) -> m.Unit | None:
        found = self.units_by_code.get(key(code))
        return found[0] if found else None

    def member(self, name) -> m.Member | None:
        found = self.members_by_name.get(key(name))
        return found[0] if found else None

    def inspection(self, code) -> m.Inspection | None:
        found = self.inspections_by_unit.get(key(code))
        return found[0] if found else None

    def unit_name(self, code) -> str:
        u = self.unit(code)
        return u.name if u and u.name else str(code)

    def held(self, insp: m.Inspection | None) -> bool:
        """The inspection has taken place by ``as_of`` (its results can exist)."""
        return bool(insp and insp.date and insp.date <= self.as_of)

    def counting(self) -> str:
        return "ngày làm việc" if self.settings.working_days else "ngày"
