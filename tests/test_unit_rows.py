"""A unit's rows of the consolidated workbook rendered ahead (by the merge's
workers, or kept in the merge cache) give exactly the workbook written from
the figures: same bytes, whether the rows came from the workers, from the
cache of an earlier run, or were rendered by the writer itself."""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import replace

import pytest

from tdkt_xl.appendices import examine as E
from tdkt_xl.appendices import merge, merge_inbox, unit_rows
from tdkt_xl.appendices.cache import CACHE_DIR
from tdkt_xl.appendices.context import stamp
from tdkt_xl.appendices.output import WORKBOOK_NAME, write_workbook
from tdkt_xl.appendices.spec import round_spec
from tdkt_xl.builder.example import example_sheets
from tdkt_xl.io.reader import read_round
from test_merge_golden import AS_OF, NOW, _build_inbox

HOSTILE_NAME = " Xã A&B <Quảng> \"Sơn\"\x01\ttab "        # escapes, control characters, edge spaces


@pytest.fixture(scope="module")
def inbox_round(tmp_path_factory):
    rnd = read_round(example_sheets()).round
    inbox = _build_inbox(rnd, tmp_path_factory.mktemp("rows"))
    units = [replace(u, name=HOSTILE_NAME) if i == 1 else u for i, u in enumerate(rnd.units)]
    return replace(rnd, units=units), inbox


def _read_as(v):
    """What a spreadsheet reads back for value ``v`` (control characters as
    Excel's _xHHHH_ escapes, dates as dd/mm/yyyy text, blanks as no value)."""
    if v is None or v == "":
        return None
    if isinstance(v, str):
        return "".join(f"_x{ord(ch):04X}_" if ord(ch) < 32 and ch not in "\t\n\r" else ch for ch in v)
    if isinstance(v, dt.date):
        return v.strftime("%d/%m/%Y")
    return v


def _sheets(data: bytes) -> dict:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def _workbook(res, folder) -> bytes:
    folder.mkdir(parents=True, exist_ok=True)
    return write_workbook(res, folder, dt.datetime(2025, 1, 1)).read_bytes()


def test_rows_rendered_by_the_workers_are_those_the_writer_renders(inbox_round, tmp_path, monkeypatch):
    rnd, inbox = inbox_round
    monkeypatch.setattr(E, "PARALLEL_FROM", 1)
    res = merge_inbox(rnd, inbox, as_of=AS_OF, now=NOW)
    assert res.rows and set(res.rows) == set(res.units)           # every merged unit's rows came rendered
    assert any(HOSTILE_NAME.strip()[:4] in u.name for u in rnd.units)
    ahead = _workbook(res, tmp_path / "ahead")
    res.rows = {}
    by_writer = _workbook(res, tmp_path / "writer")
    assert ahead == by_writer
    sheets = _sheets(ahead)
    assert b"A&amp;B &lt;Qu" in b"".join(sheets.values()) and b"_x0001_" in b"".join(sheets.values())
    assert not any(b"\x00" in body or b"\x01" in body or b"\x02" in body for body in sheets.values())


def test_rows_from_the_cache_give_the_same_workbook(inbox_round, tmp_path, monkeypatch):
    rnd, inbox = inbox_round
    monkeypatch.setattr(E, "PARALLEL_FROM", 1)
    out = tmp_path / "ket_qua"
    first = merge(rnd, inbox, out, as_of=AS_OF, now=NOW, check=False)
    data = (out / WORKBOOK_NAME).read_bytes()
    again = merge_inbox(rnd, inbox, as_of=AS_OF, now=NOW, cache_dir=out)
    assert again.cache.used and not again.cache.problem
    assert set(again.rows) == set(first.units)                     # rendered once, read back from the cache
    (tmp_path / "again").mkdir()
    assert write_workbook(again, tmp_path / "again", stamp(rnd)).read_bytes() == data


