"""Recommendations carried from an earlier round ('Kiến nghị từ năm'): the
minutes and the summary report show the original finding against the
follow-up in a section "Kết quả khắc phục kiến nghị năm trước" (not among this
delegation's recommendations); a unit not selected this round keeps its
carried items in the follow-up tracker and gets its reminder, citing the
inspection of the year that made them."""
from __future__ import annotations

import copy
import datetime as dt

import pytest
from docx import Document

from tdkt_xl.documents import contexts as X
from tdkt_xl.documents.carried import TITLE
from tdkt_xl.io.reader import read_round
from tdkt_xl.reports.followup import SHEET_OPEN, SHEET_UNITS, make_followup
from tdkt_xl.reports.report import make_report
from tdkt_xl.vocabulary import doc_kinds as K, schema as S

from docx_render import render_document
from test_documents import assert_nd30, doc_text

KN, SU, DV = S.RECOMMENDATIONS.name, S.SUCCESSION.name, S.UNITS.name
YEAR_COL = S.RECOMMENDATIONS.col("from_year").header
OLD_TEXT = "Lập sổ vàng truyền thống của phong trào thi đua"
MERGED_TEXT = "Bổ sung hồ sơ khen thưởng tập thể thôn"


def _with_carried(sheets):
    """The 2024 example with two 2023 recommendations carried to XQS: one its
    own, one made to a commune (XCU) that has since merged into XQS."""
    rows = sheets[KN]
    width = len(rows[0])
    rows[0] = rows[0] + [YEAR_COL]
    for r in rows[1:]:
        r.append("")
    head = rows[0]
    for code, text, status in (("XQS", OLD_TEXT, "Chưa khắc phục"),
                               ("XCU", MERGED_TEXT, "Đang khắc phục")):
        row = [""] * (width + 1)
        for h, v in (("Mã đơn vị", code), ("Nội dung kiến nghị", text),
                     ("Hạn khắc phục", "31/07/2023"), ("Tình trạng", status), (YEAR_COL, "2023")):
            row[head.index(h)] = v
        rows.append(row)
    sheets[SU] = [S.SUCCESSION.headers,
                  ["XCU", "Xã Hữu Lân", "XQS", "01/01/2024", "Nghị quyết của Ủy ban Thường vụ Quốc hội"]]
    return sheets


@pytest.fixture
def rnd(example_sheets):
    res = read_round(_with_carried(example_sheets))
    assert [f for f in res.findings if f.is_error] == []
    return res.round


def test_minutes_show_the_original_finding_against_the_follow_up(rnd, tmp_path):
    path = tmp_path / "bb.docx"
    render_document(K.MINUTES.template, X.build_context("minutes", rnd, rnd.unit("XQS")), path)
    text = doc_text(path)
    section = text[text.index(TITLE):text.index("III. NHẬN XÉT")]
    assert f"- {OLD_TEXT} (kiến nghị năm 2023; hạn khắc phục: 31/7/2023): chưa khắc phục, quá hạn." \
        in section
    assert (f"- {MERGED_TEXT} (kiến nghị năm 2023 đối với xã Hữu Lân (cũ); hạn khắc "
            "phục: 31/7/2023): đang khắc phục, quá hạn.") in section
    ours = text[text.index("IV. KIẾN NGHỊ CỦA ĐOÀN"):text.index("V. Ý KIẾN")]
    assert OLD_TEXT not in ours and MERGED_TEXT not in ours
    assert "Chi bổ sung tiền thưởng Giấy khen" in ours          # this round's stay there
    assert_nd30(path, "minutes")
    other = doc_text(render_document(K.MINUTES.template,
                                     X.build_context("minutes", rnd, rnd.unit("XBM"))))
    assert TITLE not in other


