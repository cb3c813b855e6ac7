"""One returned file: sniff it, identify it, read its input cells.

Never writes, moves or executes anything: the file is opened read-only with
python-calamine (a returned .xlsm's macros are never run).  Formula cells are
read only to detect a typed total that contradicts its parts; every total and
ratio is recomputed from the input cells (``compute``).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Optional

from tdkt_xl.appendices import codes as K
from tdkt_xl.appendices.anchors import locate, over_limit
from tdkt_xl.appendices.compute import compute, sum_keys
from tdkt_xl.appendices.forms import ID_ROWS, VARIANT_COMMUNE
from tdkt_xl.appendices.spec import CHOICE, DATE, INT, MONEY, NUMERIC, FormLayout, Spec, in_force, layout
from tdkt_xl.io.cell_errors import error_cells, overlay
from tdkt_xl.io.extent import ExtentError, check_sheets, sheet_parts
from tdkt_xl.io.package import Package, PackageError
from tdkt_xl.vocabulary import cells
from tdkt_xl.vocabulary.cells import a1
from tdkt_xl.vocabulary.findings import Finding

MERGED, REJECTED, SUPERSEDED, SKIPPED = "merged", "rejected", "superseded", "skipped"
STATUS_VI = {MERGED: "Đã tổng hợp", REJECTED: "Bị từ chối", SUPERSEDED: "Bị thay bằng tệp mới hơn",
             SKIPPED: "Bỏ qua (không phải tệp gửi về)"}
_MODIFIED = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?modified[^>]*>([^<]{1,64})</")
MAX_CORE_BYTES = 100_000
MAX_NUMBER = 10 ** 15            # Excel keeps 15 digits: no count or amount of a form comes near        # docProps/core.xml: a few hundred bytes in every real file


def display_name(path: Path) -> str:
    """The file name as a clerk can read it (bytes that are not UTF-8 shown as \\xNN)."""
    raw = os.fsencode(path.name)
    text = raw.decode("utf-8", "backslashreplace")
    return "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in text)


@dataclass
class FileOutcome:
    path: Path
    name: str
    status: str = REJECTED
    unit_code: str = ""
    saved_at: Optional[dt.datetime] = None     # docProps/core.xml dcterms:modified
    mtime: float = 0.0
    version: Optional[int] = None
    commune: Optional[bool] = None
    findings: list = field(default_factory=list)
    book: object = None                        # the open calamine workbook (until parsed)
    digest: str = ""                           # content hash (the merge cache key)
    extents: dict = field(default_factory=dict)   # sheet -> Extent (from the bounded scan)
    errors: dict = field(default_factory=dict)    # sheet -> {(row, col): '#REF!'} (calamine reads them blank)
    chosen_by: str = ""                        # why this file is its unit's newest (Vietnamese)
    pkg: object = field(default=None, repr=False)
    stat: tuple = ()                           # (size, mtime_ns, ctime_ns, inode) when its bytes were read

    def close(self) -> None:
        """Release the open workbook, the file's bytes and what the parse
        needed of them (a worker sends the outcome back: the less to copy)."""
        self.pkg = None
        self.extents, self.errors = {}, {}
        if self.book is not None:
            try:
                self.book.close()
            except Exception:
                pass
            self.book = None

    def as_dict(self) -> dict:
        return {"file": self.name, "status": self.status, "unit": self.unit_code,
                "saved_at": self.saved_at.isoformat(sep=" ") if self.saved_at else None,
                "codes": sorted({f.code for f in self.findings})}


@dataclass
class UnitReturn:
    """The merged figures of one unit."""
    code: str
    file: str
    commune: bool
    values: dict                # spec key -> value (inputs, totals, ratios)
    tables: dict                # table key -> list[dict] (typed rows, with computed columns)
    saved_at: Optional[dt.datetime] = None


def _fail(out: FileOutcome, ft, sheet="", cell="", **kw) -> FileOutcome:
    out.close()
    out.findings.append(ft.at(sheet, cell, out.unit_code, file=out.name, **kw))
    out.status = REJECTED
    return out


def _package_fail(out: FileOutcome, e: PackageError) -> FileOutcome:
    if isinstance(e, ExtentError):
        return _fail(out, K.TOO_MANY_CELLS, e.sheet, e.cell, detail=e.message)
    if e.kind == "too_big":
        return _fail(out, K.TOO_MANY_CELLS, detail=e.message)
    return _fail(out, K.CORRUPT, reason=e.message)


def _unreadable(sheet: str, e: Exception) -> str:
    """Why calamine could not read the workbook or one sheet, in Vietnamese
    (its own words, technical, in brackets)."""
    detail = str(e).splitlines()[0][:160] if str(e) else type(e).__name__
    what = f"dữ liệu trang '{sheet}'" if sheet else "nội dung sổ tính"
    return f"{what} không đọc được ({detail})"


def _saved_at(raw: bytes) -> Optional[dt.datetime]:
    m = _MODIFIED.search(raw)
    if not m:
        return None
    text = m.group(1).decode("ascii", "replace").strip().rstrip("Z")
    try:
        return dt.datetime.fromisoformat(text).replace(tzinfo=None)
    except ValueError:
        return None


_ENCRYPTED_STREAMS = tuple((n + "\0").encode("utf-16-le") for n in ("EncryptionInfo", "EncryptedPackage"))


def _is_encrypted(data: bytes) -> bool:
    """A Compound File holding the streams of Office's 'Encrypt with password'
    (an .xlsx with a password to open).  Found by its directory entries (128
    bytes each, aligned, the name's byte length after it), so no OLE library
    is needed."""
    for name in _ENCRYPTED_STREAMS:
        pos = data.find(name)
        while pos >= 0:
            if pos % 128 == 0 and data[pos + 64:pos + 66] == len(name).to_bytes(2, "little"):
                return True
            pos = data.find(name, pos + 1)
    return False


def sheets_read(spec: Spec) -> list:
    """Every sheet the merge reads from a returned file (identification first)."""
    return [spec.id_sheet] + [sh.name for sh in spec.sheets]


def sniff(path: Path, spec: Spec) -> FileOutcome:
    """File-level checks (no spreadsheet parsing): size, signature, zip
    structure and every part verified with bounds, the real extent of every
    sheet the merge will read.  Status stays REJECTED with a finding when the
    file cannot be a returned form; otherwise status ''."""
    out = load(path, spec)
    return out if out.status == REJECTED else check_package(out, out.pkg, spec)


def stat_of(st) -> tuple:
    """What tells that a file was not touched since it was last read: its
    size, its modification and change times in nanoseconds, its inode."""
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def load(path: Path, spec: Spec) -> FileOutcome:
    """Read the file's bytes (bounded) and hash them; ``out.pkg`` holds the
    bytes until ``check_package``."""
    path = Path(path)
    out = FileOutcome(path, display_name(path))
    limits = spec.limits
    try:
        st = path.stat()
    except OSError as e:
        return _fail(out, K.UNREADABLE, reason=e.strerror or str(e))
    out.mtime = st.st_mtime
    out.stat = stat_of(st)
    if st.st_size == 0:
        return _fail(out, K.EMPTY_FILE)
    max_bytes = int(limits.get("max_file_bytes", 2_000_000))
    if st.st_size > max_bytes:
        return _fail(out, K.TOO_BIG, size=f"{st.st_size:,}".replace(",", "."),
                     limit=f"{max_bytes:,}".replace(",", "."))
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as e:
        return _fail(out, K.UNREADABLE, reason=e.strerror or str(e))
    if len(data) > max_bytes:                       # grew since stat
        return _fail(out, K.TOO_BIG, size=f"{len(data):,}+".replace(",", "."),
                     limit=f"{max_bytes:,}".replace(",", "."))
    if not data:
        return _fail(out, K.EMPTY_FILE)
    out.digest = hashlib.sha256(data).hexdigest()        # SHA-256: done by the processor itself on most PCs
    out.pkg = data
    out.status = ""
    return out


def check_package(out: FileOutcome, data: bytes, spec: Spec) -> FileOutcome:
    """The zip-level checks of ``sniff`` on the file's bytes."""
    out.status = REJECTED
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return _fail(out, K.PASSWORD if _is_encrypted(data) else K.OLD_XLS)
    if not data.startswith(b"PK"):
        return _fail(out, K.UNREADABLE, reason="không phải sổ tính Excel (.xlsx)")
    limits = spec.limits
    try:
        pkg = Package.open(data, int(limits.get("max_xml_bytes", 20_000_000)))
        names = pkg.names()
        if "word/document.xml" in names:
            return _fail(out, K.WORD_FILE)
        if "xl/workbook.xml" not in names:
            if "mimetype" in names and b"opendocument" in pkg.read("mimetype", 200)[:80]:
                return _fail(out, K.UNREADABLE, reason="là bảng tính OpenDocument (.ods); hãy mở tệp và "
                                                       "lưu lại dạng Excel (.xlsx)")
            return _fail(out, K.UNREADABLE, reason="không phải sổ tính Excel (.xlsx)")
        pkg.verify_all()
        if "docProps/core.xml" in names:
            out.saved_at = _saved_at(pkg.xml("docProps/core.xml", MAX_CORE_BYTES))
        parts = sheet_parts(pkg)
        wanted = [n for n in sheets_read(spec) if n in parts]
        out.extents = check_sheets(pkg, wanted, int(limits.get("max_cells", 20000)), parts=parts)
        out.errors = {n: e for n in wanted if (e := error_cells(pkg.xml(parts[n])))}
    except PackageError as e:
        return _package_fail(out, e)
    out.pkg = pkg
    out.status = ""
    return out


@lru_cache(maxsize=1)
def _id_labels() -> dict:
    """{key_text of a label of the identification sheet: its key}."""
    return {cells.key_text(label): key for key, label in ID_ROWS}


def identify(out: FileOutcome, spec: Spec) -> FileOutcome:
    """Open with calamine (only after ``sniff`` bounded every part and sheet)
    and read the hidden identification sheet."""
    from python_calamine import CalamineWorkbook
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(out.pkg.verified_zip()))
        names = wb.sheet_names
    except Exception as e:  # calamine raises its own types for broken parts
        return _fail(out, K.CORRUPT, reason=_unreadable("", e))
    out.book = wb
    if spec.id_sheet not in names or spec.id_sheet not in out.extents:
        return _fail(out, K.NOT_IDENTIFIED, reason=f"không có trang {spec.id_sheet}", id_sheet=spec.id_sheet)
    try:
        rows = wb.get_sheet_by_name(spec.id_sheet).to_python(skip_empty_area=False)
    except Exception as e:
        return _fail(out, K.CORRUPT, spec.id_sheet, reason=_unreadable(spec.id_sheet, e))
    found = {}
    labels = _id_labels()
    for row in rows[:20]:
        if len(row) >= 2:
            key = labels.get(cells.key_text(row[0]))
            if key is not None:
                found[key] = row[1]
    if cells.norm_text(found.get("template_id")) != spec.template_id:
        return _fail(out, K.NOT_IDENTIFIED, spec.id_sheet, "B1",
                     reason=f"mã mẫu '{cells.norm_text(found.get('template_id'))[:60]}' không đúng",
                     id_sheet=spec.id_sheet)
    try:
        version = cells.to_int(found.get("version"))
    except (cells.BadValue, ValueError, OverflowError):
        version = None
    code = cells.norm_text(found.get("unit_code"))
    out.unit_code = code[:60]
    out.version = version
    if version is None or not code:
        return _fail(out, K.NOT_IDENTIFIED, spec.id_sheet, "B2",
                     reason="thiếu phiên bản hoặc mã đơn vị", id_sheet=spec.id_sheet)
    if version < spec.version and version not in spec.accepts:
        return _fail(out, K.OLD_VERSION, spec.id_sheet, "B2", found=version, current=spec.version)
    if version > spec.version:
        return _fail(out, K.NOT_IDENTIFIED, spec.id_sheet, "B2",
                     reason=f"phiên bản {version if version < 10**6 else 'quá lớn'} mới hơn phiên bản chương "
                            f"trình hỗ trợ ({spec.version})", id_sheet=spec.id_sheet)
    out.commune = cells.key_text(found.get("variant")) == cells.key_text(VARIANT_COMMUNE)
    return out


