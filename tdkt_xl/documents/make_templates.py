"""Build the docxtpl templates in ``templates/`` (run once; the output is committed).

    python -m tdkt_xl.documents.make_templates [OUT_DIR]

The product never runs this: it only reads ``templates/*.docx``, which a clerk
may open and edit in Word or LibreOffice.  The layout follows Nghị định
30/2020/NĐ-CP, Phụ lục I (A4, margins, Times New Roman through the styles,
two-column header, page number in the header from page 2, Nơi nhận and
signature block).  Every text that the workbook holds is a Jinja tag; the
rest is ordinary text the clerk can reword.
"""
from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT, WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Cm

from tdkt_xl.io.atomic import ensure_folder, write_bytes

FONT = "Times New Roman"
REPO_TEMPLATES = Path(__file__).resolve().parents[2] / "templates"

# page geometry (mm): A4, margins within NĐ 30 ranges
PAGE_W, PAGE_H = 210, 297
M_TOP, M_BOTTOM, M_LEFT, M_RIGHT = 20, 20, 30, 15
TEXT_W = PAGE_W - M_LEFT - M_RIGHT            # 165 mm
# header table: slightly wider than the text, as is usual, so that the
# Quốc hiệu (12 pt) and the issuer name fit on one line each
HDR_LEFT_W, HDR_RIGHT_W, HDR_INDENT = 78, 92, -5
# short rules (mm): issuer ~ 0.42 of its 77 mm line; trích yếu 55 mm;
# Tiêu ngữ: its own width (56.1 mm at 13 pt bold) + a hair
ISSUER_RULE, TITLE_RULE, MOTTO_W = 32, 55, 57

BODY, TITLE, CELL, HEAD, RECIP, SIGN = (
    "VB Nội dung", "VB Tên loại", "VB Bảng", "VB Đầu văn bản", "VB Nơi nhận", "VB Chữ ký")
STYLE_IDS = {BODY: "VBNoiDung", TITLE: "VBTenLoai", CELL: "VBBang", HEAD: "VBDauVanBan",
             RECIP: "VBNoiNhan", SIGN: "VBChuKy"}


# ------------------------------------------------------------------ styles
def _fonts(rpr) -> None:
    rf = rpr.find(qn("w:rFonts"))
    if rf is None:
        rf = OxmlElement("w:rFonts")
        rpr.insert(0, rf)
    for a in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if rf.get(qn(a)) is not None:
            del rf.attrib[qn(a)]
    for a in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rf.set(qn(a), FONT)


def setup_styles(doc) -> None:
    styles = doc.styles
    root = styles.element
    # docDefaults: Times New Roman 14, no theme fonts
    dd = root.find(qn("w:docDefaults"))
    rpr = dd.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(rpr)
    for tag in ("w:sz", "w:szCs"):
        el = rpr.find(qn(tag))
        if el is None:
            el = OxmlElement(tag)
            rpr.append(el)
        el.set(qn("w:val"), "28")
    for lang in rpr.findall(qn("w:lang")):
        lang.set(qn("w:val"), "vi-VN")
    # every rFonts in every style: no theme fonts
    for rf in list(root.iter(qn("w:rFonts"))):
        _fonts(rf.getparent())
    normal = styles["Normal"]
    _fonts(normal.element.get_or_add_rPr())
    normal.font.size = Pt(14)
    pf = normal.paragraph_format
    pf.space_before, pf.space_after = Pt(0), Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.SINGLE

    def pstyle(name, size, align, bold=None, italic=None, first=None, before=0, after=0,
               line=None):
        st = styles.add_style(name, 1)
        st.element.styleId = STYLE_IDS[name]      # ASCII ids; the Vietnamese name is shown
        st.base_style = normal
        st.quick_style = True
        st.font.size = Pt(size)
        if bold is not None:
            st.font.bold = bold
        if italic is not None:
            st.font.italic = italic
        f = st.paragraph_format
        f.alignment = align
        f.space_before, f.space_after = Pt(before), Pt(after)
        if first is not None:
            f.first_line_indent = Cm(first)
        if line:
            f.line_spacing = line
        else:
            f.line_spacing_rule = WD_LINE_SPACING.SINGLE
        return st

    pstyle(BODY, 14, WD_ALIGN_PARAGRAPH.JUSTIFY, first=1.27, after=6, line=1.1)
    pstyle(TITLE, 14, WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    pstyle(CELL, 13, WD_ALIGN_PARAGRAPH.LEFT, before=3, after=3)
    pstyle(HEAD, 13, WD_ALIGN_PARAGRAPH.CENTER)
    pstyle(RECIP, 11, WD_ALIGN_PARAGRAPH.LEFT)
    pstyle(SIGN, 14, WD_ALIGN_PARAGRAPH.CENTER, bold=True)


# ------------------------------------------------------------------ helpers
def _pbdr_bottom(p) -> None:
    ppr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    b = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        b.set(qn(k), v)
    bdr.append(b)
    ps = ppr.find(qn("w:pStyle"))
    if ps is not None:
        ps.addnext(bdr)
    else:
        ppr.insert(0, bdr)


def para(container, segments, style=BODY, align=None, size=None, first=None,
         before=None, after=None, left=None, right=None, keep=False):
    """Add a paragraph.  ``segments``: str or list of (text, fmt) with fmt
    letters b (bold), i (italic)."""
    p = container.add_paragraph(style=style)
    if isinstance(segments, str):
        segments = [(segments, "")]
    for text, fmt in segments:
        r = p.add_run(text)
        if "b" in fmt:
            r.bold = True
        if "i" in fmt:
            r.italic = True
        if size:
            r.font.size = Pt(size)
    f = p.paragraph_format
    if align is not None:
        f.alignment = align
    if first is not None:
        f.first_line_indent = Cm(first)
    if before is not None:
        f.space_before = Pt(before)
    if after is not None:
        f.space_after = Pt(after)
    if left is not None:
        f.left_indent = Mm(left)
    if right is not None:
        f.right_indent = Mm(right)
    if keep:
        f.keep_with_next = True
    return p


def rule(container, width_mm: float, col_mm: float, align_offset: float = 0):
    """A centred solid line ``width_mm`` long: an empty 2 pt paragraph whose
    bottom border is bounded by its indents (no underscores)."""
    side = (col_mm - width_mm) / 2
    p = container.add_paragraph(style=HEAD)
    _pbdr_bottom(p)
    f = p.paragraph_format
    f.left_indent, f.right_indent = Mm(side), Mm(side)
    f.space_before, f.space_after = Pt(3), Pt(0)
    f.line_spacing_rule = WD_LINE_SPACING.SINGLE
    # paragraph mark 2 pt, so the empty line is thin (rPr is last in pPr)
    rpr = OxmlElement("w:rPr")
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), "4")
    rpr.append(sz)
    p._p.get_or_add_pPr().append(rpr)
    return p


