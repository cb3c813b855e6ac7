"""Fill a form the way a unit would, with openpyxl (which keeps formulas but
drops their cached values: the 'tool that does not calculate' case).  Used by
examples/make_examples.py, the tests and the benchmark; never by the merge."""
from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

from tdkt_xl.appendices.spec import Spec, layout


def fill_form(spec: Spec, form: Path, out: Path, values: dict | None = None, tables: dict | None = None,
              commune: bool = False, overrides: dict | None = None) -> Path:
    """Copy ``form`` to ``out`` with ``values`` (key -> value) typed into the
    input cells and ``tables`` (table key -> list of {column: value}) into the
    table rows.  ``overrides`` ((sheet name, A1) -> value) types anything
    anywhere, e.g. over a formula, to simulate a unit's mistakes."""
    import openpyxl
    lay = layout(spec, commune)
    wb = openpyxl.load_workbook(form)
    for sl in lay.sheets.values():
        ws = wb[sl.spec.name]
        for key, v in (values or {}).items():
            if key in sl.cells:
                r, c = sl.cells[key]
                ws.cell(r + 1, c + 1).value = v
        for tkey, tl in sl.tables.items():
            for i, rec in enumerate((tables or {}).get(tkey, [])):
                for ck, v in rec.items():
                    ws.cell(tl.first_row + i + 1, tl.cols[ck] + 1).value = v
    for (sheet, addr), v in (overrides or {}).items():
        wb[sheet][addr].value = v
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out


_MOD = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def set_saved_time(path: Path, when: dt.datetime) -> None:
    """Rewrite docProps/core.xml dcterms:modified (what Excel records as the
    save time) and the zip entry times - to build byte-identical examples of
    a resubmission."""
    path = Path(path)
    with zipfile.ZipFile(path) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    tmp = path.with_suffix(path.suffix + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in items:
            if info.filename == "docProps/core.xml":
                data = _MOD.sub(rb"\g<1>" + stamp + rb"\g<2>", data)
            entry = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(entry, data)
    tmp.replace(path)


def retag(src: Path, dst: Path, old_code: str, new_code: str) -> Path:
    """Copy a returned file, changing the unit code written in its cells
    (benchmarks and tests make many units' files from one filled form)."""
    pat = re.compile(rb"<t>" + re.escape(old_code.encode()) + rb"</t>")
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "xl/sharedStrings.xml" or info.filename.startswith("xl/worksheets/"):
                data = pat.sub(b"<t>" + new_code.encode() + b"</t>", data)
            zout.writestr(info, data)
    return Path(dst)
