"""The round at a glance: `tdkt status` and the rows of the Tổng quan sheet."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from tdkt_xl.io.reader import read_round
from tdkt_xl.overview import status as ST


@pytest.fixture(scope="module")
def rnd(_example_sheets):
    return read_round(_example_sheets, "example").round


def _rows(res):
    return {u.code: u for u in res.units}


def test_before_the_inspections(rnd):
    first = min(i.date for i in rnd.inspections if i.date)
    res = ST.round_status(rnd, first - dt.timedelta(days=1))
    assert res.counts["inspected"] == 0
    assert all(u.inspected.startswith("Theo lịch") for u in res.units)
    assert all(u.appendices == "Chưa gộp phụ lục" for u in res.units)


def test_late_report_and_overdue_recommendations_are_flagged(rnd):
    late = [i for i in rnd.inspections if i.report_received and i.report_due
            and i.report_received > i.report_due]
    assert late, "the example round has late reports"
    res = ST.round_status(rnd, dt.date(2024, 12, 31))
    rows = _rows(res)
    for i in late:
        assert rows[i.unit_code].report.startswith("Trễ hạn") and "report" in rows[i.unit_code].flags
    assert res.counts["report_late"] == len(late)
    assert res.counts["recs_overdue"] == sum(u.overdue_recs for u in res.units) > 0
    from tdkt_xl.vocabulary.style import is_praise             # praise is nothing to remedy
    fixes = [r for r in rnd.recommendations if not is_praise(r.text)]
    assert res.counts["recs_open"] + res.counts["recs_remedied"] == len(fixes)
    # a report received after the as-of date is not received yet
    i = late[0]
    early = ST.round_status(rnd, i.report_received - dt.timedelta(days=1))
    assert not _rows(early)[i.unit_code].report.startswith(("Trễ hạn", "Đúng hạn"))


def test_merge_summary_and_manifests(rnd, tmp_path):
    codes = [u.code for u in rnd.selected_units()]
    table = [["TỔNG HỢP"], [], ["Mã đơn vị", "Tên đơn vị", "Khối", "Tình trạng phụ lục"],
             [codes[0], "", "", "Đã tổng hợp"], [codes[1], "", "", "Bị từ chối (PL30)"]]
    merged = ST.merge_states(table)
    assert merged == {codes[0]: "Đã tổng hợp", codes[1]: "Bị từ chối (PL30)"}
    (tmp_path / "a.docx").write_bytes(b"x")
    (tmp_path / "manifest.json").write_text(json.dumps({"files": {
        "a.docx": {"kind": "Biên bản kiểm tra", "unit": codes[2]},
        "gone.docx": {"kind": "Biên bản kiểm tra", "unit": codes[3]}}}), encoding="utf-8")
    first = min(i.date for i in rnd.inspections if i.date)
    res = ST.round_status(rnd, first - dt.timedelta(days=1), ST.manifest_entries(tmp_path), merged)
    rows = _rows(res)
    assert rows[codes[1]].appendices == "Bị từ chối (PL30)" and "appendices" in rows[codes[1]].flags
    assert rows[codes[2]].minutes == "Đã tạo, chưa ký"
    assert rows[codes[3]].minutes != "Đã tạo, chưa ký"          # listed but the file is gone
    assert res.counts["appendices_rejected"] == 1


def test_sheet_block_is_rectangular_with_the_header_row(rnd):
    from tdkt_xl.vocabulary import schema as S
    block = ST.round_status(rnd, dt.date(2024, 12, 31)).rows()
    assert {len(r) for r in block} == {len(S.OVERVIEW.columns)}
    assert block[S.OVERVIEW_HEADER_ROW - 1] == S.OVERVIEW.headers


def test_cli(built_workbook, tmp_path, capsys):
    from tdkt_xl.cli import main
    assert main(["status", str(built_workbook), "--as-of", "31/12/2024", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["as_of"] == "2024-12-31" and data["counts"]["units"] == len(data["units"])
    assert main(["status", str(built_workbook), "--as-of", "31/12/2024"]) == 0
    assert "Tình hình đợt kiểm tra đến ngày 31/12/2024" in capsys.readouterr().out
    assert main(["status", str(tmp_path / "khong_co.xlsm")]) == 2
    assert main(["status", str(built_workbook), "--docs", str(tmp_path / "khong_co")]) == 2
    assert main(["status", str(built_workbook), "--appendices", str(tmp_path / "x.xlsx")]) == 2
    assert main(["status", str(built_workbook), "--as-of", "32/13/2024"]) == 2


def test_built_workbook_has_the_overview(built_workbook):
    from tdkt_xl.io.sources import read_file_arrays
    from tdkt_xl.vocabulary import schema as S
    rows = read_file_arrays(built_workbook, [S.OVERVIEW.name])[S.OVERVIEW.name]
    assert rows[0][0].startswith("TỔNG QUAN ĐỢT KIỂM TRA")
    assert list(rows[S.OVERVIEW_HEADER_ROW - 1][:len(S.OVERVIEW.columns)]) == S.OVERVIEW.headers
