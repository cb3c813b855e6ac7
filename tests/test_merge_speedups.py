"""Each speed-up of the merge keeps what it replaced: same counts, same
bounds, same sums (tests/test_merge_golden.py compares whole merges)."""
from __future__ import annotations

import datetime as dt
import importlib
import io
import random
import re
import zipfile
from pathlib import Path

import pytest

from tdkt_xl.appendices import returned as R
from tdkt_xl.appendices.stats import totals_of
from tdkt_xl.appendices import load_spec
from tdkt_xl.io import extent as X
from tdkt_xl.io.package import Package, PackageError

SPEC = load_spec()
M = importlib.import_module("tdkt_xl.appendices.merge")      # the package exports a function of that name


def _zip(parts: dict) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_a_part_is_inflated_once_and_its_bound_still_applies():
    pkg = Package.open(_zip({"xl/a.xml": b"<a>" + b"x" * 5000 + b"</a>"}))
    first = pkg.read("xl/a.xml")
    assert pkg.read("xl/a.xml") is first                         # verified once, handed out again
    with pytest.raises(PackageError) as e:                       # a smaller bound still refuses it
        pkg.read("xl/a.xml", limit=100)
    assert e.value.kind == "too_big"


def test_a_damaged_part_fails_on_every_read():
    data = bytearray(_zip({"xl/a.xml": b"<a>" + b"y" * 5000 + b"</a>"}))
    i = data.index(b"PK\x01\x02")                                 # central directory: CRC at +16
    data[i + 16] ^= 0xFF
    pkg = Package.open(bytes(data))
    for _ in range(2):
        with pytest.raises(PackageError):
            pkg.read("xl/a.xml")


def test_a_part_with_a_dtd_is_refused_on_every_read():
    pkg = Package.open(_zip({"xl/a.xml": b"<a/>", "xl/b.xml": b'<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'}))
    assert pkg.xml("xl/a.xml") is pkg.xml("xl/a.xml")              # searched once, handed out again
    for _ in range(2):
        with pytest.raises(PackageError) as e:
            pkg.xml("xl/b.xml")
        assert e.value.kind == "xml"


def test_merge_cell_count_without_prefix_equals_the_general_pattern():
    frags = [b"<mergeCell ", b"<mergeCell/>", b"<mergeCells ", b"<mergeCell\t", b"mergeCell ", b"<mergeCellx",
             b"<mergeCell\n", b'<c r="A1"/>', b'<row r="2">', b"</row>", b"<x:c ", b"<x:mergeCell "]
    rng = random.Random(7)
    for _ in range(3000):
        data = b"".join(rng.choice(frags) for _ in range(10))
        prefixed = X._PREFIXED.search(data) is not None
        want = len(X._MERGE_TAG.findall(data))
        ext_merges = len(re.findall(rb"<(?:[A-Za-z_][\w.-]*:)?mergeCell(?=[\s/>])", data))
        assert want == ext_merges
        if not prefixed:
            got = len(X._MERGE_PLAIN.findall(data)) if b"<mergeCell" in data else 0
            assert got == want, data


def test_too_many_merges_is_still_refused():
    sheet = b"<worksheet><sheetData/><mergeCells>" + b'<mergeCell ref="A1:B1"/>' * 11 + b"</mergeCells></worksheet>"
    with pytest.raises(PackageError):
        X.scan(sheet, "s", max_merges=10)
    assert len(X.scan(sheet, "s", max_merges=11).merges) == 11


def _refs_or_error(fn, data: bytes, prefixed: bool):
    try:
        return fn(data, prefixed, "p")
    except PackageError as e:
        return ("error", e.kind)


def test_the_one_pass_reference_scan_equals_the_general_one():
    """Cells and rows read by one pattern when every tag starts with a plain
    reference give the same bounds (or the same refusal) as the general scan."""
    frags = [b'<c r="A1"/>', b'<c r="M83">', b'<c r="AB7"/>', b'<c r="XFD3"/>', b'<c r="XFE1"/>', b'<c r="A0"/>',
             b'<c r="B007"/>', b'<c r="C1048576"/>', b'<c r="C1048577"/>', b'<c r="a5"/>', b'<c s="1" r="D2"/>',
             b"<c r='E9'/>", b"<c/>", b"<c>", b'<c\tr="F4"/>', b'<c r="G12345678"/>', b'<cols>', b'<col r="Z9"/>',
             b'<row r="3">', b'<row r="0">', b'<row r="012">', b'<row>', b'<row r="1048577">', b'<row s="2" r="40">',
             b"</row>", b'<rows r="900">', b'<x:c r="ZZ900000"/>', b'<c r="Q1000"/>', b'<row r="999999">']
    rng = random.Random(11)
    for _ in range(4000):
        data = b"".join(rng.choice(frags) for _ in range(rng.randint(0, 8)))
        prefixed = X._PREFIXED.search(data) is not None
        assert _refs_or_error(X._cell_refs, data, prefixed) == _refs_or_error(X._cell_refs_general, data, prefixed), data
        assert _refs_or_error(X._row_refs, data, prefixed) == _refs_or_error(X._row_refs_general, data, prefixed), data


