"""Test harness: a real xlwings ``Book`` without Excel.

xlwings' remote engine (``xw.Book(json=payload)``) builds a Book from the
JSON that its Office Scripts / Office.js client posts, and queues every write
as an *action* (``book.json()``).  This module

* builds that payload from a workbook file (python-calamine, A1-anchored, with
  dates/times encoded as the client sends them: ISO strings ending in ``Z``),
  or from plain sheet arrays;
* makes ``xw.Book.caller()`` return the book (``set_mock_caller``);
* applies the returned actions to a copy of the arrays, to check final state,
  converting every written string as desktop Excel does (``excel_typed``);
* counts range value reads and writes per click.

The remote engine is xlwings PRO (PolyForm Noncommercial licence, key
``noncommercial``): it is used here, in tests, only.
"""
from __future__ import annotations

import contextlib
import copy
import datetime as dt
import json
import os
import re
from collections import Counter
from pathlib import Path

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")

import xlwings as xw  # noqa: E402

CLIENT = "Microsoft Office Scripts"
_EPOCH = dt.datetime(1899, 12, 30)


def _iso(d: dt.datetime) -> str:
    return d.strftime("%Y-%m-%dT%H:%M:%S.") + f"{d.microsecond // 1000:03d}Z"


def client_value(v):
    """A cell value as the Office Scripts client sends it (JSON-able)."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return v
    if isinstance(v, dt.datetime):
        return _iso(v)
    if isinstance(v, dt.date):
        return _iso(dt.datetime(v.year, v.month, v.day))
    if isinstance(v, dt.time):
        return _iso(dt.datetime.combine(_EPOCH.date(), v))
    if isinstance(v, dt.timedelta):
        return _iso(_EPOCH + v)
    if isinstance(v, float) and v.is_integer():
        return int(v)
    return v


def _rect(rows) -> list:
    rows = [list(r) for r in rows] or [[]]
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]


def payload_from_arrays(sheets: dict, book_name: str = "tdkt_2024.xlsm",
                        active: str | None = None, selection: str = "A1") -> dict:
    """Payload of a book whose sheets are ``{name: 2-D array}`` (in order)."""
    names = list(sheets)
    active_ix = names.index(active) if active else 0
    data = {
        "client": CLIENT,
        "version": xw.__version__,
        "book": {"name": book_name, "active_sheet_index": active_ix, "selection": selection},
        "names": [],
        "sheets": [{"name": n, "values": _rect([[client_value(v) for v in row] for row in rows]),
                    "pictures": [], "tables": []} for n, rows in sheets.items()],
    }
    return json.loads(json.dumps(data))  # exactly what crosses the wire


def file_arrays(path) -> dict:
    """Every sheet of a workbook file, A1-anchored, in workbook order; a
    formula error cell as its text ('#REF!'), as the Office.js client sends it."""
    from tdkt_xl.io.sources import read_file_arrays
    return read_file_arrays(path)


def payload_from_file(path, active: str | None = None, selection: str = "A1") -> dict:
    return payload_from_arrays(file_arrays(path), Path(path).name, active, selection)


def open_book(payload: dict, caller: bool = True) -> xw.Book:
    book = xw.Book(json=copy.deepcopy(payload))
    if caller:
        book.set_mock_caller()
    return book


# ------------------------------------------------------------------ what Excel makes of a string
class Formula(str):
    """A cell that Excel holds as a formula (its text, as written)."""


# The year Excel gives a date typed without one ("3/4"): the current year in
# Excel; a fixed one here so that no test depends on the clock.
NO_YEAR = 2024
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:[.,]\d+)*|[.,]\d+)(?:[eE][+-]?\d+)?$")
_DATE = re.compile(r"^(\d{1,4})([/-])(\d{1,2})(?:\2(\d{1,4}))?"
                   r"(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?$")
_FRACTION = re.compile(r"^([+-]?\d+)\s+(\d+)/(\d+)$")


def _number(text: str, date_order: str):
    """A numeral as Excel reads it: en-US ("mdy") has "." as decimal mark and
    "," grouping digits; Vietnamese ("dmy") the other way round."""
    dec, group = (".", ",") if date_order == "mdy" else (",", ".")
    whole = text.lstrip("+-").split(dec)[0]
    if group in whole and not re.fullmatch(r"\d{1,3}(?:" + re.escape(group) + r"\d{3})+", whole):
        return None
    body = text.replace(group, "")
    if body.count(dec) > 1:
        return None
    v = float(body.replace(dec, "."))
    return int(v) if v.is_integer() and "e" not in text.lower() and dec not in text else v


def _date(y: int, m: int, d: int, hh=0, mm=0, ss=0):
    if y < 100:
        y += 2000 if y < 30 else 1900
    try:
        return dt.datetime(y, m, d, hh, mm, ss)
    except ValueError:
        return None


def excel_typed(v, date_order: str = "mdy"):
    """What a cell holds after Excel receives ``v`` through ``Range.Value``
    (COM) or ``range.values`` (Office.js): a string is parsed as if typed.
    A small emulation of desktop Excel, enough to show text that does not
    survive:

    * a leading ``'`` is the "text" marker: it is eaten, the rest is kept as text;
    * a leading ``=`` makes a formula (kept as its text, type ``Formula``);
      a leading ``+``, ``-`` or ``@`` too, unless a number follows (``-5``);
    * ``TRUE``/``FALSE`` become booleans;
    * numerals become numbers (``01`` -> 1; ``.``/``,`` as decimal mark or
      digit grouping per the regional settings), ``50%`` -> 0.5,
      ``1 3/4`` -> 1.75;
    * dates become dates: ``d/m/y`` with Vietnamese settings (``date_order``
      "dmy"), ``m/d/y`` with English (US) ones ("mdy"), also with ``-``, 2- or
      4-digit years, ISO ``yyyy-mm-dd [hh:mm[:ss]]`` (how xlwings sends a
      datetime), and ``3/4`` without a year (a date of ``NO_YEAR``); a string
      that is no valid date in that order stays text (``25/06/2024`` in US);
    * ``hh:mm[:ss]`` becomes a time.

    Everything else (and every non-string) is kept as it is; None and "" clear."""
    if v is None:
        return ""
    if not isinstance(v, str) or v == "":
        return v
    s = v.strip()
    if v.startswith("'"):
        return v[1:]
    if v.startswith("="):
        return Formula(v)
    if s.upper() in ("TRUE", "FALSE"):
        return s.upper() == "TRUE"
    if _NUMBER.match(s):
        n = _number(s, date_order)
        if n is not None:
            return n
    if s.endswith("%") and _NUMBER.match(s[:-1].strip()):
        n = _number(s[:-1].strip(), date_order)
        if n is not None:
            return n / 100
    if v[0] in "+-@" and len(s) > 1:
        return Formula("=" + v.lstrip("@"))
    m = _FRACTION.match(s)
    if m and int(m.group(3)):
        whole, num, den = int(m.group(1)), int(m.group(2)), int(m.group(3))
        return whole + (num / den if whole >= 0 else -num / den)
    m = _DATE.match(s)
    if m:
        a, sep, b, c = m.group(1), m.group(2), m.group(3), m.group(4)
        hh, mm, ss = (int(x) if x else 0 for x in m.group(5, 6, 7))
        if len(a) == 4:                                   # ISO yyyy-mm-dd
            got = _date(int(a), int(b), int(c), hh, mm, ss) if c else None
        elif c is None:                                   # no year: "3/4"
            x, y = int(a), int(b)
            got = _date(NO_YEAR, x, y) if date_order == "mdy" else _date(NO_YEAR, y, x)
        else:
            x, y, year = int(a), int(b), int(c)
            got = (_date(year, x, y, hh, mm, ss) if date_order == "mdy"
                   else _date(year, y, x, hh, mm, ss))
        if got is not None:
            return got
        return v
    m = _TIME.match(s)
    if m and int(m.group(1)) < 24 and int(m.group(2)) < 60:
        return dt.time(int(m.group(1)), int(m.group(2)), int(m.group(3) or 0))
    return v


# ------------------------------------------------------------------ applying actions
class Applied:
    """Sheet arrays after applying a book's actions (values only)."""

    def __init__(self, payload: dict, date_order: str = "mdy"):
        self.date_order = date_order
        self.names = [s["name"] for s in payload["sheets"]]
        self.values = {s["name"]: [list(r) for r in s["values"]] for s in payload["sheets"]}
        self.alerts: list[str] = []
        self.other: list[dict] = []

    def _grid(self, pos: int, rows: int, cols: int) -> list:
        g = self.values[self.names[pos]]
        width = max([len(r) for r in g] + [cols])
        while len(g) < rows:
            g.append([])
        for r in g:
            r.extend([""] * (width - len(r)))
        return g

    def apply(self, actions: list) -> "Applied":
        for a in actions:
            f = a["func"]
            if f == "setValues":
                g = self._grid(a["sheet_position"], a["start_row"] + a["row_count"],
                               a["start_column"] + a["column_count"])
                for i, row in enumerate(a["values"]):
                    for j, v in enumerate(row):
                        g[a["start_row"] + i][a["start_column"] + j] = excel_typed(v, self.date_order)
            elif f in ("rangeClearContents", "rangeClear"):
                g = self._grid(a["sheet_position"], a["start_row"] + a["row_count"],
                               a["start_column"] + a["column_count"])
                for i in range(a["row_count"]):
                    for j in range(a["column_count"]):
                        g[a["start_row"] + i][a["start_column"] + j] = ""
            elif f == "addSheet":
                ix, name = a["args"]
                self.names.insert(ix, name)
                self.values[name] = [[]]
            elif f == "alert":
                self.alerts.append(a["args"][0])
            else:
                self.other.append(a)
        return self

    def sheet(self, name: str) -> list:
        """Rows of a sheet without trailing empty rows/columns."""
        g = [list(r) for r in self.values[name]]
        while g and all(v in ("", None) for v in g[-1]):
            g.pop()
        width = max((max((i + 1 for i, v in enumerate(r) if v not in ("", None)), default=0)
                     for r in g), default=0)
        return [r[:width] for r in g]

    def payload(self, template: dict, active: str | None = None) -> dict:
        """A new payload (as the client would send on the next click)."""
        data = copy.deepcopy(template)
        data["sheets"] = [{"name": n, "values": _rect([[client_value(v) for v in r] for r in self.values[n]]),
                           "pictures": [], "tables": []} for n in self.names]
        if active:
            data["book"]["active_sheet_index"] = self.names.index(active)
        return data


