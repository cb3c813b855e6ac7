"""Phụ lục I, II, III: forms out (``make_forms``), returned files in and
merged (``merge_inbox`` / ``merge``), consolidated statistics
(``MergeResult.stats()``, ``load_consolidated``).  See docs/appendices.md."""
from tdkt_xl.appendices.spec import load_spec  # noqa: F401
from tdkt_xl.appendices.merge import MergeResult, merge_inbox  # noqa: F401
from tdkt_xl.appendices.service import FormsSummary, make_forms, merge, merge_text  # noqa: F401
from tdkt_xl.appendices.stats import Consolidated, load_consolidated  # noqa: F401

__all__ = ["load_spec", "MergeResult", "merge_inbox", "FormsSummary", "make_forms", "merge", "merge_text",
           "Consolidated", "load_consolidated"]
