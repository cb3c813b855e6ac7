"""`tdkt plan`: the Kế hoạch kiểm tra (issue 13 §3) drafted from the workbook: every
selected unit and checklist item, the seed plan's sections, dates and lead times,
numbered without repeats, in the NĐ 30 layout; its narrative from the sheet."""
from __future__ import annotations

import copy
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tdkt_xl.documents import contexts as X
from tdkt_xl.documents.nd30_check import check_docx
from tdkt_xl.documents.service import generate_documents
from tdkt_xl.model import vocab as V
from tdkt_xl.vocabulary import doc_kinds as K
from tdkt_xl.vocabulary import schema as S

ROOT = Path(__file__).resolve().parents[1]
WORKBOOK = ROOT / "workbook" / "tdkt_2024.xlsm"


@pytest.fixture(scope="module")
def _round():
    from tdkt_xl.io.sources import read_workbook
    res = read_workbook(WORKBOOK)
    assert not [f for f in res.findings if f.is_error]
    return res.round


@pytest.fixture
def rnd(_round):
    return copy.deepcopy(_round)


@pytest.fixture(scope="module")
def plan_file(_round, tmp_path_factory):
    out = tmp_path_factory.mktemp("plan")
    s = generate_documents(copy.deepcopy(_round), out, kinds=("plan",))
    assert s.errors == [] and s.skipped == [], s.lines()
    return out / K.PLAN.file_name


def _text(path) -> str:
    from docx import Document
    d = Document(str(path))
    parts = [p.text for p in d.paragraphs]
    for t in d.tables:
        for row in t.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def _body(path) -> list[str]:
    from docx import Document
    return [p.text for p in Document(str(path)).paragraphs]


def test_plan_sheet_is_read_from_the_shipped_workbook(_round):
    parts = {p.part for p in _round.plan_text}
    assert parts == set(V.PLAN_PARTS)
    assert _round.plan_text[0].origin.sheet == S.PLAN_TEXT.name


def test_plan_lists_every_selected_unit_and_checklist_item(_round, plan_file):
    text = _text(plan_file)
    selected = [u for u in _round.units if u.selected]
    assert len(selected) == 14
    for u in selected:
        assert f"- {u.name}" in text, u.name
    assert len(_round.checklist) == 15
    for item in _round.checklist:
        assert item.text.rstrip(".") in text, item.code
    for group in {i.group for i in _round.checklist}:
        assert group in _body(plan_file)


def test_plan_section_numbers_never_repeat(plan_file):
    body = _body(plan_file)
    romans = [p.split(".")[0] for p in body if re.match(r"^[IVX]+\. [A-ZĐ]", p)]
    assert romans == ["I", "II", "III", "IV", "V"]
    # khoản numbers restart in each mục and never repeat inside one
    section, seen = None, set()
    for p in body:
        if re.match(r"^[IVX]+\. ", p):
            section, seen = p, set()
        elif m := re.match(r"^(\d+)\. [A-ZĐ]", p):
            assert m.group(1) not in seen, (section, p)
            seen.add(m.group(1))