def apply(payload: dict, book: xw.Book, date_order: str = "mdy") -> Applied:
    """The book's state after its actions, as desktop Excel would hold it
    (``date_order``: "mdy" = English (US) regional settings, "dmy" = Vietnamese)."""
    return Applied(payload, date_order).apply(book.json()["actions"])


# ------------------------------------------------------------------ counting
@contextlib.contextmanager
def count_range_io():
    """Count xlwings range value reads and writes (by sheet) inside the block.

    Works for every engine (it wraps ``xlwings.main.Range``), so the numbers
    are those a desktop Excel click would make through COM."""
    counts = {"reads": Counter(), "writes": Counter()}
    R = xw.main.Range
    orig_value = R.value
    orig_clear = R.clear_contents
    orig_formula = R.formula

    def get(self):
        counts["reads"][self.sheet.name] += 1
        return orig_value.fget(self)

    def set_(self, v):
        counts["writes"][self.sheet.name] += 1
        return orig_value.fset(self, v)

    def clear(self):
        counts["writes"][self.sheet.name] += 1
        return orig_clear(self)

    def fset_formula(self, v):
        counts["writes"][self.sheet.name] += 1
        return orig_formula.fset(self, v)

    R.value = property(get, set_)
    R.clear_contents = clear
    R.formula = property(orig_formula.fget, fset_formula)
    try:
        yield counts
    finally:
        R.value = orig_value
        R.clear_contents = orig_clear
        R.formula = orig_formula