# ---------------------------------------------------------------- values
def _number(raw, label: str, where: tuple, findings: list):
    sheet, cell, out = where
    if cells.is_blank(raw):
        return None
    if isinstance(raw, bool):          # a TRUE/FALSE cell: never taken as 1/0
        findings.append(K.LOGICAL_IN_NUMBER.at(sheet, cell, out.unit_code, file=out.name, label=label))
        return None
    if isinstance(raw, (dt.date, dt.time)):
        findings.append(K.TEXT_IN_NUMBER.at(sheet, cell, out.unit_code, file=out.name, label=label,
                                            value=cells.norm_text(raw)))
        return None
    if isinstance(raw, (int, float)):
        v = raw
    else:
        text = cells.norm_text(raw)
        if len(text) > 40:
            findings.append(K.TOO_LARGE.at(sheet, cell, out.unit_code, file=out.name, label=label,
                                           value=_short(text), limit=_fmt(MAX_NUMBER)))
            return None
        try:
            v = cells.to_int(raw)
        except (cells.BadValue, ValueError, OverflowError):
            findings.append(K.TEXT_IN_NUMBER.at(sheet, cell, out.unit_code, file=out.name, label=label,
                                                value=_short(text)))
            return None
    if v != v or abs(v) > MAX_NUMBER:          # NaN, infinity, or beyond any real count or amount
        findings.append(K.TOO_LARGE.at(sheet, cell, out.unit_code, file=out.name, label=label,
                                       value=_short(cells.norm_text(raw)), limit=_fmt(MAX_NUMBER)))
        return None
    if v < 0:
        findings.append(K.NEGATIVE.at(sheet, cell, out.unit_code, file=out.name, label=label,
                                      value=cells.norm_text(v)))
        return None
    if isinstance(v, float):
        if not v.is_integer():
            findings.append(K.NOT_WHOLE.at(sheet, cell, out.unit_code, file=out.name, label=label, value=v))
            return None
        v = int(v)
    return v


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else f"{text[:n]}… ({len(text)} ký tự)"


