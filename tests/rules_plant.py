"""Planting violations into sheet arrays or into a copy of the workbook, at a
row found by its values and a column found by its header (never by position)."""
from __future__ import annotations

import datetime as dt
import re

from tdkt_xl.vocabulary import cells

_DATE = re.compile(r"^\d{2}/\d{2}/\d{4}$")
_TIME = re.compile(r"^\d{2}:\d{2}$")


def header_index(rows, header: str) -> tuple[int, int]:
    """(header row, column) of a header text, 0-based."""
    for r, row in enumerate(rows[:10]):
        for c, v in enumerate(row):
            if cells.key_text(v) == cells.key_text(header):
                return r, c
    raise KeyError(header)


def find_row(rows, where: dict) -> int:
    """0-based index of the first data row whose cells equal ``where``."""
    hr, _ = header_index(rows, next(iter(where)))
    cols = {h: header_index(rows, h)[1] for h in where}
    for r in range(hr + 1, len(rows)):
        row = rows[r]
        if all(c < len(row) and cells.key_text(row[c]) == cells.key_text(v)
               for h, v in where.items() for c in [cols[h]]):
            return r
    raise LookupError(f"no row {where}")


def cell(sheets, sheet: str, where, header: str) -> str:
    """A1 address of a column in the row ``where``; ``where="next"`` is the
    row below the last non-blank row."""
    rows = sheets[sheet]
    col = header_index(rows, header)[1]
    if where == "next":
        last = max(i for i, row in enumerate(rows) if any(not cells.is_blank(v) for v in row))
        return cells.a1(last + 1, col)
    return cells.a1(find_row(rows, where), col)


def targets(sheets, ops) -> list:
    """Resolve ops to (sheet, row0, col0 or None for the whole row, value)."""
    out = []
    for op in ops:
        if op[0] == "set":
            _, sheet, where, header, value = op
            rows = sheets[sheet]
            out.append((sheet, find_row(rows, where), header_index(rows, header)[1], value))
        elif op[0] == "drop":               # blank every cell of each matching row
            _, sheet, where = op
            rows = sheets[sheet]
            hr = header_index(rows, next(iter(where)))[0]
            cols = {h: header_index(rows, h)[1] for h in where}
            for r in range(hr + 1, len(rows)):
                if all(cells.key_text(rows[r][cols[h]]) == cells.key_text(v)
                       for h, v in where.items()):
                    out.append((sheet, r, None, None))
        elif op[0] == "column":             # one column of every row whose key cell is filled
            _, sheet, key_header, header, value = op
            rows = sheets[sheet]
            hr, kc = header_index(rows, key_header)
            col = header_index(rows, header)[1]
            out += [(sheet, r, col, value) for r in range(hr + 1, len(rows))
                    if kc < len(rows[r]) and not cells.is_blank(rows[r][kc])]
        else:
            raise ValueError(op)
    return out


def apply_to_arrays(sheets, ops) -> None:
    for sheet, r, c, value in targets(sheets, ops):
        row = sheets[sheet][r]
        if c is None:
            row[:] = [""] * len(row)
        else:
            row.extend([""] * (c + 1 - len(row)))
            row[c] = value


def excel_value(v):
    """What a clerk typing the text in Excel gets: a real date or time."""
    if isinstance(v, str) and _DATE.match(v):
        try:
            return dt.datetime.strptime(v, "%d/%m/%Y")
        except ValueError:
            return v                      # "32/13/2024" stays text
    if isinstance(v, str) and _TIME.match(v):
        h, m = map(int, v.split(":"))
        return dt.time(h, m) if h < 24 else v
    if isinstance(v, str) and re.fullmatch(r"-?\d+", v) and not v.startswith("0"):
        return int(v)
    return v if v != "" else None


def apply_to_openpyxl(wb, sheets, ops) -> None:
    """Apply ops to an openpyxl workbook whose values are ``sheets``."""
    for sheet, r, c, value in targets(sheets, ops):
        ws = wb[sheet]
        if c is None:
            for cell_ in ws[r + 1]:
                cell_.value = None
        else:
            ws.cell(row=r + 1, column=c + 1).value = excel_value(value)
