"""``import xlwings`` for a click, without numpy, pandas and matplotlib.

xlwings imports every optional library it can use as soon as it is
imported (``xlwings/utils.py``: numpy, matplotlib, plotly;
``xlwings/main.py``: matplotlib, pandas, PIL; ``xlwings/conversion``: pandas,
numpy, polars), each behind ``try: import … except ImportError``: with them
installed (the project needs pandas; matplotlib may be there for other uses), a bare
``import xlwings`` costs most of a click.  A click only moves plain lists of
values through ``Range.value``, so while xlwings is imported these names are
hidden (``sys.modules[name] = None`` makes ``import name`` raise
ImportError) and xlwings takes its own path for a machine without them.
They are visible again right after: a job that needs pandas imports it
normally, and xlwings simply does not convert DataFrames for this process
(tdkt never hands it one).

Used by the click process only (``entry``); tests and tools import xlwings
the ordinary way.
"""
from __future__ import annotations

import sys

OPTIONAL = ("numpy", "pandas", "matplotlib", "polars", "PIL", "plotly")


def xlwings():
    """The xlwings module, imported without its optional data libraries
    (unchanged when something already imported xlwings)."""
    if "xlwings" in sys.modules:
        return sys.modules["xlwings"]
    hidden = [m for m in OPTIONAL if m not in sys.modules]
    for m in hidden:
        sys.modules[m] = None
    try:
        import xlwings as xw
    finally:
        for m in hidden:
            if m in sys.modules and sys.modules[m] is None:
                del sys.modules[m]
    return xw