def test_damaged_rows_in_the_cache_are_never_used(inbox_round, tmp_path, monkeypatch):
    rnd, inbox = inbox_round
    monkeypatch.setattr(E, "PARALLEL_FROM", 1)
    out = tmp_path / "ket_qua"
    merge(rnd, inbox, out, as_of=AS_OF, now=NOW, check=False)
    data = (out / WORKBOOK_NAME).read_bytes()
    segment = next((out / CACHE_DIR).iterdir())
    raw = bytearray(segment.read_bytes())
    at = raw.rindex(b"<v>") + 3                                    # a figure inside the rendered rows
    raw[at:at + 1] = b"9" if raw[at:at + 1] != b"9" else b"8"
    segment.write_bytes(bytes(raw))
    again = merge_inbox(rnd, inbox, as_of=AS_OF, now=NOW, cache_dir=out)
    assert "bị hỏng" in again.cache.problem
    (tmp_path / "again").mkdir()
    assert write_workbook(again, tmp_path / "again", stamp(rnd)).read_bytes() == data


def test_rows_rendered_with_other_cell_styles_are_not_spliced(inbox_round, tmp_path, monkeypatch):
    """Rows rendered for other style indices than the workbook's (another
    XlsxWriter) are rendered again by the writer, never spliced as they are."""
    rnd, inbox = inbox_round
    res = merge_inbox(rnd, inbox, as_of=AS_OF, now=NOW)
    want = _workbook(res, tmp_path / "want")
    other = tuple((k, i + 40) for k, i in unit_rows.workbook_styles())
    lay = unit_rows.layout(res.spec, other)
    res.rows = {code: unit_rows.render(lay, code, res.unit_info[code].name, res.unit_info[code].block, u.values,
                                       u.tables) for code, u in res.units.items()}
    monkeypatch.setattr(unit_rows, "workbook_styles", lambda: other)
    assert _workbook(res, tmp_path / "got") == want


def test_unit_rows_read_back_as_each_units_figures_and_formats(inbox_round, tmp_path, monkeypatch):
    """Every cell of a unit's rows, as a spreadsheet reads it: the unit's
    figure (or its text), bordered like the rest of the table, numbers with
    their number format; blanks stay formatted cells, except in Dữ liệu."""
    import openpyxl

    from tdkt_xl.appendices.stats import DATA_SHEET, SCOPE_ALL
    rnd, inbox = inbox_round
    monkeypatch.setattr(E, "PARALLEL_FROM", 1)
    res = merge_inbox(rnd, inbox, as_of=AS_OF, now=NOW)
    wb = openpyxl.load_workbook(io.BytesIO(_workbook(res, tmp_path / "ket_qua")))
    lay = unit_rows.layout(res.spec, unit_rows.workbook_styles())
    merged = [c for c in res.unit_info if c in res.units]
    for (name, keys), kinds in zip(lay.unit_sheets, [unit_rows.unit_kinds(k) for _n, k in lay.unit_sheets]):
        ws = wb[name]
        for i, code in enumerate(merged):
            u, info = res.units[code], res.unit_info[code]
            want = [code, info.name, info.block] + [u.values.get(k) if k else None for k, _l, _kind in keys]
            for c, (v, kind) in enumerate(zip(want, kinds)):
                cell = ws.cell(5 + i, 1 + c)
                assert cell.value == _read_as(v), (name, code, c, v, cell.value)
                assert cell.border.left.style == "thin", (name, code, c)
                if kind == "int" and isinstance(v, int):
                    assert cell.number_format == "#,##0", (name, code, c)
    data = wb[DATA_SHEET]
    for i, code in enumerate(merged):
        u = res.units[code]
        row = [c.value for c in data[3 + i]]
        assert row[:3] == [_read_as(code), _read_as(res.unit_info[code].name), _read_as(res.unit_info[code].block)]
        keys = lay.data_keys[:-1]
        assert [_read_as(u.values.get(k)) for k in keys] == row[3:3 + len(keys)]
    assert data.cell(3 + len(merged), 1).value == SCOPE_ALL              # the totals follow the units


def test_a_unit_has_one_block_per_sheet_even_when_empty():
    rnd = read_round(example_sheets()).round
    lay = unit_rows.layout(round_spec(rnd), unit_rows.workbook_styles())
    u = rnd.units[0]
    got = unit_rows.render(lay, u.code, u.name, u.block, {}, {})
    blocks = unit_rows.blocks(got, len(lay.sheets))
    assert len(blocks) == len(lay.sheets) == len(lay.widths())
    with pytest.raises(ValueError):
        unit_rows.blocks(got, len(lay.sheets) + 1)
