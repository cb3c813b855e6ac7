"""The shipped example rounds: CSV files, one per sheet, one folder per round
under ``tdkt_xl/data`` (``example_2024`` is the reference round, Chi Lăng
2024).  ``data/example_rounds.csv`` lists them: the name ``tdkt demo --round``
and ``tdkt build-workbook --round`` take, the data folder, the workbook built
from it and the folder of example returned appendices (both relative to the
project folder).  The workbook builder writes a round's CSV files into its
master workbook; the validator and ``check-round`` read every round as the
reference of what *example data* is; tests read them as sheet arrays."""
from __future__ import annotations

import csv
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


def example_sheets(folder: Path = EXAMPLE_DIR) -> dict:
    """Sheet name -> rows (header first) of text values, as stored."""
    out = {}
    for p in sorted(Path(folder).glob("*.csv")):
        with open(p, newline="", encoding="utf-8") as fh:
            out[p.stem] = [list(r) for r in csv.reader(fh)]
    return out


def example_rounds(path: Path = ROUNDS_FILE) -> tuple:
    """Every shipped example round, the reference round first."""
    with open(path, newline="", encoding="utf-8") as fh:
        return tuple(ExampleRound(r["name"].strip(), DATA_DIR / r["data"].strip(),
                                  r["workbook"].strip(), (r.get("inbox") or "").strip(),
                                  r["title"].strip()) for r in csv.DictReader(fh))


def example_round(name: str) -> ExampleRound | None:
    """The shipped round called ``name`` (case and spaces ignored), or None."""
    want = name.strip().casefold()
    return next((r for r in example_rounds() if r.name.casefold() == want), None)
