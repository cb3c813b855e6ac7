"""Phụ lục II, mục C (totals by title): its three descriptive columns have headers
(Nhóm, Viết tắt, Đối tượng, from the spec's ``info_columns``) and values, the merge's
structure check includes them, forms of the previous spec version (without them) still
merge, and the shipped example files are of the current version and carry the
signature block of the forms."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from tdkt_xl.appendices import load_spec, merge_inbox
from tdkt_xl.appendices.spec import layout
from test_appendices import _edit, forms, good_file, rnd  # noqa: F401  (shared fixtures, helpers)

SPEC = load_spec()
SHEET = "Phụ lục II"
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _summary(commune=True, version=None):
    lay = layout(SPEC, commune) if version is None else layout(SPEC, commune, version)
    sl = next(s for s in lay.sheets.values() if s.spec.name == SHEET)
    sec, title_row, rows = next(x for x in sl.sections if x[0].type == "summary")
    return sl, sec, title_row, rows


def _header_cells(commune=True):
    from tdkt_xl.appendices.spec import info_columns
    sl, sec, title_row, _rows = _summary(commune)
    return {col: info.label for col, info in info_columns(sec, sl.tables[sec.table])}, title_row + 1


def test_every_column_of_table_c_has_a_header(forms):
    ws = openpyxl.load_workbook(forms / "Phu_luc_XQS.xlsx")[SHEET]
    sl, sec, title_row, rows = _summary()
    head = [ws.cell(title_row + 2, c + 1).value for c in range(sl.width)]
    assert all(h and str(h).strip() for h in head), head
    assert {"Nhóm", "Viết tắt", "Đối tượng"} <= set(head)


def test_table_c_rows_describe_each_title(forms):
    ws = openpyxl.load_workbook(forms / "Phu_luc_XQS.xlsx")[SHEET]
    cols, header_row = _header_cells()
    by_label = {label: col for col, label in cols.items()}
    _sl, _sec, _t, rows = _summary()
    first = {code: r for r, code in rows}
    ldtt, gk = first["LDTT"] + 1, first["GK_XA"] + 1
    assert ws.cell(ldtt, by_label["Nhóm"] + 1).value == "Danh hiệu thi đua"
    assert ws.cell(ldtt, by_label["Viết tắt"] + 1).value == "LĐTT"
    assert ws.cell(ldtt, by_label["Đối tượng"] + 1).value == "Cá nhân"
    assert ws.cell(gk, by_label["Nhóm"] + 1).value == "Hình thức khen thưởng"
    assert ws.cell(gk, by_label["Đối tượng"] + 1).value == "Mọi đối tượng"


def test_spec_version_moved_and_the_previous_one_is_accepted():
    assert SPEC.version >= 2 and SPEC.version - 1 in SPEC.accepts
    new, old = layout(SPEC, True), layout(SPEC, True, SPEC.version - 1)
    cols, header_row = _header_cells()
    for col, label in cols.items():
        assert new.sheets["PL2"].anchors[(header_row, col)] == label
        assert (header_row, col) not in old.sheets["PL2"].anchors


def test_a_missing_header_of_table_c_is_a_moved_layout(rnd, forms, tmp_path):
    good = good_file(forms, tmp_path, "XQS")
    cols, header_row = _header_cells()
    col = next(c for c, label in cols.items() if label == "Viết tắt")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _edit(good, inbox / "x.xlsx", lambda wb: setattr(wb[SHEET].cell(header_row + 1, col + 1), "value", None))
    res = merge_inbox(rnd, inbox)
    assert "PL13" in {f.code for f in res.findings}
    assert "XQS" not in res.units


def test_a_form_of_the_previous_version_still_merges(rnd, forms, tmp_path):
    """A unit that filled last version's form (table C without these headers) is not
    sent back: its cells are where they were."""
    good = good_file(forms, tmp_path, "XQS")
    cols, header_row = _header_cells()

    def as_version_1(wb):
        wb["TDKT_ID"].cell(2, 2, SPEC.version - 1)
        for col in cols:
            wb[SHEET].cell(header_row + 1, col + 1).value = None
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    _edit(good, inbox / "x.xlsx", as_version_1)
    res = merge_inbox(rnd, inbox)
    assert "XQS" in res.units, [f.message for f in res.findings]
    assert not {"PL10", "PL13"} & {f.code for f in res.findings}


@pytest.mark.parametrize("folder", ["phu_luc_gui_ve", "truong_hoc_2024/phu_luc_gui_ve"])
def test_example_files_are_current_and_signed_like_the_forms(folder):
    files = sorted((EXAMPLES / folder).glob("*.xlsx"))
    assert files
    for path in files:
        wb = openpyxl.load_workbook(path)
        assert wb["TDKT_ID"]["B2"].value == SPEC.version, path.name
        for sheet in ("Phụ lục I", SHEET, "Phụ lục III"):
            texts = {str(c.value).strip() for row in wb[sheet].iter_rows() for c in row if c.value}
            assert {"NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ"} <= texts, (path.name, sheet)
