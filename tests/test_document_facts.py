"""One round, one truth: the facts every document states come from one place
(issue 9) — a person's role per inspection, the council post of a Trưởng
đoàn, the issuing authority and its signature form, the cited Quy chế and
Tờ trình, the plan citation, unit names in running text and as recipients,
and the minutes of an inspection by file."""
from __future__ import annotations

import copy

import pytest

from tdkt_xl.documents import contexts as X
from tdkt_xl.vocabulary import doc_kinds as K
from tdkt_xl.documents.nd30_check import check_docx
from docx_render import render_document, text_of
from tdkt_xl import model as m
from tdkt_xl.model import roles, vocab as V
from tdkt_xl.vocabulary import style


@pytest.fixture(scope="module")
def _round():
    from tdkt_xl.builder.example import example_sheets
    from tdkt_xl.io.reader import read_round
    return read_round(example_sheets()).round


@pytest.fixture
def rnd(_round):
    return copy.deepcopy(_round)


def nd30_ok(path, kind):
    probs = check_docx(path, kind)
    assert not probs, [p.message for p in probs]


# ------------------------------------------------------------------ roles
def test_a_deputy_in_the_decision_is_deputy_in_every_notice_and_minutes(rnd):
    # the sheet records Lê Văn C as Phó Trưởng đoàn for PVHTT only
    for d in rnd.delegation:
        if d.member_name == "Lê Văn C" and d.unit_code != "PVHTT":
            d.task = V.TASK_MEMBER
    dec = {m["name"]: m["task"] + m["scope"] for m in X.build_context("decision", rnd)["members"]}
    assert dec["Lê Văn C"] == V.TASK_DEPUTY
    for code in ("CAH", "BTCHU", "PVHTT"):
        for kind in ("notice", "minutes"):
            team = {t["name"]: t["task"] for t in X.build_context(kind, rnd, rnd.unit(code))["delegation"]}
            assert team["Lê Văn C"] == V.TASK_DEPUTY, (kind, code)
    rows = X.build_context("notice_all", rnd)["schedule"]
    marked = [r["unit"] for r in rows if "Lê Văn C (phó trưởng đoàn)" in r["team"]]
    assert len(marked) == 6                                  # every row he is in, not one
    assert roles.task_in(rnd, "CAH", "Lê Văn C", V.TASK_MEMBER) == V.TASK_DEPUTY


def test_heads_keep_their_scope_named_by_the_plans_block(rnd):
    dec = {m["name"]: m["task"] + m["scope"] for m in X.build_context("decision", rnd)["members"]}
    assert dec["Trần Thị B"] == "Trưởng đoàn khi kiểm tra Khối thi đua các xã, thị trấn"
    assert dec["Nguyễn Văn A"] == ("Trưởng đoàn khi kiểm tra Khối thi đua các cơ quan, tổ chức, "
                                   "đơn vị cấp huyện (trừ Phòng Văn hóa và Thông tin huyện)")


def test_a_head_shows_the_council_post_the_plan_requires(rnd):
    pos = {m["name"]: m["position"] for m in X.build_context("decision", rnd)["members"]}
    assert pos["Trần Thị B"] == "Trưởng phòng Nội vụ, Phó Chủ tịch Hội đồng TĐKT huyện"
    assert pos["Vi Nông Trường"] == "Chủ tịch UBND huyện, Chủ tịch Hội đồng TĐKT huyện"
    assert pos["Lê Văn C"] == "Phó Trưởng phòng Nội vụ"
    team = X.build_context("minutes", rnd, rnd.unit("XQS"))["delegation"]
    assert team[0]["position"] == "Trưởng phòng Nội vụ, Phó Chủ tịch Hội đồng TĐKT huyện"


# ------------------------------------------------------------------ authority and signature
def test_chairmans_own_power_is_signed_without_tm(rnd, tmp_path):
    assert not rnd.settings.decision_by_council
    ctx = X.build_context("decision", rnd)
    assert ctx["authority_line"] == "CHỦ TỊCH HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG HUYỆN CHI LĂNG"
    assert (ctx["sign"]["authority"], ctx["sign"]["title"]) == ("", "CHỦ TỊCH")
    text = text_of(render_document(K.DECISION.template, ctx, tmp_path / "qd.docx"))
    assert "TM. HỘI ĐỒNG" not in text
    nd30_ok(tmp_path / "qd.docx", "decision")
    notice = X.build_context("notice", rnd, rnd.unit("XQS"))
    assert notice["decision_ref"].endswith("của Chủ tịch Hội đồng Thi đua - Khen thưởng huyện Chi Lăng")


