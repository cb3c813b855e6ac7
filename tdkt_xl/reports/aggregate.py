"""One aggregation object of the inspection results.

The report text, the attached table ``Tổng hợp kết quả kiểm tra``, the charts
and the Excel statistics are all computed from one ``ResultSummary`` so their
figures cannot disagree: every total is a sum over ``rows``.
"""
from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from tdkt_xl.vocabulary import style
from tdkt_xl import model as m
from tdkt_xl.model.index import key
from tdkt_xl.model.vocab import FAIL, PASS
from tdkt_xl.model.tracking import remedied_at

AREAS_FILE = Path(__file__).resolve().parent / "data" / "areas.csv"


@dataclass
class Area:
    """A heading of section II of the report and the checklist items under it
    (``tdkt_xl/reports/data/areas.csv``)."""
    no: int
    title: str
    prefixes: tuple
    short: str = ""            # label in charts
    stats: str = ""            # "awards" / "fund" / "": which appendix figures go here
    intro: str = ""            # general finding when the units meet the requirement

    def covers(self, item_code: str) -> bool:
        return any(item_code == p or item_code.startswith(p + ".") for p in self.prefixes)


def load_areas(path: Path = AREAS_FILE) -> list[Area]:
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [Area(int(r["STT"]), r["Lĩnh vực"].strip(),
                 tuple(p.strip() for p in r["Mã nội dung"].split(";") if p.strip()),
                 (r.get("Tên ngắn") or r["Lĩnh vực"]).strip(),
                 (r.get("Số liệu phụ lục") or "").strip(),
                 (r.get("Nhận định chung khi đạt") or "").strip()) for r in rows]


@dataclass
class Shortcoming:
    unit: m.Unit
    item: m.ChecklistItem
    remark: str


@dataclass
class UnitRow:
    stt: int
    unit: m.Unit
    inspection: m.Inspection
    n_items: int                  # applicable checklist items
    n_pass: int
    n_fail: int
    n_recs: int
    n_remedied: int               # at the summary's as_of
    shortcomings: list = field(default_factory=list)   # list[Shortcoming]
    evaluation: Optional[m.Evaluation] = None
    recommendations: list = field(default_factory=list)

    @property
    def n_unassessed(self) -> int:
        return self.n_items - self.n_pass - self.n_fail

    @property
    def pass_share(self) -> float:
        """Share of applicable items assessed Đạt, in percent."""
        return 100.0 * self.n_pass / self.n_items if self.n_items else 0.0

    @property
    def by_files(self) -> bool:
        return self.inspection.by_files

    @property
    def mode_label(self) -> str:
        return "Qua hồ sơ" if self.by_files else "Trực tiếp"


@dataclass
class AreaStat:
    area: Area
    n_assessed: int = 0
    n_pass: int = 0
    n_fail: int = 0
    units: list = field(default_factory=list)            # units with an item in the area
    units_failing: list = field(default_factory=list)    # units with a Chưa đạt in the area
    shortcomings: list = field(default_factory=list)     # list[Shortcoming]

    @property
    def n_units_all_pass(self) -> int:
        return len(self.units) - len(self.units_failing)


@dataclass
class ResultSummary:
    rows: list                   # list[UnitRow], ordered by block then date
    areas: list                  # list[AreaStat]
    as_of: dt.date
    n_praise: int = 0            # recommendations that only praise (not counted as kiến nghị)

    # ---- totals: always sums over rows
    @property
    def n_units(self) -> int:
        return len(self.rows)

    def n_block(self, block: str) -> int:
        return sum(1 for r in self.rows if r.unit.block == block)

    @property
    def n_district(self) -> int:
        """Units that are not of commune level (agencies of the council's level)."""
        return sum(1 for r in self.rows if not r.unit.is_commune)

    @property
    def n_commune(self) -> int:
        return sum(1 for r in self.rows if r.unit.is_commune)

    @property
    def rows_by_files(self) -> list:
        return [r for r in self.rows if r.by_files]

    @property
    def n_direct(self) -> int:
        return sum(1 for r in self.rows if not r.by_files)

    @property
    def n_by_files(self) -> int:
        return len(self.rows_by_files)

    @property
    def n_items(self) -> int:
        return sum(r.n_items for r in self.rows)

    @property
    def n_pass(self) -> int:
        return sum(r.n_pass for r in self.rows)

    @property
    def n_fail(self) -> int:
        return sum(r.n_fail for r in self.rows)

    @property
    def n_recs(self) -> int:
        return sum(r.n_recs for r in self.rows)

    @property
    def n_remedied(self) -> int:
        return sum(r.n_remedied for r in self.rows)

    @property
    def pass_share(self) -> float:
        return 100.0 * self.n_pass / self.n_items if self.n_items else 0.0

    @property
    def rows_all_pass(self) -> list:
        return [r for r in self.rows if r.n_fail == 0 and r.n_unassessed == 0]

    @property
    def rows_with_fail(self) -> list:
        return [r for r in self.rows if r.n_fail]

    @property
    def first_date(self) -> Optional[dt.date]:
        ds = [r.inspection.date for r in self.rows if r.inspection.date]
        return min(ds) if ds else None

    @property
    def last_date(self) -> Optional[dt.date]:
        ds = [r.inspection.date for r in self.rows if r.inspection.date]
        return max(ds) if ds else None