# CT_TblPr is a sequence: Word rejects children out of this order
_TBLPR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
                "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders",
                "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription")


def _order(parent, names) -> None:
    rank = {qn(f"w:{n}"): i for i, n in enumerate(names)}
    kids = sorted(list(parent), key=lambda e: rank.get(e.tag, len(rank)))
    for k in kids:
        parent.remove(k)
        parent.append(k)


def _tbl_set(tbl, widths_mm, indent_mm=0, cell_margin_mm=None, borders=False):
    tbl.alignment = WD_TABLE_ALIGNMENT.LEFT
    tbl.autofit = False
    t = tbl._tbl
    tblPr = t.tblPr
    w = tblPr.find(qn("w:tblW"))
    if w is None:
        w = OxmlElement("w:tblW")
        tblPr.append(w)
    w.set(qn("w:type"), "dxa")
    w.set(qn("w:w"), str(int(sum(widths_mm) * 1440 / 25.4)))
    if indent_mm:
        ind = OxmlElement("w:tblInd")
        ind.set(qn("w:w"), str(int(indent_mm * 1440 / 25.4)))
        ind.set(qn("w:type"), "dxa")
        tblPr.append(ind)
    if cell_margin_mm is not None:
        mar = OxmlElement("w:tblCellMar")
        for side in ("left", "right"):
            e = OxmlElement(f"w:{side}")
            e.set(qn("w:w"), str(int(cell_margin_mm * 1440 / 25.4)))
            e.set(qn("w:type"), "dxa")
            mar.append(e)
        tblPr.append(mar)
    if not borders:
        b = OxmlElement("w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            e = OxmlElement(f"w:{side}")
            e.set(qn("w:val"), "nil")
            b.append(e)
        tblPr.append(b)
    _order(tblPr, _TBLPR_ORDER)
    for i, gc in enumerate(t.tblGrid.findall(qn("w:gridCol"))):
        gc.set(qn("w:w"), str(int(widths_mm[i] * 1440 / 25.4)))
    for row in tbl.rows:
        if not borders:       # header and signature blocks never break across pages
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for i, cell in enumerate(row.cells):
            cell.width = Mm(widths_mm[i])


def _clear(cell):
    """A new cell holds one empty paragraph: remove it (cells get content via para())."""
    for p in list(cell.paragraphs):
        p._p.getparent().remove(p._p)


def header_table(doc, left_top, left_issuer, number, right_date=True):
    """Ô 1–4 of NĐ 30: 2×2 borderless table.  Row 1: issuer | Quốc hiệu,
    Tiêu ngữ with their rules; row 2: Số | place and date."""
    t = doc.add_table(rows=2, cols=2)
    _tbl_set(t, (HDR_LEFT_W, HDR_RIGHT_W), indent_mm=HDR_INDENT, cell_margin_mm=0)
    a, b = t.rows[0].cells
    c, d = t.rows[1].cells
    for cell in (a, b, c, d):
        _clear(cell)
    para(a, [(left_top, "")], style=HEAD, size=12)
    para(a, [(left_issuer, "b")], style=HEAD, size=12)
    rule(a, ISSUER_RULE, HDR_LEFT_W)
    para(b, [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "b")], style=HEAD, size=12)
    side = (HDR_RIGHT_W - MOTTO_W) / 2
    p = para(b, [("Độc lập - Tự do - Hạnh phúc", "b")], style=HEAD, size=13,
             left=side, right=side, after=2)
    _pbdr_bottom(p)
    para(c, [(number, "")], style=HEAD, size=13, before=6)
    if right_date:
        para(d, [(r"{{ date_line }}", "i")], style=HEAD, size=14, before=6)
    else:
        para(d, "", style=HEAD, size=13, before=6)
    return t


