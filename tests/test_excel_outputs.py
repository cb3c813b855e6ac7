"""The XLSX outputs a person prints or reads: no machine key shown, no folder
path of the machine, file times in local time (labelled), landscape A4 print
set-up with titles repeated and print areas (consolidated appendices, the
report's statistics workbook, the follow-up tracker)."""
from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import openpyxl
import pytest

from tdkt_xl.appendices import load_consolidated, merge
from tdkt_xl.appendices.output import SAVED_AT_HEADER, local_time
from tdkt_xl.appendices.stats import DATA_SHEET
from tdkt_xl.builder.example import example_sheets
from tdkt_xl.io.reader import read_round

ROOT = Path(__file__).resolve().parents[1]
INBOX = ROOT / "examples" / "phu_luc_gui_ve"


@pytest.fixture(scope="module")
def rnd():
    return read_round(example_sheets()).round


@pytest.fixture(scope="module")
def merged(rnd, tmp_path_factory):
    out = tmp_path_factory.mktemp("merged")
    res = merge(rnd, INBOX, out)
    return res, out / "Tong_hop_phu_luc.xlsx", out / "Bao_cao_hop_nhat.txt"


@pytest.fixture(scope="module")
def report_outputs(rnd, merged, tmp_path_factory):
    from tdkt_xl.reports.followup import make_followup
    from tdkt_xl.reports.report import make_report
    out = tmp_path_factory.mktemp("report")
    rep = make_report(rnd, out / "bc", appendices=merged[1])
    fu = make_followup(rnd, out / "fu", as_of=dt.date(2024, 12, 31))
    return rep.workbook, fu.tracker


def test_machine_keys_are_never_shown(merged):
    _, path, _ = merged
    wb = openpyxl.load_workbook(path)
    data = wb[DATA_SHEET]
    assert data.sheet_state == "hidden"
    assert data.row_dimensions[1].hidden                     # the key row
    keys = {c.value for c in data[1] if c.value}
    assert "mv_central" in keys                              # still machine-readable …
    for ws in wb.worksheets:                                 # … but on no visible sheet
        if ws.sheet_state != "visible":
            continue
        text = {str(c.value) for row in ws.iter_rows() for c in row if c.value is not None}
        assert not text & {"mv_central", "pledge", "council_rules", "r_women"}, ws.title
    back = load_consolidated(path)                           # report --appendices reads it back
    assert back.units and back.labels["mv_central"].startswith("Số phong trào")


def test_no_absolute_folder_path_is_printed(merged):
    _, path, txt = merged
    wb = openpyxl.load_workbook(path)
    text = " ".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows()
                    for c in row if c.value is not None)
    for where in (text, txt.read_text(encoding="utf-8")):
        assert str(INBOX) not in where and str(INBOX.parent) not in where
        assert INBOX.name in where


def test_file_times_are_local_and_labelled(merged):
    _, path, _ = merged
    ws = openpyxl.load_workbook(path)["Báo cáo hợp nhất"]
    assert SAVED_AT_HEADER in {c.value for row in ws.iter_rows(max_row=4) for c in row}


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="time.tzset (POSIX) needed to set the zone")
def test_local_time_of_a_utc_save_time(monkeypatch):
    monkeypatch.setenv("TZ", "Asia/Ho_Chi_Minh")
    time.tzset()
    try:
        assert local_time(dt.datetime(2024, 6, 4, 7, 0)) == "04/06/2024 14:00"     # naive = UTC
        assert local_time(None) == ""
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def _print_checks(path: Path, sheets=None):
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        if ws.sheet_state != "visible" or (sheets and ws.title not in sheets):
            continue
        assert ws.page_setup.orientation == "landscape", ws.title
        assert str(ws.page_setup.paperSize) == "9", ws.title                 # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.page_setup.fitToHeight == 0, ws.title                      # fit to width only
        assert ws.print_area, ws.title
        yield ws


def test_consolidated_workbook_prints_readably(merged):
    _, path, _ = merged
    seen = list(_print_checks(path))
    assert len(seen) >= 8
    summary = next(ws for ws in seen if ws.title == "Tổng hợp")
    assert summary.print_title_rows                                          # header repeated
    assert summary.page_setup.fitToWidth >= 2 and summary.print_title_cols   # 23 columns: 2 pages


def test_report_and_followup_workbooks_print_readably(report_outputs):
    stats, tracker = report_outputs
    assert len(list(_print_checks(stats))) == 2
    assert [ws.print_title_rows for ws in _print_checks(tracker)] != [None, None]


@pytest.fixture(scope="module")
def form(rnd, tmp_path_factory):
    from tdkt_xl.appendices import make_forms
    out = tmp_path_factory.mktemp("forms")
    make_forms(rnd, out, unit="XQS")
    return out / "Phu_luc_XQS.xlsx"


def test_forms_carry_a_signature_block(form):
    wb = openpyxl.load_workbook(form)
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        text = [str(c.value) for row in ws.iter_rows() for c in row if c.value]
        assert "NGƯỜI LẬP BIỂU" in text and "THỦ TRƯỞNG ĐƠN VỊ" in text, ws.title
        assert "(Ký tên, đóng dấu)" in text, ws.title


def test_phu_luc_ii_prints_readably(form):
    ws = openpyxl.load_workbook(form)["Phụ lục II"]
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToHeight == 0
    assert ws.page_setup.fitToWidth >= 2          # its wide table B is not squeezed onto one page
    assert ws.print_title_cols and ws.print_area


def test_titles_print_whole_on_continuation_pages(merged):
    """A sheet wider than a page repeats its first two columns, and with them the title
    in A1, on every page: 'PHỤ LỤC II: KẾT QUẢ XÉT TẶNG DANH HIỆU THI ĐUA, HÌNH THỨC KHEN
    THƯỞNG' overflowed past column B and printed as '… HÌNH THỨC, HÌ' on page 2.  The
    title is wrapped inside the repeated columns, on as many lines as it needs."""
    from openpyxl.utils import get_column_letter
    from tdkt_xl.appendices.output import TITLE_CHAR_WIDTH, TITLE_LINE_PT
    _, path, _ = merged
    wb = openpyxl.load_workbook(path)
    checked = []
    for ws in wb.worksheets:
        if ws.sheet_state != "visible" or not ws.print_title_cols or not ws["A1"].value:
            continue
        title = ws["A1"].value
        room = sum(ws.column_dimensions[get_column_letter(c)].width for c in (1, 2))
        if len(title) * TITLE_CHAR_WIDTH <= room:
            continue                                    # fits in the repeated columns as is
        assert "A1:B1" in {str(r) for r in ws.merged_cells.ranges}, ws.title
        assert ws["A1"].alignment.wrap_text, ws.title
        lines = int((ws.row_dimensions[1].height or 15) // TITLE_LINE_PT)
        assert len(title) * TITLE_CHAR_WIDTH <= room * lines, ws.title
        checked.append(title)
    assert any("HÌNH THỨC KHEN THƯỞNG" in t for t in checked)
