"""The real extent of a sheet, found before python-calamine materialises it.

python-calamine allocates the dense rectangle A1 → farthest cell when a sheet
is opened, before any check can run: one value at XFD1048576 asks for half a
terabyte.  The ``<dimension>`` element can lie; the cells cannot.  So the
sheet XML (already bounded and verified by ``package``) is scanned for every
``<c>`` and ``<row>`` reference, and a sheet whose extent is above the
caller's bound is refused with the far cell named.  Cells or rows written
without a reference are counted as if each one extended the sheet by one
(an upper bound: the scan may overestimate, never underestimate).

Merged ranges are returned by their bounds (never enumerated).
"""
from __future__ import annotations

import re
from functools import lru_cache
from operator import itemgetter
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from tdkt_xl.io.package import Package, PackageError
from tdkt_xl.vocabulary.cells import fmt_int

_NAME = rb"(?:[A-Za-z_][\w.-]*:)?"
_ATTR = rb"""\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"]*"|'[^']*')"""
_NOT_R = rb"""\s+(?!""" + _NAME + rb"""r\s*=)[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"]*"|'[^']*')"""
_REF = rb"""\s+""" + _NAME + rb"""r\s*=\s*(?:"([^"]*)"|'([^']*)')"""


def _tag(local: bytes) -> re.Pattern:
    return re.compile(rb"<" + _NAME + local + rb"(?=[\s/>])")


def _tag_ref(local: bytes) -> re.Pattern:
    return re.compile(rb"<" + _NAME + local + rb"(?:" + _NOT_R + rb")*" + _REF)


_C, _C_REF = _tag(b"c"), _tag_ref(b"c")
_ROW, _ROW_REF = _tag(b"row"), _tag_ref(b"row")
_MERGE = re.compile(rb"<" + _NAME + rb"mergeCell(?:" + _ATTR + rb")*?\s+ref\s*=\s*[\"']([^\"']*)[\"']")
_MERGE_TAG = _tag(b"mergeCell")
_MERGE_PLAIN = re.compile(rb"<mergeCell[\s/>]")
_CELL = re.compile(r"([A-Za-z]{1,3})([0-9]{1,7})")
MAX_ROWS, MAX_COLS = 1_048_576, 16_384


def col_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def col_letters(c: int) -> str:
    s = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        s = chr(65 + rem) + s
    return s


def cell_name(r: int, c: int) -> str:
    return f"{col_letters(c)}{r + 1}"


@dataclass
class Extent:
    rows: int                  # rows of the dense array calamine will build (A1-anchored)
    cols: int
    merges: list = field(default_factory=list)   # (r0, c0, r1, c1), 0-based, inclusive

    @property
    def cells(self) -> int:
        return self.rows * self.cols

    @property
    def far_cell(self) -> str:
        return cell_name(max(self.rows - 1, 0), max(self.cols - 1, 0))


class ExtentError(PackageError):
    """A sheet larger than allowed (``sheet``, ``cell`` = the far cell)."""

    def __init__(self, message: str, sheet: str, cell: str, extent: Extent | None = None):
        super().__init__("extent", message)
        self.sheet = sheet
        self.cell = cell
        self.extent = extent


_PREFIXED = re.compile(rb":(?:c|row|mergeCell)[\s/>]")
_C_FAST = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"')
_ROW_FAST = re.compile(rb'<row r="([0-9]{1,7})"')
_C_PLAIN, _ROW_PLAIN = re.compile(rb"<c[\s/>]"), re.compile(rb"<row[\s/>]")
# a <c> or <row> tag that does not start with a plain, canonical reference (no leading zero):
# when there is none, every tag's reference is read by one pattern (one pass per pattern)
_C_ODD = re.compile(rb'<c(?=[\s/>])(?! r="[A-Z]{1,3}[1-9][0-9]{0,6}")')
_ROW_ODD = re.compile(rb'<row(?=[\s/>])(?! r="[1-9][0-9]{0,6}")')
_SECOND = itemgetter(1)


