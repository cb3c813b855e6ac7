"""Issue 13 §1: the council's level and offices are the workbook's data.

- a workbook made before the standing office was a setting (Thành viên column
  'Phòng Nội vụ', Cấu hình label 'Người liên hệ (Phòng Nội vụ)', no 'Cấp' nor
  'Cơ quan thường trực Hội đồng' rows) still reads, and its documents are the
  same as the current example's;
- the documents take the standing office, its abbreviation and its head from
  Cấu hình.
"""
from __future__ import annotations

import copy
import re

import pytest

from docx_render import render_document
from test_document_facts import text_of
from tdkt_xl.documents import contexts as X
from tdkt_xl.io.reader import read_round
from tdkt_xl.vocabulary import cells, doc_kinds as K, schema as S

NEW_ROWS = ("level", "standing_office", "standing_office_code", "standing_office_head", "upper_office")


def _label(field: str) -> str:
    return next(s.label for s in S.SETTING_KEYS if s.field == field)


def old_workbook(sheets: dict) -> dict:
    """The example as a workbook of 2024 spelt it."""
    sheets = copy.deepcopy(sheets)
    members = sheets[S.MEMBERS.name]
    members[0] = ["Phòng Nội vụ" if h == S.MEMBERS.col("pnv_role").header else h for h in members[0]]
    drop = {cells.key_text(_label(f)) for f in NEW_ROWS}
    rows = []
    for row in sheets[S.SETTINGS.name]:
        if cells.key_text(row[0]) in drop:
            continue
        if row[0] == _label("contact_name"):
            row = ["Người liên hệ (Phòng Nội vụ)"] + row[1:]
        rows.append(row)
    sheets[S.SETTINGS.name] = rows
    return sheets


def _texts(rnd) -> dict:
    out = {}
    for kind, unit in (("decision", None), ("notice", "XQS"), ("minutes", "XQS"), ("notice", "CAH")):
        u = rnd.unit(unit) if unit else None
        ctx = X.build_context(kind, rnd, u) if u else X.build_context(kind, rnd)
        out[(kind, unit)] = text_of(render_document(K.KINDS[kind].template, ctx))
    return out


def test_a_workbook_with_the_old_labels_reads_and_renders_the_same(example_sheets):
    new = read_round(example_sheets)
    old = read_round(old_workbook(example_sheets))
    assert sorted(f.type.code for f in old.findings) == sorted(f.type.code for f in new.findings)
    assert [m.pnv_role for m in old.round.members] == [m.pnv_role for m in new.round.members]
    assert any(m.pnv_role for m in old.round.members)
    st = old.round.settings
    assert (st.contact_name, st.standing_office) == ("Phạm Thị D", "Phòng Nội vụ")
    assert (st.standing_office_code, st.standing_office_head, st.level) == ("", "", "")
    assert _texts(old.round) == _texts(new.round)


def test_documents_name_the_standing_office_of_the_settings(example_sheets):
    rnd = read_round(example_sheets).round
    st = rnd.settings
    st.standing_office, st.standing_office_code, st.standing_office_head = (
        "Văn phòng HĐND và UBND xã", "VP", "")
    st.level = "xã"
    dec = X.build_context("decision", rnd)
    assert dec["proposal_line"] == ("Theo đề nghị của Chánh Văn phòng HĐND và UBND xã tại Tờ trình "
                                    "số 38/TTr-PNV ngày 22/5/2024.")      # the number as the clerk typed it
    # the commune's office is both the supervising body's office and the standing office: named once
    assert dec["executors"] == "Chánh Văn phòng HĐND và UBND xã"
    text = text_of(render_document(K.DECISION.template, dec))
    assert "- Lưu: VT, VP." in text and "- CT, các PCT UBND xã;" in text
    assert "- Thành viên Hội đồng TĐKT xã;" in text
    notice = text_of(render_document(K.NOTICE.template, X.build_context("notice", rnd, rnd.unit("XQS"))))
    assert "gửi về Văn phòng HĐND và UBND xã (cơ quan thường trực Hội đồng)" in notice
    st.proposal_number = ""
    assert X.build_context("decision", rnd)["proposal_line"].endswith("Tờ trình số ……/TTr-VP ngày 22/5/2024.")


@pytest.mark.parametrize("office, head, code", [
    ("Phòng Nội vụ", "Trưởng phòng Nội vụ", "PNV"),
    ("Sở Nội vụ", "Giám đốc Sở Nội vụ", "SNV"),
    ("Văn phòng HĐND và UBND xã", "Chánh Văn phòng HĐND và UBND xã", "VPHVUX"),
])
def test_head_and_code_of_an_office_when_the_settings_leave_them_blank(office, head, code):
    from tdkt_xl.vocabulary import style
    assert style.office_head(office) == head and style.office_code(office) == code
    assert style.office_head(office, "Phó Giám đốc phụ trách") == "Phó Giám đốc phụ trách"
    assert style.office_code(office, "BTĐKT") == "BTĐKT"
    assert re.fullmatch(r"…+", style.office_head(""))
