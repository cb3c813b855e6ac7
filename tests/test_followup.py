"""Follow-up of recommendations: overdue detection relative to a given date
(never today's), the tracker workbook and the reminder letters."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from docx import Document

from tdkt_xl.io.reader import read_round
from tdkt_xl.model import Recommendation
from tdkt_xl.vocabulary.errors import NeedsDate
from tdkt_xl.model.vocab import STATUS_DONE, STATUS_IN_PROGRESS, STATUS_OPEN
from tdkt_xl.model import tracking
from tdkt_xl.reports.followup import (SHEET_OPEN, SHEET_UNITS, TRACKER_FILE, default_as_of,
                                      make_followup)

END_2024 = dt.date(2024, 12, 31)


def _round(sheets):
    rr = read_round(sheets)
    assert rr.findings == []
    return rr.round


def test_remedied_and_overdue_relative_to_as_of():
    rec = Recommendation("XBM", "Ban hành Quy chế", deadline=dt.date(2024, 7, 31),
                         remedy_report_date=dt.date(2024, 8, 10), status=STATUS_DONE)
    # before the report arrived it was open, and overdue after the deadline
    assert tracking.status_at(rec, dt.date(2024, 7, 31)) == STATUS_OPEN
    assert not tracking.remedied_at(rec, dt.date(2024, 8, 9))
    assert tracking.remedied_at(rec, dt.date(2024, 8, 10))
    open_rec = Recommendation("XBM", "Bổ sung chứng từ", deadline=dt.date(2024, 8, 19),
                              status=STATUS_IN_PROGRESS)
    t = tracking.TrackedRecommendation(open_rec, None, None, dt.date(2024, 8, 19), 1)
    assert not t.overdue and t.days_overdue == 0          # the deadline day itself is not late
    t = tracking.TrackedRecommendation(open_rec, None, None, dt.date(2024, 8, 20), 1)
    assert t.overdue and t.days_overdue == 1 and t.status == STATUS_IN_PROGRESS
    no_deadline = Recommendation("XBM", "Không có hạn", status=STATUS_OPEN)
    t = tracking.TrackedRecommendation(no_deadline, None, None, END_2024, 1)
    assert not t.overdue


def test_example_overdue_at_end_of_2024(example_sheets):
    rnd = _round(example_sheets)
    late = tracking.overdue_by_unit(rnd, END_2024)
    assert sorted(late) == ["TTVHTT", "XBM", "XHB", "XQS", "XVT"]
    assert len(late["XBM"]) == 2
    assert late["XBM"][0].days_overdue == (END_2024 - dt.date(2024, 7, 31)).days
    # HLHPN's deadline is 31/12/2024 itself and XCT's 24/01/2025: not overdue
    assert "HLHPN" not in late and "XCT" not in late
    # in mid-July most deadlines had not passed yet
    # (XCT's 05/7 deadline was met on 03/7; XHB's 15/7 deadline passed without a report)
    assert sorted(tracking.overdue_by_unit(rnd, dt.date(2024, 7, 16))) == ["XHB"]


def test_make_followup_writes_tracker_and_letters(example_sheets, tmp_path):
    rnd = _round(example_sheets)
    assert default_as_of(rnd) == END_2024            # date of the reminders in Văn bản
    res = make_followup(rnd, tmp_path, END_2024)
    # praise (HLHPN's, XCL's 'Tiếp tục …') is nothing to remedy: not tracked
    assert (res.n_recs, res.n_remedied, res.n_open, res.n_overdue) == (19, 12, 7, 6)
    assert [p.name for p in res.letters] == [f"CV_don_doc_{c}.docx" for c in
                                            ("TTVHTT", "XQS", "XBM", "XHB", "XVT")]
    wb = openpyxl.load_workbook(tmp_path / TRACKER_FILE)
    ws = wb[SHEET_OPEN]
    rows = [r for r in ws.iter_rows(min_row=5, values_only=True) if r[0]]
    assert len(rows) == res.n_open
    late = [r for r in rows if r[7] == "Có"]
    assert len(late) == res.n_overdue and all(r[8] > 0 for r in late)
    assert {r[1] for r in late} == {"TTVHTT", "XQS", "XBM", "XHB", "XVT"}
    units = wb[SHEET_UNITS]
    body = [r for r in units.iter_rows(min_row=5, values_only=True) if isinstance(r[0], int)]
    assert len(body) == 14 and sum(r[3] for r in body) == 19 and sum(r[6] for r in body) == 6

    doc = Document(res.letters[2])                   # XBM
    text = "\n".join(p.text for p in doc.paragraphs)
    head = "\n".join(c.text for row in doc.tables[0].rows for c in row.cells)
    assert "Số: 154/HĐTĐKT-PNV" in head
    assert "V/v đôn đốc báo cáo kết quả khắc phục" in head
    assert "Kính gửi: Ủy ban nhân dân xã Bằng Mạc." in text
    assert "quá hạn 153 ngày" in text and "quá hạn 134 ngày" in text
    assert "trước ngày 15/01/2025" in text           # 15 days after the letter (data file)


def test_letters_pass_the_layout_checker(example_sheets, tmp_path):
    from tdkt_xl.documents.nd30_check import check_docx
    res = make_followup(_round(example_sheets), tmp_path, END_2024)
    for p in res.letters:
        assert check_docx(p, "reminder") == [], p.name


def test_nothing_overdue_means_no_letter(example_sheets, tmp_path):
    rnd = _round(example_sheets)
    res = make_followup(rnd, tmp_path, dt.date(2024, 7, 1))
    assert res.letters == [] and res.n_overdue == 0
    assert "không lập công văn đôn đốc" in res.text()


def test_by_file_unit_letter_says_review_of_files(example_sheets, tmp_path):
    res = make_followup(_round(example_sheets), tmp_path, END_2024)
    xvt = [p for p in res.letters if p.name.endswith("XVT.docx")][0]
    text = "\n".join(p.text for p in Document(xvt).paragraphs)
    assert "kiểm tra qua hồ sơ" in text


def test_no_as_of_anywhere_is_a_clear_error(example_sheets, tmp_path):
    rows = example_sheets["Văn bản"]
    example_sheets["Văn bản"] = [r for r in rows if r[0] != "Công văn đôn đốc khắc phục"]
    with pytest.raises(NeedsDate, match="ngày tính quá hạn"):
        make_followup(_round(example_sheets), tmp_path)


def test_edited_tracker_is_kept(example_sheets, tmp_path):
    rnd = _round(example_sheets)
    make_followup(rnd, tmp_path, END_2024)
    target = tmp_path / TRACKER_FILE
    target.write_bytes(target.read_bytes() + b"edited")
    res = make_followup(rnd, tmp_path, END_2024)
    assert target.read_bytes().endswith(b"edited")
    assert res.tracker.name == "theo_doi_khac_phuc (mới).xlsx"