def _col_max(letters) -> int:
    """The largest column of a set of column-letter strings (longest, then last in order)."""
    return col_index(max(letters, key=lambda x: (len(x), x)).decode())


def _cell_refs(data: bytes, prefixed: bool, part: str) -> tuple:
    """(max row, max col, number of <c> without a reference)."""
    if not prefixed and _C_ODD.search(data) is None:   # the common case: every cell starts with r="A1"
        fast = _C_FAST.findall(data)
        if not fast:
            return -1, -1, 0
        max_r = max(map(int, set(map(_SECOND, fast)))) - 1
        max_c = _col_max(dict(fast))              # its keys: each column's letters once
        if max_c < MAX_COLS and max_r < MAX_ROWS:
            return max_r, max_c, 0
    return _cell_refs_general(data, prefixed, part)


def _cell_refs_general(data: bytes, prefixed: bool, part: str) -> tuple:
    """``_cell_refs`` for any form of the tags (prefix, attribute order, quotes, no reference)."""
    n_tags = len((_C if prefixed else _C_PLAIN).findall(data))
    max_r = max_c = -1
    refs = [a or b for a, b in _C_REF.findall(data)]
    for ref in set(refs):
        r, c = _parse_cell(ref, part)
        max_r, max_c = max(max_r, r), max(max_c, c)
    return max_r, max_c, n_tags - len(refs)


def _row_refs(data: bytes, prefixed: bool, part: str) -> tuple:
    """(max row, number of <row> without a reference)."""
    if not prefixed and _ROW_ODD.search(data) is None:
        refs = set(_ROW_FAST.findall(data))
        max_r = max(map(int, refs)) - 1 if refs else -1
        if max_r < MAX_ROWS:
            return max_r, 0
    return _row_refs_general(data, prefixed, part)


def _row_refs_general(data: bytes, prefixed: bool, part: str) -> tuple:
    """``_row_refs`` for any form of the tags."""
    n_tags = len((_ROW if prefixed else _ROW_PLAIN).findall(data))
    refs = [] if prefixed else _ROW_FAST.findall(data)
    if len(refs) != n_tags:
        refs = [a or b for a, b in _ROW_REF.findall(data)]
    max_r = -1
    for ref in set(refs):
        if not ref.isdigit() or not 0 < int(ref) <= MAX_ROWS:
            raise PackageError("corrupt", f"phần '{part}' có số dòng không hợp lệ '{ref[:20].decode('latin-1')}'",
                               part)
        max_r = max(max_r, int(ref) - 1)
    return max_r, n_tags - len(refs)


def _parse_cell(ref: bytes, part: str) -> tuple:
    m = _CELL.fullmatch(ref.decode("latin-1"))
    if not m:
        raise PackageError("corrupt", f"phần '{part}' có địa chỉ ô không hợp lệ '{ref[:20].decode('latin-1')}'", part)
    r, c = int(m.group(2)) - 1, col_index(m.group(1))
    if r < 0 or r >= MAX_ROWS or c >= MAX_COLS:
        raise PackageError("corrupt", f"phần '{part}' có địa chỉ ô ngoài trang tính '{m.group(0)}'", part)
    return r, c


def scan(data: bytes, part: str = "", max_merges: int = 10_000) -> Extent:
    """Upper bound of the dense extent of one sheet XML, and its merged ranges.
    Cells/rows without a reference continue from the previous one, so each
    one is counted as extending the sheet (never an underestimate)."""
    prefixed = _PREFIXED.search(data) is not None
    cell_r, max_c, loose_cells = _cell_refs(data, prefixed, part)
    row_r, loose_rows = _row_refs(data, prefixed, part)
    max_r = max(cell_r, row_r) + loose_rows
    max_c += loose_cells
    merges = _merges(data, prefixed, part, max_merges)
    return Extent(max_r + 1 if max_r >= 0 else 0, max_c + 1 if max_c >= 0 else 0, merges)


