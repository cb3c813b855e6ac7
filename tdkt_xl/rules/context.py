"""What every rule needs, computed once: the round, the date of reference,
the working calendar, the legal basis, and the round's one index (by unit
code, member name, item code: ``model.index``) so that no rule loops over a
sheet inside another loop."""
from __future__ import annotations

import datetime as dt

from tdkt_xl import model as m
from tdkt_xl.model.calendar import WorkCalendar
from tdkt_xl.model.index import key  # noqa: F401  (the rules' matching key: the model's)
from tdkt_xl.rules.legal import LegalBasis


def row_of(record) -> int | str:
    return record.origin.row if record.origin else ""


def cell_of(record, field_name: str | None = None) -> str:
    return record.origin.cell(field_name) if record.origin else ""


class Context:
    def __init__(self, rnd: m.Round, as_of: dt.date, examples=None, cited=None):
        self.round = rnd
        self.examples = examples          # rules.examples.Reference, or None: not checked
        self.cited = cited or {}          # register code -> finding codes of the services' data
        self.as_of = as_of
        self.settings = rnd.settings
        self.cal = WorkCalendar.for_settings(rnd.settings)
        self.legal = LegalBasis(rnd.settings, rnd.legal)
        ix = rnd.index                    # the model's one index, by ``key``
        self.units_by_code = ix.units
        self.members_by_name = ix.members
        self.inspections_by_unit = ix.inspections
        self.delegation_by_unit = ix.delegation
        self.results_by_unit = ix.results
        self.evaluations_by_unit = ix.evaluations
        self.recommendations_by_unit = ix.recommendations
        self.unit = rnd.unit
        self.member = rnd.member
        self.inspection = rnd.inspection
        self.item = rnd.item

    def unit_name(self, code) -> str:
        u = self.unit(code)
        return u.name if u and u.name else str(code)

    def held(self, insp: m.Inspection | None) -> bool:
        """The inspection has taken place by ``as_of`` (its results can exist)."""
        return bool(insp and insp.date and insp.date <= self.as_of)

    def counting(self) -> str:
        return "ngày làm việc" if self.settings.working_days else "ngày"
