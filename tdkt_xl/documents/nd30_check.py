"""Layout checker for official documents (Nghị định 30/2020/NĐ-CP, Phụ lục I).

``check_docx(path, kind=None) -> list[Problem]``: every rule of the NĐ 30
element table that applies to a generated document: A4 and margins, Times
New Roman resolved run -> character style -> paragraph style -> docDefaults
(no theme fonts), sizes and bold/italic per element, the two-column header
table with its rules, ``Số:`` with the right type code, the date line and its
zero-padding, title and trích yếu, justified body with first-line indent,
spacing, page number in the header from page 2, Nơi nhận block, signature
block, body ending in ``./.``, NFC text.  Messages are Vietnamese.

``kind``: a key of the document kinds table (``vocabulary.doc_kinds``: decision,
notice, notice_all, minutes, report, reminder = công văn), or a type code (QĐ, TB,
BB, BC, CV); None = from the ``Số:`` line.
"""
from __future__ import annotations

import json
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from lxml import etree

from tdkt_xl.vocabulary.doc_kinds import KINDS as DOC_KINDS

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
NS = {"w": W, "wp": WP}
EMU_PER_MM = 36000
FONT = "Times New Roman"
LEGACY_FONTS = (".vntime", ".vntimeh", "vni-times", "vni times", ".vnarial", "vni-")
TYPE_CODES = ("NQ|QĐ|CT|QC|QyĐ|TC|TB|HD|CTr|KH|PA|ĐA|DA|BC|BB|TTr|HĐ|CĐ|BGN|BTT|GUQ|GM|GGT|GNP|"
              "PG|PC|PB")
SO_RE = re.compile(rf"^Số: ?(0[1-9]|[1-9]\d+|\s*)/({TYPE_CODES})-[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*$")
SO_CV_RE = re.compile(r"^Số: ?(0[1-9]|[1-9]\d+|\s*)/[A-ZĐ]+-[A-ZĐ]+$")
DATE_RE = re.compile(r"^(?P<place>[^,]+), ngày (0[1-9]|[12][0-9]|3[01]|\s+) tháng "
                     r"(0[12]|[3-9]|1[0-2]|\s+) năm (\d{4})$")
DATE_LOOSE_RE = re.compile(r"^[^,]+, ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*\d{4}$")
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
PREFIXES = ("TM.", "KT.", "Q.", "TL.", "TUQ.")
CAPTION_RE = re.compile(r"^(Biểu đồ|Hình|Sơ đồ)\s+\d+[.:]")

UNBREAKABLE_SHARE = 0.2        # an unbreakable block taller than this share of a page: flagged
FIRST_LINE_MM = 12             # what of a splittable row must fit on the page (a line or two)
SIGN_KEPT_LINES = 2            # lines of text kept with the signature block (it never splits)
PICTURE_SHARE = 1 / 3          # a picture never splits: with what is kept with it, at most this
                               # share of a page (a readable chart of 14 units cannot be 20 %)
ATTACHMENT = "attachment"      # profile of a phụ lục / đề cương sent with a plan or document
# the profile to check against: a kind of the table (its type code) or a type code itself
KIND_CODES = {**{k.key: k.profile for k in DOC_KINDS.values()},
              **{c: c for c in ("QĐ", "TB", "BB", "BC", "CV", "KH")}}
TITLES = {"QĐ": "QUYẾT ĐỊNH", "TB": "THÔNG BÁO", "BB": "BIÊN BẢN", "BC": "BÁO CÁO",
          "KH": "KẾ HOẠCH"}


@dataclass(frozen=True)
class Problem:
    rule: str          # short rule id, e.g. "font", "margins"
    message: str       # Vietnamese

    def __str__(self) -> str:
        return self.message


def _q(tag: str) -> str:
    p, t = tag.split(":")
    return f"{{{W}}}{t}"


def _val(el, attr="val"):
    return None if el is None else el.get(_q(f"w:{attr}"))


def _on(el) -> Optional[bool]:
    if el is None:
        return None
    v = el.get(_q("w:val"))
    return v is None or v.lower() in ("1", "true", "on")


# ------------------------------------------------------------------ style resolution
class Styles:
    def __init__(self, styles_root):
        self.by_id = {}
        self.default_para = None
        self.default_char = None
        self.dd_rpr = self.dd_ppr = None
        if styles_root is None:
            return
        dd = styles_root.find("w:docDefaults", NS)
        if dd is not None:
            self.dd_rpr = dd.find("w:rPrDefault/w:rPr", NS)
            self.dd_ppr = dd.find("w:pPrDefault/w:pPr", NS)
        for s in styles_root.findall("w:style", NS):
            sid = s.get(_q("w:styleId"))
            self.by_id[sid] = s
            if s.get(_q("w:default")) in ("1", "true") and s.get(_q("w:type")) == "paragraph":
                self.default_para = sid

    def chain(self, sid):
        seen = []
        while sid and sid in self.by_id and sid not in seen:
            seen.append(sid)
            b = self.by_id[sid].find("w:basedOn", NS)
            sid = _val(b)
        return [self.by_id[s] for s in seen]

    def run_levels(self, p, r) -> list:
        """rPr elements from the most specific to docDefaults."""
        out = []
        rpr = r.find("w:rPr", NS)
        if rpr is not None:
            out.append(rpr)
            rs = _val(rpr.find("w:rStyle", NS))
            for s in self.chain(rs):
                out.append(s.find("w:rPr", NS))
        ppr = p.find("w:pPr", NS)
        ps = _val(ppr.find("w:pStyle", NS)) if ppr is not None else None
        for s in self.chain(ps or self.default_para):
            out.append(s.find("w:rPr", NS))
        out.append(self.dd_rpr)
        return [x for x in out if x is not None]

    def para_levels(self, p) -> list:
        out = []
        ppr = p.find("w:pPr", NS)
        if ppr is not None:
            out.append(ppr)
        ps = _val(ppr.find("w:pStyle", NS)) if ppr is not None else None
        for s in self.chain(ps or self.default_para):
            out.append(s.find("w:pPr", NS))
        out.append(self.dd_ppr)
        return [x for x in out if x is not None]


def _first(levels, path, attr=None):
    for lv in levels:
        el = lv.find(path, NS)
        if el is None:
            continue
        if attr is None:
            return el
        v = el.get(_q(f"w:{attr}"))
        if v is not None:
            return v
    return None


@dataclass
class RunInfo:
    text: str
    font: Optional[str]
    theme: bool
    size: Optional[float]
    bold: bool
    italic: bool
    color: Optional[str]


@dataclass
class ParaInfo:
    el: object
    text: str
    runs: list
    align: str
    first_line_cm: float
    left_mm: float
    right_mm: float
    before_pt: float
    after_pt: float
    line: Optional[int]
    line_rule: str
    border_bottom: bool
    line_mm: Optional[float] = None     # a drawn line shape in the paragraph (-1: length unknown)

    @property
    def sizes(self):
        return {r.size for r in self.runs if r.text.strip()}

    def all_bold(self):
        rs = [r for r in self.runs if r.text.strip()]
        return bool(rs) and all(r.bold for r in rs)

    def all_italic(self):
        rs = [r for r in self.runs if r.text.strip()]
        return bool(rs) and all(r.italic for r in rs)

    def any_bold(self):
        return any(r.bold for r in self.runs if r.text.strip())

    def any_italic(self):
        return any(r.italic for r in self.runs if r.text.strip())


