"""The shipped example round (Chi Lăng 2024): CSV files, one per sheet, kept
in ``tdkt_xl/data/example_2024``.  The workbook builder writes them into the
master workbook; the validator and ``check-round`` read them as the reference
of what *example data* is; tests read them as sheet arrays."""
from __future__ import annotations

import csv
from pathlib import Path

EXAMPLE_DIR = Path(__file__).resolve().parent.parent / "data" / "example_2024"


def example_sheets(folder: Path = EXAMPLE_DIR) -> dict:
    """Sheet name -> rows (header first) of text values, as stored."""
    out = {}
    for p in sorted(folder.glob("*.csv")):
        with open(p, newline="", encoding="utf-8") as fh:
            out[p.stem] = [list(r) for r in csv.reader(fh)]
    return out