def inspected_units(rnd: m.Round) -> list[tuple[m.Unit, m.Inspection]]:
    """Units with a scheduled inspection, by block (the Đơn vị sheet's order), then by date."""
    pairs = []
    for insp in rnd.inspections:
        unit = rnd.unit(insp.unit_code)
        if unit is None:
            continue
        pairs.append((unit, insp))
    order = {key(b): i for i, b in enumerate(rnd.blocks)}
    pairs.sort(key=lambda p: (order.get(key(p[0].block), len(order)),
                              p[1].date or dt.date.max,
                              p[1].start_time or dt.time.min))
    return pairs


def summarize(rnd: m.Round, as_of: dt.date, areas: Optional[list] = None) -> ResultSummary:
    areas = load_areas() if areas is None else areas
    checklist = {c.code: c for c in rnd.checklist}
    # items that fall under no area get an area of their own (their group)
    extra: dict[str, Area] = {}
    for item in rnd.checklist:
        if not any(a.covers(item.code) for a in areas):
            key = item.group or item.code
            if key not in extra:
                title = item.group or item.text
                extra[key] = Area(len(areas) + len(extra) + 1, title, (), title)
            a = extra[key]
            extra[key] = Area(a.no, a.title, a.prefixes + (item.code,), a.short)
    all_areas = list(areas) + list(extra.values())
    stats = [AreaStat(a) for a in all_areas]

    rows = []
    for stt, (unit, insp) in enumerate(inspected_units(rnd), start=1):
        applicable = {i.code for i in rnd.items_for(unit)}
        results = {}
        for r in rnd.results_of(unit.code):
            if r.item_code in applicable and r.item_code not in results:
                results[r.item_code] = r
        n_pass = sum(1 for r in results.values() if r.assessment == PASS)
        shortcomings = [Shortcoming(unit, checklist[c], results[c].remark)
                        for c in (i.code for i in rnd.items_for(unit))
                        if c in results and results[c].assessment == FAIL]
        # recommendations to fix: praise to keep up good work is not one (house style)
        # (and an earlier round's, carried to re-check, is not this delegation's)
        recs = [x for x in rnd.recommendations_of(unit.code)
                if not style.is_praise(x.text) and not x.carried]
        rows.append(UnitRow(stt, unit, insp, len(applicable), n_pass, len(shortcomings),
                            len(recs), sum(1 for x in recs if remedied_at(x, as_of)),
                            shortcomings, rnd.evaluation(unit.code), recs))
        for st in stats:
            codes = [c for c in applicable if st.area.covers(c)]
            if not codes:
                continue
            st.units.append(unit)
            assessed = [results[c] for c in codes if c in results and results[c].assessment]
            st.n_assessed += len(assessed)
            st.n_pass += sum(1 for r in assessed if r.assessment == PASS)
            fails = [s for s in shortcomings if st.area.covers(s.item.code)]
            st.n_fail += len(fails)
            if fails:
                st.units_failing.append(unit)
                st.shortcomings += fails
    stats = [s for s in stats if s.units]
    inspected = {r.unit.code for r in rows}
    n_praise = sum(1 for x in rnd.recommendations
                   if x.unit_code in inspected and style.is_praise(x.text) and not x.carried)
    return ResultSummary(rows, stats, as_of, n_praise)
