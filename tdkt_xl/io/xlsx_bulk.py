"""Large tables of plain values in an XlsxWriter workbook, written as sheet
XML directly (about ten times faster than a call per cell: the consolidated
workbook of 2,000 returned files has ~800,000 cells).

XlsxWriter makes the workbook (formats, titles, headers, column widths,
panes, filters, page setup); the rows of a big table are registered here and
spliced into the sheet's ``<sheetData>`` after ``wb.close()``.  Text is
always an inline string (never a formula, a link or a number), exactly as
``tdkt_xl.io.xlsx`` promises for every file the tool writes.
"""
from __future__ import annotations

import datetime as dt
import io
import math
import re
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from functools import lru_cache
from queue import SimpleQueue

from tdkt_xl.io.extent import col_index, col_letters
from tdkt_xl.vocabulary.cells import fmt_date

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_DIMENSION = re.compile(rb'<dimension ref="[^"]*"/>')
_LAST_ROW = re.compile(rb'<row r="(\d+)"')


def _text(s: str) -> str:
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if _CONTROL.search(s):
        s = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", s)
    space = ' xml:space="preserve"' if s[:1].isspace() or s[-1:].isspace() else ""
    return f't="inlineStr"><is><t{space}>{s}</t></is></c>'


class BulkRows:
    """Rows registered per worksheet; ``finish(xlsx_bytes)`` splices them in."""

    def __init__(self):
        self._blocks: dict = {}          # worksheet -> [(first row 0-based, rows or Rendered, formats,
                                         #                skip_blank, heights)]
        self._xf: dict = {}              # id(Format) -> (the Format, its cell style index)

    def add(self, ws, first_row: int, rows: list, formats, skip_blank: bool = False,
            heights: list | None = None) -> None:
        """``rows`` (lists of values) from ``first_row`` down, below anything
        XlsxWriter writes on that sheet.  ``formats``: one XlsxWriter Format
        (or None) per column, or a function row index -> such a list.
        ``skip_blank``: leave empty values out (no cell at all).  ``heights``:
        each row's height in points (None: the sheet's default).  Call before
        ``wb.close()``: XlsxWriter writes into styles.xml only the formats it
        was asked for by then."""
        if not rows:
            return
        lists = [formats] if not callable(formats) else {id(f): f for f in map(formats, range(len(rows)))}.values()
        for fmts in lists:
            for f in fmts:
                if f is not None and id(f) not in self._xf:
                    self._xf[id(f)] = (f, f._get_xf_index())     # registers the format with its workbook
        self._blocks.setdefault(ws, []).append((first_row, rows, formats, skip_blank, heights))

    def add_rendered(self, ws, first_row: int, block: "Rendered") -> None:
        """Rows rendered ahead (``render_block``) from ``first_row`` down; their
        cell styles are indices of formats registered with the workbook
        before any other (see ``style_attr``)."""
        if block.count:
            self._blocks.setdefault(ws, []).append((first_row, block, None, False, None))

    def finish(self, data: bytes) -> bytes:
        """The closed workbook's bytes with every registered row written."""
        if not self._blocks:
            return data
        parts = {}
        for ws, blocks in self._blocks.items():
            parts[f"xl/worksheets/sheet{ws.index + 1}.xml"] = blocks
        out = io.BytesIO()
        written = []
        # one writer thread, parts in order, each streamed to it in pieces: a sheet is compressed
        # (zlib releases the GIL) while its next rows are spliced, so that little is left to
        # compress once the last one is
        with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout, \
                _handing_over():
            with ThreadPoolExecutor(1) as writer:
                for info in zin.infolist():
                    body = zin.read(info.filename)
                    pieces = SimpleQueue()
                    written.append(writer.submit(_write_part, zout, info, pieces))
                    try:
                        for piece in (_spliced(body, parts[info.filename], self._xf) if info.filename in parts
                                      else (body,)):
                            pieces.put(piece)
                    finally:
                        pieces.put(None)        # the part ends (the writer is never left waiting)
            for w in written:
                w.result()              # a failed write is raised here
        return out.getvalue()


@contextmanager
def _handing_over():
    """The interpreter handed between threads every 0.5 ms instead of 5: the
    writer, back from compressing a piece, waits for the splicing thread to
    let go (~25 ms less over a consolidated workbook of 2,000 files)."""
    was = sys.getswitchinterval()
    sys.setswitchinterval(min(was, 0.0005))
    try:
        yield
    finally:
        sys.setswitchinterval(was)


