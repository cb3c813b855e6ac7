"""Hostile returned files (issue 10): every damaged, hostile or huge file is
rejected by name with its PL code, the others merge and are written, the
master and the inbox are never changed, no traceback, exit code 0/1/2.

Every run is a `tdkt merge` subprocess capped in memory and time
(``hostile_files.run_tdkt``): before the bounds, one value at XFD1048576 made
python-calamine abort the whole process (exit 134, a 549 GB allocation) and
a merge A200:XFD1048576 looped for ~50 minutes."""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest

import hostile_files as H
from tdkt_xl.appendices.fill import set_saved_time
from tdkt_xl.appendices.spec import layout, load_spec

SPEC = load_spec()
MAIN_NS = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
GOOD = ("Phu_luc_XQS.xlsx", "Phu_luc_BTCHU.xlsx")
BASE = H.EXAMPLES / "Phu_luc_XCT.xlsx"           # a clean commune form (unit XCT)
AGENCY = H.EXAMPLES / "Phu_luc_BTCHU.xlsx"


def _cell_of(key: str, commune: bool = True) -> tuple:
    lay = layout(SPEC, commune)
    for sl in lay.sheets.values():
        if key in sl.cells:
            r, c = sl.cells[key]
            return sl.spec.name, r, c
    raise KeyError(key)


def _typed(src: Path, dst: Path, key: str, value, code: str) -> Path:
    """``src`` for unit ``code`` with ``value`` typed into the input cell of ``key``."""
    import openpyxl
    wb = openpyxl.load_workbook(src)
    sheet, r, c = _cell_of(key)
    wb[sheet].cell(r + 1, c + 1).value = value
    wb.save(dst)
    return H.sheet_with(dst, dst, H.SHEET_ID, lambda x: H.set_code(x, "XCT", code))


def _recode(src: Path, dst: Path, old: str, new: str) -> Path:
    parts = H.members(src)
    parts[H.SHEET_ID] = H.set_code(parts[H.SHEET_ID], old, new)
    return H.write_zip(dst, parts)


def _random_comment(n: int) -> bytes:
    import base64
    import random
    rng = random.Random(7)
    return b"<!--" + base64.b64encode(bytes(rng.getrandbits(8) for _ in range(n))) + b"-->"


