"""The jobs a button can run, and which of them this installation offers.

A job is offered only when its engine exists (``ready()``); the workbook
builder lists ``available_jobs()`` in the dropdowns, so a clerk never sees a
job that would do nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from tdkt_xl.io import controls as K
from tdkt_xl.excel import appendix_jobs, document_jobs, open_folder, report_jobs, validate_job
from tdkt_xl.excel.context import Context, Outcome


@dataclass(frozen=True)
class Job:
    name: str                                  # Vietnamese, as in the dropdowns
    ready: Callable[[], bool]                  # does its engine exist here?
    run: Callable[[Context], Outcome]


def _always() -> bool:
    return True


def registry() -> dict:
    jobs = [
        Job(K.JOB_VALIDATE, validate_job.engine_ready, validate_job.run),
        *(Job(name, document_jobs.ready, document_jobs.run) for name in document_jobs.KINDS),
        Job(K.JOB_FORMS, appendix_jobs.forms_ready, appendix_jobs.run_forms),
        Job(K.JOB_MERGE, appendix_jobs.merge_ready, appendix_jobs.run_merge),
        Job(K.JOB_REPORT, report_jobs.report_ready, report_jobs.run_report),
        Job(K.JOB_FOLLOWUP, report_jobs.followup_ready, report_jobs.run_followup),
        Job(K.JOB_OPEN_OUTPUT, _always, open_folder.run),
    ]
    return {j.name: j for j in jobs}


def available_jobs() -> tuple:
    """Names of the jobs this installation can run, in controls.ALL_JOBS order."""
    reg = registry()
    return tuple(n for n in K.ALL_JOBS if n in reg and reg[n].ready())


def sheet_jobs(sheet: str) -> tuple:
    """The jobs to list in a sheet's dropdown (first = default), offered only."""
    offered = set(available_jobs())
    for c in K.SHEET_CONTROLS:
        if c.sheet == sheet:
            return tuple(j for j in c.jobs if j in offered)
    return ()
