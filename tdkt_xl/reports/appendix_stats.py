"""The consolidated statistics of the returned appendices, as the report needs
them.  Source: the appendices engineer's ``Consolidated`` object
(``tdkt_xl.appendices.load_consolidated(path)``, docs/appendices.md); this
module only reads its documented keys and never recomputes a ratio that the
merge already computed from summed numerators and denominators.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from tdkt_xl.vocabulary.errors import AppendixError  # noqa: F401  (raised here, imported from here too)

from tdkt_xl.model import is_commune_name
from tdkt_xl.model.vocab import SCOPE_ALL
RATIO_KEYS = ("r_cstdcs_ldtt", "r_nonleader", "r_workers", "r_women")
COMMUNE_RATIO_KEYS = ("r_family", "r_village")
FUND_KEYS = ("fund_opening", "fund_allocated", "fund_total", "spent_prizes", "spent_items",
             "spent_organising", "spent_total", "fund_balance")


@dataclass
class AwardLine:
    code: str
    label: str
    group: str                 # "Danh hiệu thi đua" / "Hình thức khen thưởng"
    short: str
    collectives: int = 0
    households: int = 0
    individuals: int = 0

    @property
    def total(self) -> int:
        return self.collectives + self.households + self.individuals


@dataclass
class FundLine:
    code: str
    name: str
    values: dict               # FUND_KEYS -> int đồng


@dataclass
class AppendixStats:
    n_units: int
    unit_names: list
    awards: list                         # list[AwardLine], non-zero lines only, spec order
    ratios: dict                         # key -> (label, fraction or None)
    commune_ratios: dict
    fund_total: dict                     # FUND_KEYS -> int (communes)
    funds: list = field(default_factory=list)   # list[FundLine]
    source: str = ""
    unit_codes: list = field(default_factory=list)     # units whose appendices were merged
    rejected: dict = field(default_factory=dict)       # unit code -> codes of the errors that rejected its file

    @property
    def total_collectives(self) -> int:
        return sum(a.collectives for a in self.awards)

    @property
    def total_households(self) -> int:
        return sum(a.households for a in self.awards)

    @property
    def total_individuals(self) -> int:
        return sum(a.individuals for a in self.awards)

    @property
    def total(self) -> int:
        return sum(a.total for a in self.awards)


def _int(v) -> int:
    try:
        return int(round(float(v or 0)))
    except (TypeError, ValueError):
        return 0


def _titles(spec) -> list:
    """The award titles of the spec as dicts (code, label, group, short)."""
    if spec is None:
        from tdkt_xl.appendices import load_spec
        spec = load_spec()
    lists = spec["lists"] if isinstance(spec, dict) else spec.lists
    out = []
    for t in lists["titles"]:
        if not isinstance(t, dict):
            t = {"code": t.code, "label": t.label, "group": getattr(t, "group", ""),
                 "short": getattr(t, "short", "") or t.label}
        out.append(t)
    return out


def _commune_block(blocks: dict, names: dict) -> str:
    """The block whose merged units are all communes (its totals hold the
    commune figures: fund, family and village ratios); '' when none is."""
    members: dict = {}
    for code, block in blocks.items():
        members.setdefault(block, []).append(names.get(code, ""))
    return next((b for b, ns in members.items() if ns and all(map(is_commune_name, ns))), "")


def from_consolidated(cons, spec=None, source: str = "") -> AppendixStats:
    totals = cons.totals.get(SCOPE_ALL, {})
    blocks = getattr(cons, "blocks", {}) or {}
    names = getattr(cons, "names", {}) or {}
    communes = cons.totals.get(_commune_block(blocks, names), {})
    labels = getattr(cons, "labels", {}) or {}
    awards = []
    for t in _titles(spec):
        code = t["code"]
        line = AwardLine(code, t["label"], t.get("group", ""), t.get("short") or t["label"],
                         _int(totals.get(f"awards.{code}.collectives")),
                         _int(totals.get(f"awards.{code}.households")),
                         _int(totals.get(f"awards.{code}.individuals")))
        if line.total:
            awards.append(line)
    ratios = {k: (labels.get(k, k), totals.get(k)) for k in RATIO_KEYS}
    commune_ratios = {k: (labels.get(k, k), communes.get(k)) for k in COMMUNE_RATIO_KEYS}
    fund_total = {k: _int(communes.get(k)) for k in FUND_KEYS}
    funds = []
    for code, values in cons.units.items():
        if is_commune_name(names.get(code, "")):
            funds.append(FundLine(code, names.get(code, code),
                                  {k: _int(values.get(k)) for k in FUND_KEYS}))
    return AppendixStats(len(cons.units), [names.get(c, c) for c in cons.units], awards,
                         ratios, commune_ratios, fund_total, funds, source, list(cons.units))


def load_appendix_stats(path: Path) -> AppendixStats:
    """Read the consolidated workbook written by ``tdkt merge``."""
    path = Path(path)
    if not path.exists():
        raise AppendixError(f"Không tìm thấy tệp tổng hợp phụ lục: {path}.")
    from tdkt_xl.appendices import load_consolidated
    try:
        cons = load_consolidated(path)
    except Exception as e:
        raise AppendixError(f"Không đọc được tệp tổng hợp phụ lục {path.name}: {e}. "
                            "Hãy dùng tệp Tong_hop_phu_luc.xlsx do lệnh tdkt merge tạo ra.") from e
    stats = from_consolidated(cons, source=path.name)
    from tdkt_xl.appendices.crosscheck import appendix_notes
    for note in appendix_notes(path):
        if note.is_error and note.unit and note.unit not in stats.unit_codes:
            codes = stats.rejected.setdefault(note.unit, [])
            if note.code not in codes:
                codes.append(note.code)
    return stats


def percent(fraction: Optional[float]) -> Optional[float]:
    return None if fraction is None else 100.0 * float(fraction)
