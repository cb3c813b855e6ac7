"""The Excel front door: ``main()`` behind every button of the master
workbook (xlwings), and the registry of jobs a button can run.

Nothing is imported up front: ``main()`` imports the click's machinery
itself, so that a missing or broken library still ends in a Vietnamese
message (``alarm``), never in silence."""
from __future__ import annotations


def main(book=None, **kw):
    """Run the job the clerk clicked for (see ``entry.main``)."""
    try:
        from tdkt_xl.excel.entry import main as run
    except Exception as e:   # the click's own code cannot load
        from tdkt_xl.excel import alarm
        alarm.stop_click(alarm.cannot_start(e))
        return None
    outcome = run(book, **kw)
    from tdkt_xl.excel import alarm
    alarm.finish_click()          # from Excel: exit now, skipping the slow shutdown
    return outcome


def __getattr__(name):   # job_names, sheet_jobs: loaded when asked for
    if name in ("job_names", "sheet_jobs"):
        from tdkt_xl.excel import jobs
        return getattr(jobs, name)
    raise AttributeError(f"module 'tdkt_xl.excel' has no attribute {name!r}")


__all__ = ["main", "job_names", "sheet_jobs"]
