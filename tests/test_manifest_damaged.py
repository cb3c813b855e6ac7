"""A damaged manifest.json in the output folder (not JSON, cut short, not
UTF-8, the wrong shape, some entries malformed) is said, in Vietnamese naming
the file, by everything that reads it: `tdkt status`, the Tổng quan sheet of
the Kiểm tra dữ liệu click, and the document writers; each goes on with what
it can.  Before: every reader swallowed it without a word (status showed no
document as made; the writers kept every existing file as if a clerk had
edited it)."""
from __future__ import annotations

import datetime as dt
import json

import pytest


def read_manifest(path):
    from tdkt_xl.io.manifest import read_manifest as read
    return read(path)

DAMAGES = {
    "not_json": b"day khong phai json",
    "truncated": b'{"note": "x", "files": {"BB_A.docx": {"sha256": "ab", "ki',
    "not_utf8": b'{"files": {"\xff\xfe": {}}}',
    "a_list": b"[1, 2, 3]",
    "files_not_a_table": b'{"files": "BB_A.docx"}',
    "empty": b"",
}


@pytest.mark.parametrize("damage", list(DAMAGES))
def test_a_damaged_manifest_is_said_naming_the_file(tmp_path, damage):
    path = tmp_path / "manifest.json"
    path.write_bytes(DAMAGES[damage])
    found = read_manifest(path)
    assert found.files == {}
    assert str(path) in found.problem and "bị hỏng" in found.problem
    assert "Traceback" not in found.problem and "Error" not in found.problem


def test_a_cut_short_manifest_is_said_to_be_cut(tmp_path):
    path = tmp_path / "manifest.json"
    path.write_bytes(DAMAGES["truncated"])
    assert "cắt cụt" in read_manifest(path).problem


def test_well_formed_entries_are_kept_the_rest_counted(tmp_path):
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps({"files": {"BB_A.docx": {"sha256": "ab", "kind": "k", "unit": "A"},
                                          "x.docx": "hỏng", "../ngoai.docx": {"sha256": "cd"}}}),
                    encoding="utf-8")
    found = read_manifest(path)
    assert list(found.files) == ["BB_A.docx"]
    assert "2 mục không đúng cấu trúc" in found.problem


def test_a_whole_or_absent_manifest_says_nothing(tmp_path):
    assert read_manifest(tmp_path / "manifest.json").problem == ""
    (tmp_path / "manifest.json").write_text('{"files": {}}', encoding="utf-8")
    assert read_manifest(tmp_path / "manifest.json").problem == ""


def _docs_with_a_partly_damaged_manifest(folder, unit):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"BB_{unit}.docx").write_bytes(b"x")
    (folder / "manifest.json").write_text(json.dumps({"files": {
        f"BB_{unit}.docx": {"sha256": "", "kind": "Biên bản kiểm tra", "unit": unit},
        "TB_X.docx": ["không", "phải", "bảng"]}}), encoding="utf-8")
    sub = folder / "Báo cáo"
    sub.mkdir(exist_ok=True)
    (sub / "manifest.json").write_bytes(DAMAGES["truncated"])
    return sub / "manifest.json"


def test_status_says_which_manifest_is_damaged_and_uses_the_rest(built_workbook, tmp_path, capsys):
    from tdkt_xl.cli import main
    from tdkt_xl.io.sources import read_workbook
    unit = read_workbook(built_workbook).round.selected_units()[0].code
    docs = tmp_path / "ket_qua"
    cut = _docs_with_a_partly_damaged_manifest(docs, unit)
    assert main(["status", str(built_workbook), "--docs", str(docs), "--as-of", "01/06/2024"]) == 0
    out = capsys.readouterr().out
    assert f"'{cut}' bị hỏng (tệp bị cắt cụt" in out
    assert f"'{docs / 'manifest.json'}' bị hỏng (1 mục không đúng cấu trúc" in out
    assert "Đã tạo, chưa ký" in out                  # the good entry still counts
    assert main(["status", str(built_workbook), "--docs", str(docs), "--as-of", "01/06/2024",
                 "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["notes"]) == 2 and all("bị hỏng" in n for n in data["notes"])


def test_the_overview_sheet_click_says_it_too(tmp_path):
    import xl_payload as X
    from tdkt_xl.excel import main
    from tdkt_xl.io.reader import read_round
    from tdkt_xl.vocabulary import outputs as O, schema as S
    arrays, _ = X.shipped_or_example()
    unit = read_round(arrays).round.selected_units()[0].code
    docs = tmp_path / "ket_qua" / O.DOCUMENTS
    cut = _docs_with_a_partly_damaged_manifest(docs, unit)
    payload = X.payload_from_arrays(arrays, active=S.UNITS.name)
    book = X.open_book(payload)
    out = main(folder=tmp_path, clock=lambda: dt.datetime(2024, 6, 1, 9, 0))
    applied = X.apply(payload, book)
    said = applied.alerts[-1] + out.log_text
    assert f"'{cut}' bị hỏng" in said, said
    rows = {r[0]: r for r in applied.sheet(S.OVERVIEW.name)[S.OVERVIEW_HEADER_ROW:] if r and r[0]}
    assert rows[unit][6] == "Đã tạo, chưa ký"


def test_the_document_writer_says_it_and_keeps_the_files(tmp_path):
    from tdkt_xl.documents.service import generate_documents
    from tdkt_xl.io.example import example_sheets
    from tdkt_xl.io.reader import read_round
    rnd = read_round(example_sheets()).round
    out = tmp_path / "out"
    generate_documents(rnd, out, kinds=("notice",), validate=False)
    (out / "manifest.json").write_bytes(DAMAGES["truncated"])
    s = generate_documents(rnd, out, kinds=("notice",), validate=False)
    text = "\n".join(s.lines())
    assert f"'{out / 'manifest.json'}' bị hỏng" in text and "được giữ nguyên" in text
    assert s.as_dict()["notes"] and json.loads((out / "manifest.json").read_text(encoding="utf-8"))["files"]
