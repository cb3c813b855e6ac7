"""Inspection results: summary report with charts, follow-up of recommendations.

Service functions (imported lazily, so that ``import tdkt_xl.reports`` stays cheap):
``make_report(round, out_dir, appendices=None, as_of=None)`` and
``make_followup(round, out_dir, as_of=None)``; see docs/reports.md.
"""
from __future__ import annotations


def __getattr__(name):
    if name == "make_report":
        from tdkt_xl.reports.report import make_report
        return make_report
    if name == "make_followup":
        from tdkt_xl.reports.followup import make_followup
        return make_followup
    raise AttributeError(name)