def _value(kind: str, raw, label: str, choices: tuple, where: tuple, findings: list):
    if type(raw) is float and kind in NUMERIC and 0 <= raw <= MAX_NUMBER and raw.is_integer():
        return int(raw)                            # a count as Excel stores it (what _number gives)
    sheet, cell, out = where
    error = cells.formula_error(raw)
    if error:
        findings.append(K.FORMULA_ERROR.at(sheet, cell, out.unit_code, file=out.name, label=label, error=error))
        return None
    if kind in (INT, MONEY):
        return _number(raw, label, where, findings)
    if kind == CHOICE:
        if type(raw) is str and type(choices) is tuple:
            k = cells.key_text(raw)
            found = _choice_keys(choices).get(k) if k else None
            if found is not None:                  # what to_choice gives, without a key per choice
                return found
        try:
            return cells.to_choice(raw, choices) or None
        except (cells.BadValue, ValueError, OverflowError):
            findings.append(K.BAD_CHOICE.at(sheet, cell, out.unit_code, file=out.name, label=label,
                                            value=cells.norm_text(raw)))
            return None
    if kind == DATE:
        try:
            return cells.to_date(raw)
        except (cells.BadValue, ValueError, OverflowError):
            findings.append(K.BAD_DATE.at(sheet, cell, out.unit_code, file=out.name, label=label,
                                          value=cells.norm_text(raw)))
            return None
    return cells.norm_text(raw) or None


