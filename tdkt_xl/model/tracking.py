"""Remediation status of the delegation's recommendations at a given date.

A recommendation counts as remedied at ``as_of`` when the unit's remediation
report was received on or before that date, or when the clerk marked it
"Đã khắc phục" without a date.  It is overdue when it is not remedied and its
deadline lies before ``as_of``.  Nothing here reads the system clock.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from tdkt_xl import model as m
from tdkt_xl.model.vocab import STATUS_DONE, STATUS_IN_PROGRESS, STATUS_OPEN


def remedied_at(rec: m.Recommendation, as_of: dt.date) -> bool:
    if rec.remedy_report_date is not None:
        return rec.remedy_report_date <= as_of
    return rec.status == STATUS_DONE


def status_at(rec: m.Recommendation, as_of: dt.date) -> str:
    """The status a reader sees at ``as_of`` (a report received later does
    not count yet)."""
    if remedied_at(rec, as_of):
        return STATUS_DONE
    if rec.status == STATUS_IN_PROGRESS:
        return STATUS_IN_PROGRESS
    return STATUS_OPEN


@dataclass
class TrackedRecommendation:
    rec: m.Recommendation
    unit: Optional[m.Unit]
    inspection: Optional[m.Inspection]
    as_of: dt.date
    index: int                      # 1-based number of the recommendation within its unit

    @property
    def remedied(self) -> bool:
        return remedied_at(self.rec, self.as_of)

    @property
    def status(self) -> str:
        return status_at(self.rec, self.as_of)

    @property
    def overdue(self) -> bool:
        return (not self.remedied and self.rec.deadline is not None
                and self.rec.deadline < self.as_of)

    @property
    def days_overdue(self) -> int:
        return (self.as_of - self.rec.deadline).days if self.overdue else 0

    @property
    def unit_name(self) -> str:
        return self.unit.name if self.unit else self.rec.unit_code


def track(rnd: m.Round, as_of: dt.date, skip=None) -> list[TrackedRecommendation]:
    """Every recommendation of the round with its status at ``as_of``, in
    sheet order; ``skip(text)`` leaves some out (praise, which asks nothing to be
    remedied), keeping the others' numbers as the minutes give them."""
    counter: dict[str, int] = {}
    out = []
    for rec in rnd.recommendations:
        counter[rec.unit_code] = counter.get(rec.unit_code, 0) + 1
        if skip is not None and skip(rec.text):
            continue
        out.append(TrackedRecommendation(rec, rnd.unit(rec.unit_code),
                                         rnd.inspection(rec.unit_code), as_of,
                                         counter[rec.unit_code]))
    return out


def open_items(rnd: m.Round, as_of: dt.date, skip=None) -> list[TrackedRecommendation]:
    return [t for t in track(rnd, as_of, skip) if not t.remedied]


def overdue_by_unit(rnd: m.Round, as_of: dt.date, skip=None) -> dict[str, list[TrackedRecommendation]]:
    """Unit code -> its overdue recommendations (units without any are absent)."""
    out: dict[str, list] = {}
    for t in track(rnd, as_of, skip):
        if t.overdue:
            out.setdefault(t.rec.unit_code, []).append(t)
    return out
