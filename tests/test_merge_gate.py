"""`tdkt merge`, the demo's merge step and the Excel merge job go through the
one gate (job 'merge', issue 10): a master whose errors block the merge (a
column of the Đơn vị sheet renamed, a unit without a block, duplicate
codes, an error that blocks every job) is refused with the finding named in
Vietnamese, exit 1, nothing written.  Before, the merge ran on such a master:
with 'Mã đơn vị' renamed every returned file was rejected as 'unit not in the
list' and a consolidated workbook of nothing was written."""
from __future__ import annotations

import copy
import datetime as dt
import shutil

import pytest

import hostile_files as H
import xl_payload as X
from tdkt_xl.cli import main
from tdkt_xl.excel import main as excel_main
from tdkt_xl.io import controls as K
from tdkt_xl.io.reader import read_round
from tdkt_xl.vocabulary import cells, schema as S

UNITS = S.UNITS.name


def _rename_header(s, sheet, old, new) -> str:
    r, head = next((r, row) for r, row in enumerate(s[sheet]) if old in row)     # the header row
    head[head.index(old)] = new
    return f"A{r + 1}"


def _bad_block(s) -> str:
    col = s[UNITS][0].index("Khối")
    s[UNITS][3][col] = ""            # blocks are the round's own words: any is valid, none is not
    return cells.a1(3, col)


def _duplicate_code(s) -> str:
    s[UNITS][4][0] = s[UNITS][3][0]
    return "A5"


def _bad_year(s) -> str:
    for r, row in enumerate(s[S.SETTINGS.name]):
        if row[0] == "Năm":
            row[1] = "99999"
            return f"B{r + 1}"
    raise KeyError("Năm")


CASES = {
    "unit code column renamed": (lambda s: _rename_header(s, UNITS, "Mã đơn vị", "Mã ĐV"), "GT01", "Mã đơn vị"),
    "block column renamed": (lambda s: _rename_header(s, UNITS, "Khối", "Khối/Loại"), "GT01", "Khối"),
    "a unit without a block": (_bad_block, "GT02", "Khối"),
    "duplicate unit code": (_duplicate_code, "DV01", ""),
    "an error blocking every job": (_bad_year, "GT05", "99999"),
}


def _inbox(tmp_path):
    inbox = tmp_path / "gui_ve"
    inbox.mkdir()
    shutil.copy(H.EXAMPLES / "Phu_luc_XQS.xlsx", inbox)
    return inbox


@pytest.mark.parametrize("case", list(CASES))
def test_cli_merge_refuses_a_master_whose_errors_block_it(tmp_path, capsys, example_sheets, case):
    change, code, words = CASES[case]
    cell = change(example_sheets)
    master = H.book_from_arrays(tmp_path / "so.xlsx", example_sheets)
    out = tmp_path / "ket_qua"
    rc = main(["merge", str(master), str(_inbox(tmp_path)), "--out", str(out)])
    stdout, err = capsys.readouterr()
    assert rc == 1, (stdout, err)
    assert "Chưa thể lập bảng tổng hợp phụ lục" in err and f"[{code}]" in err and words in err, err
    assert cell in err and "Traceback" not in err
    assert not out.exists() or not any(out.rglob("*")), list(out.rglob("*"))


def test_cli_merge_json_refusal(tmp_path, capsys, example_sheets):
    _rename_header(example_sheets, UNITS, "Mã đơn vị", "Mã ĐV")
    master = H.book_from_arrays(tmp_path / "so.xlsx", example_sheets)
    rc = main(["merge", str(master), str(_inbox(tmp_path)), "--out", str(tmp_path / "o"), "--json"])
    import json
    stdout, _err = capsys.readouterr()
    assert rc == 1 and "GT01" in json.loads(stdout)["error"]["message"]


def test_cli_merge_without_the_units_sheet_is_unusable(tmp_path, capsys, example_sheets):
    del example_sheets[UNITS]
    master = H.book_from_arrays(tmp_path / "so.xlsx", example_sheets)
    rc = main(["merge", str(master), str(_inbox(tmp_path)), "--out", str(tmp_path / "o")])
    _out, err = capsys.readouterr()
    assert rc == 2 and "thiếu trang tính: Đơn vị" in err and "Traceback" not in err
    assert not (tmp_path / "o").exists()


def test_the_example_still_merges_through_the_gate(tmp_path, capsys, example_sheets):
    master = H.book_from_arrays(tmp_path / "so.xlsx", example_sheets)
    rc = main(["merge", str(master), str(_inbox(tmp_path)), "--out", str(tmp_path / "o")])
    assert rc == 0, capsys.readouterr()
    assert (tmp_path / "o" / "Tong_hop_phu_luc.xlsx").exists()


def test_demo_merge_step_refuses(tmp_path, capsys, example_sheets):
    _bad_block(example_sheets)
    master = H.book_from_arrays(tmp_path / "so.xlsx", example_sheets)
    out = tmp_path / "demo"
    rc = main(["demo", "--workbook", str(master), "--inbox", str(_inbox(tmp_path)), "--out", str(out),
               "--as-of", "31/12/2024"])
    stdout, err = capsys.readouterr()
    assert rc == 1, (stdout[-2000:], err)
    assert "Không gộp được phụ lục: Chưa thể lập bảng tổng hợp phụ lục" in stdout and "[GT02]" in stdout
    from tdkt_xl.vocabulary import outputs as O
    assert not (out / O.MERGED).exists() or not any((out / O.MERGED).rglob("*"))


def test_excel_merge_job_refuses(tmp_path):
    sheets = copy.deepcopy(X.shipped_or_example()[0])
    for row in sheets[S.CONTROL.name]:
        if row and isinstance(row[0], str) and cells.norm_text(row[0]) == K.OPT_JOB:
            row[1] = K.JOB_MERGE
    _rename_header(sheets, UNITS, "Mã đơn vị", "Mã ĐV")
    rnd = read_round(sheets).round
    (tmp_path / rnd.settings.inbox_folder.replace("\\", "/")).mkdir(parents=True)
    shutil.copy(H.EXAMPLES / "Phu_luc_XQS.xlsx", tmp_path / rnd.settings.inbox_folder.replace("\\", "/"))
    payload = X.payload_from_arrays(sheets, active=S.CONTROL.name)
    book = X.open_book(payload)
    out = excel_main(folder=tmp_path, clock=lambda: dt.datetime(2024, 7, 1, 9, 0))
    applied = X.apply(payload, book)
    assert not out.ok
    alert = applied.alerts[-1]
    assert "Chưa thể lập bảng tổng hợp phụ lục" in alert and "[GT01]" in alert and "Kiểm tra dữ liệu" in alert
    from tdkt_xl.excel.appendix_jobs import CONSOLIDATION_SHEET
    assert CONSOLIDATION_SHEET not in sheets and CONSOLIDATION_SHEET not in applied.names    # not written
    assert not list(tmp_path.rglob("Tong_hop_phu_luc.xlsx"))