@lru_cache(maxsize=64)
def _choice_keys(choices: tuple) -> dict:
    """{key_text: choice} of a dropdown list, the first of equal keys (as ``cells.to_choice``)."""
    out: dict = {}
    for c in choices:
        out.setdefault(cells.key_text(c), c)
    return out


_EMPTY = frozenset({"", None})


def _blank(v) -> bool:
    """``cells.is_blank``, with the empty string (most cells of a form) first."""
    return v == "" or v is None or (isinstance(v, str) and not v.strip())


def _at(rows, r: int, c: int):
    if r < len(rows):
        row = rows[r]
        if c < len(row):
            return row[c]
    return None


def _fmt(v) -> str:
    if v is None:
        return "(trống)"
    if isinstance(v, float) and not v.is_integer():
        return f"{v:.1%}".replace(".", ",")
    if isinstance(v, (int, float)):
        return f"{int(v):,}".replace(",", ".")
    return str(v)


def parse(out: FileOutcome, spec: Spec, rnd, as_of: Optional[dt.date] = None) -> Optional[UnitReturn]:
    """Read the input cells of an identified file and run every check.
    Returns the unit's figures, or None (out.status = REJECTED) on a hard error."""
    wb = out.book
    try:
        return _parse(out, wb, spec, rnd, as_of)
    finally:
        out.close()


