"""One DOCX path: every template renders through the compiled renderer
(documents, report with its charts, công văn), and for every template the
compiled render equals docxtpl's own ``render`` (document, headers and footers
XML, normalised), so the fast path cannot drift from docxtpl."""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import jinja2
import pytest
from lxml import etree

from tdkt_xl.documents import render as R

ROOT = Path(__file__).resolve().parents[1]
WORKBOOK = ROOT / "workbook" / "tdkt_2024.xlsm"
PARTS = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")
W_T = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """(template name, context, compiled bytes) of every render the services make."""
    from tdkt_xl.documents.service import generate_documents
    from tdkt_xl.io.sources import read_workbook
    from tdkt_xl.reports.followup import make_followup
    from tdkt_xl.reports.report import make_report
    seen = []
    original = R.CompiledTemplate.render_bytes

    def spy(self, context, marker=None):
        data = original(self, context, marker)
        seen.append((self.name, context, data))
        return data

    out = tmp_path_factory.mktemp("paths")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(R.CompiledTemplate, "render_bytes", spy)
        res = read_workbook(WORKBOOK)
        generate_documents(res, out / "docs")
        make_report(res.round, out / "report")
        make_followup(res.round, out / "followup", as_of=dt.date(2024, 12, 31))
    return seen


def _normalised(xml: bytes) -> bytes:
    """Canonical XML without layout whitespace between elements (text of w:t kept)."""
    root = etree.fromstring(xml)
    for el in root.iter():
        if el.tag != W_T and el.text is not None and not el.text.strip():
            el.text = None
        if el.tail is not None and not el.tail.strip():
            el.tail = None
    return etree.tostring(root, method="c14n")


def _parts(data: bytes) -> dict:
    z = zipfile.ZipFile(io.BytesIO(data))
    return {n: _normalised(z.read(n)) for n in z.namelist() if PARTS.match(n)}


def _docxtpl(name: str, context: dict) -> bytes:
    """docxtpl's render; a native chart (no docxtpl equivalent) becomes the same drawing
    XML as the compiled renderer writes, numbered as it numbers them."""
    from docxtpl import DocxTemplate
    from markupsafe import Markup
    tpl = DocxTemplate(str(R.REPO_TEMPLATES / name))
    sink = R._ChartSink(zipfile.ZipFile(R.REPO_TEMPLATES / name).read(R.DOCUMENT_RELS),
                        zipfile.ZipFile(R.REPO_TEMPLATES / name).namelist())

    def convert(v):
        if isinstance(v, R.Chart):
            return Markup(sink.add(v))
        if isinstance(v, dict):
            return {k: convert(x) for k, x in v.items()}
        if isinstance(v, list):
            return [convert(x) for x in v]
        return v
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    tpl.render(convert(context), jinja_env=env)
    buf = io.BytesIO()
    tpl.save(buf)
    return buf.getvalue()


def test_every_template_renders_through_the_compiled_renderer(rendered):
    assert {name for name, _, _ in rendered} == {p.name for p in R.REPO_TEMPLATES.glob("*.docx")}


def test_compiled_render_equals_docxtpl_render(rendered):
    compared = {}
    for name, context, data in rendered:
        if compared.get(name, 0) >= 2:          # two documents of each template
            continue
        ours, theirs = _parts(data), _parts(_docxtpl(name, context))
        assert set(ours) == set(theirs), name
        for part in ours:
            assert ours[part] == theirs[part], f"{name} {part}"
        compared[name] = compared.get(name, 0) + 1
    assert len(compared) == 7


def test_report_charts_are_chart_parts_of_the_package(rendered):
    name, _, data = next(r for r in rendered if r[0] == "bao_cao_ket_qua.docx")
    z = zipfile.ZipFile(io.BytesIO(data))
    doc = z.read("word/document.xml").decode("utf-8")
    rels = z.read("word/_rels/document.xml.rels").decode("utf-8")
    parts = [n for n in z.namelist() if re.fullmatch(r"word/charts/chart\d+\.xml", n)]
    rids = re.findall(r'<c:chart [^>]*r:id="([^"]+)"', doc)
    assert len(rids) == len(parts) >= 2
    for rid, part in zip(rids, parts):
        assert f'Id="{rid}"' in rels and f'Target="{part[5:]}"' in rels
    types = z.read("[Content_Types].xml").decode("utf-8")
    assert 'Extension="xlsx"' in types and all(f'PartName="/{p}"' in types for p in parts)
    ids = re.findall(r'<wp:docPr [^>]*id="(\d+)"', doc)
    assert len(set(ids)) == len(ids) == len(rids)           # unique drawing ids (fix_docpr_ids)


def test_templates_need_neither_fix_tables_nor_the_escape_unescaping(rendered):
    """What docxtpl's render does and the compiled renderer does not, proved unneeded."""
    for p in R.REPO_TEMPLATES.glob("*.docx"):
        z = zipfile.ZipFile(p)
        for n in z.namelist():
            if n.endswith(".xml"):
                text = z.read(n).decode("utf-8")
                assert not re.search(r"\{_[{%]|[}%]_\}", text), (p.name, n)   # no {_{ escapes
                if n == "docProps/core.xml" or "footnotes" in n:
                    assert "{{" not in text and "{%" not in text, (p.name, n)
    for name, _, data in rendered:                           # fix_tables would be a no-op
        doc = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
        w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
        for tbl in doc.iter(w + "tbl"):
            cols = len(tbl.find(w + "tblGrid").findall(w + "gridCol"))
            for tr in tbl.iter(w + "tr"):
                span = sum(int(tc.find(f"{w}tcPr/{w}gridSpan").get(w + "val"))
                           if tc.find(f"{w}tcPr/{w}gridSpan") is not None else 1
                           for tc in tr.findall(w + "tc"))
                assert span == cols, name


@pytest.mark.parametrize("xml", [
    '<w:p><w:pPr><w:jc w:val="both"/></w:pPr><w:r><w:rPr><w:b/></w:rPr>'
    '<w:t xml:space="preserve">Dòng 1\nDòng 2\tcột</w:t></w:r><w:r><w:t>a\nb</w:t></w:r></w:p>',
    '<w:p><w:r><w:t>không đổi</w:t></w:r></w:p><w:p><w:r><w:t>\t\n</w:t></w:r></w:p>',
])
def test_line_breaks_as_docxtpl_makes_them(xml):
    from docxtpl import DocxTemplate
    assert R._line_breaks(xml) == DocxTemplate.__new__(DocxTemplate).resolve_listing(xml)
