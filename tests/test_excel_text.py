"""Every string main() writes into the workbook arrives as the same text in
desktop Excel, which parses what it is given as if typed (the harness
emulates that: ``xl_payload.excel_typed``)."""
from __future__ import annotations

import datetime as dt

import pytest

import xl_payload as X
from tdkt_xl.excel import findings_sheet as FS, logbook, main, validate_job
from tdkt_xl.excel.bookio import BookIO, Formula, excel_value
from tdkt_xl.io import controls as K
from tdkt_xl.io.reader import read_round
from tdkt_xl.gate import validate
from tdkt_xl.vocabulary import catalogue  # noqa: F401  (fills CATALOGUE)
from tdkt_xl.vocabulary import schema as S
from tdkt_xl.vocabulary.findings import CATALOGUE

CLICK = dt.datetime(2024, 6, 1, 9, 30)
AWKWARD = ["'quoted' text", "01", "3/4", "1 3/4", "10/06/2024", "25/06/2024", "50%", "1,5",
           "1.234", "-5", "+abc", "=SUM(A1)", "@x", "- gạch đầu dòng", "TRUE", "08:00",
           "2024-06-01", "Lỗi dữ liệu", ""]


@pytest.fixture(scope="module")
def sheets():
    arrays, _ = X.shipped_or_example()
    return arrays


def test_emulation_converts_what_excel_converts():
    """The test double is honest: unprotected strings do not survive."""
    e = X.excel_typed
    assert e("'CH03") == "CH03" and e("01") == 1 and e("50%") == 0.5 and e("1 3/4") == 1.75
    assert e("3/4") == dt.datetime(X.NO_YEAR, 3, 4) and e("3/4", "dmy") == dt.datetime(X.NO_YEAR, 4, 3)
    assert e("10/06/2024") == dt.datetime(2024, 10, 6) and e("10/06/2024", "dmy") == dt.datetime(2024, 6, 10)
    assert e("25/06/2024") == "25/06/2024"                      # no 25th month in the US
    assert e("1,5", "dmy") == 1.5 and e("1.234", "dmy") == 1234 and e("1,234.5") == 1234.5
    assert isinstance(e("=SUM(A1)"), X.Formula) and e("+abc") == "=+abc" and e("-5") == -5
    assert e("2024-06-01 09:30:00") == dt.datetime(2024, 6, 1, 9, 30)   # how xlwings sends datetimes
    assert e("Lỗi dữ liệu") == "Lỗi dữ liệu" and e(None) == "" and e(3) == 3


@pytest.mark.parametrize("order", ["mdy", "dmy"])
def test_every_string_written_arrives_as_the_same_text(order):
    payload = X.payload_from_arrays({"A": [["x"]]})
    book = X.open_book(payload, caller=False)
    io = BookIO(book)
    when = dt.datetime(2024, 6, 1, 9, 30)
    link = FS.hyperlink("Đơn vị", "B5")
    io.write("A", "A1", [AWKWARD, [when, 7, 1.5, None, link]])
    got = X.apply(payload, book, order).sheet("A")
    assert got[0] == AWKWARD[:-1]                  # trailing "" trimmed by sheet()
    assert got[1][:3] == [when, 7, 1.5] and got[1][3] == ""
    assert isinstance(got[1][4], X.Formula) and got[1][4] == link     # a formula stays one



def test_cache_keeps_the_values_not_the_marks():
    payload = X.payload_from_arrays({"A": [["x"]]})
    io = BookIO(X.open_book(payload, caller=False))
    assert io.array("A") == [["x"]]
    io.write("A", "A1", [["01", "3/4"]])
    assert io.array("A") == [["01", "3/4"]]
    assert excel_value("01") == "'01" and excel_value(Formula("=A1")) == "=A1" and excel_value(1) == 1


def test_finding_messages_starting_with_a_quote_survive(sheets, tmp_path, monkeypatch):
    """CH03, CH04, DV04, TV03, TD08, TD09, TD11… start with a quote; unit
    codes like 01 and names like 3/4 are text."""
    quoted = [ft for ft in CATALOGUE.values() if ft.template.startswith("'")]
    assert {"CH03", "CH04", "DV04", "TV03", "TD08", "TD09", "TD11"} <= {ft.code for ft in quoted}

    findings = [ft.at(S.UNITS.name, "B5", unit="01", **dict.fromkeys(ft.fields, "3/4"))
                for ft in quoted]
    monkeypatch.setattr(validate_job, "all_findings", lambda ctx: findings)
    payload = X.payload_from_arrays(sheets, active=S.UNITS.name)
    book = X.open_book(payload)
    main(folder=tmp_path, clock=lambda: CLICK)
    for order in ("mdy", "dmy"):
        table = X.apply(payload, book, order).sheet(S.FINDINGS.name)
        want = FS.finding_rows(findings)
        assert table[:len(want)] == want
        assert all(row[5].startswith("'3/4'") and row[4] == "01" for row in table[1:len(want)])


def test_real_validation_of_a_unit_coded_01_named_3_4(sheets, tmp_path):
    """End to end: the validator's own findings, with a unit code 01 and a
    delegate named 3/4 (TD08: "'3/4' không có trong trang Thành viên.")."""
    arrays = {k: [list(r) for r in v] for k, v in sheets.items()}
    units = arrays[S.UNITS.name]
    deleg = arrays[S.DELEGATION.name]
    hu = next(i for i, r in enumerate(units) if "Mã đơn vị" in r)
    hd = next(i for i, r in enumerate(deleg) if "Mã đơn vị" in r)
    new_unit = [None] * len(units[hu])
    new_unit[units[hu].index("Mã đơn vị")] = "01"
    new_unit[units[hu].index("Tên đơn vị")] = "3/4"
    units.append(new_unit)
    row = list(deleg[hd + 1])
    row[deleg[hd].index("Họ và tên")] = "3/4"
    deleg.append(row)
    payload = X.payload_from_arrays(arrays, active=S.UNITS.name)
    book = X.open_book(payload)
    main(folder=tmp_path, clock=lambda: CLICK)
    applied = X.apply(payload, book)
    expected = FS.finding_rows(FS.sort_findings(validate(read_round(arrays), CLICK.date()).findings))
    table = applied.sheet(S.FINDINGS.name)
    assert table[:len(expected)] == [r[:len(table[0])] for r in expected]
    assert any(r[0] == "TD08" and r[5].startswith("'3/4'") for r in table)
    assert any(r[4] == "01" for r in table)


def test_log_and_merge_writers_use_the_one_write(sheets):
    """Nhật ký (what, outcome) and any table written through BookIO keep text."""
    payload = X.payload_from_arrays(sheets, active=S.UNITS.name)
    book = X.open_book(payload, caller=False)
    io = BookIO(book)
    logbook.append(io, CLICK, "01", "'3/4' — 1,5", who="3/4")
    log = X.apply(payload, book).sheet(S.LOG.name)
    assert log[-1] == [CLICK, "3/4", "01", "'3/4' — 1,5"]
    assert K.MARKS_SHEET in [s["name"] for s in payload["sheets"]]


def test_numpy_numbers_are_written_as_plain_numbers():
    np = pytest.importorskip("numpy")
    assert type(excel_value(np.int64(3))) is int and type(excel_value(np.float64(1.5))) is float
    assert excel_value(np.float64("nan")) != excel_value(np.float64("nan"))   # still a float nan
