"""Formula error cells (``#REF!``, ``#N/A``…) of a sheet's XML.

python-calamine hands an error cell over as an empty string, so a ``#REF!``
would read as a blank cell (and cascade into 'chưa có giá trị' findings).
Desktop Excel, read with ``err_to_str``, gives the error text.  This scan
finds the error cells (``<c … t="e">…<v>#REF!</v></c>``) so that the file
read gives the same text as Excel, and the reader says "ô có lỗi công thức
#REF!" once, at the cell.
"""
from __future__ import annotations

import re

from tdkt_xl.vocabulary.cells import FORMULA_ERRORS, col_index

_ERROR_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c\b([^>]*?)/?>", re.S)
_TYPE_E = re.compile(rb"""\bt\s*=\s*["']e["']""")
_REF = re.compile(rb"""(?<![\w:])r\s*=\s*["']([A-Za-z]{1,3})([0-9]{1,7})["']""")
_VALUE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?v>([^<]{1,20})</(?:[A-Za-z_][\w.-]*:)?v>")
_CELL_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?c>")


def error_cells(xml: bytes) -> dict:
    """``{(row0, col0): '#REF!'}`` of one sheet's XML (empty when none)."""
    # an error cell says t="e" (or t='e'); a sheet without a single quote needs one search, not two
    if b'"e"' not in xml and (b"'" not in xml or b"'e'" not in xml):
        return {}
    out = {}
    for m in _ERROR_CELL.finditer(xml):
        attrs = m.group(1)
        if not _TYPE_E.search(attrs) or m.group(0).endswith(b"/>"):
            continue
        ref = _REF.search(attrs)
        if not ref:
            continue
        end = _CELL_END.search(xml, m.end())
        if not end:
            continue
        v = _VALUE.search(xml, m.end(), end.start())
        text = v.group(1).decode("latin-1").strip().upper() if v else ""
        out[(int(ref.group(2)) - 1, col_index(ref.group(1).decode("ascii")))] = (
            text if text in FORMULA_ERRORS else "#VALUE!")
    return out


def overlay(rows: list, errors: dict) -> list:
    """``rows`` (A1-anchored) with each error cell holding its error text."""
    for (r, c), text in errors.items():
        if r < len(rows) and c < len(rows[r]):
            rows[r][c] = text
    return rows
