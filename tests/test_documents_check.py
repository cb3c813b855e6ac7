"""The NĐ 30 layout checker: generated documents pass; each planted layout
fault in an otherwise good document is reported (in Vietnamese)."""
from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from pathlib import Path

import pytest

from tdkt_xl.documents import contexts as X
from tdkt_xl.vocabulary import doc_kinds as K
from tdkt_xl.documents.nd30_check import check_docx
from tdkt_xl.documents.render import load_template


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    """One generated document per kind (module-scoped, read-only)."""
    from tdkt_xl.builder.example import example_sheets
    from tdkt_xl.io.reader import read_round
    rnd = read_round(example_sheets()).round
    d = tmp_path_factory.mktemp("good")
    out = {}
    for key, kind in ((k, K.KINDS[k]) for k in K.GENERATED):
        unit = rnd.unit("XQS") if kind.per_unit else None
        out[key] = d / f"{key}.docx"
        out[key].write_bytes(load_template(kind.template).render_bytes(X.build_context(key, rnd, unit)))
    return out


def planted(src: Path, dst: Path, part: str, edit) -> Path:
    zin = zipfile.ZipFile(src)
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == part:
                new = edit(data.decode("utf-8"))
                assert new != data.decode("utf-8"), "the planted fault did not apply"
                data = new.encode("utf-8")
            z.writestr(info, data)
    return dst


def rules_of(path, kind=None):
    return {p.rule for p in check_docx(path, kind)}


def test_generated_documents_pass(good):
    for key, path in good.items():
        assert check_docx(path, key) == [], key


DOC = "word/document.xml"
CASES = [
    ("margins", DOC, lambda x: re.sub(r'w:left="1701"', 'w:left="1134"', x, count=1), "margins"),
    ("a4", DOC, lambda x: x.replace('w:w="11906"', 'w:w="12240"').replace('w:h="16838"', 'w:h="15840"'),
     "page"),
    ("arial run", DOC, lambda x: x.replace("<w:rPr><w:b/><w:sz w:val=\"24\"/></w:rPr>",
                                           '<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/>'
                                           '<w:b/><w:sz w:val="24"/></w:rPr>', 1), "font"),
    ("legacy font", DOC, lambda x: x.replace("<w:rPr><w:b/><w:sz w:val=\"24\"/></w:rPr>",
                                             '<w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/>'
                                             '<w:b/><w:sz w:val="24"/></w:rPr>', 1), "font"),
    ("theme font in styles", "word/styles.xml",
     lambda x: re.sub(r'<w:rFonts w:ascii="Times New Roman"[^>]*/>',
                      '<w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/>', x),
     "font"),
    ("date not padded", DOC, lambda x: x.replace("ngày 11 tháng 6 năm 2024", "ngày 11 tháng 06 năm 2024"),
     "date"),
    ("date upright", DOC, lambda x: x.replace("<w:i/>", "", 1), "date"),
    ("number without padding", DOC, lambda x: x.replace("Số: 27/TB-HĐTĐKT", "Số: 27 /TB-HĐTĐKT"),
     "number"),
    ("body not ending ./.", DOC, lambda x: x.replace("thực hiện./.", "thực hiện."), "end"),
    ("body left-aligned", "word/styles.xml",
     lambda x: re.sub(r'(w:styleId="VBNoiDung".*?<w:jc w:val=")both', r"\1left", x, count=1, flags=re.S),
     "body"),
    ("no first-line indent", "word/styles.xml",
     lambda x: re.sub(r'(w:styleId="VBNoiDung".*?)w:firstLine="720"', r'\1w:firstLine="0"', x,
                      count=1, flags=re.S), "body"),
    ("tight spacing", "word/styles.xml",
     lambda x: re.sub(r'(w:styleId="VBNoiDung".*?)w:after="120"', r'\1w:after="40"', x,
                      count=1, flags=re.S), "spacing"),
    ("no different first page", DOC, lambda x: x.replace("<w:titlePg/>", ""), "page_number"),
    ("recipients last line", DOC, lambda x: x.replace("- Lưu: VT, PNV.", "- Lưu: VT, PNV"), "recipients"),
    ("decomposed text", DOC, lambda x: x.replace("Căn cứ Quyết định",
                                                 unicodedata.normalize("NFD", "Căn cứ Quyết định")),
     "nfc"),
    ("underscore rule", DOC, lambda x: x.replace("Độc lập - Tự do - Hạnh phúc</w:t>",
                                                 "Độc lập - Tự do - Hạnh phúc</w:t></w:r></w:p><w:p>"
                                                 "<w:r><w:t>__________</w:t>", 1), "rules"),
    ("tiêu ngữ rule too short", DOC, lambda x: x.replace('<w:ind w:left="992" w:right="992"/>',
                                                         '<w:ind w:left="1800" w:right="1800"/>', 1),
     "rules"),
    ("red text", DOC, lambda x: x.replace("<w:rPr><w:b/><w:sz w:val=\"24\"/></w:rPr>",
                                          '<w:rPr><w:b/><w:color w:val="FF0000"/><w:sz w:val="24"/>'
                                          "</w:rPr>", 1), "color"),
    ("signature name upper", DOC, lambda x: x.replace(">Trần Thị B<", ">TRẦN THỊ B<"), "signature"),
    ("motto typo", DOC, lambda x: x.replace("Độc lập - Tự do - Hạnh phúc", "Độc lập-Tự do-Hạnh phúc"),
     "motto"),
]


