"""Rows written in bulk (io/xlsx_bulk.py) read back as the same cells, with
the same formats, as the rows written cell by cell through XlsxWriter."""
from __future__ import annotations

import datetime as dt
import io
import math

import openpyxl

from tdkt_xl.io.xlsx import new_workbook
from tdkt_xl.io.xlsx_bulk import BulkRows
from tdkt_xl.vocabulary.cells import fmt_date

ROWS = [
    ["XQS", "Xã Quảng Sơn", 12, 3.5, None, "", True],
    ["A&B <c>", " lề trái", 0, math.nan, math.inf, "x\x01y", False],
    ["XQS", "Xã Quảng Sơn", -7, 1e-9, dt.date(2024, 6, 5), "=cmd|' /C calc'!A0", "http://x.vn"],
    ["Xã Quảng Sơn", "XQS", 10 ** 15, 2.0, None, "lề phải ", dt.datetime(2024, 1, 2, 3, 4)],
]


def _expected(v):
    if v is None or (isinstance(v, float) and not math.isfinite(v)) or v == "":
        return None
    if isinstance(v, bool):
        return "Có" if v else "Không"
    if isinstance(v, (dt.date, dt.datetime)):
        return fmt_date(v)
    if isinstance(v, str):
        return v.replace("\x01", "_x0001_")
    return v


def _read(data: bytes, sheet: str) -> dict:
    ws = openpyxl.load_workbook(io.BytesIO(data))[sheet]
    return {(c.row, c.column): (c.value, c.number_format, c.border.left.style, c.font.b)
            for row in ws.iter_rows() for c in row if c.value is not None or c.has_style}


def test_bulk_rows_read_back_as_the_cells_written_one_by_one():
    wb, buf = new_workbook()
    plain = [wb.add_format({"border": 1}), wb.add_format({"border": 1, "num_format": "#,##0"})] * 4
    total = [wb.add_format({"border": 1, "bold": True})] * 8
    bulk = BulkRows()
    ws = wb.add_worksheet("Bảng")
    ws.write_string(0, 0, "Tiêu đề")
    bulk.add(ws, 2, ROWS, lambda i: total if i == 3 else plain)
    data_ws = wb.add_worksheet("Dữ liệu")
    bulk.add(data_ws, 1, ROWS, [], skip_blank=True)
    wb.close()
    got = bulk.finish(buf.getvalue())

    for i, row in enumerate(ROWS):
        fmts = total if i == 3 else plain
        for c, v in enumerate(row):
            value, num_format, border, bold = _read(got, "Bảng")[(i + 3, c + 1)]
            assert value == _expected(v), (i, c, v, value)
            assert border == "thin" and bool(bold) == (i == 3)
            want = "#,##0" if fmts[c].num_format == "#,##0" else "General"
            assert num_format == want, (i, c)
    cells = _read(got, "Dữ liệu")
    for i, row in enumerate(ROWS):
        for c, v in enumerate(row):
            if _expected(v) is None:
                assert (i + 2, c + 1) not in cells                  # blanks left out entirely
            else:
                assert cells[(i + 2, c + 1)][0] == _expected(v)
    text = got.decode("latin-1")
    assert "<f>" not in text and "hyperlink" not in text            # user text stays text
