"""The jobs a button can run: a static list, every one shipped.

Each job's ``run`` imports its module, and that module its engine, inside the
function: a click loads only its own engine (a validation click never loads
documents, reports, appendices, pandas or matplotlib), and an engine that
cannot be imported fails that click, and its test, loudly.  The workbook
builder lists every job in the dropdowns.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from tdkt_xl.io import controls as K
from tdkt_xl.vocabulary import doc_kinds as DK


@dataclass(frozen=True)
class Job:
    name: str                                  # Vietnamese, as in the dropdowns
    run: Callable                              # Context -> Outcome


def _validate(ctx):
    from tdkt_xl.excel import validate_job
    return validate_job.run(ctx)


def _documents(ctx):
    from tdkt_xl.excel import document_jobs
    return document_jobs.run(ctx)


def _forms(ctx):
    from tdkt_xl.excel import appendix_jobs
    return appendix_jobs.run_forms(ctx)


def _merge(ctx):
    from tdkt_xl.excel import appendix_jobs
    return appendix_jobs.run_merge(ctx)


def _report(ctx):
    from tdkt_xl.excel import report_jobs
    return report_jobs.run_report(ctx)


def _followup(ctx):
    from tdkt_xl.excel import report_jobs
    return report_jobs.run_followup(ctx)


def _open_output(ctx):
    from tdkt_xl.excel import open_folder
    return open_folder.run(ctx)


JOBS = (
    Job(K.JOB_VALIDATE, _validate),
    *(Job(name, _documents) for name in DK.grouped("button")),    # the document kinds table
    Job(K.JOB_FORMS, _forms),
    Job(K.JOB_MERGE, _merge),
    Job(K.JOB_REPORT, _report),
    Job(K.JOB_FOLLOWUP, _followup),
    Job(K.JOB_OPEN_OUTPUT, _open_output),
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
