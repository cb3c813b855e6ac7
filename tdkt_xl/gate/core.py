"""Read once, validate once, answer per job and unit (see the package doc)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from tdkt_xl import model as m
from tdkt_xl.gate.examples import reference as example_reference
from tdkt_xl.io.appendix_citations import spec_citations
from tdkt_xl.io.reader import ReadResult, read_round
from tdkt_xl.rules.runner import validate as run_rules
from tdkt_xl.vocabulary.findings import JOB_VI, Report

SHOWN = 3          # findings quoted in a refusal; the rest are counted


def explain(job: str, findings: list) -> str:
    """'dữ liệu còn N lỗi chặn việc lập …: [code] message (where); …' (no advice:
    each front door says where to look)."""
    parts = []
    for f in findings[:SHOWN]:
        where = f.where()
        parts.append(f"[{f.code}] {f.message}" + (f" ({where})" if where else ""))
    more = f" và {len(findings) - SHOWN} lỗi khác" if len(findings) > SHOWN else ""
    return (f"dữ liệu còn {len(findings)} lỗi chặn việc lập {JOB_VI.get(job, job)}: "
            + "; ".join(parts) + more + ".")


class Blocked(Exception):
    """Errors of the workbook stop ``job`` (for ``unit``, "" = the whole job)."""

    def __init__(self, job: str, findings: list, unit: str = ""):
        self.job, self.findings, self.unit = job, list(findings), unit
        of = f" của đơn vị {unit}" if unit else ""
        super().__init__(f"Chưa thể lập {JOB_VI.get(job, job)}{of}: {explain(job, self.findings)}")


@dataclass(frozen=True)
class Checked:
    """A workbook read once and validated once as of ``report.as_of``."""
    read: ReadResult
    report: Report

    @property
    def round(self) -> m.Round:
        return self.read.round

    @property
    def as_of(self) -> dt.date:
        return self.report.as_of

    def blocking(self, job: str, unit: str = "") -> list:
        """Errors that stop ``job`` for ``unit`` ("" = for any unit)."""
        return self.report.blocking(job, unit)

    def may_run(self, job: str, unit: str = "") -> bool:
        return not self.blocking(job, unit)

    def require(self, job: str, unit: str = "") -> None:
        """Raise ``Blocked`` when errors stop ``job`` for ``unit``."""
        found = self.blocking(job, unit)
        if found:
            raise Blocked(job, found, unit)

    def per_unit(self, job: str) -> dict:
        """For a job done unit by unit: raise ``Blocked`` when an error stops
        it for every unit, else {unit code: findings} of the units it stops."""
        found = self.blocking(job)
        whole = [f for f in found if not f.unit]
        if whole:
            raise Blocked(job, whole)
        out: dict = {}
        for f in found:
            out.setdefault(f.unit, []).append(f)
        return out


def read(source, name: str = "") -> ReadResult:
    """The model and the reader's findings from a workbook path, sheet arrays
    ({sheet name: 2-D array}, named ``name``), a ``ReadResult`` or a ``Checked``
    (kept as they are) or a bare ``Round`` (no reader findings).  Raises
    ``WorkbookError`` when the workbook cannot be read at all."""
    if isinstance(source, Checked):
        return source.read
    if isinstance(source, ReadResult):
        return source
    if isinstance(source, m.Round):
        return ReadResult(source, [])
    if isinstance(source, Mapping):
        return read_round(source, name)
    if isinstance(source, (str, Path)):
        from tdkt_xl.io.sources import read_workbook
        return read_workbook(source)
    raise TypeError(f"gate.read() needs a path, sheet arrays, a ReadResult or a Round, "
                    f"not {type(source).__name__}")


def check(source, as_of: dt.date, name: str = "") -> Checked:
    """Read (unless already read) and validate as of ``as_of``.  A ``Checked``
    of the same date is returned as it is; of another date, revalidated
    without reading again."""
    if isinstance(source, Checked) and source.as_of == as_of:
        return source
    rr = read(source, name)
    return Checked(rr, run_rules(rr.round, as_of, rr.findings, example_reference(), spec_citations()))


def check_read(source, rr: ReadResult, as_of: dt.date) -> Checked:
    """``check`` for a service that has already called ``read(source)``:
    a ``Checked`` source is kept (revalidated only for another date), any
    other source is validated from ``rr`` without being read again."""
    return check(source if isinstance(source, Checked) else rr, as_of)


def validate(source, as_of: dt.date, name: str = "") -> Report:
    """The report of ``check`` (what ``tdkt validate`` and the button print)."""
    return check(source, as_of, name).report


def validate_arrays(sheets: Mapping, source: str, as_of: dt.date) -> Report:
    """Sheet arrays (xlwings batch reads, CSV) -> report."""
    return validate(sheets, as_of, source)


def validate_workbook(path, as_of: dt.date) -> Report:
    """The workbook file (read with python-calamine, never modified) -> report."""
    return validate(Path(path), as_of)