def _pandas_totals(spec, rows, blocks):
    """The sums as pandas made them before (the reference)."""
    pd = pytest.importorskip("pandas")
    from tdkt_xl.appendices.stats import CHOICE, DATE, RATIO, TEXT, YES, scalar_keys
    out = {}
    df = pd.DataFrame(list(rows.values()))
    for k, _l, kind in scalar_keys(spec):
        if kind in (RATIO,):
            continue
        if kind == CHOICE:
            out[k] = int((df[k] == YES).sum())
        elif kind in (TEXT, DATE):
            out[k] = None
        else:
            col = pd.to_numeric(df[k], errors="coerce")
            out[k] = int(col.sum()) if col.notna().any() else None
    return out


def test_totals_without_pandas_equal_the_pandas_sums():
    from tdkt_xl.appendices.stats import SCOPE_ALL, scalar_keys
    rng = random.Random(3)
    keys = scalar_keys(SPEC)
    pool = [None, 0, 1, 7, 12_345_678, 10 ** 12, 2.0, "Có", "Không", "12", "abc", dt.date(2024, 1, 2), ""]
    rows = {f"U{i}": {k: rng.choice(pool) for k, _l, _k in keys} for i in range(40)}
    whole = {f"W{i}": {k: rng.choice([0, 3, 10 ** 12]) if i % 2 else rng.randint(0, 99) for k, _l, _k in keys}
             for i in range(40)}                        # columns of whole numbers only (the fast path)
    for table in (rows, whole):
        got = totals_of(SPEC, table, {c: "" for c in table})[SCOPE_ALL]
        want = _pandas_totals(SPEC, table, {})
        for k, v in want.items():
            assert got[k] == v, k


def test_a_first_merge_reads_each_file_once(tmp_path, monkeypatch):
    from tdkt_xl.builder.example import example_sheets
    from tdkt_xl.io.reader import read_round
    rnd = read_round(example_sheets()).round
    for i in range(3):
        (tmp_path / f"f{i}.xlsx").write_bytes(b"PK\x03\x04 not a workbook %d" % i)
    reads = []
    real = R.load
    import tdkt_xl.appendices.examine as E                      # the one reader of a file's bytes
    monkeypatch.setattr(E, "load", lambda p, spec: reads.append(p) or real(p, spec))
    out = tmp_path / "out"
    res = M.merge_inbox(rnd, tmp_path, cache_dir=out)
    assert len(res.files) == 3 and all(f.status == "rejected" for f in res.files)
    assert sorted(reads) == sorted(tmp_path.glob("*.xlsx"))


def test_the_merge_command_does_not_import_python_docx():
    """The đề cương (python-docx, ~0.1 s of every merge) is imported by the forms job only."""
    import subprocess
    import sys
    from pathlib import Path
    code = ("import sys, tdkt_xl.cli.merge, tdkt_xl.appendices.service, tdkt_xl.io.sources; "
            "print(sorted(m for m in sys.modules if m == 'docx' or m.startswith('docx.'))[:3])")
    proc = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).resolve().parents[1],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


def _scan_or_error(data):
    try:
        ext = X.scan(data, "p")
    except PackageError as e:
        return ("error", e.kind)
    return ext.rows, ext.cols