def merged_over(merges, used) -> Optional[tuple]:
    """The first merged range (r0, c0, r1, c1) covering a used cell, by bounds:
    never enumerates the cells of a range (A200:XFD1048576 is 17 billion)."""
    if not merges or not used:
        return None
    rows = [r for r, _c in used]
    cols = [c for _r, c in used]
    top, bottom, left, right = min(rows), max(rows), min(cols), max(cols)
    for m in merges:
        r0, c0, r1, c1 = m
        if r1 < top or r0 > bottom or c1 < left or c0 > right:
            continue
        if any(r0 <= r <= r1 and c0 <= c <= c1 for r, c in used):
            return m
    return None


def _parse(out: FileOutcome, wb, spec: Spec, rnd, as_of: Optional[dt.date]) -> Optional[UnitReturn]:
    lay: FormLayout = layout(spec, bool(out.commune), out.version)
    plan = _reading_plan(lay)
    findings: list[Finding] = []
    unit = out.unit_code
    sheets = {}
    located = {}
    names = set(wb.sheet_names)
    for skey, sl in lay.sheets.items():
        name = sl.spec.name
        if name not in names or name not in out.extents:
            _fail(out, K.MOVED, name, "", addr=f"(trang '{name}')", expected=name, found="không có trang này")
            return None
        try:        # a damaged sheet (a string index past the shared strings, XML not well formed…)
            rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except Exception as e:      # noqa: BLE001 - calamine raises its own types
            _fail(out, K.CORRUPT, name, reason=_unreadable(name, e))
            return None
        rows = overlay(rows, out.errors.get(name, {}))
        sl = located[skey] = locate(sl, rows)
        long = over_limit(sl, int(spec.limits.get("max_table_rows", 0)))
        if long:
            bad_row = long.first_row + int(spec.limits["max_table_rows"])
            _fail(out, K.TOO_MANY_ROWS, name, a1(bad_row, 0), section=long.section.title, rows=long.rows,
                  limit=spec.limits["max_table_rows"], addr=a1(bad_row, 0))
            return None
        hit = merged_over(out.extents[name].merges, sl.used())
        if hit:
            (r0, c0, r1, c1) = hit
            _fail(out, K.MERGED, name, a1(r0, c0), range=f"{a1(r0, c0)}:{a1(r1, c1)}")
            return None
        for (r, c), expected in sl.anchors.items():
            try:
                found = rows[r][c]
            except IndexError:
                found = None
            if type(found) is str and found == expected:      # the label as written (nearly every anchor)
                continue
            if cells.key_text(found) != cells.key_text(expected):
                _fail(out, K.MOVED, name, a1(r, c), addr=a1(r, c), expected=expected,
                      found=cells.norm_text(found) or "(trống)")
                return None
        sheets[skey] = rows
    lay = FormLayout(lay.spec, lay.commune, located)

    inputs: dict = {}
    bad: set = set()                 # keys whose cell could not be read (no cascading findings)
    typed_totals: list = []          # (sheet, cell, key or (table, i, col), label, raw): the typed ones
    tables: dict = {}
    row_cells: dict = {}             # (table, i) -> {col: A1}
    for skey, sl in lay.sheets.items():
        rows, name = sheets[skey], sl.spec.name
        n_rows = len(rows)
        at = sl.cells
        for key, kind, label, choices, total in plan[skey][0]:
            r, c = at[key]
            row = rows[r] if r < n_rows else ()
            raw = row[c] if c < len(row) else None
            if total:                              # a formula cell: compared with the recomputed value
                if raw != "" and raw is not None:
                    typed_totals.append((name, a1(r, c), key, label, raw))
                continue
            if raw == "" or raw is None:           # an empty input: nothing to read, nothing to say
                inputs[key] = None
                continue
            before = len(findings)
            inputs[key] = _value(kind, raw, label, choices, (name, a1(r, c), out), findings)
            if len(findings) > before:
                bad.add(key)
        for tkey, tl in sl.tables.items():
            columns, data_idx, take, reach = plan[skey][1][tkey]
            out_rows = []
            for i in range(tl.rows):
                r = tl.first_row + i
                row = rows[r] if r < n_rows else ()
                width = len(row)
                if width > reach and _EMPTY.issuperset(take(row)):      # the usual blank row: '' everywhere
                    continue
                if all(c >= width or _blank(row[c]) for c in data_idx):
                    continue
                n = len(out_rows)
                rec = {"_row": i + 1, "_cell_row": r + 1}
                for key, c, kind, label, choices, required, total in columns:
                    raw = row[c] if c < width else None
                    if total:
                        if raw != "" and raw is not None:
                            typed_totals.append((name, a1(r, c), (tkey, n, key), label, raw))
                        continue
                    if raw == "" or raw is None:
                        rec[key] = None
                    else:
                        before = len(findings)
                        rec[key] = _value(kind, raw, label, choices, (name, a1(r, c), out), findings)
                        if len(findings) > before:
                            rec.setdefault("_bad", set()).add(key)
                    if required and cells.is_blank(raw):
                        findings.append(K.ROW_INCOMPLETE.at(name, a1(r, c), unit, file=out.name, row=i + 1,
                                                            label=label))
                row_cells[(tkey, n)] = _RowCells(r, tl.cols)
                out_rows.append(rec)
            tables[tkey] = out_rows
    if not findings and all(v is None for v in inputs.values()) and not any(tables.values()):
        first = next(iter(lay.sheets.values()))
        key = next((k for k, f in first.kinds.items() if not isinstance(f, tuple) and not f.is_formula), "")
        _fail(out, K.BLANK_FORM, first.spec.name, first.addr(key) if key else "")
        return None
    values = compute(spec, lay, inputs, tables)

    # ---- a typed total that contradicts its parts (a unit overwrote a formula)
    for name, cell, key, label, raw in typed_totals:
        if cells.is_blank(raw):
            continue
        if isinstance(key, tuple):
            tkey, i, ck = key
            computed = tables[tkey][i].get(ck)
        else:
            computed = values.get(key)
        error = cells.formula_error(raw)
        if error:
            findings.append(K.TOTAL_ERROR.at(name, cell, unit, file=out.name, label=label, error=error,
                                             computed=_fmt(computed)))
            continue
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            same = computed is not None and abs(float(raw) - float(computed)) <= 1e-6 * max(1.0, abs(computed))
        else:
            same = False
        if not same:
            findings.append(K.TOTAL_OVERWRITTEN.at(name, cell, unit, file=out.name, label=label,
                                                   typed=cells.norm_text(raw), computed=_fmt(computed)))

    # ---- parts exceeding their total (hard)
    for sl in lay.sheets.values():
        name = sl.spec.name
        for key, kind in sl.kinds.items():
            if isinstance(kind, tuple) or not kind.max or kind.max not in sl.kinds:
                continue
            if key in bad or kind.max in bad:
                continue
            part, whole = values.get(key) or 0, values.get(kind.max) or 0
            if part > whole:
                findings.append(K.PART_EXCEEDS.at(name, sl.addr(key), unit, file=out.name, part=kind.label,
                                                  part_value=_fmt(part), whole=sl.kinds[kind.max].label,
                                                  whole_value=_fmt(whole)))
        for tkey, tl in sl.tables.items():
            labels = {c.key: c.label for c in tl.section.columns}
            for i, rec in enumerate(tables[tkey]):
                for c in tl.section.columns:
                    if rec.get("_bad"):
                        break
                    if c.max and (rec.get(c.key) or 0) > (rec.get(c.max) or 0):
                        findings.append(K.PART_EXCEEDS.at(
                            name, row_cells[(tkey, i)][c.key], unit, file=out.name,
                            part=f"{c.label} (dòng {rec['_row']})", part_value=_fmt(rec.get(c.key)),
                            whole=labels[c.max], whole_value=_fmt(rec.get(c.max))))

    # ---- rules of spec "checks" and of the awards (authority at the decision date, decision inside
    # the period); not on figures a bad cell left unknown (its finding is the one finding: a staff
    # count typed as text would make every LĐTT 'more than the headcount')
    if not bad and not any(rec.get("_bad") for rows_ in tables.values() for rec in rows_):
        findings.extend(_checks(spec, lay, values, rnd, out))
        findings.extend(_award_checks(spec, lay, tables, row_cells, rnd, out, as_of))

    out.findings.extend(findings)
    if any(f.is_error for f in findings):
        out.status = REJECTED
        return None
    out.status = MERGED
    return UnitReturn(unit, out.name, bool(out.commune), values, tables, out.saved_at)