def _merges(data: bytes, prefixed: bool, part: str, max_merges: int) -> list:
    """The merged ranges of a sheet by their bounds (PackageError above ``max_merges``)."""
    if prefixed:
        n_merge_tags = len(_MERGE_TAG.findall(data))
    else:                                  # no prefixed tag: the same count, without a prefix tried at each '<'
        n_merge_tags = len(_MERGE_PLAIN.findall(data)) if b"<mergeCell" in data else 0
    if n_merge_tags > max_merges:
        raise PackageError("too_big", f"phần '{part}' có {fmt_int(n_merge_tags)} vùng gộp ô, vượt giới hạn "
                                       f"{fmt_int(max_merges)}", part)
    merges = []
    for ref in (_MERGE.findall(data) if n_merge_tags else ()):
        a, _, b = ref.decode("latin-1").partition(":")
        try:
            r0, c0 = _parse_cell(a.encode(), part)
            r1, c1 = _parse_cell((b or a).encode(), part)
        except PackageError:
            continue            # calamine skips what it cannot parse; so do we
        merges.append((min(r0, r1), min(c0, c1), max(r0, r1), max(c0, c1)))
    return merges


# ---------------------------------------------------------------- the quick proof
# The <dimension> element is never trusted, but it is a good guess: when every <c> and <row> tag
# starts with a plain reference inside the rectangle A1:(its far cell), and that rectangle holds
# at most max_cells, the sheet is proven within the bound by two searches (no reference is read
# one by one).  Anything else (no dimension, a larger one, a tag of another form, a reference
# beyond it) goes to ``scan``.
_DIMENSION = re.compile(rb'<dimension ref="(?:[A-Z]{1,3}[1-9][0-9]{0,6}:)?([A-Z]{1,3})([1-9][0-9]{0,6})"')


def _upto(top: str, first: str, digit: str) -> str:
    """A regular expression of the strings over ``digit`` (a character class body, e.g. '0-9')
    of ``top``'s length and ordered at most ``top`` (each position compared in turn),
    ``first`` the smallest character of the first position."""
    out = []
    for i, ch in enumerate(top):
        low = first if i == 0 else digit[0]
        if ch > low:
            rest = len(top) - i - 1
            out.append(re.escape(top[:i]) + f"[{low}-{chr(ord(ch) - 1)}]" + (f"[{digit}]{{{rest}}}" if rest else ""))
    out.append(re.escape(top))
    return "|".join(out)


def _numbers_upto(n: int) -> str:
    """1..n written without leading zeros."""
    top = str(n)
    shorter = [f"[1-9][0-9]{{{k - 1}}}" if k > 1 else "[1-9]" for k in range(1, len(top))]
    return "|".join(shorter + [_upto(top, "1", "0-9")])


def _columns_upto(n: int) -> str:
    """The column letters of columns 1..n."""
    top = col_letters(n - 1)
    shorter = [f"[A-Z]{{{k}}}" for k in range(1, len(top))]
    return "|".join(shorter + [_upto(top, "A", "A-Z")])


@lru_cache(maxsize=64)
def _inside(rows: int, cols: int) -> tuple:
    """(a <c> tag not starting with a reference inside A1:(rows, cols), the same for <row>)."""
    row = _numbers_upto(rows).encode()
    col = _columns_upto(cols).encode()
    return (re.compile(rb'<c(?=[\s/>])(?! r="(?:' + col + rb")(?:" + row + rb')")'),
            re.compile(rb'<row(?=[\s/>])(?! r="(?:' + row + rb')")'))


