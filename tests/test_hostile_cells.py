"""Formula error cells in returned files (issue 10): python-calamine hands an
error cell over as a blank, so a `#REF!` in a count read as 'nothing typed'
and the file merged with a figure missing.  Now: one finding at the cell
('ô có lỗi công thức #REF!'), none cascading from it; an error in a total
(formula) cell is said as such, the recomputed total is used."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import hostile_files as H
from tdkt_xl.appendices import merge_inbox
from tdkt_xl.builder.example import example_sheets
from tdkt_xl.io.reader import read_round

BASE = H.EXAMPLES / "Phu_luc_XCT.xlsx"           # commune XCT: Phụ lục II C12 staff 26, C15 headcount (formula)


@pytest.fixture(scope="module")
def rnd():
    return read_round(example_sheets()).round


def _merge_one(rnd, tmp_path: Path, ref: str, error: str, part: str = H.SHEET_II):
    inbox = tmp_path / "in"
    inbox.mkdir()
    shutil.copy(H.EXAMPLES / "Phu_luc_XQS.xlsx", inbox)
    H.sheet_with(BASE, inbox / "Phu_luc_XCT.xlsx", part, lambda x: H.set_cell(x, ref, H.error_cell(ref, error)))
    res = merge_inbox(rnd, inbox)
    (f,) = [f for f in res.files if f.name == "Phu_luc_XCT.xlsx"]
    assert "XQS" in res.units                                          # the others merge
    return f, res


@pytest.mark.parametrize("ref,error,label", [
    ("C12", "#REF!", "Số cán bộ, công chức, viên chức"),               # a count among labelled values
    ("H23", "#N/A", ""),                                              # a count in an award row
    ("B23", "#REF!", ""),                                             # the danh hiệu (dropdown) of a row
    ("E23", "#DIV/0!", ""),                                           # a decision date
])
def test_error_in_an_input_cell_is_one_finding_at_that_cell(rnd, tmp_path, ref, error, label):
    f, _res = _merge_one(rnd, tmp_path, ref, error)
    assert f.status == "rejected" and "XCT" not in _res.units
    assert [(x.code, x.sheet, x.cell) for x in f.findings] == [("PL29", "Phụ lục II", ref)]
    msg = f.findings[0].message
    assert f"ô có lỗi công thức {error}" in msg and label in msg


def test_error_in_a_total_cell_is_said_not_taken_for_an_overwritten_total(rnd, tmp_path):
    f, res = _merge_one(rnd, tmp_path, "C15", "#REF!")                # headcount = SUM(C12,C14)
    assert f.status == "merged"
    assert [(x.code, x.cell) for x in f.findings] == [("PL37", "C15")]
    assert "có lỗi công thức #REF!" in f.findings[0].message
    assert res.units["XCT"].values["headcount"] == 26 + res.units["XCT"].values["workers"]


def test_error_in_a_row_total_cell(rnd, tmp_path):
    f, _res = _merge_one(rnd, tmp_path, "K23", "#VALUE!")             # individuals of the first award row
    assert f.status == "merged"
    assert [(x.code, x.cell) for x in f.findings] == [("PL37", "K23")]


@pytest.mark.parametrize("cell,code", [
    ('<c r="C12" t="str"><v>khoảng 20</v></c>'.encode(), "PL15"),              # text in a count
    (b'<c r="C12" t="str"><v>1.5</v></c>', "PL15"),                      # was read as 15
    (b'<c r="C12" t="b"><v>1</v></c>', "PL42"),                          # a TRUE: never taken as 1
    (b'<c r="C12"><v>1e400</v></c>', "PL25"),                            # infinity
])
def test_a_bad_count_is_its_one_finding(rnd, tmp_path, cell, code):
    """The staff count unknown: no 'LĐTT more than the headcount' (PL31) computed
    without it (before: PL31 'Số Lao động tiên tiến (24) lớn hơn … (2)')."""
    inbox = tmp_path / "in"
    inbox.mkdir()
    H.sheet_with(BASE, inbox / "Phu_luc_XCT.xlsx", H.SHEET_II, lambda x: H.set_cell(x, "C12", cell))
    (f,) = merge_inbox(rnd, inbox).files
    assert f.status == "rejected" and [(x.code, x.cell) for x in f.findings] == [(code, "C12")]


def test_a_damaged_sheet_is_named(rnd, tmp_path):
    """A string index past the shared strings: PL05 naming the sheet, in Vietnamese
    (before: PL01 'lỗi khi đọc tệp (CalamineError: …)')."""
    inbox = tmp_path / "in"
    inbox.mkdir()
    H.sheet_with(BASE, inbox / "Phu_luc_XCT.xlsx", H.SHEET_II,
                 lambda x: H.set_cell(x, "C12", b'<c r="C12" t="s"><v>99999</v></c>'))
    (f,) = merge_inbox(rnd, inbox).files
    assert [(x.code, x.sheet) for x in f.findings] == [("PL05", "Phụ lục II")]
    assert "dữ liệu trang 'Phụ lục II' không đọc được" in f.findings[0].message


def test_xlwings_used_range_is_bounded_before_reading():
    """Through xlwings the master's used range is bounded before any value is
    read: a sheet formatted down to XFD1048576 is refused by sheet and cell
    (reading it would ask Excel for 17 billion cells)."""
    from tdkt_xl.io.reader import WorkbookError
    from tdkt_xl.io.sources import book_arrays

    class Last:
        row, column = 1_048_576, 16_384

        def get_address(self, row_absolute=True, column_absolute=True):
            return "XFD1048576"

    class Sheet:
        name = "Đơn vị"
        used_range = type("Used", (), {"last_cell": Last()})()

        def range(self, *a):
            raise AssertionError("values read before the bound")

    book = type("Book", (), {"sheets": [Sheet()]})()
    with pytest.raises(WorkbookError) as e:
        book_arrays(book)
    assert "'Đơn vị'" in str(e.value) and "XFD1048576" in str(e.value)
    assert "(1.048.576 dòng × 16.384 cột), vượt giới hạn 5.000.000 ô" in str(e.value)