def _write_part(zout: zipfile.ZipFile, info: zipfile.ZipInfo, pieces: SimpleQueue) -> None:
    """Part ``info`` of ``zout``, deflated (level 1) from the pieces until None."""
    info.compress_type = zipfile.ZIP_DEFLATED
    setattr(info, "compress_level" if hasattr(info, "compress_level") else "_compresslevel", 1)   # 3.13 / before
    with zout.open(info, "w") as dest:
        while (piece := pieces.get()) is not None:
            dest.write(piece)


def _other(ref: str, s: str, v, skip_blank: bool) -> str:
    """A value that is not str, int, float or None: bools as Có/Không, dates
    as dd/mm/yyyy, numpy scalars as numbers, anything else as its text.
    ``ref``: the cell's reference (its row number may be ``ROW``)."""
    if hasattr(v, "item") and not isinstance(v, (str, bytes, dt.date)):
        v = v.item()
        if type(v) is int or (type(v) is float and math.isfinite(v)):
            return f'<c r="{ref}"{s}><v>{v!r}</v></c>'
        if v is None or isinstance(v, float):
            return f'<c r="{ref}"{s}/>' if s and not skip_blank else ""
    if isinstance(v, bool):
        return f'<c r="{ref}"{s} ' + _text("Có" if v else "Không")
    if isinstance(v, (int, float)):
        return f'<c r="{ref}"{s}><v>{float(v)!r}</v></c>' if math.isfinite(float(v)) else ""
    if isinstance(v, (dt.date, dt.datetime)):
        return f'<c r="{ref}"{s} ' + _text(fmt_date(v))
    return f'<c r="{ref}"{s} ' + _text(str(v))


def _style(xf: dict, f) -> str:
    """The cell attribute of Format ``f`` (registered by ``add``; a format
    registered too late has no style in the workbook: the cell stays plain)."""
    if f is None:
        return ""
    got = xf.get(id(f))
    return style_attr(got[1] if got is not None and got[0] is f else f.xf_index)


ROW = "\x00"          # the row number's place in a rendered row (filled in when the rows are spliced)
SEP = b"\x01"         # between the rendered rows of a block
# Neither can occur in sheet XML written here: text escapes every control character (``_text``).
_ROW_BYTES, _SEP_TEXT = ROW.encode(), SEP.decode()


class Rendered:
    """Rows rendered ahead (``render_block``), spliced in as they are: the
    blocks in ``parts`` one after the other (each bytes-like, rows separated
    by ``SEP``; the empty ones left out), ``count`` rows at most ``width``
    cells wide.  Kept in parts, never joined whole: they are numbered a piece
    at a time (a consolidated workbook's unit rows are ~30 MB)."""
    __slots__ = ("parts", "count", "width")

    def __init__(self, parts: list, width: int):
        self.parts = [p for p in parts if p]
        self.count = sum(p.count(SEP) for p in self.parts) + len(self.parts)
        self.width = width


def style_attr(index: int) -> str:
    """The cell attribute of cell style ``index`` (0: none)."""
    return f' s="{index}"' if index else ""


@lru_cache(maxsize=64)
def _cell_starts(width: int, attrs: tuple, skip_blank: bool) -> tuple:
    """(each column's cell start, e.g. ``<c r="B…" s="3"`` with the row number
    left as ``ROW``; its blank cell or "")."""
    attrs = attrs + ("",) * (width - len(attrs))
    starts = tuple(f'<c r="{col_letters(c)}{ROW}"{a}' for c, a in enumerate(attrs))
    return starts, tuple(f"{s}/>" if a and not skip_blank else "" for s, a in zip(starts, attrs))


def render_block(table: list, styles, skip_blank: bool = False, texts: dict | None = None,
                 heights: list | None = None) -> bytes:
    """``table`` (lists of values) as sheet rows whose numbers are left as
    ``ROW``, joined by ``SEP``.  ``styles``: the cell attribute
    (``style_attr``) of each column, or a function row index -> such a list;
    ``texts``: escaped strings already rendered (shared across blocks);
    ``heights``: each row's height in points, or None."""
    if texts is None:
        texts = {}
    width = max((len(v) for v in table), default=0)
    made: dict = {}                      # id(styles list) -> (the list, each column's cell start, blank cell)
    rows = []
    for i, values in enumerate(table):
        st = styles(i) if callable(styles) else styles
        got = made.get(id(st))
        if got is None or got[0] is not st:
            got = made[id(st)] = (st,) + _cell_starts(width, tuple(st), skip_blank)
        _st, starts, blanks = got
        cells = []
        add = cells.append
        for start, blank, v in zip(starts, blanks, values):
            t = type(v)
            if t is int:
                add(f"{start}><v>{v}</v></c>")
            elif t is str:
                if v:
                    esc = texts.get(v)
                    if esc is None:
                        esc = texts[v] = _text(v)
                    add(f"{start} {esc}")
                elif blank:
                    add(blank)
            elif v is None:
                if blank:
                    add(blank)
            elif t is float:
                if math.isfinite(v):
                    add(f"{start}><v>{v!r}</v></c>")
                elif blank:
                    add(blank)
            else:
                ref, _q, attr = start[6:].partition('"')
                add(_other(ref, attr, v, skip_blank))
        height = heights[i] if heights else None
        tag = f'<row r="{ROW}" ht="{height:g}" customHeight="1">' if height else f'<row r="{ROW}">'
        rows.append(tag + "".join(cells) + "</row>")
    return _SEP_TEXT.join(rows).encode("utf-8")