def test_council_authority_is_signed_tm_hoi_dong_and_cited_as_the_council(rnd, tmp_path):
    rnd.settings.decision_authority = V.AUTHORITY_COUNCIL
    ctx = X.build_context("decision", rnd)
    assert ctx["authority_line"] == "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG HUYỆN CHI LĂNG"
    assert (ctx["sign"]["authority"], ctx["sign"]["title"]) == ("TM. HỘI ĐỒNG", "CHỦ TỊCH")
    render_document(K.DECISION.template, ctx, tmp_path / "qd.docx")
    nd30_ok(tmp_path / "qd.docx", "decision")
    notice = X.build_context("notice", rnd, rnd.unit("XQS"))
    assert notice["decision_ref"].endswith(" của Hội đồng Thi đua - Khen thưởng huyện Chi Lăng")


def test_rules_and_proposal_are_cited_from_settings_or_dotted(rnd):
    ctx = X.build_context("decision", rnd)
    assert ctx["rules_basis"] == ("Căn cứ Quy chế hoạt động của Hội đồng Thi đua - Khen thưởng huyện "
                                  "Chi Lăng ban hành kèm theo Quyết định số 215/QĐ-UBND ngày "
                                  "25/01/2024;")
    assert ctx["proposal_line"] == ("Theo đề nghị của Trưởng phòng Nội vụ tại Tờ trình số "
                                    "38/TTr-PNV ngày 22/5/2024.")
    st = rnd.settings
    st.rules_number, st.rules_date, st.proposal_number, st.proposal_date = "", None, "", None
    ctx = X.build_context("decision", rnd)
    assert "Quyết định số ……/QĐ-…… ngày ……;" in ctx["rules_basis"]
    assert ctx["proposal_line"].endswith("Tờ trình số ……/TTr-PNV ngày …….")


def test_one_placeholder_form_of_the_plan_everywhere(rnd):
    from tdkt_xl.appendices.context import plan_line
    st = rnd.settings
    st.plan_number, st.plan_date = "", None
    cite = "Kế hoạch số ……/KH-HĐTĐKT ngày ……/4/2024 của Hội đồng Thi đua - Khen thưởng huyện Chi Lăng"
    assert X.build_context("notice", rnd, rnd.unit("XQS"))["plan_ref"] == cite
    assert plan_line(st) == f"(Kèm theo {cite})"


# ------------------------------------------------------------------ house style in documents
def test_unit_names_in_running_text_and_recipients(rnd, tmp_path):
    data = render_document(K.NOTICE.template, X.build_context("notice", rnd, rnd.unit("XQS")),
                           tmp_path / "tb.docx")
    text = text_of(data)
    assert "tại Xã" not in text and "đến Xã" not in text
    assert "năm 2024 tại xã Quan Sơn" in text
    assert "thông báo đến UBND xã Quan Sơn lịch kiểm tra" in text
    assert "thứ Ba, ngày 18/6/2024" in text and "Thứ Ba" not in text
    lines = text.splitlines()
    assert "- UBND xã Quan Sơn;" in lines
    assert "- Đảng ủy xã Quan Sơn;" in lines
    nd30_ok(tmp_path / "tb.docx", "notice")
    district = text_of(render_document(K.NOTICE.template,
                                       X.build_context("notice", rnd, rnd.unit("BTCHU"))))
    assert "- Ban Tổ chức Huyện ủy;" in district.splitlines() and "Đảng ủy" not in district