# ------------------------------------------------------------------ books to test with
SHIPPED = Path(os.environ.get("TDKT_TEST_WORKBOOK")
               or Path(__file__).resolve().parents[1] / "workbook" / "tdkt_2024.xlsm")


def typed_example_sheets() -> dict:
    """The shipped example round as a built workbook lays it out, values typed
    (dates, times, numbers), in ALL_SHEETS order: controlled sheets carry the
    control bar (``Việc cần làm`` + dropdown) in row 1 and their header in row
    2; Điều khiển has its options; Lỗi dữ liệu, Nhật ký and the marks sheet have
    their headers.  Used when the committed workbook is not there."""
    from tdkt_xl.builder.example import example_sheets
    from tdkt_xl.builder.values import typed
    from tdkt_xl.vocabulary import cells, schema as S
    from tdkt_xl.io import controls as K

    ex = example_sheets()
    controlled = {c.sheet for c in K.SHEET_CONTROLS}
    kinds = {s.name: {cells.key_text(c.header): c.kind for c in s.columns} for s in S.MODEL_SHEETS}
    setting_kinds = {cells.key_text(s.label): s.kind for s in S.SETTING_KEYS}
    out = {}
    for s in S.ALL_SHEETS:
        if s.name in ex:
            rows = ex[s.name]
            hdr = rows[0]
            if s is S.SETTINGS:
                body = [[r[0], typed(setting_kinds.get(cells.key_text(r[0]), S.TEXT), r[1])] + r[2:]
                        for r in rows[1:]]
            else:
                ks = [kinds[s.name].get(cells.key_text(h), S.TEXT) for h in hdr]
                body = [[typed(k, v) for k, v in zip(ks, r)] for r in rows[1:]]
            rows = [hdr] + body
            if s.name in controlled:
                rows = [[K.JOB_LABEL, None]] + rows
            out[s.name] = rows
        elif s is S.CONTROL:
            out[s.name] = [["Điều khiển: chọn việc và bấm nút"], [K.OPT_JOB, K.JOB_VALIDATE],
                           [K.OPT_UNIT, K.OPT_UNIT_ALL], [K.OPT_PDF, "Không"], [K.OPT_OVERWRITE, "Không"]]
        elif s.columns:
            out[s.name] = [s.headers]
        else:
            out[s.name] = [["Hướng dẫn sử dụng sổ tính"]]
    out[K.MARKS_SHEET] = [list(K.MARKED_SHEETS)]
    return out