def _run_info(st: Styles, p, r) -> RunInfo:
    text = "".join(t.text or "" for t in r.findall("w:t", NS))
    levels = st.run_levels(p, r)
    font, theme = None, False
    for lv in levels:
        rf = lv.find("w:rFonts", NS)
        if rf is None:
            continue
        if any(rf.get(_q(f"w:{a}")) for a in ("asciiTheme", "hAnsiTheme")):
            theme = True
            break
        a = rf.get(_q("w:ascii")) or rf.get(_q("w:hAnsi"))
        if a:
            font = a
            h = rf.get(_q("w:hAnsi"))
            if h and h != a:
                font = f"{a}/{h}"
            break
    sz = _first(levels, "w:sz", "val")
    b = None
    for lv in levels:
        el = lv.find("w:b", NS)
        if el is not None:
            b = _on(el)
            break
    i = None
    for lv in levels:
        el = lv.find("w:i", NS)
        if el is not None:
            i = _on(el)
            break
    color = _first(levels, "w:color", "val")
    return RunInfo(text, font, theme, float(sz) / 2 if sz else None, bool(b), bool(i), color)


def _twips(v) -> float:
    try:
        return float(v)
    except (TypeError, ValueError):
        return 0.0


def _para_info(st: Styles, p) -> ParaInfo:
    levels = st.para_levels(p)
    runs = []
    for r in p.iter(_q("w:r")):
        runs.append(_run_info(st, p, r))
    text = "".join(r.text for r in runs)
    jc = _first(levels, "w:jc", "val") or "left"
    first = _first(levels, "w:ind", "firstLine")
    hanging = _first(levels, "w:ind", "hanging")
    left = _first(levels, "w:ind", "left") or _first(levels, "w:ind", "start")
    right = _first(levels, "w:ind", "right") or _first(levels, "w:ind", "end")
    fl = _twips(first) if first else (-_twips(hanging) if hanging else 0.0)
    before = _first(levels, "w:spacing", "before")
    after = _first(levels, "w:spacing", "after")
    line = _first(levels, "w:spacing", "line")
    rule = _first(levels, "w:spacing", "lineRule") or "auto"
    bdr = p.find("w:pPr/w:pBdr/w:bottom", NS)
    has_b = bdr is not None and (_val(bdr) or "nil") not in ("nil", "none")
    return ParaInfo(p, unicodedata.normalize("NFC", text), runs, jc,
                    fl / 1440 * 2.54, _twips(left) / 1440 * 25.4, _twips(right) / 1440 * 25.4,
                    _twips(before) / 20, _twips(after) / 20, int(line) if line else None, rule,
                    has_b, _drawn_line_mm(p))


def _drawn_line_mm(p) -> Optional[float]:
    """Length of a line shape drawn in the paragraph (DrawingML or VML), if any."""
    for el in p.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag.endswith("}prstGeom") and el.get("prst") == "line":
            anc = el
            while anc is not None and not (isinstance(anc.tag, str) and anc.tag.endswith(("}anchor", "}inline"))):
                anc = anc.getparent()
            ext = None
            if anc is not None:
                ext = next((c for c in anc if isinstance(c.tag, str) and c.tag.endswith("}extent")), None)
            return int(ext.get("cx")) / 36000 if ext is not None and ext.get("cx") else -1.0
        if tag.endswith("}line") and "vml" in tag:
            try:
                (x1, _), (x2, _) = [[float(v.rstrip("pt") or 0) for v in el.get(k, "0,0").split(",")]
                                    for k in ("from", "to")]
                return abs(x2 - x1) * 25.4 / 72
            except ValueError:
                return -1.0
    return None


# ------------------------------------------------------------------ text widths
METRICS_FILE = Path(__file__).resolve().parent / "data" / "times_metrics.json"
_STYLES = {(False, False): "regular", (True, False): "bold", (False, True): "italic",
           (True, True): "bolditalic"}


@lru_cache(maxsize=None)
def _metrics() -> tuple[int, dict]:
    """(unitsPerEm, {(bold, italic): {char: advance}}) of Times New Roman, from the shipped data
    (Liberation Serif widths, see data/LICENSE-Liberation.txt); no font file is read."""
    data = json.loads(METRICS_FILE.read_text(encoding="utf-8"))
    return data["unitsPerEm"], {key: {chr(int(cp, 16)): w for cp, w in data["widths"][name].items()}
                                for key, name in _STYLES.items()}


def unmeasurable(p: ParaInfo) -> list[str]:
    """Characters of the paragraph whose width the shipped metrics do not hold."""
    widths = _metrics()[1]
    return sorted({c for r in p.runs for c in r.text if c not in widths[(r.bold, r.italic)]})


def text_width_mm(p: ParaInfo) -> Optional[float]:
    """Width of a paragraph's text on one line (Times New Roman metrics), or None when a
    character cannot be measured (see ``unmeasurable``)."""
    upem, widths = _metrics()
    total = 0.0
    for r in p.runs:
        table = widths[(r.bold, r.italic)]
        try:
            units = sum(table[c] for c in r.text)
        except KeyError:
            return None
        total += units / upem * (r.size or 14) * 25.4 / 72
    return total


def word_width_mm(text: str, bold: bool, italic: bool, size: Optional[float]) -> float:
    """Width of a word in Times New Roman (a character the metrics lack counts half an em)."""
    upem, widths = _metrics()
    table = widths[(bold, italic)]
    units = sum(table.get(c, upem / 2) for c in text)
    return units / upem * (size or 14) * 25.4 / 72


def wrapped_lines(p: ParaInfo, width_mm: float) -> int:
    """Lines the paragraph takes in a column ``width_mm`` wide (greedy word wrap)."""
    lines, used = 1, 0.0
    for r in p.runs:
        space = word_width_mm(" ", r.bold, r.italic, r.size)
        for word in r.text.split():
            w = word_width_mm(word, r.bold, r.italic, r.size)
            if used and used + space + w > width_mm:
                lines += 1
                used = w
            else:
                used += (space if used else 0) + w
            while used > width_mm:             # a word longer than the column breaks
                lines += 1
                used -= width_mm
    return lines


