"""What validation writes back into the workbook, as plain arrays:

* the ``Lỗi dữ liệu`` table (one row per finding, the cell as a hyperlink
  that jumps to it), padded with blanks over the previous run's rows;
* the hidden marks sheet (one column per model sheet, A1 addresses of the
  flagged cells), rewritten whole in one block so that no stale mark survives
  and the clerk's formatting (conditional formats reading these lists) is
  never touched.
"""
from __future__ import annotations

import re
from typing import Iterable, Sequence

from tdkt_xl.vocabulary import cells, schema as S
from tdkt_xl.io import controls as K
from tdkt_xl.vocabulary.findings import finding_headers, finding_row
from tdkt_xl.excel.bookio import Formula

_CELL = re.compile(r"^\$?([A-Z]{1,3})\$?(\d+)$")


def hyperlink(sheet: str, cell: str) -> str:
    """``=HYPERLINK("#'Sheet'!B5","B5")``: a click jumps to the cell (a
    ``Formula``: written as a formula, every other string as text)."""
    if not sheet or not cell:
        return cell or ""
    target = "#'" + sheet.replace("'", "''") + "'!" + cell
    return Formula('=HYPERLINK("' + target.replace('"', '""') + '","' + cell.replace('"', '""') + '")')


def sort_findings(findings: Iterable) -> list:
    """Errors first, then warnings; otherwise the validator's order."""
    return sorted(findings, key=lambda f: 0 if f.is_error else 1)


def finding_rows(findings: Sequence, actual_sheet=None) -> list:
    """Header + one row per finding, in the columns of schema.FINDINGS.
    ``actual_sheet`` maps a schema sheet name to the workbook's own spelling
    (a clerk may have changed case or spacing), so the hyperlink still jumps."""
    out = [finding_headers()]
    at = out[0].index(S.FINDINGS.col("cell").header)
    for f in findings:
        target = (actual_sheet(f.sheet) if actual_sheet and f.sheet else None) or f.sheet
        row = finding_row(f)
        row[at] = hyperlink(target, f.cell)
        out.append(row)
    return out


def padded(new_rows: list, old_rows: Sequence[Sequence] | None, width: int) -> list:
    """``new_rows`` extended with blank rows over the extent of the previous
    content (first ``width`` columns only), so one write also clears stale rows."""
    old_n = 0
    for i, row in enumerate(old_rows or []):
        if any(not cells.is_blank(v) for v in list(row)[:width]):
            old_n = i + 1
    block = [list(r)[:width] + [None] * (width - len(r)) for r in new_rows]
    block.extend([[None] * width for _ in range(max(0, old_n - len(block)))])
    return block


def single_cell(address: str) -> str | None:
    m = _CELL.match((address or "").strip().upper())
    return f"{m.group(1)}{m.group(2)}" if m else None


def marks_by_sheet(findings: Iterable) -> dict:
    """Canonical sheet name -> unique flagged addresses (in row order)."""
    keys = {cells.key_text(n): n for n in K.MARKED_SHEETS}
    found: dict = {n: {} for n in K.MARKED_SHEETS}      # address -> (row, column)
    for f in findings:
        name = keys.get(cells.key_text(f.sheet))
        m = _CELL.match((f.cell or "").strip().upper()) if name else None
        if m:
            found[name].setdefault(m.group(1) + m.group(2), (int(m.group(2)), cells.col_index(m.group(1))))
    return {n: sorted(addrs, key=addrs.__getitem__) for n, addrs in found.items()}


def marks_block(findings: Iterable, old: Sequence[Sequence] | None) -> tuple[list, int]:
    """The whole marks sheet (header row + MARKS_ROWS rows) as one block, and
    how many addresses did not fit.  Columns are found by their header (the
    sheet name); a sheet without a column gets one after the last.  Columns
    that are no sheet's keep their values."""
    old = [list(r) for r in (old or [])]
    header = list(old[0]) if old else []
    col = {}
    for i, v in enumerate(header):
        if isinstance(v, str) and cells.key_text(v):
            col.setdefault(cells.key_text(v), i)
    for name in K.MARKED_SHEETS:
        if cells.key_text(name) not in col:
            header.append(name)
            col[cells.key_text(name)] = len(header) - 1
    width = max(len(header), max((len(r) for r in old), default=0))
    header = header + [None] * (width - len(header))
    n_rows = max(K.MARKS_ROWS, len(old) - 1)
    body = [[None] * width for _ in range(n_rows)]
    mine = {col[cells.key_text(n)] for n in K.MARKED_SHEETS}
    for r in range(min(n_rows, len(old) - 1)):   # foreign columns are kept as they are
        for c, v in enumerate(old[r + 1]):
            if c not in mine:
                body[r][c] = v
    overflow = 0
    for name, addrs in marks_by_sheet(findings).items():
        c = col[cells.key_text(name)]
        for r, a in enumerate(addrs[:K.MARKS_ROWS]):
            body[r][c] = a
        overflow += max(0, len(addrs) - K.MARKS_ROWS)
    return [header] + body, overflow
