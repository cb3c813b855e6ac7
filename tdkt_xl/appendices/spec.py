"""The appendix spec (a JSON data file) and the cell layout it implies.

The spec lists, for each sheet of the form (Phụ lục I, II, III), its sections:
``fields`` (one labelled value per row), ``table`` (N input rows of typed
columns) and ``summary`` (formula rows grouping a table by a choice column).
Fields with ``sum``/``minus`` and ``ratio`` fields are formulas; ``max`` names
the key a value may not exceed.  ``layout(spec, commune)`` turns the spec into
cell addresses; the forms writer and the reader of returned files both call
it, so they can never disagree about where a value lives.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

from tdkt_xl.io.appendix_citations import SPEC_FILE as DEFAULT_SPEC, citations
from tdkt_xl.vocabulary.cells import a1

SPEC_DIR = DEFAULT_SPEC.parent

INT, MONEY, TEXT, CHOICE, DATE, RATIO = "int", "money", "text", "choice", "date", "ratio"
NUMERIC = (INT, MONEY)
COMMUNE = "commune"

# rows above the first section: Phụ lục N, title, attached-to line, unit, period,
# three instruction lines, one blank row
HEAD_ROWS = 9
# the signature block under the last section starts with this label (column B)
SIGN_TITLE = "NGƯỜI LẬP BIỂU"
# columns of a "fields" section (0-based)
COL_STT, COL_LABEL, COL_VALUE, COL_UNIT, COL_NOTE = 0, 1, 2, 3, 4


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: str = INT
    unit: str = ""
    sum: tuple = ()
    minus: tuple = ()
    max: str = ""
    num: tuple = ()
    den: tuple = ()
    definition: str = ""
    applies_to: str = ""
    choices: tuple = ()

    @property
    def is_formula(self) -> bool:
        return bool(self.sum or self.minus) or self.kind == RATIO


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = TEXT
    required: bool = False
    width: float = 12
    choices: tuple = ()
    sum: tuple = ()
    max: str = ""

    @property
    def is_formula(self) -> bool:
        return bool(self.sum)


@dataclass(frozen=True)
class Section:
    key: str
    type: str                      # fields | table | summary
    title: str
    applies_to: str = ""
    fields: tuple = ()             # Field
    table: str = ""
    rows: int = 0
    columns: tuple = ()            # Column (table) or column keys (summary)
    by: str = ""
    groups: tuple = ()             # summary: ((code, label), ...)
    choices: str = ""              # summary: the list its groups come from
    info: tuple = ()               # summary: InfoColumn, in the table's columns it does not sum


@dataclass(frozen=True)
class InfoColumn:
    """A column of a summary that describes each group (its kind, short name, who may
    receive it) in a table column the summary does not total; headed by ``label``."""
    label: str
    source: str                    # attribute of the group's Choice: group, short, subject
    values: tuple = ()             # ((attribute value, text shown), ...); others shown as they are
    since: int = 1                 # first spec version whose forms carry this header

    def text(self, choice) -> str:
        raw = getattr(choice, self.source, "") or ""
        return dict(self.values).get(raw, raw)


@dataclass(frozen=True)
class SheetSpec:
    key: str
    name: str
    title: str
    sections: tuple


@dataclass(frozen=True)
class Choice:
    code: str
    label: str
    group: str = ""
    short: str = ""
    subject: str = ""          # "individual" / "collective" / "" (any)


@dataclass(frozen=True, eq=False)
class Spec:
    template_id: str
    version: int
    year: int
    id_sheet: str
    sheets: tuple
    lists: dict
    authority: tuple
    checks: tuple
    limits: dict
    colors: dict
    instructions: tuple
    outline: dict
    file_name: str
    protection_password: str = ""
    source: str = ""
    accepts: tuple = ()            # older versions whose returned files still merge

    def sheet(self, key: str) -> SheetSpec:
        for s in self.sheets:
            if s.key == key:
                return s
        raise KeyError(key)

    def choices(self, name: str) -> tuple:
        return tuple(self.lists.get(name, ()))

    def title_code(self, label: str) -> str:
        for c in self.choices("titles"):
            if c.label == label:
                return c.code
        return ""

    def level_code(self, label: str) -> str:
        for c in self.choices("levels"):
            if c.label == label:
                return c.code
        return ""

    def authority_rule(self, when: dt.date, laws) -> Optional[dict]:
        """The rule of who may decide which award on ``when``: the one whose
        register text (``law``, a code of the Căn cứ pháp lý register ``laws``)
        is in force that day; None when no text of a rule is."""
        for rule in self.authority:
            if in_force(laws, rule["law"], when):
                return rule
        return None

    def allowed_levels(self, title_code: str, when: dt.date, laws) -> Optional[tuple]:
        """Level codes allowed to decide ``title_code`` on ``when``; None when no
        rule covers that title or date (nothing to check)."""
        rule = self.authority_rule(when, laws)
        allowed = rule["allowed"].get(title_code) if rule else None
        return tuple(allowed) if allowed is not None else None

    def authority_basis(self, when: dt.date, laws) -> str:
        """The text a finding cites for the rule of ``when``, as the register
        names it: the rule's ``article`` of the text it ``cites`` when that row
        is in force, else the governing text itself (never a text the register
        cannot back); '' when no rule applies."""
        rule = self.authority_rule(when, laws)
        if rule is None:
            return ""
        quoted = in_force(laws, rule.get("cites") or rule["law"], when)
        if quoted is not None:
            return " ".join(filter(None, (rule.get("article", ""), quoted.name)))
        return in_force(laws, rule["law"], when).name

    def citations(self) -> dict:
        """Register code -> the appendix finding codes that rest on it (what CC06 checks)."""
        return citations({"authority": self.authority, "checks": self.checks})

    def all_fields(self) -> list:
        return [f for s in self.sheets for sec in s.sections if sec.type == "fields" for f in sec.fields]

    def table(self, key: str) -> Section:
        for s in self.sheets:
            for sec in s.sections:
                if sec.type == "table" and sec.table == key:
                    return sec
        raise KeyError(key)

    def labels(self) -> dict:
        """key -> Vietnamese label, for every scalar value the merge computes."""
        out = {}
        for f in self.all_fields():
            out[f.key] = f.label
        for s in self.sheets:
            for sec in s.sections:
                if sec.type == "summary":
                    tab = self.table(sec.table)
                    cols = {c.key: c.label for c in tab.columns}
                    for code, label in sec.groups + (("total", "Tất cả danh hiệu, hình thức"),):
                        for ck in sec.columns:
                            out[f"{sec.table}.{code}.{ck}"] = f"{label} - {cols[ck]}"
                elif sec.type == "table":
                    out[f"{sec.table}_count"] = f"Số dòng đã khai ở {s.name} mục {sec.key}"
        return out


def _field(d: dict) -> Field:
    return Field(d["key"], d["label"], d.get("kind", INT), d.get("unit", ""),
                 tuple(d.get("sum", ())), tuple(d.get("minus", ())), d.get("max", ""),
                 tuple(d.get("num", ())), tuple(d.get("den", ())), d.get("definition", ""),
                 d.get("applies_to", ""), tuple(d.get("choices", ())))


def in_force(laws, code: str, when: dt.date):
    """The row of register text ``code`` in force on ``when`` (codes compared
    as the clerk may type them), or None."""
    from tdkt_xl.model.index import key
    return next((l for l in laws if key(l.code) == key(code) and l.applies(when)), None)


def parse_spec(data: dict, source: str = "") -> Spec:
    lists = {name: tuple(Choice(c["code"], c["label"], c.get("group", ""), c.get("short", ""),
                                c.get("subject", ""))
                         for c in items) for name, items in data.get("lists", {}).items()}
    sheets = []
    for sh in data["sheets"]:
        sections = []
        for sec in sh["sections"]:
            t = sec["type"]
            if t == "fields":
                sections.append(Section(sec["key"], t, sec["title"], sec.get("applies_to", ""),
                                        fields=tuple(_field(f) for f in sec["fields"])))
            elif t == "table":
                cols = []
                for c in sec["columns"]:
                    ch = tuple(c.get("choices", ()))
                    if c.get("choices_from"):
                        ch = tuple(x.label for x in lists[c["choices_from"]])
                    cols.append(Column(c["key"], c["label"], c.get("kind", TEXT), c.get("required", False),
                                       c.get("width", 12), ch, tuple(c.get("sum", ())), c.get("max", "")))
                sections.append(Section(sec["key"], t, sec["title"], sec.get("applies_to", ""),
                                        table=sec["table"], rows=int(sec["rows"]), columns=tuple(cols)))
            elif t == "summary":
                groups = tuple((c.code, c.label) for c in lists[sec["choices_from"]])
                info = tuple(InfoColumn(c["label"], c["from"], tuple(c.get("values", {}).items()),
                                        int(c.get("since", 1))) for c in sec.get("info_columns", ()))
                sections.append(Section(sec["key"], t, sec["title"], sec.get("applies_to", ""),
                                        table=sec["table"], columns=tuple(sec["columns"]),
                                        by=sec["by"], groups=groups, choices=sec["choices_from"],
                                        info=info))
            else:
                raise ValueError(f"unknown section type {t}")
        sheets.append(SheetSpec(sh["key"], sh["name"], sh["title"], tuple(sections)))
    authority = tuple(dict(r) for r in data.get("authority", ()))
    missing = [i for i, r in enumerate(authority) if not (r.get("law") and r.get("code"))]
    if missing:
        raise ValueError(f"authority rule {missing[0]}: no register code ('law') or finding code ('code')")
    return Spec(data["template_id"], int(data["version"]), int(data["year"]), data["id_sheet"],
                tuple(sheets), lists, authority, tuple(data.get("checks", ())),
                dict(data.get("limits", {})), dict(data.get("colors", {})),
                tuple(data.get("instructions", ())), dict(data.get("outline", {})),
                data.get("file_name", "Phu_luc_{code}"), data.get("protection_password", ""), source,
                tuple(int(v) for v in data.get("accepts_versions", ())))


def for_level(data: dict, level: str) -> dict:
    """The spec's data as a round of ``level`` (tỉnh / huyện / xã; '' unknown) shows it:
    its ``level_words`` ({upper}, {own}, {special}) put into every text, and the list
    items whose ``levels`` do not include it left out (all kept when the level is unknown).  Keys and codes never change,
    so a returned file is read by the same keys whatever the level."""
    table = data.get("level_words", {})
    words = table.get(level, table.get("", {}))
    pad = {f"{{{k}}}": v for k, v in words.items()}

    def fill(value):
        if isinstance(value, str):
            for token, text in pad.items():
                value = value.replace(token, text)
            return value
        if isinstance(value, list):
            return [fill(v) for v in value if not (level and isinstance(v, dict) and v.get("levels")
                                                  and level not in v["levels"])]
        if isinstance(value, dict):
            return {k: fill(v) for k, v in value.items()}
        return value
    return fill(data)


@lru_cache(maxsize=8)
def _load(path: str, level: str) -> Spec:
    with open(path, encoding="utf-8") as fh:
        return parse_spec(for_level(json.load(fh), level), source=path)


def load_spec(path=None, level: str = "") -> Spec:
    """The spec as a round of ``level`` shows it ('' = level unknown: neutral words,
    every list item)."""
    return _load(str(Path(path or DEFAULT_SPEC).resolve()), level or "")


def round_spec(rnd, path=None) -> Spec:
    """The spec of ``rnd``'s forms: worded for its level (Cấu hình 'Cấp', else its
    supervising body)."""
    from tdkt_xl.rules.legal import level_of
    return load_spec(path, level_of(rnd.settings))


# ---------------------------------------------------------------- layout
@dataclass
class TableLayout:
    section: Section
    header_row: int                # 0-based
    first_row: int                 # first data row, 0-based
    cols: dict                     # column key -> 0-based column
    n_rows: int = 0                # rows found in a returned file (0: the form's own)

    @property
    def rows(self) -> int:
        return self.n_rows or self.section.rows

    @property
    def last_row(self) -> int:
        return self.first_row + self.rows - 1

    def cell(self, i: int, col_key: str) -> str:
        return a1(self.first_row + i, self.cols[col_key])


@dataclass
class SheetLayout:
    spec: SheetSpec
    width: int = 5                               # number of columns used
    anchors: dict = field(default_factory=dict)  # (row0, col0) -> expected label
    cells: dict = field(default_factory=dict)    # key -> (row0, col0) (fields, summary cells)
    kinds: dict = field(default_factory=dict)    # key -> Field for fields / summary marker
    tables: dict = field(default_factory=dict)   # table key -> TableLayout
    sections: list = field(default_factory=list) # (Section, title row0, rows [(row0, key|code)])
    col_widths: dict = field(default_factory=dict)
    _used: Optional[frozenset] = field(default=None, repr=False)

    def addr(self, key: str) -> str:
        r, c = self.cells[key]
        return a1(r, c)

    def used(self) -> frozenset:
        """Cells the merge reads or checks: labels, values, table cells.  A
        merged range touching one of them breaks the form (merges of the
        title lines, e.g. LibreOffice's 'centre across', do not)."""
        if self._used is None:
            cells = set(self.anchors) | set(self.cells.values())
            for tl in self.tables.values():
                for r in range(tl.first_row, tl.last_row + 1):
                    cells.update((r, c) for c in tl.cols.values())
            self._used = frozenset(cells)
        return self._used


@dataclass
class FormLayout:
    spec: Spec
    commune: bool
    sheets: dict                                  # sheet key -> SheetLayout

    def where(self, key: str):
        """(sheet name, A1) of a scalar key, or None."""
        for sl in self.sheets.values():
            if key in sl.cells:
                return sl.spec.name, sl.addr(key)
        return None


def applies(applies_to: str, commune: bool) -> bool:
    return not applies_to or (applies_to == COMMUNE and commune)


def header_texts(sec: Section) -> dict:
    """Header row labels of a section: 0-based column -> text."""
    if sec.type == "fields":
        return {COL_STT: "STT", COL_LABEL: "Nội dung", COL_VALUE: "Số liệu",
                COL_UNIT: "Đơn vị tính", COL_NOTE: "Ghi chú"}
    if sec.type == "table":
        out = {0: "STT"}
        for i, c in enumerate(sec.columns):
            out[i + 1] = c.label
        return out
    return {}


def info_columns(sec: Section, tl) -> list:
    """(0-based column, InfoColumn) of a summary's info columns: the table's columns
    the summary neither groups by nor totals, in order."""
    free = [tl.cols[c.key] for c in tl.section.columns if c.key not in sec.columns and c.key != sec.by]
    return list(zip(free, sec.info))


@lru_cache(maxsize=16)
def _layout(spec: Spec, commune: bool, version: int) -> FormLayout:
    sheets = {}
    for sh in spec.sheets:
        sl = SheetLayout(sh)
        row = HEAD_ROWS
        tables = {}
        for sec in sh.sections:
            if not applies(sec.applies_to, commune):
                continue
            sl.anchors[(row, 0)] = sec.title
            title_row = row
            row += 1
            rows = []
            if sec.type == "fields":
                for col, text in header_texts(sec).items():
                    sl.anchors[(row, col)] = text
                row += 1
                for f in sec.fields:
                    if not applies(f.applies_to, commune):
                        continue
                    sl.anchors[(row, COL_LABEL)] = f.label
                    sl.cells[f.key] = (row, COL_VALUE)
                    sl.kinds[f.key] = f
                    rows.append((row, f.key))
                    row += 1
            elif sec.type == "table":
                for col, text in header_texts(sec).items():
                    sl.anchors[(row, col)] = text
                cols = {c.key: i + 1 for i, c in enumerate(sec.columns)}
                tl = TableLayout(sec, row, row + 1, cols)
                tables[sec.table] = tl
                sl.tables[sec.table] = tl
                sl.width = max(sl.width, len(sec.columns) + 1)
                for c in sec.columns:
                    sl.col_widths[cols[c.key]] = max(sl.col_widths.get(cols[c.key], 0), c.width)
                row += 1 + sec.rows
            elif sec.type == "summary":
                tl = tables[sec.table]
                sl.anchors[(row, 0)] = "STT"
                sl.anchors[(row, 1)] = tl.section.columns[0].label
                for ck in sec.columns:
                    sl.anchors[(row, tl.cols[ck])] = next(c.label for c in tl.section.columns if c.key == ck)
                for col, info in info_columns(sec, tl):
                    if version >= info.since:          # a form of an older version lacks it
                        sl.anchors[(row, col)] = info.label
                row += 1
                for code, label in sec.groups + (("total", "Cộng"),):
                    sl.anchors[(row, 1)] = label
                    for ck in sec.columns:
                        key = f"{sec.table}.{code}.{ck}"
                        sl.cells[key] = (row, tl.cols[ck])
                        sl.kinds[key] = ("summary", sec.table, code, ck)
                    rows.append((row, code))
                    row += 1
            sl.sections.append((sec, title_row, rows))
            row += 1
        sheets[sh.key] = sl
    return FormLayout(spec, commune, sheets)


def layout(spec: Spec, commune: bool, version: Optional[int] = None) -> FormLayout:
    """Where everything lives on a form of ``spec`` (of ``version``, default the spec's
    own: a form of an accepted older version is checked against its own headers)."""
    return _layout(spec, bool(commune), spec.version if version is None else int(version))