def proven_within(data: bytes, max_cells: int) -> tuple | None:
    """(rows, cols) of a rectangle from A1 holding every cell and row of the
    sheet XML, with rows × cols ≤ ``max_cells``, when two searches prove it;
    None when they cannot (the exact ``scan`` decides)."""
    dim = _DIMENSION.search(data)
    if dim is None:
        return None
    rows, cols = int(dim.group(2)), col_index(dim.group(1).decode("ascii")) + 1
    if rows > MAX_ROWS or cols > MAX_COLS or rows * cols > max_cells or _PREFIXED.search(data) is not None:
        return None
    odd_cell, odd_row = _inside(rows, cols)
    if odd_cell.search(data) is not None or odd_row.search(data) is not None:
        return None
    return rows, cols


def bound(data: bytes, part: str, max_cells: int, max_merges: int = 10_000) -> Extent:
    """An extent holding the whole sheet (its rows × cols ≤ ``max_cells`` when
    the quick proof holds, else the exact ``scan``) and its merged ranges."""
    quick = proven_within(data, max_cells)
    if quick is None:
        return scan(data, part, max_merges)
    return Extent(quick[0], quick[1], _merges(data, False, part, max_merges))


# ---------------------------------------------------------------- sheet -> part
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELNS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKGREL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _parsed(data: bytes, name: str):
    try:
        return ET.fromstring(data)
    except ET.ParseError as e:
        raise PackageError("xml", f"phần '{name}' không phải XML hợp lệ ({e})", name) from None


def sheet_parts(pkg: Package) -> dict:
    """{sheet name: zip part} from xl/workbook.xml and its relationships."""
    return dict(_sheet_parts(pkg.xml("xl/workbook.xml", 2_000_000), pkg.xml("xl/_rels/workbook.xml.rels", 2_000_000)))


@lru_cache(maxsize=32)
def _sheet_parts(workbook: bytes, relationships: bytes) -> tuple:
    """``sheet_parts`` of these two parts' bytes, worked out once: the files a
    form was made into mostly carry the same two (a merge of 2,000 files
    parses them a handful of times)."""
    wb = _parsed(workbook, "xl/workbook.xml")
    rels = _parsed(relationships, "xl/_rels/workbook.xml.rels")
    targets = {}
    for rel in rels.iter():
        if rel.tag.endswith("Relationship") and rel.get("Id"):
            targets[rel.get("Id")] = rel.get("Target", "")
    out = {}
    for sh in wb.iter():
        if not (sh.tag == _MAIN + "sheet" or sh.tag.endswith("}sheet") or sh.tag == "sheet"):
            continue
        rid = sh.get(_RELNS + "id") or next((v for k, v in sh.attrib.items() if k.endswith("}id")), None)
        target = targets.get(rid or "", "")
        if not target:
            continue
        out[sh.get("name", "")] = _resolve(target)
    return tuple(out.items())


def _resolve(target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    parts = ["xl"]
    for p in target.split("/"):
        if p == "..":
            if parts:
                parts.pop()
        elif p and p != ".":
            parts.append(p)
    return "/".join(parts)


def check_sheets(pkg: Package, sheets, max_cells: int, max_part: int | None = None,
                 parts: dict | None = None) -> dict:
    """{sheet: Extent} for the named sheets; raises ExtentError (far cell named)
    for a sheet above ``max_cells``, PackageError for a damaged part.
    ``parts``: ``sheet_parts(pkg)`` when the caller has it already."""
    parts = sheet_parts(pkg) if parts is None else parts
    out = {}
    for name in sheets:
        part = parts.get(name)
        if part is None or part not in pkg.names():
            raise PackageError("corrupt", f"không tìm thấy phần dữ liệu của trang '{name}'", part or "")
        ext = bound(pkg.xml(part, max_part), part, max_cells)
        if ext.cells > max_cells:
            raise ExtentError(f"trang '{name}' có dữ liệu tới ô {ext.far_cell} ({fmt_int(ext.rows)} dòng × "
                              f"{fmt_int(ext.cols)} cột), vượt giới hạn {fmt_int(max_cells)} ô", name, ext.far_cell, ext)
        out[name] = ext
    return out
