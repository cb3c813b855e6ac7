"""The consolidated workbook written by the merge (tdkt_xl/appendices/output.py)."""
from __future__ import annotations

import pytest
from python_calamine import CalamineWorkbook

from tdkt_xl.appendices import merge

from test_appendices import forms, good_file, rnd  # noqa: F401 - fixtures


def _sheet(path, name) -> list:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python()


def test_each_list_names_the_unit_beside_its_rows(rnd, forms, tmp_path):
    """Before: 'Điển hình tiên tiến' showed each model's own name (its column
    'name') in the column 'Tên đơn vị' instead of the unit's."""
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    good_file(forms, inbox, "XQS")
    good_file(forms, inbox, "XVL")
    res = merge(rnd, inbox, out)
    path = out / "Tong_hop_phu_luc.xlsx"
    names = {u.code: u.name for u in rnd.units}
    for sheet in ("Quyết định khen thưởng", "Điển hình tiên tiến", "Văn bản triển khai"):
        rows = _sheet(path, sheet)
        assert rows[2][:2] == ["Mã đơn vị", "Tên đơn vị"]
        body = [r for r in rows[3:] if r[0]]
        assert {r[0] for r in body} == {"XQS", "XVL"}, sheet
        assert all(r[1] == names[r[0]] for r in body), sheet
    models = _sheet(path, "Điển hình tiên tiến")
    assert [r[3] for r in models[3:] if r[0] == "XQS"] == [m["name"] for m in res.units["XQS"].tables["models"]]


@pytest.mark.parametrize("piece", [1 << 20, 4096])
def test_bulk_rows_written_while_the_previous_sheet_is_compressed_give_the_same_bytes(monkeypatch, piece):
    """finish() streams each part to a writer thread, a piece at a time, which
    compresses it while the next rows are spliced: the file is byte for byte
    the one written part after part, whole (4096: many pieces a sheet)."""
    import io
    import zipfile

    from tdkt_xl.io import xlsx_bulk
    from tdkt_xl.io.xlsx import new_workbook

    wb, buf = new_workbook()
    bulk = xlsx_bulk.BulkRows()
    fmt = wb.add_format({"border": 1, "num_format": "#,##0"})
    for s in range(4):
        ws = wb.add_worksheet(f"Trang {s}")
        ws.write_string(0, 0, "Tiêu đề")
        bulk.add(ws, 2, [[f"Đơn vị {i}", i * s, None, 1.5, ""] for i in range(3000)], [None, fmt, fmt, fmt, fmt])
    wb.close()
    data = buf.getvalue()
    monkeypatch.setattr(xlsx_bulk, "PIECE", piece)
    got = bulk.finish(data)

    want = io.BytesIO()                 # the same parts, written one after the other in this thread
    parts = {f"xl/worksheets/sheet{ws.index + 1}.xml": blocks for ws, blocks in bulk._blocks.items()}
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(want, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            body = zin.read(info.filename)
            if info.filename in parts:
                body = xlsx_bulk._splice(body, parts[info.filename], bulk._xf)
            zout.writestr(info, body, compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)
    assert got == want.getvalue()
    with zipfile.ZipFile(io.BytesIO(got)) as z:
        assert z.testzip() is None
    rows = CalamineWorkbook.from_filelike(io.BytesIO(got)).get_sheet_by_name("Trang 3").to_python()
    assert rows[2][:4] == ["Đơn vị 0", 0, "", 1.5] and rows[-1][:2] == ["Đơn vị 2999", 8997]


def test_bulk_rows_that_cannot_be_spliced_fail_without_leaving_the_writer_waiting():
    """A block that overlaps the rows XlsxWriter wrote is a bug: finish()
    raises it (the writer thread is told the part ended, nothing hangs)."""
    from tdkt_xl.io import xlsx_bulk
    from tdkt_xl.io.xlsx import new_workbook

    wb, buf = new_workbook()
    bulk = xlsx_bulk.BulkRows()
    ws = wb.add_worksheet("Trang")
    ws.write_string(5, 0, "Đã có")
    bulk.add(ws, 2, [["x", 1]], [None, None])
    wb.close()
    import threading
    raised: list = []

    def finish():
        try:
            bulk.finish(buf.getvalue())
        except ValueError as e:
            raised.append(e)
    t = threading.Thread(target=finish, daemon=True)
    t.start()
    t.join(60)
    assert not t.is_alive(), "finish() left its writer waiting"
    assert "overlap" in str(raised[0])


def test_the_records_keep_the_units_name_beside_a_rows_own_name(rnd, forms, tmp_path):
    """Before: in ``records()['models']`` (and ``frames()``) the model's own
    'name' overwrote the unit's name, so a model's row no longer said whose it
    was.  Every list gives the unit's name under 'unit_name', a row's own
    columns under their spec keys."""
    inbox = tmp_path / "in"
    inbox.mkdir()
    good_file(forms, inbox, "XQS")
    good_file(forms, inbox, "XVL")
    res = merge(rnd, inbox, tmp_path / "out")
    names = {u.code: u.name for u in rnd.units}
    recs = res.records()
    for key in ("units", "awards", "award_rows", "models", "documents"):
        assert recs[key], key
        assert all(r["unit_name"] == names[r["unit"]] for r in recs[key]), key
    models = [r for r in recs["models"] if r["unit"] == "XQS"]
    assert [r["name"] for r in models] == [m["name"] for m in res.units["XQS"].tables["models"]]
    assert all(r["name"] != names["XQS"] for r in models)


def test_no_column_of_the_forms_takes_a_key_of_the_unit():
    """A list's own column keyed 'unit', 'unit_name', 'block' or 'file' would
    overwrite the unit's in the records: the spec has none."""
    from tdkt_xl.appendices.spec import load_spec
    from tdkt_xl.appendices.stats import UNIT_KEYS, scalar_keys
    spec = load_spec()
    own = {c.key for s in spec.sheets for sec in s.sections if sec.type == "table" for c in sec.columns}
    assert own and not own & set(UNIT_KEYS)
    assert not {k for k, _l, _k in scalar_keys(spec)} & set(UNIT_KEYS)


@pytest.mark.parametrize("piece", [1, 7, 64, 1 << 20])
def test_rendered_rows_are_numbered_in_windows_that_never_cut_a_row(monkeypatch, piece):
    """The unit rows are spliced a window at a time (never joined whole):
    every row once, in order, whatever the window's size."""
    import random
    from tdkt_xl.io import xlsx_bulk
    monkeypatch.setattr(xlsx_bulk, "PIECE", piece)
    rnd_ = random.Random(piece)
    rows = [b"<row r=\"\x00\">%d</row>" % i * rnd_.randint(1, 5) for i in range(300)]
    parts, at = [], 0
    while at < len(rows):
        n = rnd_.choice([1, 1, 2, 40, 120])
        parts.append(xlsx_bulk.SEP.join(rows[at:at + n]))
        at += n
    windows = list(xlsx_bulk._windows(parts))
    assert [r for w in windows for r in w.split(xlsx_bulk.SEP)] == rows
    block = xlsx_bulk.Rendered(parts + [b""], 3)
    assert block.count == len(rows) and b"" not in block.parts
