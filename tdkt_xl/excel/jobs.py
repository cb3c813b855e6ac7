"""The jobs a button can run: a static list, every one shipped.

Each job's ``run`` imports its module, and that module its engine, inside the
function: a click loads only its own engine (a validation click never loads
documents, reports, appendices or pandas), and an engine that
cannot be imported fails that click, and its test, loudly.  The workbook
builder lists every job in the dropdowns.
"""
from __future__ import annotations

from dataclasses import dataclass
from tdkt_xl.io import controls as K
from tdkt_xl.vocabulary import doc_kinds as DK


@dataclass(frozen=True)
class Job:
    name: str                # Vietnamese, as in the dropdowns
    module: str              # tdkt_xl.excel.<module>, imported when clicked
    function: str            # its function Context -> Outcome (it imports its engine inside)

    def run(self, ctx):
        import importlib
        return getattr(importlib.import_module(f"tdkt_xl.excel.{self.module}"), self.function)(ctx)


JOBS = (
    Job(K.JOB_VALIDATE, "validate_job", "run"),
    *(Job(name, "document_jobs", "run") for name in DK.grouped("button")),   # the kinds table
    Job(K.JOB_FORMS, "appendix_jobs", "run_forms"),
    Job(K.JOB_MERGE, "appendix_jobs", "run_merge"),
    Job(K.JOB_REPORT, "report_jobs", "run_report"),
    Job(K.JOB_FOLLOWUP, "report_jobs", "run_followup"),
    Job(K.JOB_CHECK_ROUND, "check_round_job", "run"),
    Job(K.JOB_OPEN_OUTPUT, "open_folder", "run"),
)


def registry() -> dict:
    return {j.name: j for j in JOBS}


def job_names() -> tuple:
    """Every job, in controls.ALL_JOBS order (the dropdowns list them all)."""
    names = {j.name for j in JOBS}
    return tuple(n for n in K.ALL_JOBS if n in names)


def sheet_jobs(sheet: str) -> tuple:
    """The jobs to list in a sheet's dropdown (first = default)."""
    for c in K.SHEET_CONTROLS:
        if c.sheet == sheet:
            return tuple(c.jobs)
    return ()
