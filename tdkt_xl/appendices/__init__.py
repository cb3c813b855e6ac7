"""Phụ lục I, II, III: forms out (``make_forms``), returned files in and
merged (``merge_inbox`` / ``merge``), consolidated statistics
(``MergeResult.stats()``, ``load_consolidated``).  See docs/appendices.md.

The names below load on first use: importing one submodule (the validate
click's ``crosscheck``) must not load the merge engine and python-docx."""
import importlib
import sys
import types

_EXPORTS = {"load_spec": "spec", "MergeResult": "merge", "merge_inbox": "merge",
            "FormsSummary": "service", "make_forms": "service", "merge": "service",
            "merge_text": "service", "Consolidated": "stats", "load_consolidated": "stats"}

__all__ = list(_EXPORTS)


def __getattr__(name):
    where = _EXPORTS.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{where}"), name)
    globals()[name] = value
    return value


class _Package(types.ModuleType):
    """``merge`` names both a submodule and the service function the package exports;
    importing the submodule must not replace the function (as with eager imports)."""

    def __setattr__(self, name, value):
        if name == "merge" and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
