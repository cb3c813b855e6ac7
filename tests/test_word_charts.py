"""The report's charts are native Word charts (DrawingML chart parts, their data in
an embedded workbook), drawn by the one chart definition that also draws the
statistics workbook's charts: their cached values are the report's figures, the
embedded workbook holds the same, the layout checker treats them as pictures,
and the report click imports neither matplotlib nor python-docx."""
from __future__ import annotations

import io
import re
import zipfile

import pytest
from lxml import etree

import xl_payload as X
from tdkt_xl.io.reader import read_round
from tdkt_xl.reports import charts as ch
from tdkt_xl.reports.report import CHART_WIDTH_MM, make_report

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
DOC = "word/document.xml"


def _series(xml: bytes) -> list:
    """[(name, categories, values)] of a chart part, from its cached values only."""
    root = etree.fromstring(xml)
    out = []
    for ser in root.iter(C + "ser"):
        name = ser.find(f"{C}tx/{C}strRef/{C}strCache/{C}pt/{C}v").text
        cats = [v.text for v in ser.find(C + "cat").iter(C + "v")]
        vals = [float(v.text) for v in ser.find(C + "val").iter(C + "v")]
        out.append((name, cats, vals))
    return out


def _charts_of(path, prefix: str) -> list:
    z = zipfile.ZipFile(path)
    names = sorted((n for n in z.namelist() if re.fullmatch(prefix + r"charts/chart\d+\.xml", n)),
                   key=lambda n: int(re.search(r"(\d+)\.xml", n).group(1)))
    return [z.read(n) for n in names]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    from tdkt_xl.builder.example import example_sheets
    from tdkt_xl.reports.appendix_stats import AppendixStats, AwardLine
    rnd = read_round(example_sheets()).round
    stats = AppendixStats(2, ["XQS", "BTCHU"], [
        AwardLine("LDTT", "Lao động tiên tiến", "Danh hiệu thi đua", "LĐTT", 0, 0, 100),
        AwardLine("GK_XA", "Giấy khen của Chủ tịch UBND xã", "Hình thức khen thưởng", "GK cấp xã",
                  4, 2, 30)], {}, {}, {})
    res = make_report(rnd, tmp_path_factory.mktemp("bc"), appendices=stats)
    return res, stats


def test_the_report_holds_native_charts_with_their_parts(report):
    res, _ = report
    z = zipfile.ZipFile(res.docx)
    names = z.namelist()
    doc = z.read(DOC).decode("utf-8")
    rels = z.read("word/_rels/document.xml.rels").decode("utf-8")
    types = z.read("[Content_Types].xml").decode("utf-8")
    assert not [n for n in names if n.startswith("word/media/")]          # no picture left
    assert not [p for p in res.files if p.suffix == ".png"]
    rids = re.findall(r'<c:chart [^>]*r:id="([^"]+)"', doc)
    assert len(rids) == 3 == doc.count('uri="http://schemas.openxmlformats.org/drawingml/2006/chart"')
    for n, rid in enumerate(rids, start=1):
        assert re.search(rf'Id="{rid}" Type="[^"]+/relationships/chart" Target="charts/chart{n}.xml"', rels)
        assert (f'PartName="/word/charts/chart{n}.xml" ContentType="application/vnd.openxmlformats-'
                'officedocument.drawingml.chart+xml"') in types
        crels = z.read(f"word/charts/_rels/chart{n}.xml.rels").decode("utf-8")
        assert re.search(r'Id="rId1" Type="[^"]+/relationships/package" '
                         rf'Target="../embeddings/Microsoft_Excel_Worksheet{n}.xlsx"', crels)
        part = etree.fromstring(z.read(f"word/charts/chart{n}.xml"))
        ext = part.find(C + "externalData")
        assert ext is not None and ext.get(
            "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id") == "rId1"
        assert ext.find(C + "autoUpdate").get("val") == "0"
    assert 'Extension="xlsx"' in types
    ids = re.findall(r'<wp:docPr [^>]*id="(\d+)"', doc)
    assert len(set(ids)) == len(ids) == 3
    assert [f"Biểu đồ {i}. {d}" for i, d in enumerate(
        re.findall(r'<wp:docPr [^>]*descr="([^"]+)"', doc), start=1)] == res.charts