def title_block(doc, kind_upper, summary_segments):
    para(doc, [(kind_upper, "b")], style=TITLE, before=18, keep=True)
    para(doc, summary_segments, style=TITLE, keep=True)
    rule(doc, TITLE_RULE, TEXT_W)
    para(doc, "", style=BODY, after=0)


def signature_table(doc, recipients, with_recipients=True):
    """Ô 7 + 9b: Nơi nhận (left) and the signer (right)."""
    t = doc.add_table(rows=1, cols=2)
    _tbl_set(t, (75, 90), cell_margin_mm=1)
    left, right = t.rows[0].cells
    _clear(left)
    _clear(right)
    if with_recipients:
        para(left, [("Nơi nhận:", "bi")], style=RECIP, size=12, before=6)
        for line in recipients:
            para(left, line, style=RECIP)
    para(right, "{%p if sign.authority %}", style=SIGN)
    para(right, [("{{ sign.authority }}", "b")], style=SIGN, before=6)
    para(right, "{%p endif %}", style=SIGN)
    para(right, "{%p if sign.deputy_for %}", style=SIGN)
    para(right, [("{{ sign.deputy_for }}", "b")], style=SIGN)
    para(right, "{%p endif %}", style=SIGN)
    para(right, [("{{ sign.title }}", "b")], style=SIGN)
    para(right, "{%p if sign.post %}", style=SIGN)
    para(right, [("{{ sign.post }}", "b")], style=SIGN)
    para(right, "{%p endif %}", style=SIGN)
    for _ in range(4):
        para(right, "", style=SIGN)
    para(right, [("{{ sign.name }}", "b")], style=SIGN)
    return t


def page_number_header(doc, style: str | None = HEAD) -> None:
    """Page number centred in the header from page 2 (none on page 1); ``style``
    None keeps the document's default paragraph style (attachments)."""
    sec = doc.sections[0]
    sec.different_first_page_header_footer = True
    sec.first_page_header.is_linked_to_previous = False
    hp = sec.header.paragraphs[0]
    if style:
        hp.style = doc.styles[style]
    hp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    def fld(kind, text=None):
        r = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        sz = OxmlElement("w:sz")
        sz.set(qn("w:val"), "26")
        rpr.append(sz)
        r.append(rpr)
        if kind == "instr":
            e = OxmlElement("w:instrText")
            e.set(qn("xml:space"), "preserve")
            e.text = text
        elif kind == "text":
            e = OxmlElement("w:t")
            e.text = text
        else:
            e = OxmlElement("w:fldChar")
            e.set(qn("w:fldCharType"), kind)
        r.append(e)
        hp._p.append(r)
    fld("begin")
    fld("instr", " PAGE ")
    fld("separate")
    fld("text", "2")
    fld("end")


def new_document(title: str):
    doc = Document()
    setup_styles(doc)
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Mm(PAGE_W), Mm(PAGE_H)
    sec.top_margin, sec.bottom_margin = Mm(M_TOP), Mm(M_BOTTOM)
    sec.left_margin, sec.right_margin = Mm(M_LEFT), Mm(M_RIGHT)
    sec.header_distance, sec.footer_distance = Mm(10), Mm(10)
    page_number_header(doc)
    # the default document starts with no paragraph; keep it that way
    cp = doc.core_properties
    cp.title = title
    cp.author = "tdkt_xl"
    cp.last_modified_by = "tdkt_xl"
    cp.comments = "Mẫu văn bản tdkt_xl (docxtpl). Giữ nguyên các thẻ trong dấu ngoặc nhọn."
    import datetime as _dt
    cp.created = cp.modified = _dt.datetime(2024, 1, 1)
    cp.revision = 1
    return doc