@lru_cache(maxsize=8)
def spec_labels(spec: Spec) -> dict:
    return spec.labels()


class _RowCells:
    """{column key: A1} of one table row, named only when a finding needs it."""
    __slots__ = ("row", "cols")

    def __init__(self, row: int, cols: dict):
        self.row, self.cols = row, cols

    def __getitem__(self, key: str) -> str:
        return a1(self.row, self.cols[key])


_PLANS: dict = {}


def _reading_plan(lay: FormLayout) -> dict:
    """What ``_parse`` reads of each sheet of a form's layout (as ``layout``
    gives it, before ``locate``), worked out once per layout: {sheet key:
    ([(key, kind, label, choices, is a formula)] in layout order, {table:
    ([(key, column, kind, label, choices, required, is a formula)], data
    columns, their getter, the farthest data column)})}.  Row positions are not
    in it: the sections found in a file move them (``locate``)."""
    got = _PLANS.get(id(lay))
    if got is not None and got[0] is lay:
        return got[1]
    labels = spec_labels(lay.spec)
    plan = {}
    for skey, sl in lay.sheets.items():
        scalars = []
        for key in sl.cells:
            kind = sl.kinds[key]
            if isinstance(kind, tuple):            # summary cell (formula)
                scalars.append((key, None, labels.get(key, key), (), True))
            else:
                scalars.append((key, kind.kind, kind.label, kind.choices, kind.is_formula))
        tables = {}
        for tkey, tl in sl.tables.items():
            columns = tuple((c.key, tl.cols[c.key], c.kind, c.label, c.choices, c.required, bool(c.sum))
                            for c in tl.section.columns)
            data_idx = [tl.cols[c.key] for c in tl.section.columns if not c.sum]
            take = itemgetter(*data_idx) if len(data_idx) > 1 else (lambda row, c=data_idx[0]: (row[c],))
            tables[tkey] = (columns, data_idx, take, max(data_idx))
        plan[skey] = (scalars, tables)
    if len(_PLANS) > 32:
        _PLANS.clear()
    _PLANS[id(lay)] = (lay, plan)            # the layout kept alive: its id is not reused
    return plan


