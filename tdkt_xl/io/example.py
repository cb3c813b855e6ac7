"""The shipped example rounds: CSV files, one per sheet, one folder per round
under ``tdkt_xl/data`` (``example_2024`` is the reference round, Chi Lăng
2024).  ``data/example_rounds.csv`` lists them: the name ``tdkt demo --round``
and ``tdkt build-workbook --round`` take, the data folder, the workbook built
from it and the folder of example returned appendices (both relative to the
project folder), and the date its data describes (``tdkt demo``'s default
``--as-of``: the example's overdue items are those of that date, not of today).  The workbook builder writes a round's CSV files into its
master workbook; the validator and ``check-round`` read every round as the
reference of what *example data* is; tests read them as sheet arrays."""
from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
EXAMPLE_DIR = DATA_DIR / "example_2024"
ROUNDS_FILE = DATA_DIR / "example_rounds.csv"


@dataclass(frozen=True)
class ExampleRound:
    name: str            # what --round takes
    data_dir: Path       # its CSV files
    workbook: str        # its master workbook, relative to the project folder
    inbox: str           # its example returned appendices ('' = none shipped)
    title: str           # one line for a clerk
    as_of: dt.date | None = None   # the date its data describes (tdkt demo's default --as-of)


def sheet_files(folder: Path = EXAMPLE_DIR) -> list:
    """The CSV files of a round's folder, one per sheet (stem = sheet name), in order."""
    return sorted(Path(folder).glob("*.csv"))


def example_sheets(folder: Path = EXAMPLE_DIR) -> dict:
    """Sheet name -> rows (header first) of text values, as stored."""
    out = {}
    for p in sheet_files(folder):
        with open(p, newline="", encoding="utf-8") as fh:
            out[p.stem] = [list(r) for r in csv.reader(fh)]
    return out


def example_rounds(path: Path = ROUNDS_FILE) -> tuple:
    """Every shipped example round, the reference round first."""
    with open(path, newline="", encoding="utf-8") as fh:
        return tuple(ExampleRound(r["name"].strip(), DATA_DIR / r["data"].strip(),
                                  r["workbook"].strip(), (r.get("inbox") or "").strip(),
                                  r["title"].strip(), _date(r.get("as_of")))
                     for r in csv.DictReader(fh))


def _date(text) -> dt.date | None:
    text = (text or "").strip()
    return dt.datetime.strptime(text, "%d/%m/%Y").date() if text else None


def example_round(name: str) -> ExampleRound | None:
    """The shipped round called ``name`` (case and spaces ignored), or None."""
    want = name.strip().casefold()
    return next((r for r in example_rounds() if r.name.casefold() == want), None)