def test_plan_has_the_seed_plans_substance_without_its_slips(plan_file):
    text = _text(plan_file)
    for heading in ("I. MỤC ĐÍCH, YÊU CẦU", "II. ĐỐI TƯỢNG KIỂM TRA",
                    "III. NỘI DUNG, PHƯƠNG THỨC KIỂM TRA", "IV. THÀNH PHẦN",
                    "V. TỔ CHỨC THỰC HIỆN", "1. Đoàn kiểm tra", "2. Đơn vị được kiểm tra",
                    "1. Thời gian kiểm tra", "2. Cơ quan, đơn vị được chọn kiểm tra",
                    "3. Công tác chuẩn bị", "4. Kinh phí thực hiện",
                    "a) Khối thi đua các cơ quan, tổ chức, đơn vị cấp huyện:",
                    "b) Khối thi đua các xã, thị trấn:"):
        assert heading in text, heading
    assert "Số: 05/KH-HĐTĐKT" in text and "ngày 12 tháng 4 năm 2024" in text
    assert "Căn cứ Kế hoạch số 08/KH-UBND ngày 09/01/2024" in text
    assert "từ ngày 01/01/2024 đến thời điểm kiểm tra" in text
    assert "Thực hiện trong quý II, III năm 2024." in text
    assert "trước ít nhất 05 ngày" in text and "trước 03 ngày Đoàn kiểm tra làm việc" in text
    assert "khoản 1 Mục III" in text
    for pl in ("Phụ lục I:", "Phụ lục II:", "Phụ lục III:", "Đề cương báo cáo"):
        assert pl in text
    assert "- Lưu: VT, PNV." in text and "TM. HỘI ĐỒNG" in text and "Vi Nông Trường" in text
    assert "Khó thi đưa" not in text
    assert "{" not in text and "}" not in text


def test_attachments_name_every_form_that_tdkt_forms_makes(_round):
    from tdkt_xl.appendices.spec import load_spec
    listed = [p.text for p in _round.plan_text if p.part == V.PLAN_ATTACHMENTS]
    for sh in load_spec().sheets:
        assert any(t.startswith(f"{sh.name}: ") and t.lower().endswith(sh.title.lower())
                   for t in listed), sh.name
    assert any(t.startswith("Đề cương báo cáo") for t in listed)


def test_plan_passes_the_nd30_checker(plan_file):
    problems = check_docx(plan_file, "plan")
    assert problems == [], "; ".join(p.message for p in problems)


def test_lead_times_and_window_come_from_the_settings(rnd):
    rnd.settings.notice_lead_days, rnd.settings.report_lead_days = 7, 4
    rnd.settings.day_counting = V.DAYS_WORKING
    rnd.settings.window_label = "quý III năm 2024"
    text = "\n".join(l["text"] for l in X.plan_context(rnd)["lines"])
    assert "trước ít nhất 07 ngày làm việc" in text
    assert "trước 04 ngày làm việc Đoàn kiểm tra làm việc" in text
    assert "Thực hiện trong quý III năm 2024." in text


def test_units_follow_the_units_sheet(rnd):
    rnd.units[0].selected = False
    rnd.reindex()
    text = "\n".join(l["text"] for l in X.plan_context(rnd)["lines"])
    assert rnd.units[0].name not in text and rnd.units[1].name in text


def test_a_section_without_rows_keeps_the_numbering_sound(rnd):
    rnd.plan_text = [p for p in rnd.plan_text if p.part != V.PLAN_SUBJECTS]
    lines = X.plan_context(rnd)["lines"]
    romans = [l["text"].split(".")[0] for l in lines if l["kind"] == "h1"]
    assert len(romans) == len(set(romans))


def test_unknown_placeholder_is_refused_naming_the_cell(rnd):
    p = next(p for p in rnd.plan_text if p.part == V.PLAN_FUNDING)
    p.text = "Chi từ {nguồn}."
    with pytest.raises(X.Blocked) as e:
        X.plan_context(rnd)
    assert S.PLAN_TEXT.name in str(e.value) and p.origin.cell("text") in str(e.value)
    assert "{nguồn}" in str(e.value)


def test_no_plan_text_or_no_selected_unit_is_a_message_not_a_traceback(rnd, tmp_path):
    rnd.plan_text = []
    s = generate_documents(rnd, tmp_path, kinds=("plan",))
    assert not (tmp_path / K.PLAN.file_name).exists()
    assert any(S.PLAN_TEXT.name in line for line in s.lines())


def test_cli_plan_writes_the_plan(tmp_path):
    r = subprocess.run([sys.executable, "-m", "tdkt_xl.cli", "plan", str(WORKBOOK), "--out",
                        str(tmp_path)], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert (tmp_path / K.PLAN.file_name).exists()