# file name -> (maker(dst), expected codes: the file is rejected with one of them)
def _cases(tmp: Path) -> dict:
    core = H.members(BASE)["docProps/core.xml"]
    sheet_ii = "Phụ lục II"
    return {
        # ---- zip structure
        "zip_cut.xlsx": (lambda d: d.write_bytes(BASE.read_bytes()[: BASE.stat().st_size * 6 // 10]), {"PL05"}),
        "zip_member_damaged.xlsx": (lambda d: H.damage_member(BASE, d, H.SHEET_II), {"PL05"}),
        "zip_bad_crc.xlsx": (lambda d: H.patch(BASE, d, H.SHEET_I, crc=H.crc_of(BASE, H.SHEET_I) ^ 0xFFFF), {"PL05"}),
        "zip_bomb.xlsx": (lambda d: H.rewrite(BASE, d, parts={"xl/bomb.xml": b"<a>" + b"0" * 25_000_000 + b"</a>"}),
                          {"PL08"}),
        "zip_ratio.xlsx": (lambda d: H.rewrite(BASE, d, parts={"customXml/item1.xml": b" " * 5_000_000}), {"PL08"}),
        "core_declared_1_5GB.xlsx": (lambda d: H.patch(BASE, d, "docProps/core.xml", size=1_500_000_000), {"PL08"}),
        "core_200KB.xlsx": (lambda d: H.rewrite(BASE, d, parts={
            "docProps/core.xml": core.replace(b"</cp:coreProperties>", _random_comment(150_000) +
                                              b"</cp:coreProperties>")}), {"PL08"}),
        "size_lie.xlsx": (lambda d: H.patch(BASE, d, H.SHEET_II, size=1000), {"PL08", "PL05"}),
        "method_bzip2.xlsx": (lambda d: H.patch(BASE, d, H.SHEET_I, method=12), {"PL05"}),
        "encrypted_member.xlsx": (lambda d: H.patch(BASE, d, H.SHEET_I, flags=1), {"PL05"}),
        "duplicate_member.xlsx": (lambda d: _duplicate(BASE, d), {"PL05"}),
        "not_a_zip.xlsx": (lambda d: d.write_bytes(b"PK\x03\x04" + b"\x00" * 300), {"PL05"}),
        "empty.xlsx": (lambda d: d.write_bytes(b""), {"PL02"}),
        "text.xlsx": (lambda d: d.write_text("không phải Excel", encoding="utf-8"), {"PL01"}),
        "old.xls.xlsx": (lambda d: d.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600), {"PL03"}),
        "password_to_open.xlsx": (lambda d: d.write_bytes(H.encrypted_ooxml()), {"PL04"}),    # a CFB container
        "word.xlsx": (lambda d: H.write_zip(d, {"word/document.xml": b"<w:document/>"}), {"PL06"}),
        "ods.xlsx": (lambda d: H.write_zip(d, {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}),
                     {"PL01"}),
        # ---- XML parts
        "xml_malformed.xlsx": (lambda d: H.rewrite(BASE, d, parts={
            "xl/workbook.xml": H.members(BASE)["xl/workbook.xml"][:300]}), {"PL05"}),
        "xml_billion_laughs.xlsx": (lambda d: H.rewrite(BASE, d, parts={"xl/sharedStrings.xml": H.BILLION_LAUGHS}),
                                    {"PL05"}),
        "xml_external_entity.xlsx": (lambda d: H.sheet_with(BASE, d, H.SHEET_I, lambda x: (
            b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + x)), {"PL05"}),
        "missing_workbook_part.xlsx": (lambda d: H.rewrite(BASE, d, parts={"xl/workbook.xml": None}), {"PL01"}),
        "missing_sheet_part.xlsx": (lambda d: H.rewrite(BASE, d, parts={H.SHEET_ID: None}), {"PL05"}),
        "missing_rels.xlsx": (lambda d: H.rewrite(BASE, d, parts={"xl/_rels/workbook.xml.rels": None}), {"PL05"}),
        "huge_shared_strings.xlsx": (lambda d: H.rewrite(BASE, d, parts={
            "xl/sharedStrings.xml": b'<sst xmlns="' + MAIN_NS + b'"><si><t>' + b"A" * 21_000_000 + b"</t></si></sst>"}),
            {"PL08"}),
        # ---- cells far away, too many, merged
        "far_cell_XFD1048576.xlsx": (lambda d: H.sheet_with(BASE, d, H.SHEET_II, lambda x: H.add_cells(
            x, b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')), {"PL08"}),
        "far_row_no_refs.xlsx": (lambda d: H.sheet_with(BASE, d, H.SHEET_I, lambda x: H.add_cells(
            x, b'<row r="1048576"><c><v>1</v></c><c><v>2</v></c></row>')), {"PL08"}),
        "far_cell_prefixed.xlsx": (lambda d: H.sheet_with(BASE, d, H.SHEET_III, lambda x: H.add_cells(
            x, b'<x:row xmlns:x="' + MAIN_NS + b'" r="900000"><x:c r="ZZ900000"><x:v>1</x:v></x:c></x:row>')),
            {"PL08", "PL05"}),
        "id_sheet_200000_rows.xlsx": (lambda d: H.sheet_with(BASE, d, H.SHEET_ID, lambda x: H.add_cells(
            x, H.id_rows(200_000))), {"PL08"}),
        "many_merges.xlsx": (lambda d: H.sheet_with(BASE, d, H.SHEET_III, lambda x: x.replace(
            b"</sheetData>", b"</sheetData><mergeCells>" + b"".join(
                b'<mergeCell ref="Z%d:AA%d"/>' % (i, i) for i in range(1, 20_001)) + b"</mergeCells>", 1)),
            {"PL08"}),
        # ---- identified files (each its own unit): values and merges
        "merge_A1_XFD1048576.xlsx": (lambda d: H.sheet_with(_recode(BASE, d, "XCT", "XGL"), d, H.SHEET_II,
                                                            lambda x: H.add_merge(x, "A1:XFD1048576")), {"PL14"}),
        "count_5000_digits.xlsx": (lambda d: _typed(BASE, d, "staff", "9" * 5000, "XVT"), {"PL25"}),
        "count_1e300.xlsx": (lambda d: _typed(BASE, d, "staff", 1e300, "XVL"), {"PL25"}),
        "count_20_digits.xlsx": (lambda d: _typed(BASE, d, "households", 99_999_999_999_999_999_999, "XHB"),
                                 {"PL25"}),
        # a name that is not UTF-8, on a broken file: rejected by its (escaped) name
        b"PL_\xff\xfe_hong.xlsx": (lambda d: d.write_bytes(BASE.read_bytes()[:4000]), {"PL05"}),
        # ---- more of the same families (each its own unit when it gets identified)
        "csv_renamed.xlsx": (lambda d: d.write_text("Mã đơn vị,Số\nXCT,5\n", encoding="utf-8"), {"PL01"}),
        "html_renamed.xlsx": (lambda d: d.write_text("<html><table><tr><td>5</td></tr></table></html>",
                                                     encoding="utf-8"), {"PL01"}),
        "styles_cut.xlsx": (lambda d: H.rewrite(BASE, d, parts={
            "xl/styles.xml": H.members(BASE)["xl/styles.xml"][:200]}), {"PL05"}),
        "shared_string_index_out_of_range.xlsx": (lambda d: H.sheet_with(BASE, d, H.SHEET_II, lambda x: H.set_cell(
            x, "C12", b'<c r="C12" t="s"><v>99999</v></c>')), {"PL05"}),                          # unit XCT
        "sheet_xml_not_well_formed.xlsx": (lambda d: H.sheet_with(_recode(AGENCY, d, "BTCHU", "PVHTT"), d,
                                                                  H.SHEET_II, lambda x: x.replace(
            b"</sheetData>", b'<row r="99"><c r="A99"><v>1</v></sheetData>', 1)), {"PL05"}),
        "formula_error_REF.xlsx": (lambda d: H.sheet_with(_recode(AGENCY, d, "BTCHU", "CAH"), d, H.SHEET_II,
                                                          lambda x: H.set_cell(x, "C12", H.error_cell("C12"))),
                                   {"PL29"}),
        # the longest name a file system allows (255 bytes; 300 characters cannot be created)
        ("Phụ lục " * 40)[:80] + "x" * (255 - len(("Phụ lục " * 40)[:80].encode()) - 5) + ".xlsx": (
            lambda d: d.write_bytes(BASE.read_bytes()[:3000]), {"PL05"}),
    }, sheet_ii


def _duplicate(src: Path, dst: Path) -> Path:
    import warnings
    parts = H.members(src)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in parts.items():
                z.writestr(name, data)
            z.writestr(H.SHEET_ID, parts[H.SHEET_ID])
    return dst


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, built_workbook_module):
    tmp = tmp_path_factory.mktemp("hostile")
    inbox = tmp / "phu_luc_gui_ve"
    inbox.mkdir()
    for name in GOOD:
        shutil.copy(H.EXAMPLES / name, inbox / name)
    cases, _ = _cases(tmp)
    for name, (make, _codes) in cases.items():
        make(inbox / os.fsdecode(name) if isinstance(name, bytes) else inbox / name)
    # merged range far below the form: harmless, must not hang; the file merges
    H.sheet_with(_recode(BASE, inbox / "merge_A200_XFD1048576.xlsx", "XCT", "XBM"),
                 inbox / "merge_A200_XFD1048576.xlsx", H.SHEET_II, lambda x: H.add_merge(x, "A200:XFD1048576"))
    # a good file whose name is not UTF-8 (unit HLHPN): merges, shown with its bytes escaped
    _recode(AGENCY, inbox / os.fsdecode(b"PL_\xff\xfe_hlhpn.xlsx"), "BTCHU", "HLHPN")
    # hygiene: hidden, Office lock file, a link to a form outside the inbox, a pipe, a folder named .xlsx
    shutil.copy(H.EXAMPLES / "Phu_luc_XQS.xlsx", inbox / ".an.xlsx")
    shutil.copy(H.EXAMPLES / "Phu_luc_XQS.xlsx", inbox / "~$Phu_luc_XQS.xlsx")
    outside = tmp / "ngoai"
    outside.mkdir()
    shutil.copy(H.EXAMPLES / "Phu_luc_TTVHTT.xlsx", outside / "Phu_luc_TTVHTT.xlsx")
    (inbox / "lien_ket_ra_ngoai.xlsx").symlink_to(outside / "Phu_luc_TTVHTT.xlsx")
    os.mkfifo(inbox / "ong_dan.xlsx")
    (inbox / "vong_lap").mkdir()
    (inbox / "vong_lap" / "lai_vao_thu_muc_gui_ve").symlink_to(inbox, target_is_directory=True)   # a loop
    (inbox / "thu_muc.xlsx").mkdir()
    # a unit sends a file dated 2099 (wrong clock), then a correction: the correction wins
    future = _recode(BASE, inbox / "XCL_dong_ho_sai.xlsx", "XCT", "XCL")
    set_saved_time(future, dt.datetime(2099, 1, 1, 8, 0))
    os.utime(future, (4070908800, 4070908800))                    # 2099-01-01
    fixed = _recode(BASE, inbox / "XCL_ban_sua.xlsx", "XCT", "XCL")
    set_saved_time(fixed, dt.datetime(2024, 6, 5, 9, 0))

    master = tmp / "tdkt_2024.xlsm"
    shutil.copy(built_workbook_module, master)
    before = H.tree_hash(inbox, master, outside)
    out = tmp / "ket_qua"
    proc = H.run_tdkt("merge", master, inbox, "--out", out, "--json")
    return {"proc": proc, "cases": cases, "inbox": inbox, "out": out, "before": before,
            "after": H.tree_hash(inbox, master, outside)}


@pytest.fixture(scope="module")
def built_workbook_module():
    from conftest import WORKBOOK
    if not WORKBOOK.exists():
        pytest.skip("workbook/tdkt_2024.xlsm chưa được tạo (tdkt build-workbook)")
    return WORKBOOK


def _result(hostile) -> dict:
    proc = hostile["proc"]
    assert proc.returncode == 1, (proc.returncode, proc.stderr.decode("utf-8", "replace")[-3000:])
    return json.loads(proc.stdout.decode("utf-8"))


def test_no_crash_no_traceback_and_nothing_touched(hostile):
    proc = hostile["proc"]
    assert proc.returncode in (0, 1, 2), proc.stderr[-3000:]
    for stream in (proc.stdout, proc.stderr):
        assert b"Traceback" not in stream and b"TIMEOUT" not in stream
    assert hostile["after"] == hostile["before"]           # master, inbox and the linked file untouched
    written = sorted(p.name for p in hostile["out"].iterdir() if not p.name.startswith("."))
    assert written == ["Bao_cao_hop_nhat.txt", "Tong_hop_phu_luc.xlsx"]


def test_every_bad_file_rejected_by_name_with_its_code(hostile):
    res = _result(hostile)
    rejected = {r["file"]: r for r in res["rejected"]}
    wrong = {}
    for name, (_make, codes) in hostile["cases"].items():
        shown = os.fsdecode(name).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace") \
            if isinstance(name, bytes) else name
        got = rejected.get(shown, {})
        if not (set(got.get("codes", ())) & codes and got["status"] == "rejected" and got["reasons"]):
            wrong[shown] = (got.get("status"), got.get("codes"), codes)
    assert not wrong, wrong


def test_the_others_merge(hostile):
    res = _result(hostile)
    merged = {m["unit"]: m["file"] for m in res["merged"]}
    assert merged["XQS"] == "Phu_luc_XQS.xlsx" and merged["BTCHU"] == "Phu_luc_BTCHU.xlsx"
    assert merged["XBM"] == "merge_A200_XFD1048576.xlsx"           # far merge, harmless: merged, no hang
    assert merged["HLHPN"] == "PL_\\xff\\xfe_hlhpn.xlsx"            # name bytes shown, file merged
    assert merged["XCL"] == "XCL_ban_sua.xlsx"                      # the correction beats the 2099 file


def test_far_cell_is_named(hostile):
    res = _result(hostile)
    f = {x["file"]: x for x in res["findings"] if x["code"] == "PL08"}
    assert f["far_cell_XFD1048576.xlsx"]["sheet"] == "Phụ lục II"
    assert f["far_cell_XFD1048576.xlsx"]["cell"] == "XFD1048576"
    # numbers grouped with '.', the sentence's own commas kept (it read "… cột. giới hạn … giới hạn")
    assert ("trang 'Phụ lục II' có dữ liệu tới ô XFD1048576 (1.048.576 dòng × 16.384 cột), vượt giới hạn "
            "20.000 ô.") in f["far_cell_XFD1048576.xlsx"]["message"]
    assert f["id_sheet_200000_rows.xlsx"]["sheet"] == SPEC.id_sheet


def test_skipped_files_are_reported_with_their_reason(hostile):
    res = _result(hostile)
    skipped = {s["file"]: s["reason"] for s in res["skipped"]}
    assert "tệp ẩn" in skipped[".an.xlsx"]
    assert "tệp khóa tạm" in skipped["~$Phu_luc_XQS.xlsx"]
    assert "ngoài thư mục gửi về" in skipped["lien_ket_ra_ngoai.xlsx"]
    assert "không phải tệp thông thường" in skipped["ong_dan.xlsx"]
    loop = next(v for k, v in skipped.items() if k.endswith("lai_vao_thu_muc_gui_ve"))
    assert "liên kết" in loop
    assert "TTVHTT" not in {m["unit"] for m in res["merged"]}


def test_future_time_does_not_win_and_is_explained(hostile):
    res = _result(hostile)
    old = next(r for r in res["rejected"] if r["file"] == "XCL_dong_ho_sai.xlsx")
    assert old["status"] == "superseded" and {"PL12", "PL27"} <= set(old["codes"])
    text = " ".join(old["reasons"])
    assert "XCL_ban_sua.xlsx" in text and "thời điểm lưu ghi trong tệp 09:00 05/06/2024" in text


# ---------------------------------------------------------------- the master, the folders
def _master_with_far_cell(src: Path, dst: Path, sheet: str) -> Path:
    from tdkt_xl.io.extent import sheet_parts
    from tdkt_xl.io.package import Package
    part = sheet_parts(Package.open(src.read_bytes()))[sheet]
    return H.sheet_with(src, dst, part, lambda x: H.add_cells(
        x, b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'))


def test_master_with_a_far_cell_is_refused_by_sheet_and_cell(built_workbook_module, tmp_path):
    master = _master_with_far_cell(built_workbook_module, tmp_path / "tdkt_2024.xlsm", "Đơn vị")
    inbox = tmp_path / "in"
    inbox.mkdir()
    shutil.copy(H.EXAMPLES / "Phu_luc_XQS.xlsx", inbox)
    proc = H.run_tdkt("merge", master, inbox, "--out", tmp_path / "out")
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2, err[-2000:]
    assert "Traceback" not in err and "'Đơn vị'" in err and "XFD1048576" in err
    assert ("(1.048.576 dòng × 16.384 cột), vượt giới hạn 5.000.000 ô của một trang. Hãy xóa các dòng, cột "
            "thừa") in err, err
    assert not (tmp_path / "out").exists()


def _small_inbox(tmp_path: Path) -> Path:
    inbox = tmp_path / "ket_qua" / "phu_luc_gui_ve"
    inbox.mkdir(parents=True)
    shutil.copy(H.EXAMPLES / "Phu_luc_XQS.xlsx", inbox)
    return inbox


@pytest.mark.parametrize("where", ["same", "inside", "blank"])
def test_out_equal_to_or_inside_the_inbox_is_refused(built_workbook_module, tmp_path, where):
    inbox = _small_inbox(tmp_path)
    out = {"same": inbox, "inside": inbox / "tong_hop", "blank": ""}[where]
    before = H.tree_hash(inbox)
    proc = H.run_tdkt("merge", built_workbook_module, inbox, "--out", out)
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2 and "Traceback" not in err, err
    assert "thư mục" in err.lower()
    assert H.tree_hash(inbox) == before and not (inbox / "tong_hop").exists()


def test_out_a_parent_of_the_inbox_merges(built_workbook_module, tmp_path):
    inbox = _small_inbox(tmp_path)
    proc = H.run_tdkt("merge", built_workbook_module, inbox, "--out", tmp_path / "ket_qua", "--json")
    res = json.loads(proc.stdout.decode("utf-8"))
    assert [m["unit"] for m in res["merged"]] == ["XQS"]
    assert (tmp_path / "ket_qua" / "Tong_hop_phu_luc.xlsx").exists()


def test_no_file_found_is_not_a_success(built_workbook_module, tmp_path):
    inbox = tmp_path / "trong"
    inbox.mkdir()
    (inbox / "~$khoa.xlsx").write_bytes(b"x")
    proc = H.run_tdkt("merge", built_workbook_module, inbox, "--out", tmp_path / "out")
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 1, (proc.returncode, out, proc.stderr)
    assert "Không tìm thấy tệp phụ lục nào" in out


@pytest.mark.parametrize("case", ["far_cell", "far_merge"])
def test_one_severe_file_alone_does_not_take_the_merge_down(built_workbook_module, tmp_path, case):
    """Before: far_cell aborted the process (exit 134, python-calamine asked for
    549 GB); far_merge looped over 17 billion cells (~50 min)."""
    inbox = tmp_path / "in"
    inbox.mkdir()
    shutil.copy(H.EXAMPLES / "Phu_luc_XQS.xlsx", inbox)
    if case == "far_cell":
        H.sheet_with(BASE, inbox / "xa.xlsx", H.SHEET_II, lambda x: H.add_cells(
            x, b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'))
    else:
        H.sheet_with(BASE, inbox / "xa.xlsx", H.SHEET_II, lambda x: H.add_merge(x, "A20:XFD1048576"))
    proc = H.run_tdkt("merge", built_workbook_module, inbox, "--out", tmp_path / "out", "--json", timeout=90)
    assert proc.returncode == 1, proc.stderr[-2000:]
    res = json.loads(proc.stdout.decode("utf-8"))
    assert [m["unit"] for m in res["merged"]] == ["XQS"]
    (bad,) = res["rejected"]
    assert bad["file"] == "xa.xlsx" and bad["codes"] == (["PL08"] if case == "far_cell" else ["PL14"])
    assert (tmp_path / "out" / "Tong_hop_phu_luc.xlsx").exists()
