"""Deadlines: one due date, on a working day, worded the same everywhere.

A due date that falls on a non-working day moves to the previous working
day (python-holidays VN; a làm-bù Saturday is a working day) — in the model,
the builder's cached cell value, the validator and every document alike."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

from tdkt_xl.io.reader import read_round
from tdkt_xl.model import Settings
from tdkt_xl.model.calendar import WorkCalendar, report_due
from tdkt_xl.gate import validate_arrays
from tdkt_xl.vocabulary.style import due_phrase

from conftest import AS_OF
from rules_plant import apply_to_arrays, cell

D = dt.date


def _settings(lead=3, counting="Ngày lịch"):
    return Settings(year=2024, report_lead_days=lead, day_counting=counting)


def test_calendar_days_due_moves_back_to_a_working_day():
    # XQS: inspection Tue 18/6/2024, 3 days before = Sat 15/6 -> Fri 14/6
    assert report_due(_settings(), D(2024, 6, 18)) == D(2024, 6, 14)
    # a Sunday -> the Friday before
    assert report_due(_settings(), D(2024, 6, 19)) == D(2024, 6, 14)
    # a working day stays
    assert report_due(_settings(), D(2024, 6, 20)) == D(2024, 6, 17)


def test_due_crossing_a_holiday_block_and_a_lam_bu_saturday():
    # 02/9/2024 (Quốc khánh) -> back across the 31/8–03/9 block to Fri 30/8
    assert report_due(_settings(0), D(2024, 9, 2)) == D(2024, 8, 30)
    # Sat 04/5/2024 was a làm-bù working day: a deadline may fall on it
    assert WorkCalendar().is_working_day(D(2024, 5, 4))
    assert report_due(_settings(3), D(2024, 5, 7)) == D(2024, 5, 4)


def test_no_example_deadline_on_a_non_working_day(example_sheets):
    rnd = read_round(example_sheets).round
    cal = WorkCalendar.for_settings(rnd.settings)
    dues = [i.report_due for i in rnd.inspections]
    assert all(dues) and all(cal.is_working_day(d) for d in dues)
    # the case: 'chậm nhất ngày 08/6/2024' was a Saturday
    assert rnd.inspection("XQS").report_due == D(2024, 6, 14)


def test_builder_cached_value_is_the_model_value():
    from tdkt_xl.builder import values
    assert values.report_due is report_due


def test_workbook_cells_show_the_model_due_date():
    from conftest import WORKBOOK
    from tdkt_xl.io.sources import read_file_arrays
    res = read_round(read_file_arrays(WORKBOOK))
    for insp in res.round.inspections:
        assert insp.report_due_shown == insp.report_due, insp.unit_code


def test_formula_moves_back_with_workday():
    from conftest import WORKBOOK
    with zipfile.ZipFile(WORKBOOK) as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist()
                      if n.startswith("xl/worksheets/sheet"))
    # calendar days: WORKDAY from the day after d - lead, one working day back
    assert "-1,tdkt_ngay_nghi)" in xml


def test_cell_differing_from_tool_calendar_is_reported():
    # Excel's WORKDAY does not know the làm-bù Saturday: a cell showing a day
    # earlier than the tool's due date is reported where it is
    from conftest import WORKBOOK
    from tdkt_xl.io.sources import read_file_arrays
    sheets = read_file_arrays(WORKBOOK)
    assert not [f for f in validate_arrays(sheets, "sổ", AS_OF).findings if f.code == "LK12"]
    where = cell(sheets, "Lịch kiểm tra", {"Mã đơn vị": "XQS"}, "Hạn nộp báo cáo")
    apply_to_arrays(sheets, [("set", "Lịch kiểm tra", {"Mã đơn vị": "XQS"},
                              "Hạn nộp báo cáo", "13/06/2024")])
    report = validate_arrays(sheets, "sổ", AS_OF)
    hits = [f for f in report.findings if f.code == "LK12"]
    assert [(f.sheet, f.cell, f.unit) for f in hits] == [("Lịch kiểm tra", where, "XQS")]
    assert "14/06/2024" in hits[0].message and "13/06/2024" in hits[0].message


def _docx_text(path) -> str:
    import re
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    return "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))


def test_one_wording_one_format_in_notice_outline_and_forms(example_sheets, tmp_path):
    """The same deadline reads 'chậm nhất ngày 14/6/2024' in the notice, the
    đề cương and the Phụ lục instructions."""
    from tdkt_xl.appendices.service import make_forms
    from tdkt_xl.documents.service import generate_documents
    rnd = read_round(example_sheets).round
    phrase = due_phrase(D(2024, 6, 14))
    assert phrase == "chậm nhất ngày 14/6/2024"
    generate_documents(rnd, tmp_path / "vb", kinds=("notice",), unit="XQS")
    assert phrase in _docx_text(tmp_path / "vb" / "TB_XQS.docx")
    make_forms(rnd, tmp_path / "pl", unit="XQS")
    outline = next((tmp_path / "pl").glob("De_cuong*XQS*.docx"))
    text = _docx_text(outline)
    assert phrase in text and "trước ngày 14/06/2024" not in text
    import openpyxl
    wb = openpyxl.load_workbook(next((tmp_path / "pl").glob("Phu_luc_XQS*.xlsx")))
    cells_text = " ".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows()
                          for c in row if isinstance(c.value, str))
    assert phrase in cells_text and "14/06/2024" not in cells_text
