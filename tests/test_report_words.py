"""The summary report's own words are the round's: the texts of law it names
come from the round's register (Căn cứ pháp lý) and are in force on the
report's date (a report after 30/06/2025 names Nghị định số 152/2025/NĐ-CP,
never 98/2023), none is written in the template; the inspected units are
named with the collective noun the round's other documents use (a schools'
round says 'trường học', not 'cơ quan, đơn vị, địa phương'); and where the
items Chưa đạt lie is said truly when areas tie."""
from __future__ import annotations

import copy
import dataclasses
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document

from tdkt_xl.documents.contexts import decision_context
from tdkt_xl.io.example import example_round, example_rounds, example_sheets
from tdkt_xl.io.reader import read_round
from tdkt_xl.reports import report as R
from tdkt_xl.reports.aggregate import AREAS_FILE, Area, AreaStat
from tdkt_xl.reports.make_templates import REPO_TEMPLATES, REPORT_TEMPLATE
from tdkt_xl.rules.legal import LegalBasis, TDKT_DECREE, TDKT_LAW

ROUNDS = [r.name for r in example_rounds()]
CITATION = re.compile(r"Luật |Nghị định|Thông tư|/NĐ-CP|/QH\d|/TT-")


def _round(name):
    return read_round(example_sheets(example_round(name).data_dir)).round


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """name -> (round, report date, report text), one report per example round."""
    out = {}
    for name in ROUNDS:
        rnd = _round(name)
        rep = R.make_report(rnd, tmp_path_factory.mktemp(name))
        rec = R.report_record(rnd)
        text = "\n".join(p.text for p in Document(rep.docx).paragraphs)
        out[name] = (rnd, rec.date if rec and rec.date else rep.as_of, text)
    return out


# ------------------------------------------------------------------ 1. texts of law
def test_template_and_area_texts_cite_no_text_of_law():
    with zipfile.ZipFile(REPO_TEMPLATES / REPORT_TEMPLATE) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    words = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))
    assert not CITATION.findall(words), "the report template names a text of law"
    assert not CITATION.findall(AREAS_FILE.read_text(encoding="utf-8"))


def _references(text: str) -> list:
    """('decree'|'circular', number) and ('law', title, year) of every text of law named."""
    refs = [("decree", n) for n in re.findall(r"Nghị định (?:số )?(\d+/\d{4}/NĐ-CP)", text)]
    refs += [("circular", n) for n in re.findall(r"Thông tư (?:số )?(\d+/\d{4}/TT-\w+)", text)]
    for title, number, year in re.findall(
            r"Luật ([^.;()]+?) (?:số \d+/(\d{4})/QH\d+|năm (\d{4}))", text):
        refs.append(("law", title.strip(), number or year))
    return refs


def _in_force(rnd, on) -> set:
    out = set()
    for law in rnd.legal:
        if not law.applies(on):
            continue
        out |= set(_references(law.name))
    return out


@pytest.mark.parametrize("name", ROUNDS)
def test_every_text_of_law_named_is_in_the_register_and_in_force(reports, name):
    rnd, on, text = reports[name]
    refs = _references(text)
    assert refs
    assert set(refs) <= _in_force(rnd, on), set(refs) - _in_force(rnd, on)


@pytest.mark.parametrize("name", ROUNDS)
def test_framework_texts_are_the_registers_of_the_report_date(reports, name):
    rnd, on, text = reports[name]
    basis = LegalBasis(rnd.settings, rnd.legal)
    law, decree = basis.law(TDKT_LAW, on), basis.law(TDKT_DECREE, on)
    training = next(l for l in text.splitlines() if l.startswith("Quan tâm mở các lớp tập huấn"))
    assert f"theo {law.name}, {decree.name} và các văn bản hướng dẫn thi hành" in training
    cause = next(l for l in text.splitlines() if l.startswith("- Nguyên nhân khách quan"))
    # the decree took effect within the inspected period in every example round
    assert f"{decree.name} mới có hiệu lực từ ngày" in cause
    if on.year >= 2026:
        assert "152/2025/NĐ-CP" in cause and "98/2023" not in text
    else:
        assert "98/2023/NĐ-CP" in cause and "152/2025" not in text


def test_the_text_follows_the_register():
    from tdkt_xl.reports.legal_words import NO_TEXT, laws_context
    import datetime as dt
    rnd = _round("tinh-2026")
    on = dt.date(2026, 6, 15)
    ctx = laws_context(rnd, on)
    assert ctx["names"] == "Luật Thi đua, khen thưởng số 06/2022/QH15 và Nghị định số 152/2025/NĐ-CP"
    assert ctx["new_text"] == "; Nghị định số 152/2025/NĐ-CP mới có hiệu lực từ ngày 01/7/2025"
    # a register without the 2025 decree: only the law, nothing new in the period
    rnd.legal = [l for l in rnd.legal if l.code != "ND152_2025"]
    ctx = laws_context(rnd, on)
    assert ctx["names"] == "Luật Thi đua, khen thưởng số 06/2022/QH15" and ctx["new_text"] == ""
    # the clerk renames a text: the report says the register's words
    rnd.legal = [dataclasses.replace(l, name="Luật Thi đua, khen thưởng năm 2022")
                 if l.code == "LUAT06_2022" else l for l in rnd.legal]
    assert laws_context(rnd, on)["names"] == "Luật Thi đua, khen thưởng năm 2022"
    rnd.legal = []
    assert laws_context(rnd, on) == {"names": NO_TEXT, "with_guidance":
                                     NO_TEXT + " và các văn bản hướng dẫn thi hành", "new_text": ""}