def shipped_or_example() -> tuple[dict, str]:
    """(sheet arrays, where from): the committed workbook when it exists."""
    if SHIPPED.exists():
        return file_arrays(SHIPPED), str(SHIPPED)
    return typed_example_sheets(), "example arrays (workbook/tdkt_2024.xlsm not built yet)"


def scaled(sheets: dict, n_units: int) -> dict:
    """A copy of ``sheets`` with ``n_units`` units: every unit-keyed row of the
    example is repeated for new codes U0001… (cycling over the example units)."""
    from tdkt_xl.vocabulary import cells, schema as S
    from tdkt_xl.io.reader import find_layout
    out = {k: [list(r) for r in v] for k, v in sheets.items()}
    units_layout = find_layout(S.UNITS, out[S.UNITS.name], [])
    hr = units_layout.header_row
    ci = units_layout.index["code"]
    templates = [r for r in out[S.UNITS.name][hr + 1:] if not cells.is_blank(r[ci])]
    mapping = []                      # (new code, template code)
    new_units = []
    for i in range(n_units):
        t = templates[i % len(templates)]
        code = f"U{i + 1:04d}"
        row = list(t)
        row[ci] = code
        new_units.append(row)
        mapping.append((code, cells.norm_text(t[ci])))
    out[S.UNITS.name] = out[S.UNITS.name][:hr + 1] + new_units
    by_template = {}
    for code, t in mapping:
        by_template.setdefault(t, []).append(code)
    for sheet in (S.SCHEDULE, S.DELEGATION, S.RESULTS, S.EVALUATIONS, S.RECOMMENDATIONS, S.DOCUMENTS):
        rows = out.get(sheet.name)
        if not rows:
            continue
        lay = find_layout(sheet, rows, [])
        ui = lay.index.get("unit_code")
        if ui is None:
            continue
        hr = lay.header_row
        body = []
        for r in rows[hr + 1:]:
            code = cells.norm_text(r[ui]) if ui < len(r) else ""
            if not code:
                body.append(r)
                continue
            for new in by_template.get(code, []):
                nr = list(r)
                nr[ui] = new
                body.append(nr)
        out[sheet.name] = rows[:hr + 1] + body
    return out


def click_script(job: str, folder, modules) -> str:
    """Python source of a fresh click process: the *Điều khiển* sheet of the
    shipped round set to ``job``, main() run with outputs in ``folder``; it
    prints whether the click succeeded and which of ``modules`` it imported."""
    return (
        "import sys\n"
        "sys.path.insert(0, 'tests')\n"
        "from tdkt_xl.excel.xlimport import xlwings\n"
        "xlwings()\n"
        "import datetime as dt, xl_payload as X\n"
        "from tdkt_xl.excel import main\n"
        "from tdkt_xl.io import controls as K\n"
        "from tdkt_xl.vocabulary import cells, schema as S\n"
        "arrays = X.shipped_or_example()[0]\n"
        "for row in arrays[S.CONTROL.name]:\n"
        "    if row and isinstance(row[0], str) and cells.norm_text(row[0]) == K.OPT_JOB:\n"
        f"        row[1] = {job!r}\n"
        "book = X.open_book(X.payload_from_arrays(arrays, active=S.CONTROL.name))\n"
        f"out = main(folder={str(folder)!r}, clock=lambda: dt.datetime(2024, 6, 1, 9))\n"
        f"print(out.ok, sorted(m for m in {tuple(modules)!r} if m in sys.modules))\n")


def run_clicks(job: str, tmp_path, modules, n: int = 2, timeout: int = 180) -> list:
    """``n`` fresh click processes of ``job`` (``click_script``) sharing one cache
    folder under ``tmp_path``; each one's last line (``ok [modules imported]``),
    with the stderr tails as the message of a failed comparison."""
    import subprocess
    import sys
    root = Path(__file__).resolve().parents[1]
    code = click_script(job, Path(tmp_path) / "out", modules)
    env = dict(os.environ, PYTHONPATH=str(root), XLWINGS_LICENSE_KEY="noncommercial",
               TDKT_CACHE_DIR=str(Path(tmp_path) / "cache"))
    runs = [subprocess.run([sys.executable, "-c", code], env=env, cwd=root, capture_output=True,
                           text=True, timeout=timeout) for _ in range(n)]
    return [(r.stdout.strip().splitlines() or [r.stderr[-800:]])[-1] for r in runs]
