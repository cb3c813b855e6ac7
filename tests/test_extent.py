"""The bounded scan of a sheet's real extent (io/extent.py) and the bounded
reader of zip parts (io/package.py)."""
from __future__ import annotations

import io
import zipfile

import pytest

from tdkt_xl.io.extent import scan
from tdkt_xl.io.package import Package, PackageError

HEAD = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:B2"/>'


def sheet(body: bytes, tail: bytes = b"") -> bytes:
    return HEAD + b"<sheetData>" + body + b"</sheetData>" + tail + b"</worksheet>"


def test_the_dimension_element_is_not_trusted():
    ext = scan(sheet(b'<row r="1"><c r="A1"><v>1</v></c></row><row r="7"><c r="AB7"><v>1</v></c></row>'))
    assert (ext.rows, ext.cols, ext.far_cell) == (7, 28, "AB7")


def test_cells_and_rows_without_reference_extend_the_bound():
    ext = scan(sheet(b'<row r="3"><c r="C3"/><c/><c/></row><row><c r="A4"/></row>'))
    assert ext.rows >= 4 and ext.cols >= 5


def test_any_attribute_order_quotes_and_prefix():
    ext = scan(sheet(b"<row r='2'><c s='1' t=\"n\" r='D2'><v>1</v></c></row>"
                     b'<x:row xmlns:x="m" r="9"><x:c s=">" r="Q9"/></x:row>'))
    assert (ext.rows, ext.cols) == (9, 17)


def test_an_impossible_reference_is_damage():
    with pytest.raises(PackageError):
        scan(sheet(b'<row r="1"><c r="XFE1"/></row>'))
    with pytest.raises(PackageError):
        scan(sheet(b'<row r="2000000"><c r="A1"/></row>'))


def test_merges_are_kept_as_bounds():
    ext = scan(sheet(b"", b'<mergeCells><mergeCell ref="A200:XFD1048576"/></mergeCells>'))
    assert ext.merges == [(199, 0, 1048575, 16383)] and ext.cells == 0


def _zip(parts: dict) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for k, v in parts.items():
            z.writestr(k, v)
    return buf.getvalue()


def test_package_reads_exactly_and_refuses_a_dtd():
    pkg = Package.open(_zip({"a.xml": b"<a/>", "b.xml": b'<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'}))
    assert pkg.xml("a.xml") == b"<a/>"
    with pytest.raises(PackageError) as e:
        pkg.xml("b.xml")
    assert e.value.kind == "xml"


def test_package_bounds_declared_sizes():
    with pytest.raises(PackageError) as e:
        Package.open(_zip({"a.xml": b" " * 3_000_000}), max_total=1_000_000)
    assert e.value.kind == "too_big"
