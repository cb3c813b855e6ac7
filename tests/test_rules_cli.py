"""`tdkt validate` exit codes and output; `tdkt codes` from the catalogue."""
from __future__ import annotations

import json
import zipfile

import pytest
import xlsxwriter

from tdkt_xl.cli import main
from tdkt_xl.vocabulary import schema as S
from tdkt_xl.vocabulary.findings import CATALOGUE

from conftest import WORKBOOK


def write_xlsx(path, sheets: dict):
    wb = xlsxwriter.Workbook(str(path))
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v not in ("", None):
                    ws.write(r, c, v)
    wb.close()
    return path


def run(capsys, *argv):
    code = main(["validate", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_clean_exit_0_and_table(tmp_path, capsys, example_sheets):
    path = write_xlsx(tmp_path / "vd.xlsx", example_sheets)
    code, out, err = run(capsys, path, "--as-of", "31/12/2024")
    assert code == 0, out + err
    assert out.splitlines()[0].split()[:3] == ["Mã", "lỗi", "Mức"]
    assert "0 lỗi" in out and "cảnh báo" in out and "Nghị định số 98/2023/NĐ-CP" in out


def test_errors_exit_1_and_json(tmp_path, capsys, example_sheets):
    from rules_plant import apply_to_arrays
    apply_to_arrays(example_sheets, [("set", "Lịch kiểm tra", {"Mã đơn vị": "XVT"},
                                      "Ngày kiểm tra", "32/13/2024")])       # B15
    path = write_xlsx(tmp_path / "vd.xlsx", example_sheets)
    code, out, _ = run(capsys, path, "--json", "--as-of", "2024-12-31")
    assert code == 1
    data = json.loads(out)
    bad = [f for f in data["findings"] if f["code"] == "GT03"]
    assert bad == [{"code": "GT03", "severity": "error", "sheet": "Lịch kiểm tra",
                    "cell": "B15", "unit": "XVT", "blocks": ["notice", "minutes"],
                    "message": "Cột 'Ngày kiểm tra': '32/13/2024' không phải là ngày có thật "
                               "(ngày/tháng không hợp lệ)."}]


def test_unreadable_exit_2(tmp_path, capsys, example_sheets):
    docx = tmp_path / "renamed.xlsx"
    with zipfile.ZipFile(docx, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    text = tmp_path / "text.xlsx"
    text.write_text("không phải sổ tính", encoding="utf-8")
    partial = write_xlsx(tmp_path / "thieu.xlsx",
                         {k: v for k, v in example_sheets.items() if k != S.SCHEDULE.name})
    for path, words in ((tmp_path / "khong_co.xlsm", "Không tìm thấy"),
                        (docx, "văn bản Word"), (text, "không phải sổ tính Excel"),
                        (partial, "thiếu trang tính: Lịch kiểm tra")):
        code, out, err = run(capsys, path, "--as-of", "31/12/2024")
        assert code == 2 and words in err and "Traceback" not in err + out


def test_bad_as_of_exit_2(capsys, tmp_path):
    code, _, err = run(capsys, tmp_path / "x.xlsm", "--as-of", "31/02/2024")
    assert code == 2 and "--as-of" in err and "không phải là ngày có thật" in err


@pytest.mark.skipif(not WORKBOOK.exists(), reason="workbook/tdkt_2024.xlsm chưa được tạo")
def test_shipped_workbook_exit_0(capsys):
    code, out, _ = run(capsys, WORKBOOK, "--as-of", "31/12/2024")
    assert code == 0, out


def test_codes_markdown_lists_catalogue(capsys):
    import tdkt_xl.vocabulary.catalogue as validate_codes
    from tdkt_xl.vocabulary.findings import FindingType
    assert main(["codes", "--markdown", "--validate-only"]) == 0
    out = capsys.readouterr().out
    rows = [l for l in out.splitlines() if l.startswith("| ") and not l.startswith("| Mã")]
    ours = sorted(v.code for v in vars(validate_codes).values() if isinstance(v, FindingType))
    assert [r.split("|")[1].strip() for r in rows] == ours and set(ours) <= set(CATALOGUE)
    assert "Nghị định số 98/2023/NĐ-CP (01/01/2024–30/06/2025)" in out


def test_docs_codes_table_in_sync(capsys):
    from conftest import ROOT
    main(["codes", "--markdown", "--validate-only"])
    table = capsys.readouterr().out.strip()
    assert table in (ROOT / "docs" / "validation.md").read_text(encoding="utf-8"), (
        "docs/validation.md: chạy lại `tdkt codes --markdown` và dán bảng mới")
