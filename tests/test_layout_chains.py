"""Page layout the ND 30 checker now measures: text kept with the signature block
(the decision's whole Điều 3 moved with it and left a quarter of page 2 blank) and
the report's charts, captioned by a Word paragraph in Times New Roman rather than
a title drawn in the chart."""
from __future__ import annotations

import re

from tdkt_xl.documents.nd30_check import check_docx
from test_documents_check import good, planted  # noqa: F401  (shared fixture and helper)

DOC = "word/document.xml"


def messages(path, kind=None, rule=None):
    return [p.message for p in check_docx(path, kind) if rule is None or p.rule == rule]


def _keep_paragraph_of(xml: str, words: str) -> str:
    """The paragraph holding ``words`` kept with the next one (as the old templates did)."""
    i = xml.index(words)
    start = xml.rfind("<w:p>", 0, i)
    ppr = xml.index("</w:pPr>", start)
    return xml[:ppr] + "<w:keepNext/>" + xml[ppr:]


# ------------------------------------------------------------------ kept with the signature
def test_generated_documents_keep_a_short_closing_with_the_signature(good):
    for key, path in good.items():
        assert messages(path, key, "keep") == [], key


def test_the_old_decision_closing_is_flagged(good, tmp_path):
    """Old output: the whole Điều 3 (4 lines) kept with the signature block; when it did
    not fit on page 2 it moved with the signature, leaving about a quarter of page 2 blank."""
    path = planted(good["decision"], tmp_path / "old_dieu3.docx", DOC,
                   lambda x: _keep_paragraph_of(x, "chịu trách nhiệm thi hành"))
    found = messages(path, "decision", "keep")
    assert found and "Điều 3." in found[0] and "khối chữ ký" in found[0]
    share = int(re.search(r"để trống tới (\d+)%", found[0]).group(1))
    assert share >= 24


def test_the_old_minutes_closing_is_flagged(good, tmp_path):
    path = planted(good["minutes"], tmp_path / "old_closing.docx", DOC,
                   lambda x: _keep_paragraph_of(x, "Biên bản được lập thành 02 bản"))
    assert messages(path, "minutes", "keep")


def test_decision_ends_with_its_effect_line_kept_with_the_signature(good):
    import docx
    paras = [p for p in docx.Document(str(good["decision"])).paragraphs if p.text.strip()]
    last, before = paras[-1], paras[-2]
    assert last.text == "Quyết định này có hiệu lực kể từ ngày ký./."
    assert last.paragraph_format.keep_with_next
    assert before.text.startswith("Điều 3.") and not before.paragraph_format.keep_with_next


# ------------------------------------------------------------------ chart captions
def _report(tmp_path):
    from tdkt_xl.builder.example import example_sheets
    from tdkt_xl.io.reader import read_round
    from tdkt_xl.reports.report import make_report
    rnd = read_round(example_sheets()).round
    return make_report(rnd, tmp_path / "bc").docx


def test_report_charts_have_word_captions_in_times(tmp_path):
    path = _report(tmp_path)
    assert messages(path, "report", "chart") == []


def test_chart_without_a_word_caption_is_flagged(tmp_path):
    path = _report(tmp_path)
    bad = planted(path, tmp_path / "no_caption.docx", DOC,
                  lambda x: x.replace("Biểu đồ 1. ", "", 1))
    found = messages(bad, "report", "chart")
    assert found and "không có dòng chú thích" in found[0]


def test_chart_caption_in_another_font_is_flagged(tmp_path):
    path = _report(tmp_path)

    def arial(xml):
        i = xml.index("Biểu đồ 1. ")
        r = xml.rfind("<w:r>", 0, i)
        return xml[:r] + '<w:r><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/></w:rPr>' + \
            xml[r + len("<w:r>"):]
    bad = planted(path, tmp_path / "arial_caption.docx", DOC, arial)
    found = messages(bad, "report", "chart")
    assert found and "Arial" in found[0]


def test_chart_draws_no_title():
    """The caption is the Word paragraph; the chart carries no title text of its own."""
    import io
    import zipfile
    from tdkt_xl.reports.charts import ChartSpec, Series
    from tdkt_xl.reports.word_charts import embedded_workbook
    import datetime as dt
    spec = ChartSpec("x", "Tiêu đề thử nghiệm của biểu đồ", ["Xã A", "Xã B"],
                     [Series("Đạt", [3, 4], "#2E7D32")], kind="barh_stacked")
    xml = zipfile.ZipFile(io.BytesIO(embedded_workbook(spec, 160, dt.date(2024, 1, 1)))).read(
        "xl/charts/chart1.xml").decode("utf-8")
    assert "Tiêu đề thử nghiệm" not in xml and '<c:autoTitleDeleted val="1"/>' in xml
    assert "Xã A" in xml                        # the chart itself is drawn


# ------------------------------------------------------------------ chart heights
def test_a_chart_too_tall_for_a_third_of_a_page_is_flagged(tmp_path):
    """Old output: Chart 1 (14 units) was 130 mm tall and kept with the heading before
    it; it moved whole to page 3 and left about a third of page 2 blank.  The checker
    counted the picture's line as one line of text and missed it."""
    path = _report(tmp_path)
    old = planted(path, tmp_path / "tall_chart.docx", DOC,
                  lambda x: re.sub(r'(<wp:extent cx="\d+" cy=")\d+', r"\g<1>4662857", x, count=1))
    found = messages(old, "report", "keep")
    assert found and "II. KẾT QUẢ KIỂM TRA" in found[0] and "ảnh (biểu đồ)" in found[0]
    assert int(re.search(r"để trống tới (\d+)%", found[0]).group(1)) >= 50


def test_report_charts_fit_a_third_of_a_page_with_readable_text(tmp_path):
    import zipfile

    from tdkt_xl.documents.nd30_check import EMU_PER_MM, PICTURE_SHARE
    from tdkt_xl.reports.report import CHART_WIDTH_MM
    path = _report(tmp_path)
    assert messages(path, "report", "keep") == []
    z = zipfile.ZipFile(path)
    xml = z.read(DOC).decode()
    extents = [(int(cx), int(cy)) for cx, cy in re.findall(r'<wp:extent cx="(\d+)" cy="(\d+)"', xml)]
    assert extents
    for cx, cy in extents:
        assert cy / EMU_PER_MM < 257 * PICTURE_SHARE - 15       # room for heading and caption
        assert abs(cx / EMU_PER_MM - CHART_WIDTH_MM) < 0.5     # placed at the size it is drawn
    charts = [n for n in z.namelist() if re.fullmatch(r"word/charts/chart\d+\.xml", n)]
    assert len(charts) == len(extents)
    for n in charts:
        sizes = [int(v) for v in re.findall(r'<a:defRPr sz="(\d+)"', z.read(n).decode())]
        assert sizes and min(sizes) >= 800, n