PIECE = 1 << 20         # bytes of rows handed to the writer at a time


def _splice(xml: bytes, blocks: list, xf: dict) -> bytes:
    """``xml`` with ``blocks`` written into its ``<sheetData>``."""
    return b"".join(_spliced(xml, blocks, xf))


def _spliced(xml: bytes, blocks: list, xf: dict):
    """``_splice``'s bytes, in pieces of about ``PIECE`` bytes: the blocks are
    rendered first (the sheet's dimension, in its head, covers them), then
    numbered a piece at a time."""
    head, sep, tail = xml.partition(b"</sheetData>")
    if not sep:
        head, sep, tail = xml.partition(b"<sheetData/>")
        head, sep = head + b"<sheetData>", b"</sheetData>"
    rows = _LAST_ROW.findall(head)
    last_written = int(rows[-1]) if rows else 0
    ready = []                           # (first row number, the block's rendered rows)
    max_row, max_col = last_written, 0
    texts: dict = {}                     # str -> its escaped inline-string tail (names repeat on every sheet)
    for first_row, table, formats, skip_blank, heights in sorted(blocks, key=lambda b: b[0]):
        if first_row + 1 <= last_written:
            raise ValueError(f"bulk rows from {first_row + 1} overlap rows written up to {last_written}")
        if isinstance(table, Rendered):
            parts, count, width = table.parts, table.count, table.width
        else:
            attrs: dict = {}             # id(formats list) -> (the list, its attributes)

            def styles(i, formats=formats, attrs=attrs):
                fmts = formats(i) if callable(formats) else formats
                got = attrs.get(id(fmts))
                if got is None or got[0] is not fmts:
                    got = attrs[id(fmts)] = (fmts, [_style(xf, f) for f in fmts])
                return got[1]
            block = render_block(table, styles, skip_blank, texts, heights)
            parts, count = [block], (block.count(SEP) + 1 if block else 0)
            width = max((len(v) for v in table), default=0)
        if not count:
            continue
        ready.append((first_row + 1, parts))
        max_col = max(max_col, width)
        last_written = max_row = first_row + count
    m = _DIMENSION.search(head)                 # before <sheetData>: never in the rows
    if m and max_col:
        old = m.group(0)[len(b'<dimension ref="'):-3].decode()
        end = old.split(":")[-1]
        old_col = col_index(re.match(r"[A-Z]+", end).group(0))
        ref = f'<dimension ref="A1:{col_letters(max(old_col + 1, max_col) - 1)}{max_row}"/>'.encode()
        head = head[:m.start()] + ref + head[m.end():]
    yield head
    for number, parts in ready:
        for window in _windows(parts):
            rows = window.split(SEP)
            yield b"".join([row.replace(_ROW_BYTES, b"%d" % r) for r, row in enumerate(rows, number)])
            number += len(rows)
    yield sep + tail


def _windows(parts: list):
    """The rows of ``parts`` (blocks of rows separated by ``SEP``) in windows
    of about ``PIECE`` bytes, rows separated by ``SEP`` (never a row cut)."""
    window, size = [], 0
    for part in parts:
        if len(part) > PIECE:                   # one large block (a table rendered whole): cut between rows
            if window:
                yield SEP.join(window)
                window, size = [], 0
            at = 0
            while at < len(part):
                cut = part.find(SEP, at + PIECE)
                cut = len(part) if cut < 0 else cut
                yield part[at:cut]
                at = cut + 1
            continue
        window.append(part)
        size += len(part)
        if size >= PIECE:
            yield SEP.join(window)
            window, size = [], 0
    if window:
        yield SEP.join(window)
