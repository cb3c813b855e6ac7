"""The one merge engine: every file of the inbox -> MergeResult (no output).

Recomputed from the whole inbox each time (idempotent): files are identified
by the hidden template id and unit code, a unit's newest file (saved time in
docProps/core.xml, then modification time) wins and the others are reported;
the CLI, the demo and the Excel merge button all call ``merge_inbox``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from tdkt_xl.appendices import codes as K
from tdkt_xl.appendices.returned import (MERGED, REJECTED, SUPERSEDED, STATUS_VI, FileOutcome,
                                         identify, parse, sniff)
from tdkt_xl.appendices.spec import Spec, load_spec
from tdkt_xl.vocabulary.cells import fmt_date
from tdkt_xl.io.reader import WorkbookError


@dataclass
class MissingUnit:
    code: str
    name: str
    block: str
    report_due: Optional[dt.date]

    def as_dict(self) -> dict:
        return {"unit": self.code, "name": self.name, "report_due": fmt_date(self.report_due) or None}


@dataclass
class UnitInfo:
    code: str
    name: str
    block: str
    selected: bool


@dataclass
class MergeResult:
    spec: Spec
    inbox: str
    unit_info: dict                                   # code -> UnitInfo (the round's units, in order)
    files: list = field(default_factory=list)         # FileOutcome
    units: dict = field(default_factory=dict)         # code -> UnitReturn (merged)
    findings: list = field(default_factory=list)      # Finding
    missing: list = field(default_factory=list)       # MissingUnit
    outputs: list = field(default_factory=list)       # files written by merge()
    _stats: object = field(default=None, repr=False)
    _rejected_by_unit: Optional[dict] = field(default=None, repr=False)

    # ---- views
    @property
    def merged_files(self) -> list:
        return [f for f in self.files if f.status == MERGED]

    @property
    def rejected_files(self) -> list:
        return [f for f in self.files if f.status in (REJECTED, SUPERSEDED)]

    def unit_status(self, code: str) -> str:
        if code in self.units:
            return STATUS_VI[MERGED]
        if self._rejected_by_unit is None:
            self._rejected_by_unit = {}
            for f in self.files:
                if f.status == REJECTED and f.unit_code:
                    self._rejected_by_unit.setdefault(f.unit_code, []).append(f)
        files = self._rejected_by_unit.get(code, [])
        if files:
            codes = sorted({x.code for f in files for x in f.findings if x.is_error})
            return f"{STATUS_VI[REJECTED]} ({', '.join(codes)})"
        for m in self.missing:
            if m.code == code:
                due = fmt_date(m.report_due)
                return f"Chưa gửi (hạn {due})" if due else "Chưa gửi"
        return ""

    def stats(self):
        """Consolidated statistics (computed once; the result is not changed after the merge)."""
        if self._stats is None:
            from tdkt_xl.appendices.stats import from_result
            self._stats = from_result(self)
        return self._stats

    def frames(self) -> dict:
        from tdkt_xl.appendices.stats import frames
        return frames(self)

    def summary_table(self) -> list:
        from tdkt_xl.appendices.stats import summary_table
        return summary_table(self)

    def as_dict(self) -> dict:
        merged = []
        for f in self.merged_files:
            u = self.units[f.unit_code]
            merged.append({**f.as_dict(), "name": self.unit_info[f.unit_code].name,
                           "figures": {k: u.values.get(k) for k in KEY_FIGURES if k in u.values}})
        rejected = []
        for f in self.rejected_files:
            d = f.as_dict()
            d["reasons"] = [x.message for x in f.findings if x.is_error or f.status == SUPERSEDED]
            rejected.append(d)
        return {"merged": merged, "rejected": rejected,
                "findings": [x.as_dict() for x in self.findings],
                "missing": [m.as_dict() for m in self.missing]}


KEY_FIGURES = ("mv_total", "awards.LDTT.individuals", "awards.CSTDCS.individuals", "r_cstdcs_ldtt",
               "awards.TTLDTT.collectives", "awards.TTLDXS.collectives", "awards.total.total",
               "r_nonleader", "r_workers", "r_family", "models_total", "fund_total", "spent_total",
               "fund_balance")


def _inbox_files(inbox: Path, exclude: tuple = ()) -> list:
    skip = [Path(e).resolve() for e in exclude]
    out = []
    for p in sorted(inbox.rglob("*")):
        if p.name.startswith(("~$", ".")) or not p.is_file():
            continue
        if skip and any(s == p.resolve() or s in p.resolve().parents for s in skip):
            continue
        out.append(p)
    return out


def merge_inbox(rnd, inbox_dir, spec: Optional[Spec] = None, as_of: Optional[dt.date] = None,
                exclude: tuple = ()) -> MergeResult:
    """Read every file of ``inbox_dir`` (never modifies them) into a MergeResult.
    ``exclude``: folders inside the inbox not to read (e.g. the output folder)."""
    spec = spec or load_spec()
    inbox = Path(inbox_dir)
    if not inbox.is_dir():
        raise WorkbookError(f"Không tìm thấy thư mục phụ lục gửi về '{inbox}'.")
    info = {u.code: UnitInfo(u.code, u.name, u.block, u.selected) for u in rnd.units}
    res = MergeResult(spec, str(inbox), info)

    candidates: dict = {}
    for p in _inbox_files(inbox, exclude):
        out = sniff(p, spec)
        if out.status != REJECTED:
            identify(out, spec)
        if out.status != REJECTED and out.unit_code not in info:
            out.close()
            out.findings.append(K.UNKNOWN_UNIT.at(spec.id_sheet, "B3", out.unit_code, file=out.name,
                                                  code=out.unit_code))
            out.status = REJECTED
        res.files.append(out)
        if out.status != REJECTED:
            candidates.setdefault(out.unit_code, []).append(out)

    for code in [c for c in info if c in candidates]:
        group = sorted(candidates[code], key=lambda f: f.sort_key)
        newest = group[-1]
        for old in group[:-1]:
            old.close()
            old.status = SUPERSEDED
            old.findings.append(K.SUPERSEDED.at("", "", code, file=old.name, newer=newest.name,
                                                newer_time=_when(newest), time=_when(old)))
        ret = parse(newest, spec, rnd, as_of)
        if ret is not None:
            res.units[code] = ret
            if not info[code].selected:
                newest.findings.append(K.NOT_SELECTED.at(spec.id_sheet, "B3", code, file=newest.name, code=code))

    for f in res.files:
        res.findings.extend(f.findings)
    seen = {f.unit_code for f in res.files if f.unit_code}
    for u in rnd.units:
        if u.selected and u.code not in seen:
            insp = rnd.inspection(u.code)
            due = insp.report_due if insp else None
            res.missing.append(MissingUnit(u.code, u.name, u.block, due))
            res.findings.append(K.MISSING.at("", "", u.code, code=u.code, name=u.name,
                                             due=fmt_date(due) or "chưa xác định"))
    return res


def _when(f: FileOutcome) -> str:
    if f.saved_at:
        return f.saved_at.strftime("%H:%M %d/%m/%Y")
    return dt.datetime.fromtimestamp(f.mtime).strftime("%H:%M %d/%m/%Y") if f.mtime else "không rõ"

