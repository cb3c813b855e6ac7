"""The Excel front door: ``main()`` behind every button of the master
workbook (xlwings), and the registry of jobs a button can run."""
from tdkt_xl.excel.entry import main
from tdkt_xl.excel.jobs import available_jobs, sheet_jobs

__all__ = ["main", "available_jobs", "sheet_jobs"]
