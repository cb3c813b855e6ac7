"""The register of legal bases shipped with the tool (``data/legal_basis.csv``,
the columns of the Căn cứ pháp lý sheet): the builder writes it into every new
workbook, where a clerk can add rows; a workbook made before the sheet existed
is read with it."""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

SHIPPED = Path(__file__).resolve().parent.parent / "data" / "legal_basis.csv"


def shipped_rows(path: Path = SHIPPED) -> list:
    """The CSV as sheet rows (header first), values as text."""
    with open(path, newline="", encoding="utf-8") as fh:
        return [list(r) for r in csv.reader(fh)]


@lru_cache(maxsize=2)
def shipped_register(path: Path = SHIPPED) -> tuple:
    """The shipped rows as ``model.LegalText`` records (origin: the CSV's sheet and row)."""
    from tdkt_xl.io.reader import read_legal
    return tuple(read_legal(shipped_rows(path), []))
