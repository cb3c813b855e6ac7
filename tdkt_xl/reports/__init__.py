"""Inspection results: summary report with charts, follow-up of recommendations.

Service functions: ``reports.report.make_report(source, out_dir, appendices=None,
as_of=None)`` and ``reports.followup.make_followup(round, out_dir, as_of=None)``;
see docs/reports.md.
"""