# ------------------------------------------------------------------ checker
class _Checker:
    def __init__(self, path: Path, kind: Optional[str]):
        self.path = path
        self.kind = kind
        self.problems: list[Problem] = []
        self._seen = set()
        self._pictures = 0

    def add(self, rule, message):
        key = (rule, message)
        if key not in self._seen:
            self._seen.add(key)
            self.problems.append(Problem(rule, message))

    # -------------------------------------------------------------- entry
    def run(self):
        try:
            z = zipfile.ZipFile(self.path)
            doc = etree.fromstring(z.read("word/document.xml"))
            styles_xml = z.read("word/styles.xml") if "word/styles.xml" in z.namelist() else None
            rels = etree.fromstring(z.read("word/_rels/document.xml.rels"))
        except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError) as e:
            self.add("file", f"Không mở được tệp '{self.path.name}' như văn bản Word (.docx): {e}")
            return self.problems
        self.zip = z
        self.rels = {r.get("Id"): r.get("Target") for r in rels}
        self.st = Styles(etree.fromstring(styles_xml) if styles_xml else None)
        body = doc.find("w:body", NS)
        self.body = body
        self.check_sections(body)
        self.check_runs(body)
        blocks = [b for b in body if b.tag in (_q("w:p"), _q("w:tbl"))]
        tables = [b for b in blocks if b.tag == _q("w:tbl")]
        if self.kind == ATTACHMENT:
            self.check_attachment(blocks)
            self.check_tables(tables)
            return self.problems
        if not blocks or blocks[0].tag != _q("w:tbl"):
            self.add("header", "Văn bản không bắt đầu bằng bảng tiêu đề 2 cột (tên cơ quan | "
                               "Quốc hiệu, Tiêu ngữ).")
            return self.problems
        code = self.check_header(blocks[0])
        sig = tables[-1] if len(tables) > 1 else None
        self.check_tables(tables[1:-1])
        self.check_kept_chains(blocks[1:], sig)
        self.check_pictures(blocks[1:])
        if sig is None:
            self.add("signature", "Không có bảng chữ ký (Nơi nhận | chức vụ, họ tên người ký) "
                                  "ở cuối văn bản.")
        end = blocks.index(sig) if sig is not None else len(blocks)
        self.check_body(blocks[1:end], code)
        if sig is not None:
            after = [b for b in blocks[end + 1:] if b.tag == _q("w:p")
                     and _para_info(self.st, b).text.strip()]
            if after:
                self.add("signature", "Còn nội dung sau bảng chữ ký: «"
                         f"{_para_info(self.st, after[0]).text.strip()[:60]}».")
            self.check_signature(sig, code)
        return self.problems

    # -------------------------------------------------------------- page
    def check_sections(self, body):
        sects = body.findall(".//w:sectPr", NS)
        if not sects:
            self.add("page", "Không có thông tin khổ giấy, lề (sectPr).")
            return
        for sp in sects:
            pg = sp.find("w:pgSz", NS)
            w = _twips(_val(pg, "w")) / 1440 * 25.4
            h = _twips(_val(pg, "h")) / 1440 * 25.4
            orient = _val(pg, "orient") or "portrait"
            if not (abs(w - 210) <= 0.5 and abs(h - 297) <= 0.5):
                self.add("page", f"Khổ giấy {w:.0f} × {h:.0f} mm, phải là A4 (210 × 297 mm) khổ dọc.")
            elif orient != "portrait":
                self.add("page", "Trang nằm ngang; văn bản phải in khổ A4 dọc.")
            mar = sp.find("w:pgMar", NS)
            m = {k: _twips(_val(mar, k)) / 1440 * 25.4 for k in ("top", "bottom", "left", "right")}
            for k, lo, hi, vi in (("top", 20, 25, "trên"), ("bottom", 20, 25, "dưới"),
                                  ("left", 30, 35, "trái"), ("right", 15, 20, "phải")):
                if not (lo - 0.3 <= m[k] <= hi + 0.3):
                    self.add("margins", f"Lề {vi} {m[k]:.1f} mm, phải từ {lo} đến {hi} mm.")
            self.check_page_numbers(sp)

    def _part(self, rid):
        target = self.rels.get(rid)
        if not target:
            return None
        try:
            return etree.fromstring(self.zip.read("word/" + target.lstrip("/").replace("word/", "")))
        except (KeyError, etree.XMLSyntaxError):
            return None

    def check_page_numbers(self, sp):
        refs = {(_val(h, "type") or "default"): h.get(f"{{{NS_R}}}id")
                for h in sp.findall("w:headerReference", NS)}
        title_pg = _on(sp.find("w:titlePg", NS))
        if not title_pg:
            self.add("page_number", "Chưa đặt 'trang đầu khác' (Different first page): số trang "
                                    "không được hiện ở trang 1.")
        default = self._part(refs.get("default")) if refs.get("default") else None
        if default is None or not _has_page_field(default):
            self.add("page_number", "Phần đầu trang (header) không có trường số trang (PAGE) "
                                    "từ trang 2.")
        else:
            for p in default.iter(_q("w:p")):
                if _has_page_field(p):
                    info = _para_info(self.st, p)
                    if info.align != "center":
                        self.add("page_number", "Số trang phải căn giữa ở lề trên.")
                    sizes = {r.size for r in info.runs if r.text.strip() or True}
                    if any(s is not None and not (13 <= s <= 14) for s in sizes):
                        self.add("page_number", "Số trang phải cỡ chữ 13–14.")
        first = self._part(refs.get("first")) if refs.get("first") else None
        if title_pg and first is not None and (_has_page_field(first) or
                                               "".join(first.itertext()).strip()):
            self.add("page_number", "Trang đầu không được có số trang.")

    # -------------------------------------------------------------- fonts, NFC, colour
    def check_runs(self, body):
        for p in body.iter(_q("w:p")):
            for r in p.findall(".//w:r", NS):
                info = _run_info(self.st, p, r)
                if not info.text.strip():
                    continue
                sample = info.text.strip()[:40]
                if info.theme:
                    self.add("font", f"Chữ «{sample}» dùng phông theo chủ đề (theme font), phải đặt "
                                     f"rõ phông {FONT}.")
                elif info.font is None:
                    self.add("font", f"Chữ «{sample}» không xác định được phông chữ; phải là {FONT}.")
                elif info.font.lower().startswith(LEGACY_FONTS):
                    self.add("font", f"Chữ «{sample}» dùng phông cũ '{info.font}' (TCVN3/VNI); phải "
                                     f"dùng phông Unicode {FONT}.")
                elif info.font != FONT:
                    self.add("font", f"Chữ «{sample}» dùng phông '{info.font}', phải là {FONT}.")
                if info.color and info.color.lower() not in ("auto", "000000"):
                    self.add("color", f"Chữ «{sample}» có màu #{info.color}; văn bản in màu đen.")
                if not unicodedata.is_normalized("NFC", info.text):
                    self.add("nfc", f"Chữ «{unicodedata.normalize('NFC', sample)}» không ở dạng "
                                    "Unicode dựng sẵn (NFC); dấu tiếng Việt có thể hiển thị sai.")

    # -------------------------------------------------------------- header table
    def _cells(self, tbl):
        rows = tbl.findall("w:tr", NS)
        grid = [[tc for tc in tr.findall("w:tc", NS)] for tr in rows]
        return grid

    def _cell_width_mm(self, tc):
        w = tc.find("w:tcPr/w:tcW", NS)
        return _twips(_val(w, "w")) / 1440 * 25.4 if w is not None and _val(w, "type") == "dxa" else None

    def _borderless(self, tbl, what):
        b = tbl.find("w:tblPr/w:tblBorders", NS)
        ok = True
        if b is not None:
            for e in b:
                if (_val(e) or "nil") not in ("nil", "none"):
                    ok = False
        style = _val(tbl.find("w:tblPr/w:tblStyle", NS))
        if style and b is None:
            s = self.st.by_id.get(style)
            sb = s.find("w:tblPr/w:tblBorders", NS) if s is not None else None
            if sb is not None and any((_val(e) or "nil") not in ("nil", "none") for e in sb):
                ok = False
        for tc in tbl.iter(_q("w:tc")):
            for e in tc.findall("w:tcPr/w:tcBorders/*", NS):
                if (_val(e) or "nil") not in ("nil", "none"):
                    ok = False
        if not ok:
            self.add(what, f"Bảng {'tiêu đề' if what == 'header' else 'chữ ký'} phải không có "
                           "đường kẻ (viền).")

    def check_header(self, tbl) -> str:
        grid = self._cells(tbl)
        ncols = {len(r) for r in grid}
        if ncols != {2}:
            self.add("header", "Bảng tiêu đề phải có 2 cột: trái là tên cơ quan và số, ký hiệu; "
                               "phải là Quốc hiệu, Tiêu ngữ và địa danh, ngày tháng.")
            return KIND_CODES.get(self.kind or "", "")
        self._borderless(tbl, "header")
        left = [(tc, p) for r in grid for tc in [r[0]] for p in tc.findall("w:p", NS)]
        right = [(tc, p) for r in grid for tc in [r[1]] for p in tc.findall("w:p", NS)]
        L = [(tc, _para_info(self.st, p)) for tc, p in left]
        R = [(tc, _para_info(self.st, p)) for tc, p in right]
        for tc, p in L + R:
            if re.fullmatch(r"[_─—\-]{5,}", p.text.strip()):
                self.add("rules", "Đường kẻ dưới tên cơ quan/Tiêu ngữ được gõ bằng ký tự "
                                  f"«{p.text.strip()[:10]}…»; phải là đường kẻ (viền đoạn hoặc hình).")
        # ---- left: supervising body, issuer, rule, Số
        lt = [(tc, p) for tc, p in L if p.text.strip()]
        so_i = next((i for i, (_, p) in enumerate(lt) if p.text.strip().startswith("Số")), None)
        code = ""
        if so_i is None:
            self.add("number", "Không có dòng 'Số: …/…' dưới tên cơ quan ban hành.")
        else:
            code = self.check_number(lt[so_i][1])
        names = lt[:so_i] if so_i is not None else lt
        vv = lt[so_i + 1:] if so_i is not None else []
        if len(names) < 2:
            self.add("issuer", "Phần tên cơ quan phải có 2 dòng: cơ quan chủ quản (không đậm) và "
                               "cơ quan ban hành (in đậm).")
        else:
            top, issuer = names[0][1], names[1:]
            if top.text != top.text.upper():
                self.add("issuer", f"Tên cơ quan chủ quản «{top.text}» phải viết in hoa.")
            if top.any_bold():
                self.add("issuer", f"Tên cơ quan chủ quản «{top.text}» không in đậm.")
            if any(s is None or not (12 <= s <= 13) for s in top.sizes):
                self.add("issuer", f"Tên cơ quan chủ quản phải cỡ chữ 12–13.")
            for _, p in issuer:
                if p.text != p.text.upper():
                    self.add("issuer", f"Tên cơ quan ban hành «{p.text}» phải viết in hoa.")
                if not p.all_bold():
                    self.add("issuer", f"Tên cơ quan ban hành «{p.text}» phải in đậm.")
                if any(s is None or not (12 <= s <= 13) for s in p.sizes):
                    self.add("issuer", "Tên cơ quan ban hành phải cỡ chữ 12–13.")
                if p.align != "center":
                    self.add("issuer", "Tên cơ quan ban hành phải căn giữa.")
            # the rule under the issuer
            last_issuer = issuer[-1]
            idx = [x for x, _ in enumerate(L) if L[x][1] is last_issuer[1]][0]
            rule = self._rule_after(L, idx)
            if rule is None:
                self.add("rules", "Thiếu đường kẻ ngang dưới tên cơ quan ban hành.")
            else:
                # "the text line": the longest line of the issuer block (2a + 2b)
                widths = [self.measure(p, "tên cơ quan ban hành") for _, p in names]
                if None not in widths:
                    widest = names[widths.index(max(widths))][1]
                    self._rule_ratio(rule, widest, 1 / 3, 1 / 2, "tên cơ quan ban hành")
        if code == "CV" and not any(p.text.strip().startswith("V/v") for _, p in vv):
            self.add("vv", "Công văn phải có dòng trích yếu 'V/v …' dưới số, ký hiệu.")
        # ---- right: Quốc hiệu, Tiêu ngữ, rule, date
        rt = [(tc, p) for tc, p in R if p.text.strip()]
        if len(rt) < 2 or rt[0][1].text.strip() not in (QUOC_HIEU, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"):
            self.add("motto", f"Ô bên phải phải bắt đầu bằng Quốc hiệu «{QUOC_HIEU}».")
        else:
            qh, tn = rt[0][1], rt[1][1]
            if not qh.all_bold() or any(s is None or not (12 <= s <= 13) for s in qh.sizes):
                self.add("motto", "Quốc hiệu phải in đậm, cỡ chữ 12–13.")
            if tn.text.strip() != TIEU_NGU:
                self.add("motto", f"Tiêu ngữ phải là «{TIEU_NGU}» (có dấu cách hai bên gạch nối).")
            if not tn.all_bold() or any(s is None or not (13 <= s <= 14) for s in tn.sizes):
                self.add("motto", "Tiêu ngữ phải in đậm, cỡ chữ 13–14.")
            if qh.align != "center" or tn.align != "center":
                self.add("motto", "Quốc hiệu và Tiêu ngữ phải căn giữa.")
            idx = [x for x, _ in enumerate(R) if R[x][1] is tn][0]
            rule = tn if tn.border_bottom else self._rule_after(R, idx, include_self=True)
            if rule is None:
                self.add("rules", "Thiếu đường kẻ ngang dưới Tiêu ngữ.")
            else:
                self._rule_ratio((R[idx][0], rule), tn, 0.9, 1.12, "Tiêu ngữ")
            dates = rt[2:]
            if code == "BB":
                if dates:
                    self.add("date", "Biên bản không ghi địa danh, ngày tháng ở phần tiêu đề "
                                     f"(«{dates[0][1].text.strip()[:50]}»).")
            elif not dates:
                self.add("date", "Thiếu dòng địa danh, ngày tháng dưới Tiêu ngữ.")
            else:
                self.check_date(dates[0][1])
        return code

    def _rule_after(self, items, idx, include_self=True):
        for k, (tc, p) in enumerate(items[idx if include_self else idx + 1: idx + 3]):
            if p.line_mm is not None:
                return (tc, p)
            if p.border_bottom and not p.text.strip():
                return (tc, p)
        return None

    def _rule_ratio(self, rule, ref: ParaInfo, lo, hi, what):
        tc, rp = rule if isinstance(rule, tuple) else (None, rule)
        cw = self._cell_width_mm(tc) if tc is not None else self.text_width()
        tw = self.measure(ref, what)
        if cw is None or tw is None:
            return
        if rp.line_mm is not None:
            if rp.line_mm < 0:
                return
            line = rp.line_mm
        else:
            line = cw - rp.left_mm - rp.right_mm - (self._cell_margins_mm(tc) if tc is not None else 0)
        ref_w = min(tw, cw)
        ratio = line / ref_w if ref_w else 0
        if not (lo - 0.05 <= ratio <= hi + 0.05):
            want = "bằng độ dài dòng chữ" if lo > 0.8 else "từ 1/3 đến 1/2 độ dài dòng chữ"
            self.add("rules", f"Đường kẻ dưới {what} dài {line:.0f} mm, phải {want} "
                              f"({ref_w:.0f} mm).")

    def measure(self, p: ParaInfo, what: str) -> Optional[float]:
        """Width of the paragraph's text; a finding when a character cannot be measured."""
        width = text_width_mm(p)
        if width is None:
            chars = ", ".join(f"«{c}» (U+{ord(c):04X})" for c in unmeasurable(p))
            self.add("measure", f"Không đo được độ dài dòng «{p.text.strip()[:50]}»: bảng độ rộng "
                                f"chữ Times New Roman không có ký tự {chars}; chưa kiểm tra được "
                                f"đường kẻ dưới {what}.")
        return width

    def _cell_margins_mm(self, tc):
        tbl = tc.getparent().getparent()
        mar = tbl.find("w:tblPr/w:tblCellMar", NS)
        if mar is None:
            return 2 * 1.9
        tot = 0.0
        for side in ("left", "right", "start", "end"):
            e = mar.find(f"w:{side}", NS)
            if e is not None:
                tot += _twips(_val(e, "w")) / 1440 * 25.4
        return tot

    def text_width(self):
        sp = self.body.find("w:sectPr", NS)
        if sp is None:
            return None
        pg, mar = sp.find("w:pgSz", NS), sp.find("w:pgMar", NS)
        return (_twips(_val(pg, "w")) - _twips(_val(mar, "left")) - _twips(_val(mar, "right"))) / 1440 * 25.4

    def check_number(self, p: ParaInfo) -> str:
        t = p.text.strip()
        want = KIND_CODES.get(self.kind or "", "")
        m = SO_RE.match(t)
        if m:
            code = m.group(2)
        elif SO_CV_RE.match(t):
            code = "CV"
        else:
            self.add("number", f"Dòng số, ký hiệu «{t}» sai dạng (ví dụ đúng: 'Số: 05/TB-HĐTĐKT'; "
                               "số dưới 10 viết 0 đằng trước, không có dấu cách trong ký hiệu).")
            mm = re.match(r"^Số:\s*[^/]*/([^-\s]+)", t)
            code = mm.group(1) if mm else ""
        if want and code and code != want:
            self.add("number", f"Ký hiệu loại văn bản trong «{t}» là {code}, phải là {want}.")
        if any(s != 13 for s in p.sizes):
            self.add("number", "Dòng số, ký hiệu phải cỡ chữ 13.")
        if p.any_bold() or p.any_italic():
            self.add("number", "Dòng số, ký hiệu phải chữ đứng, không đậm.")
        return want or code

    def check_date(self, p: ParaInfo):
        t = p.text.strip()
        if not DATE_RE.match(t):
            lm = DATE_LOOSE_RE.match(t)
            if lm:
                self.add("date", f"Dòng ngày tháng «{t}»: ngày dưới 10 và tháng 1, 2 phải viết "
                                 "thêm số 0 (ngày 05, tháng 01); tháng 3–12 không thêm số 0.")
            else:
                self.add("date", f"Dòng địa danh, ngày tháng «{t}» sai dạng (đúng: "
                                 "'<Địa danh>, ngày 05 tháng 6 năm 2024').")
        if not p.all_italic():
            self.add("date", "Dòng địa danh, ngày tháng phải in nghiêng.")
        if any(s is None or not (13 <= s <= 14) for s in p.sizes):
            self.add("date", "Dòng địa danh, ngày tháng phải cỡ chữ 13–14.")

    # -------------------------------------------------------------- title and body
    def check_body(self, blocks, code):
        paras = [(b, _para_info(self.st, b)) for b in blocks if b.tag == _q("w:p")]
        texts = [(b, p) for b, p in paras if p.text.strip()]
        start = 0
        if code != "CV":
            if len(texts) < 2:
                self.add("title", "Thiếu tên loại văn bản và trích yếu dưới phần tiêu đề.")
                return
            (_, t1), (b2, t2) = texts[0], texts[1]
            want = TITLES.get(code)
            if want and t1.text.strip() != want:
                self.add("title", f"Tên loại văn bản là «{t1.text.strip()}», phải là «{want}».")
            if t1.text != t1.text.upper() or not t1.all_bold() or t1.align != "center":
                self.add("title", "Tên loại văn bản phải in hoa, in đậm, căn giữa.")
            for p, what in ((t1, "Tên loại"), (t2, "Trích yếu")):
                if any(s is None or not (13 <= s <= 14) for s in p.sizes):
                    self.add("title", f"{what} văn bản phải cỡ chữ 13–14.")
            if not t2.all_bold() or t2.align != "center":
                self.add("title", "Trích yếu nội dung phải in đậm, căn giữa.")
            i2 = [i for i, (b, _) in enumerate(paras) if b is b2][0]
            rule = next((p for _, p in paras[i2:i2 + 3] if p.line_mm is not None), None) or \
                next((p for _, p in paras[i2 + 1:i2 + 3] if p.border_bottom and not p.text.strip()),
                     t2 if t2.border_bottom else None)
            if rule is None:
                self.add("rules", "Thiếu đường kẻ ngang dưới trích yếu.")
            else:
                self._rule_ratio(rule, t2, 1 / 3, 1 / 2, "trích yếu")
            start = i2 + 1
        body = [p for _, p in paras[start:] if p.text.strip()]
        if not body:
            self.add("body", "Văn bản không có nội dung.")
            return
        for i, p in enumerate(body):
            sample = p.text.strip()[:50]
            if any(s is None or not (13 <= s <= 14) for s in p.sizes):
                self.add("body", f"Đoạn «{sample}» phải cỡ chữ 13–14.")
            if p.align == "center":
                if not p.all_bold():
                    self.add("body", f"Đoạn căn giữa «{sample}» chỉ dùng cho đề mục in đậm; "
                                     "nội dung phải căn đều hai bên.")
            else:
                if p.align not in ("both", "distribute"):
                    self.add("body", f"Đoạn «{sample}» phải căn đều hai bên (Justify).")
                if not any(abs(p.first_line_cm - v) <= 0.02 for v in (1.0, 1.27)):
                    self.add("body", f"Đoạn «{sample}» phải lùi đầu dòng 1 cm hoặc 1,27 cm "
                                     f"(đang là {p.first_line_cm:.2f} cm).")
            if p.line_rule == "auto":
                if p.line is not None and not (240 <= p.line <= 360):
                    self.add("body", f"Đoạn «{sample}»: giãn dòng {p.line / 240:.2f}, phải từ "
                                     "đơn (1) đến 1,5 dòng.")
            else:
                size = max((s for s in p.sizes if s), default=14)
                pts = (p.line or 0) / 20
                if not (1.1 * size <= pts <= 1.5 * 1.2 * size):
                    self.add("body", f"Đoạn «{sample}»: khoảng cách dòng {pts:.0f} pt, phải tương "
                                     "đương từ 1 đến 1,5 dòng.")
            if i + 1 < len(body) and p.after_pt + body[i + 1].before_pt < 6 - 0.01:
                self.add("spacing", f"Khoảng cách sau đoạn «{sample}» là "
                                    f"{p.after_pt + body[i + 1].before_pt:.0f} pt, tối thiểu 6 pt.")
            head = p.text.strip()
            mdieu = re.match(r"^Điều \d+\.", head)
            if mdieu and not _prefix_bold(p, len(mdieu.group(0))):
                self.add("body", f"«{mdieu.group(0)}» phải in đậm.")
            mroman = re.match(r"^([IVXLC]+)\. (.+)$", head)
            if mroman and (mroman.group(2) != mroman.group(2).upper() or not p.all_bold()):
                self.add("body", f"Đề mục «{head[:50]}» phải in hoa, in đậm.")
            if code == "QĐ" and p.text.strip().startswith("Căn cứ") and not p.all_italic():
                self.add("body", f"Dòng căn cứ «{sample}» phải in nghiêng.")
        last = body[-1].text.strip()
        if not last.endswith("./."):
            self.add("end", f"Đoạn cuối của nội dung «…{last[-50:]}» phải kết thúc bằng './.'.")

    # -------------------------------------------------------------- tables
    def _cell_width_or_grid(self, tc) -> Optional[float]:
        w = self._cell_width_mm(tc)
        if w is not None:
            return w
        tbl = tc.getparent().getparent()
        cols = [_twips(_val(g, "w")) / 1440 * 25.4 for g in tbl.findall("w:tblGrid/w:gridCol", NS)]
        idx = list(tc.getparent().findall("w:tc", NS)).index(tc)
        return cols[idx] if idx < len(cols) else None

    def _page_text_height_mm(self) -> Optional[float]:
        sp = self.body.find("w:sectPr", NS)
        if sp is None:
            return None
        pg, mar = sp.find("w:pgSz", NS), sp.find("w:pgMar", NS)
        return (_twips(_val(pg, "h")) - _twips(_val(mar, "top")) - _twips(_val(mar, "bottom"))) / 1440 * 25.4

    def _row_height_mm(self, tr) -> Optional[float]:
        """Estimated height of a table row: wrapped lines of its tallest cell."""
        tallest = 0.0
        for tc in tr.findall("w:tc", NS):
            cw = self._cell_width_or_grid(tc)
            if cw is None:
                return None
            avail = max(cw - self._cell_margins_mm(tc), 1.0)
            h = 0.0
            for pe in tc.findall("w:p", NS):
                p = _para_info(self.st, pe)
                size = max((x for x in p.sizes if x), default=13)
                lines = wrapped_lines(p, avail)
                h += lines * size * 1.15 * 25.4 / 72 + (p.before_pt + p.after_pt) * 25.4 / 72
            tallest = max(tallest, h)
        return tallest

    def check_tables(self, tables) -> None:
        """Content tables: a header word must fit its column (no break inside a
        syllable); a block that cannot break across pages (a row that may not
        split, rows kept with the next) must not leave a third of a page blank."""
        page_h = self._page_text_height_mm()
        for n, tbl in enumerate(tables, start=1):
            rows = tbl.findall("w:tr", NS)
            if not rows:
                continue
            for tc in rows[0].findall("w:tc", NS):
                cw = self._cell_width_or_grid(tc)
                if cw is None:
                    continue
                avail = cw - self._cell_margins_mm(tc)
                for pe in tc.findall("w:p", NS):
                    p = _para_info(self.st, pe)
                    for r in p.runs:
                        for word in r.text.split():
                            w = word_width_mm(word, r.bold, r.italic, r.size)
                            if w > avail:
                                self.add("table", f"Tiêu đề cột «{p.text.strip()[:40]}» của bảng {n} bị "
                                                  f"ngắt giữa chữ «{word}»: cột rộng {avail:.1f} mm, "
                                                  f"chữ cần {w:.1f} mm. Hãy nới rộng cột.")
            if page_h is None:
                continue
            block, block_h = [], 0.0
            for tr in rows:
                h = self._row_height_mm(tr)
                if h is None:
                    block, block_h = [], 0.0
                    continue
                keep = all(_on(_first(self.st.para_levels(pe), "w:keepNext")) is True
                           for pe in tr.iter(_q("w:p")))
                whole = tr.find("w:trPr/w:cantSplit", NS) is not None
                block.append(tr)
                if keep and tr is not rows[-1]:
                    block_h += h
                    continue
                # the row ending the chain moves whole only when it may not split
                block_h += h if whole else min(h, FIRST_LINE_MM)
                if (len(block) > 1 or whole) and block_h > page_h * UNBREAKABLE_SHARE:
                    first = rows.index(block[0]) + 1
                    self.add("table", f"Bảng {n}, từ dòng {first}: khoảng {block_h:.0f} mm không được "
                                      f"ngắt trang (dòng không cho ngắt hoặc giữ với dòng sau); nếu "
                                      f"không vừa phần còn lại của trang, cả khối bị đẩy sang trang "
                                      f"sau, để trống tới {block_h / page_h:.0%} trang. Hãy cho phép "
                                      f"ngắt dòng.")
                block, block_h = [], 0.0

    def _para_height_mm(self, p: ParaInfo, width_mm: float) -> float:
        """Estimated height of a body paragraph: wrapped lines at its line spacing, plus
        its spacing before and after."""
        size = max((x for x in p.sizes if x), default=14)
        if p.line and p.line_rule in ("exact", "atLeast"):
            line_pt = p.line / 20 if p.line_rule == "exact" else max(p.line / 20, size * 1.15)
        else:
            line_pt = size * 1.15 * ((p.line or 240) / 240)
        avail = max(width_mm - p.left_mm - p.right_mm - max(p.first_line_cm, 0) * 10 / 2, 1.0)
        lines = wrapped_lines(p, avail) if p.text.strip() else 1
        text_mm = lines * line_pt * 25.4 / 72
        return max(text_mm, self._picture_mm(p.el)) + (p.before_pt + p.after_pt) * 25.4 / 72

    @staticmethod
    def _picture_mm(el) -> float:
        """Height of the tallest inline picture of a paragraph (``wp:extent`` cy, in EMU):
        the line holding it is at least that tall and never splits."""
        return max((int(e.get("cy") or 0) / EMU_PER_MM
                    for e in el.findall(".//w:drawing/wp:inline/wp:extent", NS)), default=0.0)

    def _kept(self, el) -> bool:
        return _on(_first(self.st.para_levels(el), "w:keepNext")) is True

    def check_kept_chains(self, blocks, sig=None) -> None:
        """Paragraphs kept with the next block (a heading with its text, the closing
        paragraph with the signature) move to the next page together with the start of
        what follows when they do not fit (LibreOffice moves a kept paragraph whole), and
        leave the rest of the page before them blank.  A chain taller than the threshold
        is flagged; before the signature block (which never splits) the text kept with it
        may be at most ``SIGN_KEPT_LINES`` lines: more only adds to the blank."""
        page_h, width = self._page_text_height_mm(), self.text_width()
        if page_h is None or width is None:
            return
        chain, chain_h, chain_lines, picture = [], 0.0, 0, False
        for b in blocks:
            if b.tag == _q("w:p"):
                p = _para_info(self.st, b)
                h = self._para_height_mm(p, width)
                has_picture = self._picture_mm(b) > 0
                if self._kept(b):
                    chain.append(p)
                    chain_h += h
                    chain_lines += self._para_lines(p, width)
                    picture = picture or has_picture
                    continue
                keep_lines = _on(_first(self.st.para_levels(b), "w:keepLines")) is True
                whole = keep_lines or has_picture
                tail, what = (h if whole else min(h, FIRST_LINE_MM)), "đoạn sau"
                if has_picture:
                    chain.append(p)
                    picture, what = True, "ảnh (biểu đồ)"
            else:
                tail, what = 0.0, "khối chữ ký" if b is sig else "bảng sau"
                for tr in b.findall("w:tr", NS):
                    rh = self._row_height_mm(tr) or 0.0
                    whole = tr.find("w:trPr/w:cantSplit", NS) is not None
                    if all(self._kept(pe) for pe in tr.iter(_q("w:p"))):
                        tail += rh
                        continue
                    tail += rh if whole else min(rh, FIRST_LINE_MM)
                    break
            total = chain_h + tail
            too_long = (chain_lines > SIGN_KEPT_LINES if b is sig
                        else total > page_h * (PICTURE_SHARE if picture else UNBREAKABLE_SHARE))
            if chain and too_long and picture:
                first = next((c.text.strip() for c in chain if c.text.strip()), "")
                start = (f"Đoạn «{first[:50]}» và ảnh (biểu đồ) giữ cùng trang" if first
                         else "Ảnh (biểu đồ)")
                self.add("keep", f"{start}: khoảng {total:.0f} mm không ngắt trang được; nếu không "
                                 f"vừa phần còn lại của trang, cả khối bị đẩy sang trang sau, để trống "
                                 f"tới {total / page_h:.0%} trang (quá {PICTURE_SHARE:.0%}). Hãy thu "
                                 f"nhỏ ảnh hoặc bớt đoạn được giữ với ảnh.")
            elif chain and too_long:
                first = next((c.text.strip() for c in chain if c.text.strip()), "")
                self.add("keep", f"Đoạn «{first[:50]}» ({chain_lines} dòng) được giữ cùng trang với "
                                 f"{what} (khoảng {total:.0f} mm không ngắt trang được); nếu không vừa "
                                 f"phần còn lại của trang, cả khối bị đẩy sang trang sau, để trống tới "
                                 f"{total / page_h:.0%} trang. " +
                         (f"Chỉ giữ với khối chữ ký một đoạn ngắn (tối đa {SIGN_KEPT_LINES} dòng) ở "
                          f"cuối nội dung." if b is sig else "Hãy bớt đoạn được giữ với phần sau."))
            chain, chain_h, chain_lines, picture = [], 0.0, 0, False

    def check_pictures(self, blocks) -> None:
        """A picture (a chart of the report) is captioned by a Word paragraph right under it
        (``Biểu đồ 1. …``) in Times New Roman: a caption drawn inside the image is in the
        plotting library's face, which neither the reader's Word nor this checker controls."""
        paras = [b for b in blocks if b.tag == _q("w:p")]
        for i, b in enumerate(paras):
            if b.find(".//w:drawing", NS) is None and b.find(".//w:pict", NS) is None:
                continue
            nxt = next((_para_info(self.st, q) for q in paras[i + 1:]
                        if _para_info(self.st, q).text.strip()), None)
            if nxt is None or not CAPTION_RE.match(nxt.text.strip()):
                after = f" (đoạn sau ảnh: «{nxt.text.strip()[:40]}»)" if nxt is not None else ""
                self.add("chart", f"Ảnh (biểu đồ) thứ {self._pictures + 1} không có dòng chú thích "
                                  f"'Biểu đồ N. …' ngay dưới ảnh{after}; chú thích phải là một đoạn "
                                  f"văn bản phông {FONT}, không vẽ trong ảnh.")
            else:
                bad = sorted({r.font or "?" for r in nxt.runs if r.text.strip() and r.font != FONT})
                if bad:
                    self.add("chart", f"Chú thích «{nxt.text.strip()[:40]}» dùng phông "
                                      f"{', '.join(bad)}; chú thích biểu đồ phải là {FONT}.")
            self._pictures += 1

    def _para_lines(self, p: ParaInfo, width_mm: float) -> int:
        if not p.text.strip():
            return 0
        avail = max(width_mm - p.left_mm - p.right_mm - max(p.first_line_cm, 0) * 10 / 2, 1.0)
        return wrapped_lines(p, avail)

    # -------------------------------------------------------------- attachment
    def check_attachment(self, blocks) -> None:
        """A phụ lục / đề cương: no header block, but its label and title (upper
        case, bold, centred), the '(Kèm theo …)' line (italic, centred) and its
        own page numbers (checked with the sections)."""
        paras = [_para_info(self.st, b) for b in blocks if b.tag == _q("w:p")]
        texts = [p for p in paras if p.text.strip()]
        if not texts:
            self.add("title", "Phụ lục không có nội dung.")
            return
        title = texts[0]
        t = title.text.strip()
        if t != t.upper() or not title.all_bold() or title.align != "center":
            self.add("title", f"Tên phụ lục «{t[:50]}» phải in hoa, in đậm, căn giữa.")
        kem = next((p for p in texts[:5] if re.match(r"^\(Kèm theo .+\)$", p.text.strip())), None)
        if kem is None:
            self.add("attachment", "Thiếu dòng «(Kèm theo … số …, ngày …)» dưới tên phụ lục, "
                                   "cho biết phụ lục đi kèm văn bản nào.")
        elif not kem.all_italic() or kem.align != "center":
            self.add("attachment", "Dòng «(Kèm theo …)» phải in nghiêng, căn giữa.")
        for p in texts:
            if any(x is None or not (13 <= x <= 14) for x in p.sizes):
                self.add("body", f"Đoạn «{p.text.strip()[:50]}» phải cỡ chữ 13–14.")

    # -------------------------------------------------------------- signature
    def check_signature(self, tbl, code):
        self._borderless(tbl, "signature")
        grid = self._cells(tbl)
        cells = [tc for r in grid for tc in r]
        infos = [[_para_info(self.st, p) for p in tc.findall("w:p", NS)] for tc in cells]
        infos = [[p for p in c if p.text.strip()] for c in infos]
        if code == "BB":
            self._minutes_signatures(grid)
            return
        left = infos[0] if infos else []
        right = infos[-1] if len(infos) > 1 else []
        if not left or not left[0].text.strip().startswith("Nơi nhận"):
            self.add("recipients", "Ô trái của bảng chữ ký phải bắt đầu bằng 'Nơi nhận:'.")
        else:
            self._recipients(left)
        if not right:
            self.add("signature", "Ô phải của bảng chữ ký chưa có quyền hạn, chức vụ và họ tên "
                                  "người ký.")
            return
        first = right[0].text.strip()
        if not first.startswith(PREFIXES) and first not in ("CHỦ TỊCH",):
            self.add("signature", f"Chữ ký bắt đầu bằng «{first}»; phải là TM./KT./Q./TL./TUQ. "
                                  "(ví dụ 'TM. HỘI ĐỒNG').")
        texts = [p.text.strip() for p in right]
        if "KT. CHỦ TỊCH" in texts:
            k = texts.index("KT. CHỦ TỊCH")
            if k + 1 >= len(texts) or not texts[k + 1].startswith("PHÓ"):
                self.add("signature", "Sau 'KT. CHỦ TỊCH' phải là chức vụ 'PHÓ CHỦ TỊCH'.")
        self._sig_lines(right[0], right[-1] if len(right) > 1 else None, right[1:-1])

    def _minutes_signatures(self, grid) -> None:
        """Biên bản: several signers side by side (THƯ KÝ, TRƯỞNG ĐOÀN, the unit's
        representative), each a column of the table (role and post over the name, in one
        cell or down the rows), and the Nơi nhận row.  The names must line up: each starts
        the same row, after the same empty lines, with no post above it in that row (a post
        wrapping to a second line would push its name below the others)."""
        rows, recips = [], None
        for tr in grid:
            cells = [[_para_info(self.st, p) for p in tc.findall("w:p", NS)] for tc in tr]
            texts = [[p for p in c if p.text.strip()] for c in cells]
            head = next((t for t in texts if t and t[0].text.strip().startswith("Nơi nhận")), None)
            if head is not None:
                recips = recips or head
                continue
            rows.append(cells)
        if recips is None:
            self.add("recipients", "Biên bản thiếu phần 'Nơi nhận:' (đơn vị được kiểm tra, "
                                   "thành viên Đoàn, lưu).")
        else:
            self._recipients(recips)
        width = max((len(r) for r in rows), default=0)
        columns = [[p for r in rows if j < len(r) for p in r[j] if p.text.strip()]
                   for j in range(width)]
        signers = [c for c in columns if c]
        if len(signers) < 2:
            self.add("signature", "Biên bản phải có ít nhất hai chữ ký (THƯ KÝ và chủ trì / "
                                  "TRƯỞNG ĐOÀN).")
        for c in signers:
            self._sig_lines(c[0], c[-1] if len(c) > 1 else None, c[1:-1])
        # where each name stands: (row, paragraphs before it in its cell, any text before it)
        places = set()
        for j, c in enumerate(columns):
            if len(c) < 2:
                continue
            for i, r in enumerate(rows):
                at = [k for k, p in enumerate(r[j] if j < len(r) else ()) if p is c[-1]]
                if at:
                    before = r[j][:at[0]]
                    places.add((i, len(before), any(p.text.strip() for p in before)))
        if len(places) > 1 or any(text for _, _, text in places):
            self.add("signature", "Họ tên những người ký biên bản không thẳng hàng: mỗi họ tên phải "
                                  "ở cùng một hàng của bảng chữ ký, sau cùng số dòng trống, dưới hàng "
                                  "quyền hạn, chức vụ (chức vụ dài xuống dòng đẩy họ tên xuống thấp "
                                  "hơn các họ tên khác).")

    def _recipients(self, left: list) -> None:
        """The Nơi nhận block: its heading, then '- …;' lines ending with '- Lưu: VT, … .'."""
        head = left[0]
        if head.text.strip() != "Nơi nhận:":
            self.add("recipients", f"Dòng «{head.text.strip()}» phải viết đúng 'Nơi nhận:'.")
        if not (head.all_bold() and head.all_italic()) or any(s != 12 for s in head.sizes):
            self.add("recipients", "'Nơi nhận:' phải in đậm, nghiêng, cỡ chữ 12.")
        items = left[1:]
        if not items:
            self.add("recipients", "Nơi nhận chưa có nơi nào.")
        for j, p in enumerate(items):
            t = p.text.strip()
            if any(s != 11 for s in p.sizes):
                self.add("recipients", f"Dòng nơi nhận «{t}» phải cỡ chữ 11.")
            if j < len(items) - 1 and not re.match(r"^- .+;$", t):
                self.add("recipients", f"Dòng nơi nhận «{t}» phải có dạng '- …;'.")
            if j == len(items) - 1 and not re.match(r"^- Lưu: VT(, [^.]+)?\.$", t):
                self.add("recipients", f"Dòng nơi nhận cuối «{t}» phải là '- Lưu: VT, … .' "
                                       "(kết thúc bằng dấu chấm).")

    def _sig_lines(self, title: ParaInfo, name: Optional[ParaInfo], middle=()):
        for p in (title, *middle):
            t = p.text.strip()
            if t != t.upper() or not p.all_bold():
                self.add("signature", f"Dòng chức vụ «{t}» phải in hoa, in đậm.")
            if any(s is None or not (13 <= s <= 14) for s in p.sizes):
                self.add("signature", f"Dòng chức vụ «{t}» phải cỡ chữ 13–14.")
        if name is None:
            self.add("signature", "Thiếu họ tên người ký.")
            return
        t = name.text.strip()
        if not name.all_bold() or any(s is None or not (13 <= s <= 14) for s in name.sizes):
            self.add("signature", f"Họ tên người ký «{t}» phải in đậm, cỡ chữ 13–14.")
        if t == t.upper() and re.search(r"[A-Za-zÀ-ỹ]", t):
            self.add("signature", f"Họ tên người ký «{t}» viết hoa chữ cái đầu, không viết in hoa "
                                  "toàn bộ.")


NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _prefix_bold(p: ParaInfo, n: int) -> bool:
    """Are the first ``n`` visible characters of the paragraph bold?"""
    seen = 0
    for r in p.runs:
        if seen >= n:
            break
        t = r.text.lstrip() if seen == 0 else r.text
        if t.strip() and not r.bold:
            return False
        seen += len(t)
    return True


def _has_page_field(el) -> bool:
    for it in el.iter(_q("w:instrText")):
        if re.search(r"\bPAGE\b", it.text or ""):
            return True
    for fs in el.iter(_q("w:fldSimple")):
        if re.search(r"\bPAGE\b", fs.get(_q("w:instr")) or ""):
            return True
    return False


def check_docx(path, kind: Optional[str] = None) -> list[Problem]:
    """Problems of one .docx against NĐ 30 (empty list = passes)."""
    return _Checker(Path(path), kind).run()