def table(doc, widths, header, body_rows, size=13):
    """A bordered data table.  ``body_rows``: list of rows, each a list of
    cell texts (a row whose only cell starts with ``{%tr`` is a control row)."""
    t = doc.add_table(rows=1 + len(body_rows), cols=len(widths))
    t.style = doc.styles["Table Grid"]
    _tbl_set(t, widths, borders=True)
    for i, h in enumerate(header):
        cell = t.rows[0].cells[i]
        _clear(cell)
        para(cell, [(h, "b")], style=CELL, align=WD_ALIGN_PARAGRAPH.CENTER, size=size, keep=True)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    trPr = t.rows[0]._tr.get_or_add_trPr()
    th = OxmlElement("w:tblHeader")
    trPr.append(th)
    for r, row in enumerate(body_rows):
        cells = t.rows[r + 1].cells
        # rows may break across pages: a long remark kept whole would push the
        # whole row to the next page and leave a fifth of a page blank
        if len(row) == 1 and len(widths) > 1:   # a merged row
            merged = cells[0].merge(cells[-1])
            _clear(merged)
            text, fmt, align = _cell_spec(row[0])
            # a group heading row stays with the row under it
            para(merged, [(text, fmt)], style=CELL, align=align, size=size, keep=True)
            continue
        for i, spec in enumerate(row):
            _clear(cells[i])
            text, fmt, align = _cell_spec(spec)
            para(cells[i], [(text, fmt)], style=CELL, align=align, size=size)
    return t


def _cell_spec(spec):
    if isinstance(spec, tuple):
        text, fmt = spec[0], spec[1]
        align = spec[2] if len(spec) > 2 else WD_ALIGN_PARAGRAPH.LEFT
        return text, fmt, align
    return spec, "", WD_ALIGN_PARAGRAPH.LEFT


C = WD_ALIGN_PARAGRAPH.CENTER


def loop_lines(doc, var, item, text_segments, **kw):
    para(doc, f"{{%p for {item} in {var} %}}", **kw)
    para(doc, text_segments, **kw)
    para(doc, "{%p endfor %}", **kw)


# ------------------------------------------------------------------ documents
def decision():
    doc = new_document("Quyết định thành lập Đoàn kiểm tra")
    header_table(doc, "{{ header.supervising }}", "{{ header.issuer }}", "{{ number_line }}")
    title_block(doc, "QUYẾT ĐỊNH", [
        ("Về việc thành lập Đoàn kiểm tra {{ inspection_of }}", "b")])
    para(doc, [("{{ authority_line }}", "b")], style=TITLE, after=12)
    loop_lines(doc, "legal_basis", "line", [("{{ line }}", "i")])
    for line in (
            "{{ rules_basis }}",
            "Căn cứ {{ plan_ref }} về {{ plan_subject }};",
            "{{ proposal_line }}"):
        para(doc, [(line, "i")])
    para(doc, [("QUYẾT ĐỊNH:", "b")], style=TITLE, before=6, after=6)
    para(doc, [("Điều 1. ", "b"), ("Thành lập Đoàn kiểm tra {{ inspection_of }} của "
                                   "{{ council }}, gồm các ông (bà) có tên sau:", "")])
    table(doc, (14, 45, 66, 40), ("STT", "Họ và tên", "Chức vụ, đơn vị công tác", "Nhiệm vụ trong Đoàn"), [
        ["{%tr for m in members %}", "", "", ""],
        [("{{ m.no }}", "", C), "{{ m.name }}", "{{ m.position }}", "{{ m.task }}{{ m.scope }}"],
        ["{%tr endfor %}", "", "", ""],
    ])
    para(doc, "", after=0)
    para(doc, [("Điều 2. ", "b"), ("Nhiệm vụ của Đoàn kiểm tra", "")])
    para(doc, "1. Kiểm tra công tác thi đua, khen thưởng tại các {{ bodies }} theo "
              "nội dung, thời gian quy định tại {{ plan_ref }}; lịch kiểm tra cụ thể do "
              "{{ council }} thông báo đến từng đơn vị.")
    para(doc, "2. Tổng hợp, báo cáo kết quả kiểm tra về Chủ tịch {{ council }} sau khi kết thúc "
              "đợt kiểm tra.")
    para(doc, "3. Đoàn kiểm tra làm việc theo chế độ kiêm nhiệm và tự giải thể sau khi hoàn thành "
              "nhiệm vụ. Kinh phí hoạt động của Đoàn được chi từ Quỹ thi đua, khen thưởng theo "
              "quy định.")
    # only the short last line is kept with the signature block (nd30_check: at most two
    # lines): a whole Điều 3 moved with it left a quarter of page 2 blank
    para(doc, [("Điều 3. ", "b"), ("{{ executors }}, {{ heads_phrase }} được kiểm tra và các ông "
                                   "(bà) có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định "
                                   "này.", "")])
    para(doc, "Quyết định này có hiệu lực kể từ ngày ký./.", keep=True)
    signature_table(doc, ["- Như Điều 3;", "- CT, các PCT {{ ubnd }};",
                          "- Thành viên {{ council_level }};", "- Lưu: VT, {{ office_code }}."])
    return doc


