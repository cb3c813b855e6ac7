"""A TRUE/FALSE (logical) cell where a number belongs, in the master workbook
or a returned Phụ lục form, is a finding at that cell ('ô có giá trị logic
TRUE/FALSE, không phải số'), never the number 1/0; and no message a clerk
reads shows Python's 'True', 'False', 'None', '2.5' or '2024-06-01'.
Before: the master said "'True' không phải là số", a returned form
"ô phải là số nhưng đang là chữ 'True'", a logical cell in a text column
read as 'True'."""
from __future__ import annotations

import datetime as dt
import re

import pytest

import hostile_files as H
from tdkt_xl import gate
from tdkt_xl.vocabulary import schema as S

AS_OF = dt.date(2024, 12, 31)
PY_WORDS = re.compile(r"\b(True|False|None|nan|inf)\b")
LOGICAL = "ô có giá trị logic TRUE/FALSE, không phải số"


def _row_of(rows, first):
    return next(i for i, r in enumerate(rows) if r and str(r[0]).strip() == first)


@pytest.mark.parametrize("value", [True, False])
def test_a_logical_day_count_setting_is_a_finding_not_a_number(example_sheets, value):
    rows = example_sheets[S.SETTINGS.name]
    i = _row_of(rows, "Số ngày thông báo trước")
    rows[i][1] = value
    checked = gate.check(example_sheets, AS_OF, "so.xlsx")
    (f,) = [f for f in checked.report.findings if f.cell == f"B{i + 1}" and f.sheet == S.SETTINGS.name]
    assert f.code == "GT05" and LOGICAL in f.message and f.is_error
    assert checked.read.round.settings.notice_lead_days != int(value)
    assert not PY_WORDS.search(" ".join(x.message for x in checked.report.findings))


def test_a_logical_year_of_a_carried_recommendation_is_a_finding(example_sheets):
    rows = example_sheets[S.RECOMMENDATIONS.name]
    head = rows[0]
    col = head.index("Kiến nghị từ năm") if "Kiến nghị từ năm" in head else len(head)
    if col == len(head):
        head.append("Kiến nghị từ năm")
    while len(rows[1]) <= col:
        rows[1].append("")
    rows[1][col] = True
    checked = gate.check(example_sheets, AS_OF, "so.xlsx")
    found = [f for f in checked.report.findings if f.sheet == S.RECOMMENDATIONS.name and f.code == "GT05"]
    assert len(found) == 1 and LOGICAL in found[0].message
    assert checked.read.round.recommendations[0].from_year is None


def test_a_logical_cell_in_a_text_column_reads_as_excel_shows_it(example_sheets):
    rows = example_sheets[S.UNITS.name]
    rows[1][rows[0].index("Địa chỉ") if "Địa chỉ" in rows[0] else 1] = True
    rnd = gate.read(example_sheets, "so.xlsx").round
    texts = [v for u in rnd.units for v in vars(u).values() if isinstance(v, str)]
    assert "TRUE" in texts and "True" not in texts


def test_a_logical_count_in_a_returned_form_is_said_at_its_cell_never_1(tmp_path):
    from tdkt_xl.appendices import merge_inbox
    from tdkt_xl.builder.example import example_sheets
    from tdkt_xl.io.reader import read_round
    rnd = read_round(example_sheets()).round
    inbox = tmp_path / "in"
    inbox.mkdir()
    H.sheet_with(H.EXAMPLES / "Phu_luc_XCT.xlsx", inbox / "Phu_luc_XCT.xlsx", H.SHEET_II,
                 lambda x: H.set_cell(x, "C12", b'<c r="C12" t="b"><v>1</v></c>'))
    (f,) = merge_inbox(rnd, inbox).files
    assert [(x.code, x.sheet, x.cell) for x in f.findings] == [("PL42", "Phụ lục II", "C12")]
    assert LOGICAL in f.findings[0].message and not PY_WORDS.search(f.findings[0].message)
    assert f.status == "rejected"


def test_finding_values_are_shown_as_a_clerk_reads_them():
    from tdkt_xl.vocabulary.findings import define
    ft = define("ZZ99", "warning", "thử", "{a} | {b} | {c} | {d} | {e} | {g}")
    try:
        msg = ft.at(a=True, b=None, c=2.5, d=dt.date(2024, 6, 1), e=3.0, g=dt.time(7, 30)).message
    finally:
        from tdkt_xl.vocabulary.findings import CATALOGUE
        CATALOGUE.pop("ZZ99")
    assert msg == "TRUE | (trống) | 2,5 | 01/06/2024 | 3 | 07:30"


@pytest.mark.parametrize("raw,words", [
    (2.5, "'2,5' là số thập phân"), (float("nan"), "không chứa số hợp lệ"), (-0.5, "số -0,5 không phải là giờ"),
])
def test_cell_values_in_reasons_are_vietnamese(raw, words):
    from tdkt_xl.vocabulary import cells
    conv = cells.to_time if "giờ" in words else cells.to_int
    with pytest.raises(cells.BadValue) as e:
        conv(raw)
    assert words in str(e.value) and not PY_WORDS.search(str(e.value))