# ------------------------------------------------------------------ 2. the units' noun
@pytest.mark.parametrize("name", ROUNDS)
def test_units_named_as_the_decision_names_them(reports, name):
    rnd, _, text = reports[name]
    bodies = decision_context(rnd)["bodies"]
    assert f"Các {bodies} được kiểm tra cơ bản quan tâm" in text
    assert f"1. Đối với các {bodies} được kiểm tra" in text


def test_schools_round_says_schools(reports):
    _, _, text = reports["truong-hoc-2024"]
    assert "địa phương" not in text
    assert "Đoàn kiểm tra đã kiểm tra 06 trường học; trong đó" in text
    assert "Các trường học đã ban hành kế hoạch công tác thi đua" in text
    assert "một số trường học chưa thực sự quan tâm" in text


def test_several_kinds_are_counted_then_listed(reports):
    _, _, text = reports["huyen-2024"]
    assert ("Đoàn kiểm tra đã kiểm tra 14 đơn vị, gồm 06 cơ quan, tổ chức, đơn vị cấp huyện và "
            "08 xã; trong đó kiểm tra trực tiếp tại 12 đơn vị, kiểm tra qua hồ sơ 02 đơn vị (") in text


def test_the_inspection_modes_are_counted_as_the_units_are(reports):
    """Before: 'đã kiểm tra 06 trường học; trong đó kiểm tra trực tiếp tại 5
    đơn vị, kiểm tra qua hồ sơ 1 đơn vị': two ways of writing a count, and
    another noun, in one sentence."""
    _, _, text = reports["truong-hoc-2024"]
    assert ("Đoàn kiểm tra đã kiểm tra 06 trường học; trong đó kiểm tra trực tiếp tại 05 trường học, "
            "kiểm tra qua hồ sơ 01 trường học (") in text


# ------------------------------------------------------------------ 3. ties
def _stat(no: int, short: str, n_fail: int) -> AreaStat:
    return AreaStat(Area(no, short, (), short), n_fail=n_fail)


def test_tied_areas_are_all_named_in_checklist_order():
    areas = [_stat(3, "Điển hình", 1), _stat(1, "Lãnh đạo", 1), _stat(6, "Thông tin", 1),
             _stat(4, "Khen thưởng", 1), _stat(2, "Phong trào", 0)]
    assert R._weak_areas(areas) == (", ở 04 lĩnh vực, mỗi lĩnh vực 1 lượt: lãnh đạo; điển hình; "
                                    "khen thưởng; thông tin")


def test_a_tie_at_the_cut_is_not_split():
    # 5, then three areas with 2: naming two of the three would be arbitrary
    areas = [_stat(1, "A", 2), _stat(2, "B", 5), _stat(3, "C", 2), _stat(4, "D", 2),
             _stat(5, "E", 1)]
    assert R._weak_areas(areas) == ", nhiều nhất ở lĩnh vực b (5 lượt)"
    # 5, 3, 3, then 1s: the whole tie fits, and the three hold most of the items
    areas = [_stat(1, "A", 3), _stat(2, "B", 5), _stat(3, "C", 3), _stat(4, "D", 1),
             _stat(5, "E", 1)]
    assert R._weak_areas(areas) == ", tập trung ở các lĩnh vực: b (5 lượt); a (3 lượt); c (3 lượt)"
    # different counts, all named
    assert R._weak_areas([_stat(1, "A", 1), _stat(2, "B", 2)]) == \
        ", thuộc các lĩnh vực: b (2 lượt); a (1 lượt)"
    assert R._weak_areas([_stat(1, "A", 0), _stat(2, "B", 2)]) == ", thuộc lĩnh vực b"
    assert R._weak_areas([_stat(1, "A", 0)]) == ""


def test_tinh_round_names_every_tied_area(reports):
    rnd, _, text = reports["tinh-2026"]
    line = next(l for l in text.splitlines() if l.startswith("Còn 4/6 đơn vị có nội dung chưa đạt"))
    assert line == ("Còn 4/6 đơn vị có nội dung chưa đạt yêu cầu (5 lượt nội dung), ở 05 lĩnh vực, "
                    "mỗi lĩnh vực 1 lượt: lãnh đạo, chỉ đạo, triển khai; điển hình tiên tiến; "
                    "công tác khen thưởng; quỹ thi đua, khen thưởng cấp xã; thông tin, báo cáo và "
                    "đơn thư. Cụ thể:")


def test_an_areas_short_name_reads_as_one_item_of_a_list():
    """Before: 'Thông tin, báo cáo; đơn thư' counted as two areas in a list
    separated by ';' ('ở 05 lĩnh vực: …; thông tin, báo cáo; đơn thư' named
    six), and 'Quỹ thi đua, khen thưởng (xã)' gave '(xã) (3 lượt)'."""
    from tdkt_xl.reports.aggregate import load_areas
    for a in load_areas():
        assert ";" not in a.short and not a.short.endswith(")"), a.short