def _notice_common_intro(doc):
    loop_lines(doc, "legal_basis", "line", "{{ line }}")
    para(doc, "Căn cứ {{ plan_ref }} về {{ plan_subject }};")
    para(doc, "Căn cứ {{ decision_ref }} về việc thành lập Đoàn kiểm tra {{ inspection_of }};")


def notice():
    doc = new_document("Thông báo lịch kiểm tra")
    header_table(doc, "{{ header.supervising }}", "{{ header.issuer }}", "{{ number_line }}")
    title_block(doc, "THÔNG BÁO", [
        ("Lịch kiểm tra công tác thi đua, khen thưởng năm {{ year }} {{ prep }} {{ unit.in_text }}", "b")])
    _notice_common_intro(doc)
    para(doc, "{{ council }} thông báo đến {{ unit.body }} lịch kiểm tra công tác thi đua, "
              "khen thưởng năm {{ year }} như sau:")
    para(doc, [("1. Thời gian, hình thức kiểm tra", "b")])
    para(doc, "{%p if by_files %}")
    para(doc, "- Hình thức: kiểm tra qua hồ sơ (Đoàn kiểm tra không làm việc trực tiếp tại đơn vị).")
    para(doc, "- Thời gian Đoàn kiểm tra xem xét hồ sơ: {{ when }}.")
    para(doc, "- Nơi Đoàn kiểm tra xem xét hồ sơ: {{ place }}.")
    para(doc, "{%p else %}")
    para(doc, "- Hình thức: kiểm tra trực tiếp tại đơn vị.")
    para(doc, "- Thời gian: {{ when }}.")
    para(doc, "- Địa điểm: {{ place }}.")
    para(doc, "{%p endif %}")
    para(doc, [("2. Thành phần Đoàn kiểm tra", "b")])
    loop_lines(doc, "delegation", "m", "- {{ m.name }}, {{ m.position }} - {{ m.task }}{{ m.end }}")
    para(doc, "{%p if not by_files %}")
    para(doc, [("3. Thành phần làm việc của đơn vị", "b")])
    loop_lines(doc, "attendance", "a", "{{ a }}")
    para(doc, "{%p endif %}")
    para(doc, [("{{ prep_no }}. Nội dung, yêu cầu chuẩn bị", "b")])
    para(doc, "- Nội dung kiểm tra: theo Mục III của {{ plan_ref }}; kỳ kiểm tra từ ngày "
              "{{ period_start }} đến thời điểm kiểm tra.")
    para(doc, "- {{ unit.body }} xây dựng báo cáo bằng văn bản theo Đề cương và các Phụ lục kèm "
              "theo Kế hoạch, gửi về {{ office }} (cơ quan thường trực Hội đồng) chậm nhất "
              "ngày {{ report_due }}.")
    para(doc, "{%p if by_files %}")
    para(doc, "- Gửi kèm báo cáo đầy đủ hồ sơ, tài liệu về công tác thi đua, khen thưởng từ ngày "
              "{{ period_start }} đến thời điểm kiểm tra (văn bản triển khai; biên bản họp xét; "
              "tờ trình; báo cáo thành tích; quyết định khen thưởng; sổ theo dõi{% if unit.is_commune %}; chứng từ thu, chi Quỹ thi đua, khen thưởng{% endif %}) "
              "để Đoàn kiểm tra xem xét.")
    para(doc, "{%p else %}")
    para(doc, "- Chuẩn bị đầy đủ hồ sơ, tài liệu về công tác thi đua, khen thưởng từ ngày "
              "{{ period_start }} đến thời điểm kiểm tra (văn bản triển khai; biên bản họp xét; "
              "tờ trình; báo cáo thành tích; quyết định khen thưởng; sổ theo dõi{% if unit.is_commune %}; chứng từ thu, chi Quỹ thi đua, khen thưởng{% endif %}) "
              "để Đoàn kiểm tra xem xét; bố trí địa điểm làm việc.")
    para(doc, "{%p endif %}")
    para(doc, [("{{ contact_no }}. Đầu mối liên hệ", "b")])
    para(doc, "{{ contact_line }}")
    para(doc, "{{ council }} thông báo để {{ unit.body }} biết, chuẩn bị và thực hiện./.", keep=True)
    signature_table(doc, ["- {{ unit.body }};", "{%p if unit.party and not by_files %}",
                          "- {{ unit.party }};", "{%p endif %}",
                          "- Thành viên Đoàn kiểm tra;",
                          "- CT, các PCT {{ ubnd }} (b/c);", "- Lưu: VT, {{ office_code }}."])
    return doc