def test_cached_values_are_the_reports_figures_and_the_workbooks(report):
    """Word and LibreOffice draw from the cache: it holds the summary's and the appendix
    statistics' figures, the same as the statistics workbook's charts."""
    res, stats = report
    s = res.summary
    word, excel = _charts_of(res.docx, "word/"), _charts_of(res.workbook, "xl/")
    assert len(word) == len(excel) == 3
    share, awards, areas = (_series(x) for x in word)
    assert share == [("Tỷ lệ Đạt (%)",
                      [r.unit.name + (" (qua hồ sơ)" if r.by_files else "") for r in s.rows],
                      [round(r.pass_share, 1) for r in s.rows])]
    assert [n for n, _, _ in awards] == ["Tập thể", "Hộ gia đình", "Cá nhân"]
    assert awards[0][1] == ["Lao động tiên tiến", "Giấy khen của Chủ tịch UBND xã"]
    assert [v for _, _, v in awards] == [[0, 4], [0, 2], [100, 30]]
    assert sum(map(sum, (v for _, _, v in awards))) == stats.total
    assert [v for _, _, v in areas] == [[a.n_pass for a in s.areas], [a.n_fail for a in s.areas]]
    assert sum(areas[0][2]) == s.n_pass and sum(areas[1][2]) == s.n_fail
    for w, x in zip(word, excel):
        assert _series(w) == _series(x)
    labels = [t.text for t in etree.fromstring(word[0]).iter(A + "t")]
    first = s.rows[0]
    assert f"{first.pass_share:.1f}".replace(".", ",") + f"% ({first.n_pass}/{first.n_items})" in labels


def test_the_embedded_workbook_opens_and_holds_the_figures(report):
    from python_calamine import CalamineWorkbook
    res, _ = report
    z = zipfile.ZipFile(res.docx)
    charts = _charts_of(res.docx, "word/")
    assert len(charts) == 3
    for n, xml in enumerate(charts, start=1):
        book = CalamineWorkbook.from_filelike(io.BytesIO(
            z.read(f"word/embeddings/Microsoft_Excel_Worksheet{n}.xlsx")))
        rows = book.get_sheet_by_index(0).to_python()
        series = _series(xml)
        assert rows[0] == ["Nội dung", *(name for name, _, _ in series)]
        assert [r[0] for r in rows[1:]] == series[0][1]
        for j, (_, _, vals) in enumerate(series, start=1):
            assert [float(r[j]) for r in rows[1:]] == vals
        refs = re.findall(rb"<c:f>([^<]+)</c:f>", xml)
        assert refs and all(r.startswith("'Dữ liệu'!".encode()) for r in refs)


def test_chart_text_is_times_8pt_or_more_and_sized_by_categories(report):
    res, _ = report
    doc = zipfile.ZipFile(res.docx).read(DOC).decode("utf-8")
    extents = [(int(cx), int(cy)) for cx, cy in re.findall(r'<wp:extent cx="(\d+)" cy="(\d+)"', doc)]
    specs = ch.chart_specs(res.summary, report[1])
    assert [(round(cx / 36000), round(cy / 36000, 1)) for cx, cy in extents] == \
        [(CHART_WIDTH_MM, ch.height_mm(sp)) for sp in specs]
    assert ch.height_mm(specs[0]) > ch.height_mm(specs[1])       # 14 units vs 2 lines
    for xml in _charts_of(res.docx, "word/"):
        root = etree.fromstring(xml)
        runs = [*root.iter(A + "defRPr"), *root.iter(A + "rPr")]
        sizes = [int(r.get("sz")) for r in runs if r.get("sz")]
        assert sizes and min(sizes) >= 800
        faces = {f.get("typeface") for f in root.iter(A + "latin")}
        assert faces == {"Times New Roman"}
        assert root.find(f"{C}chart/{C}autoTitleDeleted").get("val") == "1"   # caption in Word
        assert root.find(f"{C}chart/{C}title") is None
    for xml in _charts_of(res.docx, "word/") + _charts_of(res.workbook, "xl/"):
        root = etree.fromstring(xml)
        for lbls in root.iter(C + "dLbls"):                   # LibreOffice reads a missing flag as on
            assert lbls.find(C + "showCatName").get("val") == "0"
            assert lbls.find(C + "showSerName").get("val") == "0"
        # LibreOffice wraps category labels with no stated rotation, then drops every other one
        (body,) = root.iterfind(f"{C}chart/{C}plotArea/{C}catAx/{C}txPr/{A}bodyPr")
        assert body.get("rot") == "-1"
        # a data label on one line: LibreOffice wrapped '100,0% (13/13)' after the percent
        bodies = [b for lbl in [*root.iter(C + "dLbls"), *root.iter(C + "dLbl")] for b in lbl.iter(A + "bodyPr")]
        assert bodies and all(b.get("wrap") == "none" for b in bodies)