MINUTES_CASES = [
    ("heading not bold", DOC, lambda x: x.replace('<w:r><w:rPr><w:b/></w:rPr><w:t>I. THÀNH PHẦN',
                                                  '<w:r><w:t>I. THÀNH PHẦN', 1), "body"),
    ("heading lower case", DOC, lambda x: x.replace("I. THÀNH PHẦN", "I. Thành phần", 1), "body"),
    ("date line in minutes", DOC,
     lambda x: x.replace('<w:r><w:rPr><w:sz w:val="26"/></w:rPr></w:r></w:p></w:tc></w:tr></w:tbl>',
                         '<w:r><w:rPr><w:i/><w:sz w:val="26"/></w:rPr><w:t>Chi Lăng, ngày 18 tháng '
                         '6 năm 2024</w:t></w:r></w:p></w:tc></w:tr></w:tbl>', 1), "date"),
    ("only one signature", DOC, lambda x: x.replace(">THƯ KÝ<", "><").replace(">TRƯỞNG ĐOÀN<", "><"),
     "signature"),
]
DECISION_CASES = [
    ("Điều not bold", DOC, lambda x: x.replace('<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">'
                                               'Điều 2. </w:t>',
                                               '<w:r><w:t xml:space="preserve">Điều 2. </w:t>', 1),
     "body"),
    ("căn cứ upright", DOC, lambda x: re.sub(r'<w:r><w:rPr><w:i/></w:rPr>(<w:t[^>]*>Căn cứ Luật Thi đua)',
                                                r'<w:r>\1', x, count=1), "body"),
    ("KT without PHÓ", DOC, lambda x: x.replace(">CHỦ TỊCH UBND HUYỆN<", ">X<")
     .replace('>CHỦ TỊCH<', '>KT. CHỦ TỊCH<', 1), "signature"),
]


@pytest.mark.parametrize("name,part,edit,rule", MINUTES_CASES, ids=[c[0] for c in MINUTES_CASES])
def test_planted_fault_in_minutes(good, tmp_path, name, part, edit, rule):
    path = planted(good["minutes"], tmp_path / "bad.docx", part, edit)
    assert rule in rules_of(path, "minutes"), [p.message for p in check_docx(path, "minutes")]


@pytest.mark.parametrize("name,part,edit,rule", DECISION_CASES, ids=[c[0] for c in DECISION_CASES])
def test_planted_fault_in_decision(good, tmp_path, name, part, edit, rule):
    path = planted(good["decision"], tmp_path / "bad.docx", part, edit)
    assert rule in rules_of(path, "decision"), [p.message for p in check_docx(path, "decision")]


@pytest.mark.parametrize("name,part,edit,rule", CASES, ids=[c[0] for c in CASES])
def test_planted_fault_is_reported(good, tmp_path, name, part, edit, rule):
    path = planted(good["notice"], tmp_path / "bad.docx", part, edit)
    found = check_docx(path, "notice")
    assert rule in {p.rule for p in found}, [p.message for p in found]
    assert all(p.message and p.message[0].isupper() for p in found)


def test_wrong_type_code_for_the_kind(good):
    msgs = [p.message for p in check_docx(good["notice"], "decision")]
    assert any("phải là QĐ" in m for m in msgs)
    assert check_docx(good["notice"]) == []          # kind from the Số line


def test_not_a_docx(tmp_path):
    p = tmp_path / "x.docx"
    p.write_bytes(b"not a zip")
    assert rules_of(p) == {"file"}


