"""The shipped example round, as the builder writes it into the master
workbook (read by ``tdkt_xl.io.example``, the one reader of the CSV files)."""
from __future__ import annotations

from tdkt_xl.io.example import EXAMPLE_DIR, example_sheets  # noqa: F401
