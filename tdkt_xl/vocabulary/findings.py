"""Findings: what validation reports, and the catalogue of their codes.

A finding *type* is declared once, at module level, with a stable code, a
severity, a short Vietnamese title and a message template.  An instance adds
only where it happened (sheet, cell, unit) and the values of this occurrence.
The catalogue is listed in the README from the code (``tdkt codes``).
Codes are stable: never rename or reuse one.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, asdict, field
from string import Formatter
from typing import Iterable

from tdkt_xl.model.index import key
from tdkt_xl.vocabulary.cells import fmt_number
from tdkt_xl.vocabulary.text import visible

ERROR, WARNING = "error", "warning"
SEVERITY_VI = {ERROR: "Lỗi", WARNING: "Cảnh báo"}

# jobs a finding may block (a unit's own documents, or the whole round)
JOB_NOTICE = "notice"
JOB_MINUTES = "minutes"
JOB_DECISION = "decision"
JOB_REPORT = "report"
JOB_FORMS = "forms"
JOB_FOLLOWUP = "followup"      # the tracker and the reminder letters (blocked by JOB_ALL findings)
JOB_PLAN = "plan"
JOB_MERGE = "merge"            # the merge of the returned appendices (needs the units' codes, names, blocks)
JOB_ALL = "all"
JOB_VI = {JOB_NOTICE: "thông báo", JOB_MINUTES: "biên bản", JOB_DECISION: "quyết định",
          JOB_REPORT: "báo cáo", JOB_FORMS: "phụ lục",
          JOB_FOLLOWUP: "bảng theo dõi và công văn đôn đốc", JOB_PLAN: "kế hoạch",
          JOB_MERGE: "bảng tổng hợp phụ lục", JOB_ALL: "mọi việc"}

FIELDS = ("code", "severity", "sheet", "cell", "unit", "message", "blocks")


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    sheet: str
    cell: str
    unit: str
    message: str
    blocks: tuple = ()
    file: str = ""
    basis: str = ""             # legal basis / plan section the rule rests on (resolved by date)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def blocks_job(self, job: str, unit: str = "") -> bool:
        if not self.is_error:
            return False
        if JOB_ALL in self.blocks:
            return True
        if job not in self.blocks:
            return False
        return not self.unit or not unit or key(self.unit) == key(unit)

    def as_dict(self) -> dict:
        d = asdict(self)
        d["blocks"] = list(self.blocks)
        for k in ("file", "basis"):
            if not d[k]:
                d.pop(k)
        return d

    def where(self) -> str:
        parts = [p for p in (self.file, self.sheet and f"trang '{self.sheet}'",
                             self.cell and f"ô {self.cell}") if p]
        return ", ".join(parts)


@dataclass(frozen=True)
class FindingType:
    code: str
    severity: str
    title: str
    template: str
    blocks: tuple = ()
    area: str = ""
    basis: tuple = ()           # register codes (Căn cứ pháp lý: "ND98_2023") or "plan:III.1"
    needs: tuple = ()           # (sheet, column header or "") it is drawn from: with that sheet
                                # missing, or that column (any column, for "") lacking, it is not said

    @property
    def fields(self) -> frozenset:
        """The names the message template needs (``at(**values)`` must give them)."""
        return template_fields(self.template)

    def at(self, sheet: str = "", cell: str = "", unit: str = "", blocks: Iterable | None = None,
           file: str = "", **values) -> Finding:
        values = {k: shown(v) for k, v in values.items()}
        message = self.template.format(**values)   # a missing value is a bug: tests catch it
        return Finding(self.code, self.severity, sheet, cell, unit or "", message,
                       tuple(self.blocks if blocks is None else blocks), file)


def shown(v):
    """A value as a clerk reads it in a message: text with its invisible
    characters written out, TRUE/FALSE (as Excel shows a logical cell), a date
    as dd/mm/yyyy, a decimal with the Vietnamese comma; never Python's
    'True', 'None' or '2024-06-01'."""
    if isinstance(v, str):
        return visible(v)
    if v is None:
        return "(trống)"
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, dt.datetime):
        return v.strftime("%d/%m/%Y %H:%M") if (v.hour, v.minute) != (0, 0) else v.strftime("%d/%m/%Y")
    if isinstance(v, dt.date):
        return v.strftime("%d/%m/%Y")
    if isinstance(v, dt.time):
        return v.strftime("%H:%M")
    if isinstance(v, float):
        if v != v or v in (float("inf"), float("-inf")):
            return "(không phải số)"
        return str(int(v)) if v.is_integer() else fmt_number(v)
    return v


def finding_headers(with_file: bool = False) -> list:
    """The one header of every findings table (the ``Lỗi dữ liệu`` sheet's
    columns; ``with_file``: the file column of returned appendices too)."""
    from tdkt_xl.vocabulary import schema as S
    heads = list(S.FINDINGS.headers)
    return heads[:2] + [S.FINDING_FILE.header] + heads[2:] if with_file else heads


def finding_row(f: Finding, with_file: bool = False) -> list:
    """A finding in the columns of ``finding_headers``."""
    row = [f.code, SEVERITY_VI.get(f.severity, f.severity), f.sheet, f.cell, f.unit or "",
           f.message]
    return row[:2] + [f.file] + row[2:] if with_file else row


CATALOGUE: dict[str, FindingType] = {}


def template_fields(template: str) -> frozenset:
    """Named fields of a message template; raises ValueError for a malformed
    template or a positional field ({} or {0}), which no call site could fill."""
    names = set()
    for _, name, _, _ in Formatter().parse(template):
        if name is None:
            continue
        base = name.split(".")[0].split("[")[0]
        if not base or base.isdigit():
            raise ValueError(f"positional field in finding template {template!r}")
        names.add(base)
    return frozenset(names)


def define(code: str, severity: str, title: str, template: str, blocks: Iterable = (),
           area: str = "", basis: Iterable = (), needs: Iterable = ()) -> FindingType:
    """Declare a finding type (checked here: a unique code, a well-formed template).
    ``needs``: what it is drawn from besides its own sheet, each a sheet name (the
    whole sheet) or a (sheet name, column header) pair (``Sheet.ref(field)``)."""
    if code in CATALOGUE:
        raise ValueError(f"duplicate finding code {code}")
    template_fields(template)
    needs = tuple((n, "") if isinstance(n, str) else tuple(n) for n in needs)
    ft = FindingType(code, severity, title, template, tuple(blocks), area, tuple(basis), needs)
    CATALOGUE[code] = ft
    return ft


@dataclass
class Report:
    findings: list = field(default_factory=list)
    source: str = ""                 # file name the round was read from
    as_of: object = None             # datetime.date the time-relative rules used
    round: object = None             # the model that was validated (None if unreadable)
    basis: tuple = ()                # legal texts in force for the plan's dates (for display)

    @property
    def errors(self) -> list:
        return [f for f in self.findings if f.is_error]

    @property
    def warnings(self) -> list:
        return [f for f in self.findings if not f.is_error]

    @property
    def ok(self) -> bool:
        return not self.errors

    def blocking(self, job: str, unit: str = "") -> list:
        return [f for f in self.findings if f.blocks_job(job, unit)]

    def as_dict(self) -> dict:
        return {"findings": [f.as_dict() for f in self.findings]}