def test_report_counts_this_rounds_recommendations_and_shows_the_carried(example_sheets, tmp_path):
    plain = make_report(read_round(copy.deepcopy(example_sheets)).round, tmp_path / "a",
                        as_of=dt.date(2024, 10, 15))
    res = make_report(read_round(_with_carried(example_sheets)).round, tmp_path / "b",
                      as_of=dt.date(2024, 10, 15))
    before = "\n".join(p.text for p in Document(plain.docx).paragraphs)
    text = "\n".join(p.text for p in Document(res.docx).paragraphs)
    assert TITLE not in before
    counts = lambda t: t[t.index("Đoàn kiểm tra đã kiến nghị"):].split("\n")[0]  # noqa: E731
    assert counts(text) == counts(before)
    assert f". {TITLE}\n" in text
    assert "Có 2 kiến nghị của đợt kiểm tra năm 2023 chưa khắc phục xong" in text
    assert f"- Xã Quan Sơn: {OLD_TEXT} (kiến nghị năm 2023; hạn khắc phục: 31/7/2023): " \
           "chưa khắc phục, quá hạn." in text
    assert "đối với xã Hữu Lân (cũ)" in text


@pytest.fixture(scope="module")
def next_year():
    from conftest import WORKBOOK
    if not WORKBOOK.exists():
        pytest.skip("workbook/tdkt_2024.xlsm chưa được tạo (tdkt build-workbook)")
    from tdkt_xl.builder.next_round import next_round_sheets
    from tdkt_xl.io.sources import read_file_arrays
    return next_round_sheets(read_file_arrays(WORKBOOK), 2025, source=WORKBOOK.name)


def test_a_unit_not_selected_keeps_its_carried_items_and_reminder(next_year, tmp_path):
    import openpyxl
    sheets = copy.deepcopy(next_year)
    units = sheets[DV]
    code = units[0].index(S.UNITS.col("code").header)
    chosen = units[0].index(S.UNITS.col("selected").header)
    for r in units[1:]:
        r[chosen] = "Không" if r[code] in ("XBM", "XHB") else r[chosen]
    rnd = read_round(sheets).round
    assert not rnd.unit("XBM").selected and not rnd.inspections
    res = make_followup(rnd, tmp_path, as_of=dt.date(2025, 3, 1))
    wb = openpyxl.load_workbook(res.tracker)
    open_rows = [r for r in wb[SHEET_OPEN].iter_rows(min_row=5, values_only=True) if r[0]]
    assert len(open_rows) == res.n_open >= 7 and {r[9] for r in open_rows} == {2024}
    assert [r[1] for r in open_rows].count("XBM") == 2
    per_unit = {r[1]: r for r in wb[SHEET_UNITS].iter_rows(min_row=5, values_only=True)
                if isinstance(r[0], int)}
    assert per_unit["XBM"][3] == 2 and per_unit["XHB"][3] == 1
    assert sum(r[3] for r in per_unit.values()) == res.n_recs >= 7  # the total is their sum
    assert "XCL" not in per_unit                      # nothing to follow there
    letter = next(p for p in res.letters if p.name.endswith("XBM.docx"))
    body = doc_text(letter)
    assert "Qua kiểm tra công tác thi đua, khen thưởng năm 2024, Đoàn kiểm tra" in body
    assert "khen thưởng năm 2024" in body.split("Kính gửi")[0]     # the V/v line: that year
    assert "ngày ……" not in body and "(kiến nghị năm 2024; hạn khắc phục: 31/7/2024;" in body
    assert_nd30(letter, "reminder")


def test_a_carried_recommendation_is_not_the_one_a_failed_item_needs(rnd):
    from tdkt_xl.rules.runner import validate
    assert [r.assessment for r in rnd.results_of("XQS")].count("Chưa đạt")
    rnd.recommendations = [r for r in rnd.recommendations if r.unit_code != "XQS" or r.carried]
    found = [f for f in validate(rnd, dt.date(2024, 10, 15)).findings if f.code == "KQ10"]
    assert {f.unit for f in found} == {"XQS"}