_MEMO: Optional[dict] = None       # what the round decides alike for every file, during one merge
_MISSING = object()


@contextmanager
def remembering():
    """Within it, what the checks of every file derive from the round and
    the spec alone (the register texts in force, who may decide which
    award, the caps) is worked out once, not once per file: for one merge,
    whose round and spec do not change while it runs."""
    global _MEMO
    before = _MEMO
    _MEMO = {}
    try:
        yield
    finally:
        _MEMO = before


def _memo(key: tuple, make):
    """``make()``, once per ``key`` within ``remembering``."""
    if _MEMO is None:
        return make()
    got = _MEMO.get(key, _MISSING)
    if got is _MISSING:
        got = _MEMO[key] = make()
    return got


def _setting_percent(rnd, label: str):
    if rnd is None or not label:
        return None
    extra = {cells.key_text(k): v for k, v in rnd.settings.extra.items()}
    raw = extra.get(cells.key_text(label))
    if cells.is_blank(raw):
        return None
    try:
        return cells.to_number(str(raw).replace("%", "").strip())
    except cells.BadValue:
        return None


def legal_register(rnd) -> tuple:
    """The round's register of legal bases (Căn cứ pháp lý), the shipped one without a round."""
    if rnd is not None and rnd.legal:
        return tuple(rnd.legal)
    from tdkt_xl.io.register import shipped_register
    return shipped_register()


def _cap(spec: Spec, chk: dict, rnd):
    """(cap in %, where it comes from) of a ratio check: the council's own
    setting, else the figure of the register text in force on the plan's
    date (``caps``: register code -> %); None when neither sets one."""
    label = chk.get("setting", "")
    cap = _setting_percent(rnd, label)
    if cap is not None:
        return cap, f"theo thiết lập '{label}'"
    from tdkt_xl.rules.legal import plan_reference_date
    when = (plan_reference_date(rnd.settings) if rnd is not None else None) or dt.date(spec.year, 1, 1)
    laws = legal_register(rnd)
    for code, value in chk.get("caps", {}).items():
        law = in_force(laws, code, when)
        if law is not None:
            return float(value), f"theo {law.name}"
    return None


