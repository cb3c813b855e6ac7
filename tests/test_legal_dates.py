"""The decision's 'Căn cứ' lines come from the register of legal bases
(the Căn cứ pháp lý sheet; shipped content data/legal_basis.csv) by the
document's date and the round's level."""
from __future__ import annotations

import datetime as dt

import pytest

from tdkt_xl.documents.contexts import decision_context
from tdkt_xl.vocabulary import doc_kinds as K
from tdkt_xl.io.reader import read_round
from tdkt_xl.io.register import shipped_register
from tdkt_xl.rules.legal import LegalBasis, Law, level_of
from tdkt_xl.model import Settings

OLD_LAW = ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, "
           "bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương "
           "ngày 22 tháng 11 năm 2019;")
TDKT = "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"
ND98 = ("Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định "
        "chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;")


def _decision_on(sheets, day):
    rnd = read_round(sheets).round
    rec = next(d for d in rnd.documents if d.kind == K.DECISION.doc_kind and not d.unit_code)
    rec.date = day
    return decision_context(rnd)["legal_basis"]


def test_a_decision_of_27_5_2024_cites_the_2015_law_the_2022_law_and_nd_98(example_sheets):
    assert _decision_on(example_sheets, dt.date(2024, 5, 27)) == [OLD_LAW, TDKT, ND98]


def test_a_decision_of_2026_cites_law_72_2025_the_2022_law_and_nd_152(example_sheets):
    lines = _decision_on(example_sheets, dt.date(2026, 3, 10))
    assert lines[0] == "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;"
    assert lines[1] == TDKT
    assert lines[2].startswith("Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025")
    assert len(lines) == 3


def test_the_day_of_the_reform_switches_texts():
    basis = LegalBasis(Settings(), shipped_register())
    assert ND98 in basis.basis_lines(dt.date(2025, 6, 30))
    assert not any("98/2023" in x for x in basis.basis_lines(dt.date(2025, 7, 1)))


def test_a_row_cited_only_at_some_levels():
    laws = (Law("k", "Văn bản X", "Văn bản X", dt.date(2020, 1, 1), None, levels=("xã",)),)
    basis = LegalBasis(Settings(), laws)
    assert basis.basis_lines(dt.date(2024, 1, 1), "huyện") == []
    assert basis.basis_lines(dt.date(2024, 1, 1), "xã") == ["Căn cứ Văn bản X;"]


@pytest.mark.parametrize("body, level", [("UBND huyện Chi Lăng", "huyện"),
                                         ("Ủy ban nhân dân xã Quan Sơn", "xã"),
                                         ("UBND tỉnh Lạng Sơn", "tỉnh"), ("", "")])
def test_level_of_the_supervising_body(body, level):
    assert level_of(Settings(supervising_body=body)) == level


def test_register_rows_with_an_unsure_date_say_so():
    rows = {l.name: l for l in shipped_register()}
    assert "chưa" in rows["Thông tư số 15/2025/TT-BNV"].note
    assert "Luật Tổ chức chính quyền địa phương số 72/2025/QH15" in rows