def test_the_quick_proof_of_a_sheet_bound_never_says_less_than_the_scan():
    """A sheet proven inside A1:(rows, cols) by the searches of its guessed
    <dimension> is one the exact scan finds inside that rectangle (never a
    larger one, never damage): a lying dimension, a far cell or row, a tag of
    another form only ever send the sheet to the exact scan."""
    heads = [b'<dimension ref="A1:C5"/>', b'<dimension ref="B2:M77"/>', b'<dimension ref="A1"/>',
             b'<dimension ref="A1:XFD1048576"/>', b'<dimension ref="A1:Z1000"/>', b'<dimension ref="A1:AB9"/>',
             b'<dimension ref="A0:C5"/>', b"<dimension ref='A1:C5'/>", b"", b'<dimension ref="A1:c5"/>']
    frags = [b'<c r="A1"/>', b'<c r="C5">', b'<c r="D5"/>', b'<c r="C6"/>', b'<c r="M77"/>', b'<c r="N1"/>',
             b'<c r="AB9"/>', b'<c r="AC9"/>', b'<c r="B007"/>', b'<c r="A0"/>', b'<c r="XFE1"/>', b'<c r="a5"/>',
             b'<c s="1" r="B2"/>', b"<c r='B2'/>", b"<c/>", b"<c>", b'<c\tr="B4"/>', b'<c r="G12345678"/>',
             b'<c r="B2x"/>', b'<col r="ZZ9"/>', b'<row r="3">', b'<row r="5">', b'<row r="6">', b'<row r="77">',
             b'<row r="78">', b'<row r="0">', b'<row r="05">', b'<row>', b'<row s="2" r="4">', b"</row>",
             b'<rows r="900">', b'<x:c r="B2"/>', b'<x:row r="2">', b'<row r="1048577">', b'<c r="A1048576"/>',
             b'<mergeCell ref="A1:B2"/>', b'<x:mergeCell ref="A1:C3"/>']
    rng = random.Random(5)
    proven = 0
    for _ in range(6000):
        data = rng.choice(heads) + b"".join(rng.choice(frags) for _ in range(rng.randint(0, 6)))
        quick = X.proven_within(data, 20_000)
        if quick is None:
            continue
        proven += 1
        rows, cols = quick
        assert rows * cols <= 20_000, data
        exact = _scan_or_error(data)
        assert exact[0] != "error" and exact[0] <= rows and exact[1] <= cols, (data, quick, exact)
        assert X.bound(data, "p", 20_000).merges == X.scan(data, "p").merges
    assert proven > 300                      # the proof is exercised, not only its refusals


def test_every_sheet_of_a_returned_form_is_proven_by_the_quick_searches():
    from tdkt_xl.io.package import Package
    for path in sorted((Path(__file__).resolve().parents[1] / "examples" / "phu_luc_gui_ve").glob("*.xlsx")):
        pkg = Package.open(path.read_bytes())
        for name, part in X.sheet_parts(pkg).items():
            data = pkg.xml(part)
            exact = X.scan(data, part)
            assert X.proven_within(data, 20_000) == (exact.rows, exact.cols), (path.name, name)


def test_error_cells_are_found_in_either_quoting():
    from tdkt_xl.io.cell_errors import error_cells
    double = b'<sheetData><row r="3"><c r="C3" s="2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row></sheetData>'
    single = b"<sheetData><row r='3'><c r='C3' t='e'><v>#REF!</v></c><c r='D3' t='s'><v>0</v></c></row></sheetData>"
    mixed = b'<sheetData><row r="3"><c r="B4" t = \'e\'><v>#N/A</v></c><c r="D3"><v>1</v></c></row></sheetData>'
    assert error_cells(double) == {(2, 2): "#DIV/0!"}
    assert error_cells(single) == {(2, 2): "#REF!"}
    assert error_cells(mixed) == {(3, 1): "#N/A"}
    assert error_cells(b'<sheetData><row r="3"><c r="C3" t="s"><v>2</v></c></row></sheetData>') == {}


def test_quick_cell_readings_equal_the_general_ones():
    """A count stored as a float and a dropdown text are read without the
    general path; both give what it gives (value and findings)."""
    from tdkt_xl.appendices.spec import CHOICE, INT, MONEY
    from tdkt_xl.vocabulary import cells
    out = R.FileOutcome(Path("x.xlsx"), "x.xlsx", unit_code="XQS")
    where = ("Phụ lục II", "C12", out)
    floats = [0.0, -0.0, 1.0, 12.0, 3.5, -2.0, 1e15, 1e15 + 2, 1e300, float("inf"), float("-inf"), float("nan"),
              2.0 ** 53, 999_999_999_999_999.0]
    for kind in (INT, MONEY):
        for raw in floats:
            quick, slow = [], []
            got = R._value(kind, raw, "Số", (), where, quick)
            want = R._number(raw, "Số", where, slow)
            assert (got, type(got), [f.message for f in quick]) == (want, type(want), [f.message for f in slow]), raw
    choices = ("Có", "Không", "Cấp huyện", "cấp huyện")
    for raw in ["Có", "có", " CÓ ", "Không", "cấp  huyện", "Cấp huyện", "khác", "   ", "#REF!", "Co"]:
        got_findings = []
        got = R._value(CHOICE, raw, "Chọn", choices, where, got_findings)
        try:
            want, want_codes = cells.to_choice(raw, choices) or None, []
        except cells.BadValue:
            want, want_codes = None, ["PL18"]
        if cells.formula_error(raw):
            want, want_codes = None, ["PL29"]
        assert (got, [f.code for f in got_findings]) == (want, want_codes), raw


