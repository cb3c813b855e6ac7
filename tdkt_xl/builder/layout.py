"""Where things are in the built master workbook (rows, tables, names).

The reader never relies on these positions (it finds header rows and columns
by their text); they are used by the builder and its tests, and documented in
docs/workbook.md for whoever writes into a sheet from Excel.

Sheets that carry a button (controls.SHEET_CONTROLS) have a control bar in
row 1 (label ``Việc cần làm``, the job dropdown right of it, the button) and
their header in row 2.  The other table sheets have their header in row 1.
"""
from __future__ import annotations

import re
import unicodedata

from tdkt_xl.io import controls as K
from tdkt_xl.vocabulary import schema as S

CONTROL_ROW = 1                      # 1-based row of the control bar
DATA_ROWS = 2000                     # rows below the header covered by dropdowns / marks
SPARE_FORMULA_ROWS = 30              # empty rows with ready formulas in formula tables
LIST_SHEET = S.LISTS.name            # hidden sheet of closed lists
UNIT_CHOICE_ROWS = 500               # "Tất cả" + unit codes mirrored on the list sheet

_CONTROLLED = {c.sheet for c in K.SHEET_CONTROLS}


def has_control_bar(sheet_name: str) -> bool:
    return sheet_name in _CONTROLLED


def header_row(sheet_name: str) -> int:
    """1-based row of the header of a table sheet in the built workbook."""
    return CONTROL_ROW + 1 if has_control_bar(sheet_name) else 1


def first_data_row(sheet_name: str) -> int:
    return header_row(sheet_name) + 1


def ascii_name(text: str) -> str:
    """'Thành phần đoàn' -> 'ThanhPhanDoan' (for table names)."""
    t = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    t = "".join(ch for ch in t if unicodedata.category(ch) != "Mn")
    return "".join(w[:1].upper() + w[1:] for w in re.split(r"[^A-Za-z0-9]+", t) if w)


def table_name(sheet_name: str) -> str:
    return "tbl_" + ascii_name(sheet_name)


def marks_name(index: int) -> str:
    """Defined name over the marks column of MARKED_SHEETS[index] (0-based)."""
    return f"{K.MARKS_NAME_PREFIX}{index}"
