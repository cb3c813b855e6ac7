"""One merged unit's rows of the consolidated workbook, rendered as sheet XML.

Most cells of ``Tong_hop_phu_luc.xlsx`` are rows of one unit: its row on each
appendix sheet, its titles with a count, its lists, its row of ``Dữ liệu``.
They depend on nothing but the unit (code, name, block) and what its file
gave, so they are rendered where the file is parsed (by the merge's workers,
in parallel), kept in the merge cache beside the file's figures, and spliced
into the workbook as they are (``io.xlsx_bulk.Rendered``): a re-merge renders
only the files that changed.  The rows are byte for byte those the workbook
writer renders from the figures itself (``tests/test_unit_rows.py``).

``Layout`` says which columns each sheet has (the writer takes its headers
from it) and the cell style of each kind of column (the XlsxWriter formats'
indices, fixed because the writer registers its formats first, in order).
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache

from tdkt_xl.appendices.spec import CHOICE, DATE, MONEY, RATIO, TEXT, Spec
from tdkt_xl.appendices.stats import DATA_SHEET, scalar_keys
from tdkt_xl.io.xlsx_bulk import render_block, style_attr
from tdkt_xl.vocabulary.cells import fmt_date

SHEET_SEP = b"\x02"        # between the sheets' blocks of one unit (never in sheet XML, as ``SEP``)
TITLES_SHEET = "PL II theo danh hiệu"
TITLE_COLUMNS = ("collectives", "households", "ind_leaders", "ind_staff", "ind_workers", "individuals", "women",
                 "total")
LIST_SHEETS = (("Quyết định khen thưởng", "awards"), ("Điển hình tiên tiến", "models"),
               ("Văn bản triển khai", "docs"))
KINDS = ("text", "int", "pct", "frac")      # the plain cell formats of a table (``output._F``)


def sheet_keys(spec: Spec, sheet_key: str) -> list:
    """(key, label, kind) of one appendix sheet's scalars (fields and summary cells)."""
    sh = spec.sheet(sheet_key)
    out = []
    labels = spec.labels()
    for sec in sh.sections:
        if sec.type == "fields":
            out += [(f.key, f.label, f.kind) for f in sec.fields]
        elif sec.type == "table":
            out.append((f"{sec.table}_count", labels[f"{sec.table}_count"], "int"))
        elif sec.type == "summary":
            out += [(f"{sec.table}.total.{ck}", labels[f"{sec.table}.total.{ck}"], "int") for ck in sec.columns]
    return out


def unit_kinds(keys: list) -> list:
    """The format kind of each column of an appendix sheet (code, name, block, then its keys)."""
    return ["text"] * 3 + [("frac" if k == RATIO else "text" if k in (CHOICE, TEXT, DATE) else "int")
                           for _k, _l, k in keys]


def list_kinds(sec) -> list:
    return ["text", "text", "int"] + [("int" if c.kind in ("int", MONEY) else "text") for c in sec.columns]


@dataclass(frozen=True)
class Layout:
    """The unit blocks of the consolidated workbook, sheet by sheet."""
    spec: Spec
    styles: tuple                 # (kind, cell style index) of each of KINDS
    unit_sheets: tuple            # (sheet name, keys) of each appendix sheet; keys: (key, label, kind)
    data_keys: tuple              # the Dữ liệu sheet's keys after code, name, block
    titles: tuple                 # (title choice, its keys) of the titles sheet
    attrs: dict                   # sheet name -> the cell style attribute of each column of a unit's row

    @property
    def sheets(self) -> tuple:
        """The sheet of each block of a unit's rows, in order."""
        return (tuple(n for n, _k in self.unit_sheets) + (TITLES_SHEET,) + tuple(n for n, _t in LIST_SHEETS)
                + (DATA_SHEET,))

    def widths(self) -> dict:
        """sheet -> number of columns of a unit's row."""
        out = {n: 3 + len(keys) for n, keys in self.unit_sheets}
        out[TITLES_SHEET] = 3 + len(TITLE_COLUMNS)
        out.update({n: 3 + len(self.spec.table(t).columns) for n, t in LIST_SHEETS})
        out[DATA_SHEET] = 3 + len(self.data_keys)
        return out


@lru_cache(maxsize=8)
def layout(spec: Spec, styles: tuple) -> Layout:
    labels = spec.labels()
    unit_sheets = tuple((sh.name, tuple((k if k in labels else None, lab, kind)
                                        for k, lab, kind in sheet_keys(spec, sh.key)))
                        for sh in spec.sheets)
    data_keys = tuple(k for k, _l, _k in scalar_keys(spec)) + ("units_merged",)
    titles = tuple((t, tuple(f"awards.{t.code}.{c}" for c in TITLE_COLUMNS)) for t in spec.choices("titles"))
    st = dict(styles)

    def attrs(kinds: list) -> list:
        return [style_attr(st[k]) for k in kinds] if st else []
    per_sheet = {n: attrs(unit_kinds(keys)) for n, keys in unit_sheets}
    per_sheet[TITLES_SHEET] = attrs(["text"] * 3 + ["int"] * len(TITLE_COLUMNS))
    per_sheet.update({n: attrs(list_kinds(spec.table(t))) for n, t in LIST_SHEETS})
    per_sheet[DATA_SHEET] = []
    return Layout(spec, styles, unit_sheets, data_keys, titles, per_sheet)


@lru_cache(maxsize=1)
def workbook_styles() -> tuple:
    """(kind, cell style index) of the plain formats of the consolidated
    workbook, as its writer registers them (on a workbook nothing is written to)."""
    from tdkt_xl.appendices.output import _F
    from tdkt_xl.io.xlsx import new_workbook
    wb, _buf = new_workbook(io.BytesIO())
    fm = _F(wb)
    return tuple((k, getattr(fm, k).xf_index) for k in KINDS)


def render(lay: Layout, code: str, name: str, block: str, values: dict, tables: dict) -> bytes:
    """The unit's blocks (rows joined by ``SEP``), one per sheet of
    ``lay.sheets``, joined by ``SHEET_SEP``."""
    texts: dict = {}
    get = values.get
    out = []
    attrs = lay.attrs
    for n, keys in lay.unit_sheets:
        row = [code, name, block] + [get(k) if k is not None else None for k, _l, _kind in keys]
        out.append(render_block([row], attrs[n], False, texts))
    title_rows = []
    for t, keys in lay.titles:
        counts = list(map(get, keys))
        if any(counts):
            title_rows.append([f"{code} - {name}", t.label, t.group] + counts)
    out.append(render_block(title_rows, attrs[TITLES_SHEET], False, texts))
    for n, table_key in LIST_SHEETS:
        sec = lay.spec.table(table_key)
        dates = [(c.key, c.kind == DATE) for c in sec.columns]
        rows = [[code, name, rec.get("_row")] + [fmt_date(rec.get(k)) if d else rec.get(k) for k, d in dates]
                for rec in tables.get(table_key, ())]
        out.append(render_block(rows, attrs[n], False, texts))
    out.append(render_block([[code, name, block] + list(map(get, lay.data_keys[:-1])) + [None]], [], True, texts))
    return SHEET_SEP.join(out)


def blocks(rendered: bytes, n: int) -> list:
    """The ``n`` per-sheet blocks of ``render``'s bytes (ValueError when they are not ``n``)."""
    got = rendered.split(SHEET_SEP)
    if len(got) != n:
        raise ValueError(f"{len(got)} blocks, {n} expected")
    return got
