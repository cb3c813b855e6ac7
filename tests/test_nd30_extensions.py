"""Layout faults the ND 30 checker used to miss: a table header word broken
inside a syllable, an unbreakable block that leaves a fifth of a page blank,
minutes without Nơi nhận, and the attachment profile (phụ lục / đề cương:
no header block, but label, title, '(Kèm theo …)' line, own page numbers)."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from tdkt_xl.documents.nd30_check import check_docx, word_width_mm, wrapped_lines
from test_documents_check import good, planted  # noqa: F401  (shared fixture and helper)

DOC = "word/document.xml"


@pytest.fixture(scope="module")
def rnd():
    from tdkt_xl.builder.example import example_sheets
    from tdkt_xl.io.reader import read_round
    return read_round(example_sheets()).round


@pytest.fixture(scope="module")
def outline(rnd, tmp_path_factory):
    from tdkt_xl.appendices.context import unit_context
    from tdkt_xl.appendices.outline import outline_bytes
    from tdkt_xl.appendices.spec import load_spec
    path = tmp_path_factory.mktemp("outline") / "De_cuong.docx"
    path.write_bytes(outline_bytes(load_spec(), unit_context(rnd, rnd.unit("XQS"))))
    return path


def messages(path, kind=None, rule=None):
    return [p.message for p in check_docx(path, kind) if rule is None or p.rule == rule]


def test_generated_documents_pass_the_extended_checker(good):
    for key, path in good.items():
        assert messages(path, key) == [], key


# ------------------------------------------------------------------ table header word
def _narrow_first_header_cell(xml: str, twips: int) -> str:
    """The first content table (after the header block): its first header cell narrower."""
    start = xml.index("<w:tbl>", xml.index("</w:tbl>"))
    m = re.compile(r'<w:tcW w:type="dxa" w:w="\d+"/>').search(xml, start)
    return xml[:m.start()] + f'<w:tcW w:type="dxa" w:w="{twips}"/>' + xml[m.end():]


def test_header_word_broken_inside_a_syllable(good, tmp_path):
    path = planted(good["notice_all"], tmp_path / "narrow.docx", DOC,
                   lambda x: _narrow_first_header_cell(x, 400))       # 'STT' in ~7 mm
    found = messages(path, "notice_all", "table")
    assert found and "«STT»" in found[0] and "ngắt giữa chữ" in found[0]


def test_header_word_that_fits_is_not_reported(good, tmp_path):
    path = planted(good["notice_all"], tmp_path / "wide.docx", DOC,
                   lambda x: _narrow_first_header_cell(x, 900))
    assert messages(path, "notice_all", "table") == []


def test_word_widths_and_wrapping():
    # 'Chưa' bold 11 pt needs ~9.2 mm: it does not fit a 13 mm column with 1.9 mm margins
    assert 9.0 < word_width_mm("Chưa", True, False, 11) < 9.4
    from tdkt_xl.documents.nd30_check import ParaInfo, RunInfo
    text = "Trưởng đoàn khi kiểm tra " * 6
    p = ParaInfo(None, text, [RunInfo(text, "Times New Roman", False, 13, False, False, None)],
                 "left", 0, 0, 0, 0, 0, None, "auto", False)
    assert wrapped_lines(p, 36) > wrapped_lines(p, 150) >= 2


# ------------------------------------------------------------------ blank part of a page
def _long_row(xml: str, cant_split: bool = True) -> str:
    start = xml.index("<w:tbl>", xml.index("</w:tbl>"))
    rows = [m.start() for m in re.finditer(r"<w:tr>|<w:tr ", xml[start:])]
    second = start + rows[1]
    end = xml.index("</w:tr>", second)
    row = xml[second:end]
    long_text = "Trưởng đoàn khi kiểm tra các cơ quan, đơn vị cấp huyện và các xã, thị trấn " * 8
    row = re.sub(r"(<w:t[^>]*>)[^<]*(</w:t>)", lambda m: m.group(1) + long_text + m.group(2), row,
                 count=1)
    row = re.sub(r"<w:cantSplit/>", "", row)
    if cant_split:
        row = row.replace("<w:trPr>", "<w:trPr><w:cantSplit/>", 1) if "<w:trPr>" in row else \
            row.replace(">", "><w:trPr><w:cantSplit/></w:trPr>", 1)
    return xml[:second] + row + xml[end:]


def test_tall_row_that_may_not_split_leaves_a_blank(good, tmp_path):
    path = planted(good["decision"], tmp_path / "tall.docx", DOC, _long_row)
    found = messages(path, "decision", "table")
    assert found and "không được ngắt trang" in found[0]


def test_the_same_row_allowed_to_split_is_fine(good, tmp_path):
    path = planted(good["decision"], tmp_path / "tall_ok.docx", DOC,
                   lambda x: _long_row(x, cant_split=False))
    assert messages(path, "decision", "table") == []


# ------------------------------------------------------------------ minutes: Nơi nhận
def test_minutes_without_recipients(good, tmp_path):
    def drop(xml):
        i = xml.index("Nơi nhận:")
        tr = max(xml.rfind("<w:tr>", 0, i), xml.rfind("<w:tr ", 0, i))
        return xml[:tr] + xml[xml.index("</w:tr>", i) + len("</w:tr>"):]
    path = planted(good["minutes"], tmp_path / "no_recipients.docx", DOC, drop)
    assert any("Nơi nhận" in m for m in messages(path, "minutes", "recipients"))


def test_minutes_recipients_follow_the_form(good, tmp_path):
    path = planted(good["minutes"], tmp_path / "bad_recipients.docx", DOC,
                   lambda x: x.replace("- Lưu: VT, PNV.", "- Lưu: VT, PNV"))
    assert messages(path, "minutes", "recipients")


# ------------------------------------------------------------------ attachments
def test_outline_passes_as_an_attachment(outline):
    assert messages(outline, "attachment") == []


def test_outline_without_page_numbers(outline, tmp_path):
    path = planted(outline, tmp_path / "no_pages.docx", DOC,
                   lambda x: re.sub(r"<w:headerReference [^>]*/>", "", x))
    assert messages(path, "attachment", "page_number")


def test_outline_without_its_kem_theo_line(outline, tmp_path):
    path = planted(outline, tmp_path / "no_kem_theo.docx", DOC,
                   lambda x: x.replace("(Kèm theo", "(Theo", 1))
    assert any("Kèm theo" in m for m in messages(path, "attachment", "attachment"))


def test_attachment_title_must_be_upper_bold_centred(outline, tmp_path):
    path = planted(outline, tmp_path / "title.docx", DOC,
                   lambda x: x.replace("ĐỀ CƯƠNG BÁO CÁO", "Đề cương báo cáo", 1))
    assert messages(path, "attachment", "title")