def test_the_verified_zip_holds_exactly_the_checked_parts(tmp_path):
    """calamine reads the parts we inflated and checked (stored), never the
    file's own directory; it reads the same values from them."""
    from python_calamine import CalamineWorkbook
    from tdkt_xl.io.package import Package
    src = Path(__file__).resolve().parents[1] / "examples" / "phu_luc_gui_ve" / "Phu_luc_XCT.xlsx"
    parts = {i.filename: zipfile.ZipFile(src).read(i.filename) for i in zipfile.ZipFile(src).infolist()}
    parts["xl/media/image1.png"] = b"\x89PNG not read by any reader"
    pkg = Package.open(_zip(parts))
    pkg.verify_all()
    rebuilt = zipfile.ZipFile(io.BytesIO(pkg.verified_zip()))
    assert rebuilt.testzip() is None
    assert {i.compress_type for i in rebuilt.infolist()} == {zipfile.ZIP_STORED}
    assert {i.filename: rebuilt.read(i) for i in rebuilt.infolist()} == \
        {k: v for k, v in parts.items() if not k.startswith("xl/media/")}
    original = CalamineWorkbook.from_path(str(src))
    checked = CalamineWorkbook.from_filelike(io.BytesIO(pkg.verified_zip()))
    assert checked.sheet_names == original.sheet_names
    for name in original.sheet_names:
        assert checked.get_sheet_by_name(name).to_python(skip_empty_area=False) == \
            original.get_sheet_by_name(name).to_python(skip_empty_area=False)


def test_a_part_inflated_before_is_reused_only_for_the_same_bytes_size_and_crc():
    """Small parts alike in many files are inflated once; a part whose
    compressed bytes match one seen before but whose declared CRC does not
    is still checked, and refused."""
    import struct
    theme = b"<a:theme>" + b"x" * 5000 + b"</a:theme>"
    first = Package.open(_zip({"xl/theme/theme1.xml": theme}), 10 ** 7)
    assert first.read("xl/theme/theme1.xml") == theme
    second = Package.open(_zip({"xl/theme/theme1.xml": theme}), 10 ** 7)
    assert second.read("xl/theme/theme1.xml") is first.read("xl/theme/theme1.xml")     # not inflated again
    data = bytearray(_zip({"xl/theme/theme1.xml": theme}))
    at = data.rindex(b"PK\x01\x02") + 16                          # the central directory's CRC of the part
    data[at:at + 4] = struct.pack("<I", (struct.unpack("<I", data[at:at + 4])[0] + 1) & 0xFFFFFFFF)
    forged = Package.open(bytes(data), 10 ** 7)
    with pytest.raises(PackageError, match="CRC"):
        forged.read("xl/theme/theme1.xml")


def test_the_sheet_map_of_another_workbook_part_is_its_own():
    def package(sheets: str) -> Package:
        return Package.open(_zip({
            "xl/workbook.xml": f'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                               f'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                               f'<sheets>{sheets}</sheets></workbook>',
            "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                                          'relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/>'
                                          '<Relationship Id="rId2" Target="worksheets/sheet2.xml"/></Relationships>'}),
            10 ** 7)
    one = '<sheet name="Phụ lục I" sheetId="1" r:id="rId1"/>'
    two = '<sheet name="Phụ lục II" sheetId="2" r:id="rId2"/>'
    assert X.sheet_parts(package(one)) == {"Phụ lục I": "xl/worksheets/sheet1.xml"}
    assert X.sheet_parts(package(one + two)) == {"Phụ lục I": "xl/worksheets/sheet1.xml",
                                                 "Phụ lục II": "xl/worksheets/sheet2.xml"}
    got = X.sheet_parts(package(one))
    got["x"] = "y"                                                  # the caller's copy, not the kept one
    assert X.sheet_parts(package(one)) == {"Phụ lục I": "xl/worksheets/sheet1.xml"}
    with pytest.raises(PackageError, match="workbook.xml"):
        X.sheet_parts(package(one + "<sheet"))