def notice_all():
    doc = new_document("Thông báo lịch kiểm tra (tổng hợp)")
    header_table(doc, "{{ header.supervising }}", "{{ header.issuer }}", "{{ number_line }}")
    title_block(doc, "THÔNG BÁO", [
        ("Lịch kiểm tra công tác thi đua, khen thưởng năm {{ year }}", "b")])
    _notice_common_intro(doc)
    para(doc, "{{ council }} thông báo lịch kiểm tra công tác thi đua, khen thưởng năm {{ year }} "
              "đối với {{ units_phrase }} như sau:")
    para(doc, [("1. Lịch kiểm tra", "b")])
    table(doc, (12, 32, 40, 40, 41),
          ("STT", "Thời gian", "Đơn vị được kiểm tra", "Địa điểm, hình thức", "Đoàn kiểm tra"), [
              ["{%tr for r in schedule %}", "", "", "", ""],
              [("{{ r.no }}", "", C), "{{ r.when }}", "{{ r.unit }}", "{{ r.place }}", "{{ r.team }}"],
              ["{%tr endfor %}", "", "", "", ""],
          ], size=12)
    para(doc, "", after=0)
    para(doc, [("2. Yêu cầu", "b")])
    para(doc, "- Các {{ bodies }} được kiểm tra xây dựng báo cáo bằng văn bản "
              "theo Đề cương và các Phụ lục kèm theo Kế hoạch, gửi về {{ office }} trước ngày "
              "kiểm tra {{ report_lead }}; chuẩn bị hồ sơ, tài liệu từ ngày {{ period_start }} "
              "đến thời điểm kiểm tra. Đơn vị kiểm tra qua hồ sơ gửi hồ sơ, tài liệu về "
              "{{ office }} cùng với báo cáo.")
    para(doc, "- Thành viên Đoàn kiểm tra bố trí thời gian tham gia đầy đủ theo lịch; trường hợp "
              "vắng mặt báo cáo Trưởng đoàn.")
    para(doc, [("3. Đầu mối liên hệ", "b")])
    para(doc, "{{ contact_line }}")
    para(doc, "{{ council }} thông báo để các cơ quan, đơn vị và thành viên Đoàn kiểm tra biết, "
              "thực hiện./.", keep=True)
    signature_table(doc, ["- Thành viên {{ council_level }};",
                          "- Các đơn vị được kiểm tra;",
                          "- CT, các PCT {{ ubnd }} (b/c);", "- Lưu: VT, {{ office_code }}."])
    return doc


