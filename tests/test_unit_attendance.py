"""Who from an inspected unit works with the Đoàn ('3. Thành phần làm việc của đơn
vị' of each notice, khoản 'Đơn vị được kiểm tra' of the plan) is the round's data:
the 'Thành phần đơn vị' rows of the Nội dung kế hoạch sheet, per block.  The notice
template said the same two generic sentences for every round, so the schools' notices
named 'lãnh đạo cơ quan, đơn vị' where their plan says Ban Giám hiệu and Chủ tịch Công
đoàn cơ sở.  The kind of commune ('{cấp xã}', 'Đối với các xã') comes from the units:
tinh-2026's plan said 'các xã, phường' for a round of xã only."""
from __future__ import annotations

import pytest

from tdkt_xl.documents import contexts as X
from tdkt_xl.documents.contexts import Blocked
from tdkt_xl.documents.render import REPO_TEMPLATES
from tdkt_xl.io.example import example_round, example_sheets
from tdkt_xl.io.reader import read_round
from tdkt_xl.io.register import shipped_rows
from tdkt_xl.model import PlanParagraph, Unit
from tdkt_xl.model import vocab as V
from tdkt_xl.vocabulary import doc_kinds as K
from tdkt_xl.vocabulary.schema import LEGAL
from docx_render import render_document, text_of

SCHOOLS = ["Ban Giám hiệu nhà trường, Chủ tịch Công đoàn cơ sở và viên chức trực tiếp thực hiện "
           "công tác TĐKT."]
EXPECTED = {
    ("huyen-2024", "BTCHU"): ["Lãnh đạo cơ quan, đơn vị và công chức, viên chức trực tiếp thực hiện "
                              "công tác TĐKT."],
    ("huyen-2024", "XQS"): ["- Mời Thường trực Đảng ủy;", "- Thành viên Hội đồng TĐKT xã;",
                            "- Công chức trực tiếp thực hiện công tác TĐKT."],
    ("truong-hoc-2024", "MNHS"): SCHOOLS,
    ("truong-hoc-2024", "THCSCL"): SCHOOLS,        # inspected on its files
    ("tinh-2026", "SYT"): ["Lãnh đạo cơ quan, đơn vị và công chức, viên chức trực tiếp thực hiện "
                           "công tác thi đua, khen thưởng."],
    ("tinh-2026", "XBCL"): ["- Mời Thường trực Đảng ủy;",
                            "- Thành viên Hội đồng Thi đua - Khen thưởng xã;",
                            "- Công chức trực tiếp thực hiện công tác thi đua, khen thưởng."],
}
PLAN = {
    "huyen-2024": ["2. Đơn vị được kiểm tra",
                   "- Đối với các cơ quan, tổ chức, đơn vị cấp huyện: lãnh đạo cơ quan, đơn vị và công "
                   "chức, viên chức trực tiếp thực hiện công tác TĐKT.",
                   "- Đối với các xã:", "+ Mời Thường trực Đảng ủy;", "+ Thành viên Hội đồng TĐKT xã;",
                   "+ Công chức trực tiếp thực hiện công tác TĐKT."],
    "truong-hoc-2024": ["2. Đơn vị được kiểm tra", "- " + SCHOOLS[0]],
    "tinh-2026": ["2. Đơn vị được kiểm tra",
                  "- Đối với các cơ quan, đơn vị cấp tỉnh: lãnh đạo cơ quan, đơn vị và công chức, viên "
                  "chức trực tiếp thực hiện công tác thi đua, khen thưởng.",
                  "- Đối với các xã:", "+ Mời Thường trực Đảng ủy;",
                  "+ Thành viên Hội đồng Thi đua - Khen thưởng xã;",
                  "+ Công chức trực tiếp thực hiện công tác thi đua, khen thưởng."],
}


def _round(name):
    sheets = example_sheets(example_round(name).data_dir)
    return read_round({**sheets, LEGAL.name: shipped_rows()}).round


def _plan_lines(rnd) -> list:
    lines = [l["text"] for l in X.build_context(K.PLAN.key, rnd)["lines"]]
    start = lines.index("2. Đơn vị được kiểm tra")
    end = next(i for i, t in enumerate(lines) if i > start and t.startswith("V. "))
    return lines[start:end]


@pytest.mark.parametrize("name,code", sorted(EXPECTED))
def test_each_notice_names_who_attends_as_its_round_says(name, code):
    rnd = _round(name)
    ctx = X.build_context(K.NOTICE.key, rnd, rnd.unit(code))
    assert ctx["attendance"] == EXPECTED[(name, code)]
    text = text_of(render_document(K.NOTICE.template, ctx))
    if ctx["by_files"]:                 # the Đoàn does not come: nobody to name
        assert "Thành phần làm việc" not in text
        return
    after = text.split("3. Thành phần làm việc của đơn vị", 1)[1].split("4. Nội dung, yêu cầu", 1)[0]
    assert after.strip().splitlines() == EXPECTED[(name, code)]


@pytest.mark.parametrize("name", sorted(PLAN))
def test_the_plan_states_the_same_block_by_block(name):
    assert _plan_lines(_round(name)) == PLAN[name]


def test_the_notice_template_holds_no_round_wording():
    text = text_of((REPO_TEMPLATES / K.NOTICE.template).read_bytes())
    for words in ("Thường trực Đảng ủy", "Lãnh đạo cơ quan", "Ban Giám hiệu", "thành viên Hội đồng"):
        assert words not in text


def test_the_kind_of_commune_comes_from_the_units():
    rnd = _round("tinh-2026")
    xa = rnd.unit("XBCL")
    ward = Unit("PDK", "Phường Đông Kinh", xa.block, "Vi Văn A", "Chủ tịch UBND phường",
                selected=True)
    rnd.units.append(ward)
    ctx = X.notice_context(rnd, ward)
    assert ctx["attendance"][1] == "- Thành viên Hội đồng Thi đua - Khen thưởng phường;"
    assert "- Đối với các xã, phường:" in _plan_lines(rnd)
    assert "+ Thành viên Hội đồng Thi đua - Khen thưởng xã, phường;" in _plan_lines(rnd)


def test_a_row_for_no_block_of_the_units_stops_the_plan_with_its_cell():
    rnd = _round("huyen-2024")
    row = next(p for p in rnd.plan_text if p.part == V.PLAN_UNIT_TEAM and p.title)
    row.title = "Khối không có"
    with pytest.raises(Blocked) as e:
        X.build_context(K.PLAN.key, rnd)
    assert "Khối không có" in str(e.value) and row.origin.cell("title") in str(e.value)


def test_no_row_for_the_units_block_leaves_a_line_to_fill_in():
    rnd = _round("truong-hoc-2024")
    rnd.plan_text = [p for p in rnd.plan_text if p.part != V.PLAN_UNIT_TEAM]
    ctx = X.build_context(K.NOTICE.key, rnd, rnd.unit("MNHS"))
    assert len(ctx["attendance"]) == 1 and set(ctx["attendance"][0]) == {"…"}
    assert "2. Đơn vị được kiểm tra" not in [l["text"] for l in
                                             X.build_context(K.PLAN.key, rnd)["lines"]]


def test_the_plan_names_the_units_of_a_block_as_they_are():
    """The checklist items of one block say whom they concern from the units too."""
    lines = [l["text"] for l in X.build_context(K.PLAN.key, _round("tinh-2026"))["lines"]]
    assert not [l for l in lines if "(đối với các xã, phường)" in l]
    assert any(l.endswith("(đối với các xã).") for l in lines)
