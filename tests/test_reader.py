"""The reader: columns found by header text, blank rows skipped, values from
any source (CSV text, calamine, xlwings) give the same model."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pytest

from tdkt_xl.vocabulary import cells
from tdkt_xl.io.reader import WorkbookError, read_round

from conftest import AS_OF

_DATE = re.compile(r"^(\d{2})/(\d{2})/(\d{4})$")
_TIME = re.compile(r"^(\d{2}):(\d{2})$")


def typed(sheets, flavour):
    """The example's text cells as a source would give them: calamine gives
    date/time objects and floats, xlwings datetimes, float day fractions and floats."""
    def conv(v):
        if not isinstance(v, str):
            return v
        if m := _DATE.match(v):
            d = dt.date(int(m[3]), int(m[2]), int(m[1]))
            return d if flavour == "calamine" else dt.datetime.combine(d, dt.time())
        if m := _TIME.match(v):
            t = dt.time(int(m[1]), int(m[2]))
            return t if flavour == "calamine" else (t.hour * 60 + t.minute) / 1440
        if re.fullmatch(r"[1-9]\d*", v):
            return float(v)
        return v
    return {name: [[conv(v) for v in row] for row in rows] for name, rows in sheets.items()}


def strip_origins(records):
    return [{k: v for k, v in vars(r).items() if k != "origin"} for r in records]


@pytest.mark.parametrize("flavour", ["calamine", "xlwings"])
def test_source_types_give_same_model(example_sheets, flavour):
    text = read_round(example_sheets, "vd")
    other = read_round(typed(example_sheets, flavour), "vd")
    assert other.findings == text.findings == []
    assert other.round == text.round
    insp = other.round.inspections[0]
    assert insp.start_time == dt.time(8, 0) and insp.date == dt.date(2024, 6, 10)


def test_columns_found_after_inserting_one(example_sheets):
    before = read_round(example_sheets, "vd")
    for row in example_sheets["Lịch kiểm tra"]:
        row.insert(0, "Ghi chú riêng" if row is example_sheets["Lịch kiểm tra"][0] else "x")
    example_sheets["Lịch kiểm tra"][14][2] = "32/13/2024"          # XVT's date, now column C
    after = read_round(example_sheets, "vd")
    assert strip_origins(after.round.inspections)[:13] == strip_origins(
        before.round.inspections)[:13]
    assert after.round.inspections[0].origin.cell("date") == "C2"
    assert [(f.code, f.cell, f.unit) for f in after.findings] == [("GT03", "C15", "XVT")]


def test_header_text_variants_and_title_rows(example_sheets):
    rows = example_sheets["Đơn vị"]
    rows[0] = [unicodedata.normalize("NFD", h).upper() + "  " for h in rows[0]]
    example_sheets["Đơn vị"] = [["DANH SÁCH ĐƠN VỊ"], []] + rows
    rnd = read_round(example_sheets, "vd").round
    assert len(rnd.units) == 14 and rnd.units[0].code == "BTCHU"
    assert rnd.units[0].origin.cell("name") == "B4"


def test_blank_rows_skipped(example_sheets):
    rows = example_sheets["Thành phần đoàn"]
    rows.insert(5, ["", "", ""])
    rows.insert(6, [None, None])
    rows.extend([[""] * 3] * 20)
    rnd = read_round(example_sheets, "vd").round
    assert len(rnd.delegation) == 48
    assert rnd.delegation[4].origin.row == 8          # the row after the two blank rows


def test_missing_sheet_raises(example_sheets):
    del example_sheets["Thành viên"]
    with pytest.raises(WorkbookError, match="thiếu trang tính: Thành viên"):
        read_round(example_sheets, "vd.xlsx")


def test_missing_column_is_a_finding(example_sheets):
    for row in example_sheets["Lịch kiểm tra"]:
        del row[2]                                   # Buổi
    found = read_round(example_sheets, "vd").findings
    assert [(f.code, f.sheet, f.blocks) for f in found] == [("GT01", "Lịch kiểm tra", ("all",))]


def test_text_date_not_a_date(example_sheets):
    example_sheets["Kiến nghị"][1][2] = "31/07/24"
    f = read_round(example_sheets, "vd").findings[0]
    assert (f.code, f.cell, f.unit) == ("GT03", "C2", "BTCHU")
    assert "dd/mm/yyyy" in f.message


@pytest.mark.parametrize("raw,expected", [
    (dt.datetime(2024, 6, 10, 0, 0), dt.date(2024, 6, 10)), (45453.0, dt.date(2024, 6, 10)),
    ("10/06/2024", dt.date(2024, 6, 10)), ("2024-06-10", dt.date(2024, 6, 10)),
])
def test_to_date(raw, expected):
    assert cells.to_date(raw) == expected


@pytest.mark.parametrize("raw,expected", [
    (0.3125, dt.time(7, 30)), (dt.time(7, 30), dt.time(7, 30)), ("7h30", dt.time(7, 30)),
    (dt.datetime(1899, 12, 30, 7, 30), dt.time(7, 30)), (dt.timedelta(hours=7, minutes=30),
                                                          dt.time(7, 30)),
])
def test_to_time(raw, expected):
    assert cells.to_time(raw) == expected


def test_reading_the_file_never_writes_it(built_workbook):
    from tdkt_xl.io.sources import read_workbook
    before = built_workbook.stat().st_mtime_ns, built_workbook.read_bytes()
    result = read_workbook(built_workbook)
    assert result.round.units and not [f for f in result.findings if f.is_error]
    assert (built_workbook.stat().st_mtime_ns, built_workbook.read_bytes()) == before
    assert AS_OF.year == result.round.settings.year


def test_workbook_column_inserted_by_clerk(built_workbook, tmp_path):
    """A column inserted before the data in a copy saved by openpyxl (formulas
    not recalculated, cached values gone): same findings, shifted one column."""
    import openpyxl
    from tdkt_xl.gate import validate_workbook
    wb = openpyxl.load_workbook(built_workbook)
    ws = wb["Lịch kiểm tra"]
    ws.insert_cols(1)
    ws.cell(row=1, column=1).value = "Ghi chú của văn thư"
    ws.cell(row=3, column=1).value = "đã gọi điện"
    out = tmp_path / "chen_cot.xlsx"
    wb.save(out)
    before = validate_workbook(built_workbook, AS_OF)
    after = validate_workbook(out, AS_OF)
    shift = {f.cell: cells.a1(int(re.sub(r"\D", "", f.cell)) - 1,
                              cells.col_index(re.sub(r"\d", "", f.cell)) + 1)
             for f in before.findings if f.sheet == "Lịch kiểm tra"}
    assert [(f.code, shift.get(f.cell, f.cell), f.message) for f in before.findings] == [
        (f.code, f.cell, f.message) for f in after.findings]
    assert [i.report_due for i in after.round.inspections] == [
        i.report_due for i in before.round.inspections]