def minutes():
    doc = new_document("Biên bản kiểm tra")
    header_table(doc, "{{ header.supervising }}", "{{ header.issuer }}", "{{ number_line }}",
                 right_date=False)
    title_block(doc, "BIÊN BẢN", [
        ("Kiểm tra công tác thi đua, khen thưởng năm {{ year }} {{ prep }} {{ unit.in_text }}", "b")])
    para(doc, "Thực hiện {{ plan_ref }} về {{ plan_subject }} "
              "và {{ decision_ref }} về việc thành lập Đoàn kiểm tra {{ inspection_of }},")
    para(doc, "{%p if by_files %}")
    para(doc, "Hôm nay, {{ reviewed }}, tại {{ place }}, Đoàn kiểm tra đã xem xét xong hồ sơ, tài "
              "liệu về công tác thi đua, khen thưởng năm {{ year }} của {{ unit.in_text }} (báo cáo "
              "và hồ sơ do đơn vị gửi {{ office }}, nhận ngày {{ received }}); Đoàn kiểm tra không "
              "làm việc trực tiếp tại đơn vị.")
    para(doc, "{%p else %}")
    para(doc, "Hôm nay, {{ start }}, tại {{ place }}, Đoàn kiểm tra tiến hành kiểm tra công tác thi "
              "đua, khen thưởng năm {{ year }} tại {{ unit.in_text }}.")
    para(doc, "{%p endif %}")
    para(doc, [("I. THÀNH PHẦN", "b")])
    para(doc, [("1. Đoàn kiểm tra", "b")])
    loop_lines(doc, "delegation", "m", "- {{ m.name }}, {{ m.position }} - {{ m.task }}{{ m.end }}")
    para(doc, [("2. Đơn vị được kiểm tra", "b")])
    loop_lines(doc, "attendees", "a", "- {{ a }}")
    para(doc, "Chủ trì: {{ chair }}. Thư ký: {{ secretary }}.")
    para(doc, [("II. NỘI DUNG", "b")])
    para(doc, "{%p if by_files %}")
    para(doc, "1. Đoàn kiểm tra đã xem xét báo cáo công tác thi đua, khen thưởng năm {{ year }} của "
              "{{ unit.in_text }} (báo cáo kèm theo Biên bản này) và hồ sơ, tài liệu đơn vị gửi đến.")
    para(doc, "{%p else %}")
    para(doc, "1. Trưởng đoàn thông qua mục đích, nội dung, phương thức kiểm tra.")
    para(doc, "2. Đại diện lãnh đạo {{ unit.in_text }} báo cáo tóm tắt kết quả công tác thi đua, "
              "khen thưởng năm {{ year }} (báo cáo kèm theo Biên bản này).")
    para(doc, "{%p endif %}")
    para(doc, "{{ results_no }}. Kết quả kiểm tra hồ sơ, tài liệu (theo Mục III.1 của Kế hoạch):",
         keep=True)
    table(doc, (19, 69, 19, 58), ("Mục", "Nội dung kiểm tra", "Đánh giá", "Nhận xét"), [
        ["{%tr for r in checklist %}", "", "", ""],
        ["{%tr if r.is_group %}", "", "", ""],
        [("{{ r.text }}", "b")],
        ["{%tr else %}", "", "", ""],
        [("{{ r.code }}", "", C), "{{ r.text }}", ("{{ r.assessment }}", "", C), "{{ r.remark }}"],
        ["{%tr endif %}", "", "", ""],
        ["{%tr endfor %}", "", "", ""],
    ], size=12)
    para(doc, "", after=0)
    # the unit's figures from its merged appendix itself (never a typed remark)
    para(doc, "{%p if figures %}")
    para(doc, "{{ figures_no }}. Số liệu thi đua, khen thưởng theo Phụ lục II do đơn vị gửi (các quyết "
              "định khen thưởng từ ngày {{ period_start }} đến thời điểm kiểm tra; số liệu của sổ tổng "
              "hợp phụ lục):", keep=True)
    loop_lines(doc, "figures", "f", "{{ f }}")
    para(doc, "{%p endif %}")
    para(doc, "{%p if carried %}")
    para(doc, "{{ carried_no }}. {{ carried_title }}:", keep=True)
    loop_lines(doc, "carried", "c", "- {{ c.text }} (kiến nghị năm {{ c.year }}{{ c.formerly }}; hạn "
                                    "khắc phục: {{ c.deadline }}): {{ c.status }}.")
    para(doc, "{%p endif %}")
    para(doc, [("III. NHẬN XÉT, ĐÁNH GIÁ CHUNG", "b")])
    para(doc, [("1. Ưu điểm", "b")])
    loop_lines(doc, "strengths", "s", "{{ s }}")
    para(doc, [("2. Tồn tại, hạn chế", "b")])
    loop_lines(doc, "shortcomings", "s", "{{ s }}")
    para(doc, [("IV. KIẾN NGHỊ CỦA ĐOÀN KIỂM TRA", "b")])
    loop_lines(doc, "recommendations", "k", "{{ k.no }}. {{ k.text }} ({{ k.term }}: "
                                             "{{ k.deadline }}).")
    para(doc, "{%p if remedy_report %}")
    para(doc, "{{ unit.body }} báo cáo kết quả khắc phục bằng văn bản về {{ office }} (cơ quan "
              "thường trực Hội đồng) khi hết thời hạn khắc phục.")
    para(doc, "{%p endif %}")
    para(doc, [("V. Ý KIẾN CỦA ĐƠN VỊ ĐƯỢC KIỂM TRA", "b")])
    loop_lines(doc, "unit_opinion", "s", "{{ s }}")
    # the closing sentence alone is kept with the signatures (at most two lines, nd30_check)
    para(doc, "{%p if by_files %}")
    para(doc, "{{ closing }} Biên bản được lập thành 02 bản có giá trị như nhau, Đoàn kiểm tra "
              "giữ 01 bản, gửi {{ unit.body }} 01 bản.")
    para(doc, "Các thành viên Đoàn kiểm tra thống nhất nội dung Biên bản và ký tên./.", keep=True)
    para(doc, "{%p else %}")
    para(doc, "{{ closing }} Biên bản được lập thành 02 bản có giá trị như nhau, Đoàn kiểm tra "
              "giữ 01 bản, {{ unit.body }} giữ 01 bản.")
    para(doc, "Biên bản đã được đọc lại cho các thành phần dự cùng nghe, thống nhất và ký "
              "tên./.", keep=True)
    para(doc, "{%p endif %}")
    # the signatures: row 1 the roles (and the unit's post, which may wrap), row 2 the
    # signing space and the names, row 3 Nơi nhận: a name starts its own row, so the three
    # names stay on one line whatever the length of a post above them
    t = doc.add_table(rows=3, cols=3)
    _tbl_set(t, (55, 55, 55), cell_margin_mm=1)
    recipients = t.rows[2].cells[0].merge(t.rows[2].cells[2])
    _clear(recipients)
    para(recipients, [("Nơi nhận:", "bi")], style=RECIP, size=12, before=12)
    for line in ("- {{ unit.body }};", "- Thành viên Đoàn kiểm tra;", "- Lưu: VT, {{ office_code }}."):
        para(recipients, line, style=RECIP)
    for titles, names, (role, name) in zip(t.rows[0].cells, t.rows[1].cells, (
            ("{{ sign_unit.role }}", "{{ sign_unit.name }}"),
            ("THƯ KÝ", "{{ sign_secretary }}"),
            ("TRƯỞNG ĐOÀN", "{{ sign_head }}"))):
        _clear(titles)
        _clear(names)
        # keep=True: the signatures' rows stay on the page of their Nơi nhận row
        para(titles, [(role, "b")], style=SIGN, size=13, before=12, keep=True)
        if role.startswith("{{ sign_unit"):
            # the unit's representative signs with their post
            para(titles, "{%p if sign_unit.post %}", style=SIGN, size=13, keep=True)
            para(titles, [("{{ sign_unit.post }}", "b")], style=SIGN, size=13, keep=True)
            para(titles, "{%p endif %}", style=SIGN, size=13, keep=True)
        for _ in range(5):
            para(names, "", style=SIGN, size=13, keep=True)
        para(names, [(name, "b")], style=SIGN, size=13, keep=True)
    return doc