def test_counting_phrases_name_only_the_kinds_inspected(rnd):
    ctx = X.build_context("notice_all", rnd)
    assert ctx["units_phrase"] == "06 cơ quan, tổ chức, đơn vị cấp huyện và 08 xã"   # the block's words
    assert ctx["bodies"] == "cơ quan, đơn vị, xã"
    communes = [m.Unit("TT", "Thị trấn Đồng Mỏ", "Khối xã, thị trấn"), m.Unit("XQS", "Xã Quan Sơn", "Khối xã, thị trấn")]
    assert style.units_count_phrase(communes) == "02 xã, thị trấn"
    schools = [m.Unit("MN", "Trường Mầm non Hoa Sen", "Khối trường học"),
               m.Unit("TH", "Trường Tiểu học Quan Sơn", "Khối trường học")]
    assert style.units_count_phrase(schools) == "02 trường học"
    assert style.bodies_phrase(schools) == "trường học"
    wards = [m.Unit("P", "Phường Đông Kinh", "Khối xã, phường"), m.Unit("X", "Xã Hữu Lũng", "Khối xã, phường"),
             m.Unit("S", "Sở Tư pháp", "Khối cơ quan, đơn vị cấp tỉnh")]
    assert style.units_count_phrase(wards) == "01 cơ quan, đơn vị cấp tỉnh và 02 xã, phường"
    # counted again after that phrase: the one kind they all are, else 'đơn vị'
    assert [style.unit_noun(u) for u in (schools, communes[1:], communes, wards, wards[2:])] == \
        ["trường học", "xã", "đơn vị", "đơn vị", "đơn vị"]
    dec = X.build_context("decision", rnd)
    assert dec["heads_phrase"] == "Thủ trưởng các cơ quan, đơn vị, Chủ tịch UBND các xã"


def test_style_rules():
    assert style.in_sentence("Xã Quan Sơn") == "xã Quan Sơn"
    assert style.in_sentence("Thị trấn Đồng Mỏ") == "thị trấn Đồng Mỏ"
    assert style.in_sentence("Phường 12") == "Phường 12"            # a number keeps the capital
    assert style.in_sentence("Ban Tổ chức Huyện ủy") == "Ban Tổ chức Huyện ủy"
    assert style.recipient("Xã Quan Sơn", True) == "UBND xã Quan Sơn"
    assert style.recipient("Công an huyện", False) == "Công an huyện"
    import datetime as dt
    assert style.weekday_word(dt.date(2024, 6, 18)) == "thứ Ba"
    assert style.weekday_word(dt.date(2024, 6, 16)) == "Chủ nhật"
    assert style.body_date(dt.date(2024, 1, 5)) == "05/01/2024"
    assert style.body_date(dt.date(2024, 6, 5)) == "05/6/2024"


# ------------------------------------------------------------------ inspection by file
def test_minutes_of_an_inspection_by_file_are_dated_when_the_review_concluded(rnd, tmp_path):
    insp = rnd.inspection("CAH")
    assert insp.by_files and insp.minutes_date == insp.review_date
    data = render_document(K.MINUTES.template, X.build_context("minutes", rnd, rnd.unit("CAH")),
                           tmp_path / "bb.docx")
    text = text_of(data)
    assert "Hôm nay, ngày 17 tháng 6 năm 2024, tại Phòng Nội vụ huyện" in text
    assert "Đoàn kiểm tra đã xem xét xong hồ sơ" in text and "nhận ngày 06/6/2024" in text
    assert "ngày 12 tháng 6 năm 2024" not in text
    # the unit's written opinion (14/6) predates the minutes (17/6)
    from tdkt_xl.rules.results import cited_past_dates
    ev = rnd.evaluation("CAH")
    assert all(d <= insp.minutes_date for d in cited_past_dates(ev.unit_opinion))
    nd30_ok(tmp_path / "bb.docx", "minutes")


def test_minutes_representative_signs_with_the_post(rnd, tmp_path):
    ctx = X.build_context("minutes", rnd, rnd.unit("XQS"))
    assert ctx["sign_unit"]["role"] == "ĐẠI DIỆN ĐƠN VỊ" and ctx["sign_unit"]["post"]
    text = text_of(render_document(K.MINUTES.template, ctx, tmp_path / "bb.docx")).splitlines()
    i = text.index("ĐẠI DIỆN ĐƠN VỊ")
    assert text[i + 1] == ctx["sign_unit"]["post"]
    assert "UBND xã Quan Sơn giữ 01 bản" in "\n".join(text)


def test_commitments_are_not_cited_past_dates():
    from tdkt_xl.rules.results import cited_past_dates
    assert cited_past_dates("cam kết khắc phục trước ngày 30/9/2024") == []
    assert cited_past_dates("hạn 30/9/2024; đã gửi ngày 14/06/2024")[0].day == 14