def _checks(spec: Spec, lay: FormLayout, values: dict, rnd, out: FileOutcome) -> list:
    found = []
    for chk in spec.checks:
        ft = K.CHECK_TYPES.get(chk.get("code"))
        where = lay.where(chk.get("at", ""))
        if ft is None or where is None:
            continue
        sheet, cell = where
        if chk.get("op") == "le":
            left, right = sum_keys(values, chk["left"]), sum_keys(values, chk["right"])
            if chk.get("only_if_right") and not right:
                continue
            if left > right:
                found.append(ft.at(sheet, cell, out.unit_code, file=out.name, left=_fmt(left), right=_fmt(right)))
        elif chk.get("op") == "ratio_cap":
            capped = _memo(("cap", id(chk)), lambda: _cap(spec, chk, rnd))
            if capped is None:
                continue
            cap, source = capped
            r = values.get(chk["ratio"])
            if r is not None and r * 100 > cap + 1e-9:
                found.append(ft.at(sheet, cell, out.unit_code, file=out.name,
                                   ratio=f"{r * 100:.1f}%".replace(".", ","),
                                   cap=f"{cap:g}%".replace(".", ","), source=source))
    return found


def _award_checks(spec: Spec, lay: FormLayout, tables: dict, row_cells: dict, rnd, out: FileOutcome,
                  as_of: Optional[dt.date]) -> list:
    found = []
    rows = tables.get("awards", [])
    if not rows:
        return found
    sheet = next(sl.spec.name for sl in lay.sheets.values() if "awards" in sl.tables)
    start = rnd.settings.period_start if rnd else None
    insp = rnd.inspection(out.unit_code) if rnd else None
    end = (insp.date if insp and insp.date else None) or as_of
    levels = _memo(("levels",), lambda: {c.code: c.label for c in spec.choices("levels")})
    subjects = _memo(("subjects",), lambda: {c.code: c.subject for c in spec.choices("titles")})
    individual_cols = ("ind_leaders", "ind_staff", "ind_workers")
    laws = _memo(("laws",), lambda: legal_register(rnd))
    for i, rec in enumerate(rows):
        when = rec.get("dec_date")
        title_code = spec.title_code(rec.get("title") or "")
        level_code = spec.level_code(rec.get("level") or "")
        ref = when or end or start
        if title_code and level_code and ref:
            allowed = _memo(("allowed", title_code, ref), lambda: spec.allowed_levels(title_code, ref, laws))
            if allowed is not None and level_code not in allowed:
                found.append(K.ULTRA_VIRES.at(
                    sheet, row_cells[("awards", i)]["level"], out.unit_code, file=out.name, row=rec["_row"],
                    title=rec.get("title"), level=rec.get("level"), date=cells.fmt_date(ref),
                    basis=spec.authority_basis(ref, laws),
                    allowed=" hoặc ".join(levels.get(x, x) for x in allowed)))
        subject = subjects.get(title_code, "")
        wrong = []
        if subject == "individual":
            wrong = [c for c in ("collectives", "households") if rec.get(c)]
            who = "cá nhân"
        elif subject == "collective":
            wrong = [c for c in ("households",) + individual_cols if rec.get(c)]
            who = "tập thể"
        if wrong:
            cols = {c.key: c.label for c in spec.table("awards").columns}
            found.append(K.WRONG_SUBJECT.at(sheet, row_cells[("awards", i)][wrong[0]], out.unit_code,
                                            file=out.name, row=rec["_row"], title=rec.get("title"), subject=who,
                                            found=", ".join(f"'{cols[c]}' {rec[c]}" for c in wrong)))
        if when and ((start and when < start) or (end and when > end)):
            found.append(K.OUT_OF_PERIOD.at(sheet, row_cells[("awards", i)]["dec_date"], out.unit_code,
                                            file=out.name, row=rec["_row"], date=cells.fmt_date(when),
                                            start=cells.fmt_date(start), end=cells.fmt_date(end)))
    return found