def test_the_layout_checker_sees_a_chart_as_a_picture(report, tmp_path):
    """Caption under it in Times, its height from wp:extent in the page layout."""
    from tdkt_xl.documents.nd30_check import check_docx
    from test_documents_check import planted
    res, _ = report
    doc = zipfile.ZipFile(res.docx).read(DOC).decode("utf-8")
    assert doc.count("<w:drawing>") == 3 == doc.count("/drawingml/2006/chart\"><c:chart ")
    assert check_docx(res.docx, "report") == []
    bad = planted(res.docx, tmp_path / "no_caption.docx", DOC,
                  lambda x: x.replace("Biểu đồ 2. ", "", 1))
    found = [p.message for p in check_docx(bad, "report") if p.rule == "chart"]
    assert found and "thứ 2 không có dòng chú thích" in found[0]
    tall = planted(res.docx, tmp_path / "tall.docx", DOC,
                   lambda x: re.sub(r'(<wp:extent cx="\d+" cy=")\d+', r"\g<1>3600000", x, count=1))
    found = [p.message for p in check_docx(tall, "report") if p.rule == "keep"]
    assert found and "ảnh (biểu đồ)" in found[0]


def test_a_note_is_kept_with_its_caption(example_sheets, tmp_path, monkeypatch):
    """A chart's note printed at the top of the next page, apart from its caption (Chart 1
    had one, '(*) Đơn vị kiểm tra qua hồ sơ.'; its labels now say it)."""
    import dataclasses
    import docx
    specs = ch.chart_specs
    monkeypatch.setattr(ch, "chart_specs", lambda *a: [
        dataclasses.replace(sp, note="Số liệu đến ngày kiểm tra.") if i == 0 else sp
        for i, sp in enumerate(specs(*a))])
    res = make_report(read_round(example_sheets).round, tmp_path)
    paras = docx.Document(str(res.docx)).paragraphs
    cap = next(i for i, p in enumerate(paras) if p.text.startswith("Biểu đồ 1."))
    assert paras[cap + 1].text == "Ghi chú: Số liệu đến ngày kiểm tra."
    assert paras[cap].paragraph_format.keep_with_next
    other = next(p for p in paras if p.text.startswith("Biểu đồ 2."))
    assert not other.paragraph_format.keep_with_next         # no note: nothing to keep with


def test_same_data_same_bytes(example_sheets, tmp_path):
    rnd = read_round(example_sheets).round
    a, b = make_report(rnd, tmp_path / "a"), make_report(rnd, tmp_path / "b")
    assert a.docx.read_bytes() == b.docx.read_bytes()
    assert a.workbook.read_bytes() == b.workbook.read_bytes()


def test_the_report_click_imports_neither_matplotlib_nor_python_docx(tmp_path):
    """Two fresh click processes of *Tạo báo cáo*: the first compiles the template (which
    may use docxtpl); the second, as every click after a data change, draws the charts
    without matplotlib and places them without python-docx or docxtpl."""
    from tdkt_xl.io import controls as K
    first, second = X.run_clicks(K.JOB_REPORT, tmp_path, ("matplotlib", "docx", "docxtpl"))
    assert first.startswith("True") and "matplotlib" not in first
    assert second == "True []"


def test_axes_state_their_ticks(report):
    """An axis without tick marks stated is drawn by LibreOffice with the schema's
    default (crossed major and minor ticks): a comb of ticks under every chart."""
    res, _ = report
    for xml in _charts_of(res.docx, "word/") + _charts_of(res.workbook, "xl/"):
        root = etree.fromstring(xml)
        axes = [*root.iter(C + "catAx"), *root.iter(C + "valAx")]
        assert len(axes) == 2
        for ax in axes:
            assert ax.find(C + "majorTickMark").get("val") == "out"
            assert ax.find(C + "minorTickMark").get("val") == "none"