def plan():
    """Kế hoạch kiểm tra: every paragraph comes from the context (``lines``: the
    Nội dung kế hoạch sheet and the round's lists, numbered by the context)."""
    doc = new_document("Kế hoạch kiểm tra")
    header_table(doc, "{{ header.supervising }}", "{{ header.issuer }}", "{{ number_line }}")
    title_block(doc, "KẾ HOẠCH", [("{{ plan_title }}", "b")])
    loop_lines(doc, "legal_basis", "line", "{{ line }}")
    para(doc, "Căn cứ {{ plan_basis }}, {{ council }} ban hành Kế hoạch {{ plan_subject }}, cụ thể "
              "như sau:")
    para(doc, "{%p for l in lines %}")
    para(doc, "{%p if l.kind == 'h1' %}")
    para(doc, [("{{ l.text }}", "b")], keep=True)
    para(doc, "{%p elif l.kind in ('h2', 'h3') %}")
    para(doc, [("{{ l.text }}", "b")], keep=True)
    para(doc, "{%p elif l.kind == 'hi' %}")
    para(doc, [("{{ l.text }}", "i")], keep=True)
    para(doc, "{%p else %}")
    para(doc, "{{ l.text }}")
    para(doc, "{%p endif %}")
    para(doc, "{%p endfor %}")
    para(doc, "{%p if attachments %}")
    para(doc, [("Tài liệu kèm theo Kế hoạch này:", "b")], keep=True)
    loop_lines(doc, "attachments", "a", "- {{ a }}{{ ';' if not loop.last else '.' }}")
    para(doc, "{%p endif %}")
    loop_lines(doc, "closing", "c", "{{ c }}")
    signature_table(doc, ["{%p for r in recipients %}", "{{ r }}", "{%p endfor %}"])
    return doc


TEMPLATES = {
    "ke_hoach_kiem_tra.docx": plan,
    "quyet_dinh_thanh_lap_doan.docx": decision,
    "thong_bao_lich_kiem_tra.docx": notice,
    "thong_bao_tong_hop.docx": notice_all,
    "bien_ban_kiem_tra.docx": minutes,
}


def _reproducible(data: bytes) -> bytes:
    """Rewrite the zip with fixed timestamps so that a rebuild is byte-identical."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            if info.filename == "docProps/thumbnail.jpeg":
                continue        # python-docx's stock preview picture: not ours
            data = src.read(info.filename)
            if info.filename == "_rels/.rels":
                data = re.sub(rb'<Relationship [^>]*thumbnail\.jpeg"\s*/>', b"", data)
            zi = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data)
    return out.getvalue()


def build_all(out_dir: Path = REPO_TEMPLATES, templates: dict | None = None) -> list[Path]:
    """Write each template (file name -> function building the python-docx
    Document) reproducibly into ``out_dir``; default: this module's TEMPLATES."""
    out_dir = Path(out_dir)
    ensure_folder(out_dir)
    written = []
    for name, fn in (TEMPLATES if templates is None else templates).items():
        buf = io.BytesIO()
        fn().save(buf)
        path = out_dir / name
        write_bytes(path, _reproducible(buf.getvalue()))
        written.append(path)
    return written


if __name__ == "__main__":
    for p in build_all(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO_TEMPLATES):
        print(p)