def test_plain_python_docx_document_fails_many_rules(tmp_path):
    from docx import Document
    d = Document()
    d.add_paragraph("Xin chào")
    d.save(tmp_path / "plain.docx")
    assert {"page", "margins", "page_number", "font", "header"} <= rules_of(tmp_path / "plain.docx")


def _drawn_line(mm: float) -> str:
    cx = int(mm * 36000)
    return ('<w:p><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/'
            f'2006/wordprocessingDrawing"><wp:extent cx="{cx}" cy="0"/><wp:docPr id="99" name="Line"/>'
            '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData '
            'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp xmlns:wps='
            '"http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:spPr><a:xfrm>'
            f'<a:off x="0" y="0"/><a:ext cx="{cx}" cy="0"/></a:xfrm><a:prstGeom prst="line"><a:avLst/>'
            '</a:prstGeom></wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:inline>'
            '</w:drawing></w:r></w:p>')


@pytest.mark.parametrize("mm,ok", [(55, True), (20, False)])
def test_a_drawn_line_under_the_summary_counts_as_the_rule(good, tmp_path, mm, ok):
    def edit(x):
        rules = list(re.finditer(r'<w:p><w:pPr><w:pStyle w:val="VBDauVanBan"/><w:pBdr>.*?</w:p>', x))
        last = rules[-1]                       # the rule under the trích yếu
        return x[:last.start()] + _drawn_line(mm) + x[last.end():]
    path = planted(good["notice"], tmp_path / "line.docx", DOC, edit)
    assert ("rules" not in rules_of(path, "notice")) is ok


TOO_SHORT = [c for c in CASES if c[0] == "tiêu ngữ rule too short"][0]


def _no_fonts(monkeypatch):
    """A machine without Times New Roman or Liberation fonts (and without Pillow's font loader)."""
    import sys
    from tdkt_xl.documents import nd30_check
    monkeypatch.setattr(nd30_check, "_FONT_DIRS", (), raising=False)
    monkeypatch.setitem(sys.modules, "PIL.ImageFont", None)
    if hasattr(nd30_check, "_font"):
        nd30_check._font.cache_clear()
        monkeypatch.setattr(nd30_check, "_font", nd30_check._font.__wrapped__)


def test_line_lengths_are_measured_without_any_font_installed(good, tmp_path, monkeypatch):
    _no_fonts(monkeypatch)
    _, part, edit, _ = TOO_SHORT
    found = check_docx(planted(good["notice"], tmp_path / "bad.docx", part, edit), "notice")
    assert [p.rule for p in found] == ["rules"], [p.message for p in found]
    assert "Tiêu ngữ" in found[0].message
    assert check_docx(good["notice"], "notice") == []


def test_text_widths_are_times_new_roman_metrics():
    from tdkt_xl.documents.nd30_check import ParaInfo, RunInfo, text_width_mm
    def para(text, bold=False, size=14.0):
        return ParaInfo(None, text, [RunInfo(text, "Times New Roman", False, size, bold, False, None)],
                        "left", 0, 0, 0, 0, 0, None, "auto", False)
    # Times New Roman advances (units per em 2048): 'H' 1479, space 512, bold 'H' 1593
    assert text_width_mm(para("H", size=72)) == pytest.approx(1479 / 2048 * 25.4)
    assert text_width_mm(para("H H", size=72)) == pytest.approx((2 * 1479 + 512) / 2048 * 25.4)
    assert text_width_mm(para("H", bold=True, size=72)) == pytest.approx(1593 / 2048 * 25.4)
    motto = para("Độc lập - Tự do - Hạnh phúc", bold=True)
    assert 60 < text_width_mm(motto) < 65                       # about 62 mm at 14 pt
    # every character of Vietnamese text (precomposed and decomposed) has a width
    vi = "".join(chr(c) for c in range(0x1EA0, 0x1EFA)) + "ĂăÂâĐđÊêÔôƠơƯư" + "\u0300\u0301\u0303\u0309\u0323"
    assert text_width_mm(para(vi)) is not None


def test_a_character_without_metrics_is_reported_not_skipped(good, tmp_path):
    def edit(x):
        return x.replace("Độc lập - Tự do - Hạnh phúc</w:t>", "Độc lập - Tự do - Hạnh phúc ☃</w:t>", 1)
    found = check_docx(planted(good["notice"], tmp_path / "snow.docx", DOC, edit), "notice")
    measure = [p.message for p in found if p.rule == "measure"]
    assert measure and "U+2603" in measure[0] and "Tiêu ngữ" in measure[0], found
