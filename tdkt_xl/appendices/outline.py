"""The report outline (đề cương báo cáo) sent to each unit with its form:
a simple A4 Times New Roman document whose text comes from the spec's
``outline`` (section III.1 of the inspection plan)."""
from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from tdkt_xl.appendices.context import UnitContext
from tdkt_xl.appendices.spec import Spec
from tdkt_xl.documents.make_templates import page_number_header
from tdkt_xl.documents.marker import marker, stamp
from tdkt_xl.vocabulary.style import body_date
from tdkt_xl.vocabulary.text import core_property

FONT = "Times New Roman"


def _font(run, size=14, bold=False, italic=False):
    run.font.name = FONT
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)


def _para(doc, text, size=14, bold=False, italic=False, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True,
          after=6):
    p = doc.add_paragraph()
    p.alignment = align
    pf = p.paragraph_format
    pf.space_after = Pt(after)
    pf.space_before = Pt(0)
    pf.line_spacing = 1.15
    if indent:
        pf.first_line_indent = Cm(1.27)
    _font(p.add_run(text), size, bold, italic)
    return p


def outline_bytes(spec: Spec, ctx: UnitContext) -> bytes:
    """The unit's report outline (.docx) as bytes."""
    o = spec.outline
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(20), Mm(20)
    sec.left_margin, sec.right_margin = Mm(30), Mm(15)
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    start = body_date(ctx.period_start) if ctx.period_start else f"01/01/{ctx.year}"
    center = WD_ALIGN_PARAGRAPH.CENTER
    _para(doc, o.get("title", "ĐỀ CƯƠNG BÁO CÁO"), 14, bold=True, align=center, indent=False, after=0)
    _para(doc, o.get("subtitle", "").format(year=ctx.year, start=start), 14, bold=True, align=center,
          indent=False, after=0)
    _para(doc, ctx.plan_line, 14, italic=True, align=center, indent=False, after=12)
    _para(doc, f"Đơn vị báo cáo: {ctx.name}", 14, bold=True, indent=False)
    _para(doc, ctx.period_text + ".", 14, indent=False)
    if ctx.report_due:
        _para(doc, f"Báo cáo và các phụ lục gửi về {ctx.office or 'cơ quan thường trực Hội đồng'} "
              f"{ctx.due_text}.",
              14, italic=True, indent=False, after=12)
    for s in o.get("sections", ()):
        _para(doc, s["heading"], 14, bold=True, indent=False, after=6)
        for item in s.get("items", ()):
            _para(doc, item.format(year=ctx.year, start=start,
                                   council=ctx.council_name or "Hội đồng Thi đua - Khen thưởng"))
    if o.get("attachments"):
        _para(doc, o["attachments"], 14, italic=True, after=6)
    page_number_header(doc, style=None)
    cp = doc.core_properties       # a core property holds at most 255 characters
    cp.title = core_property(f"Đề cương báo cáo - {ctx.name}")
    cp.author = core_property(ctx.council_name or "")
    cp.created = ctx.stamp
    cp.modified = ctx.stamp
    cp.last_modified_by = core_property(ctx.council_name or "")
    cp.revision = 1
    buf = io.BytesIO()
    doc.save(buf)
    return stamp(buf.getvalue(), marker("outline", ctx.code) | {"tdkt_round": ctx.round_id})
