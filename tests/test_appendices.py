"""Phụ lục I-III: forms out, returned files in, merge (issue 5)."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from tdkt_xl.appendices import load_consolidated, load_spec, make_forms, merge, merge_inbox
from tdkt_xl.appendices.fill import fill_form, set_saved_time
from tdkt_xl.appendices.spec import layout
from tdkt_xl.appendices.stats import SCOPE_ALL
from tdkt_xl.builder.example import example_sheets
from tdkt_xl.io.reader import read_round

SPEC = load_spec()
D = dt.date


@pytest.fixture(scope="module")
def rnd():
    return read_round(example_sheets()).round


@pytest.fixture(scope="module")
def forms(rnd, tmp_path_factory):
    out = tmp_path_factory.mktemp("forms")
    summary = make_forms(rnd, out)
    assert len(summary.units) == 14
    return out


def form_of(forms: Path, code: str) -> Path:
    return forms / f"Phu_luc_{code}.xlsx"


COMMUNE_VALUES = {
    "mv_central": 4, "mv_district": 3, "mv_own": 2, "mv_thematic": 3, "mv_reviewed": 5,
    "special_plan": "Có", "pledge": "Có", "council": "Có", "council_rules": "Không",
    "works_registered": 6, "works_done": 4,
    "staff": 24, "staff_leaders": 7, "workers": 4, "households": 1520, "households_cultured": 1311,
    "villages": 14, "villages_cultured": 12,
    "models_collective": 2, "models_individual": 3, "models_pattern": 1, "models_awarded": 4,
    "models_spread": 2, "propaganda": 9,
    "fund_opening": 4_500_000, "fund_allocated": 38_000_000, "spent_prizes": 21_340_000,
    "spent_items": 2_150_000, "spent_organising": 5_000_000,
}
COMMUNE_TABLES = {
    "docs": [{"summary": "Kế hoạch công tác thi đua, khen thưởng năm 2024", "number": "05/KH-UBND",
              "date": D(2024, 1, 10), "kind": "Kế hoạch"},
             {"summary": "Quyết định kiện toàn Hội đồng TĐKT", "number": "12/QĐ-UBND",
              "date": D(2024, 2, 2), "kind": "Quyết định"}],
    "awards": [
        {"title": "Lao động tiên tiến", "level": "Chủ tịch UBND xã", "dec_no": "03/QĐ-UBND",
         "dec_date": D(2024, 1, 12), "ind_leaders": 6, "ind_staff": 15, "women": 9},
        {"title": "Chiến sĩ thi đua cơ sở", "level": "Chủ tịch UBND huyện", "dec_no": "215/QĐ-UBND",
         "dec_date": D(2024, 1, 26), "ind_leaders": 1, "ind_staff": 2, "women": 1},
        {"title": "Giấy khen của Chủ tịch UBND xã", "level": "Chủ tịch UBND xã", "dec_no": "31/QĐ-UBND",
         "dec_date": D(2024, 3, 8), "collectives": 4, "households": 22, "ind_workers": 41, "women": 17},
        {"title": "Lao động tiên tiến", "level": "Chủ tịch UBND xã", "dec_no": "04/QĐ-UBND",
         "dec_date": D(2024, 1, 12), "ind_workers": 2},
    ],
    "models": [{"name": "Mô hình trồng hồi ghép", "type": "Mô hình", "field": "Nông nghiệp",
                "achievement": "Năng suất cao", "recognition": "", "spread": "Đài truyền thanh xã"}],
}


def good_file(forms, inbox: Path, code="XQS", name=None, values=None, tables=None, overrides=None,
              saved: dt.datetime | None = None) -> Path:
    unit_is_commune = code.startswith("X")
    path = fill_form(SPEC, form_of(forms, code), inbox / (name or f"{code}.xlsx"),
                     COMMUNE_VALUES if values is None else values,
                     COMMUNE_TABLES if tables is None else tables, unit_is_commune, overrides)
    if saved:
        set_saved_time(path, saved)
    return path


# ---------------------------------------------------------------- the form
def test_form_is_identified_protected_and_validated(forms):
    path = form_of(forms, "XQS")
    wb = CalamineWorkbook.from_path(str(path))
    meta = {m.name: m.visible for m in wb.sheets_metadata}
    assert str(meta["TDKT_ID"]).endswith("Hidden")
    ids = wb.get_sheet_by_name("TDKT_ID").to_python()
    assert ids[0][1] == SPEC.template_id and ids[2][1] == "XQS" and int(ids[1][1]) == SPEC.version
    xl = openpyxl.load_workbook(path)
    lay = layout(SPEC, True)
    for sl in lay.sheets.values():
        ws = xl[sl.spec.name]
        assert ws.protection.sheet, sl.spec.name
        assert not ws.protection.insertRows, sl.spec.name          # lists may grow
        assert ws.data_validations.dataValidation, sl.spec.name
        for key, (r, c) in sl.cells.items():
            locked = ws.cell(r + 1, c + 1).protection.locked
            kind = sl.kinds[key]
            assert locked == (isinstance(kind, tuple) or kind.is_formula), key
        for (r, c), text in sl.anchors.items():
            assert ws.cell(r + 1, c + 1).protection.locked
    ws2 = xl["Phụ lục II"]
    assert "Xã Quan Sơn" in ws2["A4"].value and "18/6/2024" in ws2["A5"].value
    # cached values of an empty form: totals 0, ratios empty
    rows = wb.get_sheet_by_name("Phụ lục II").to_python(skip_empty_area=False)
    sl = lay.sheets["PL2"]
    r, c = sl.cells["headcount"]
    assert rows[r][c] == 0
    r, c = sl.cells["r_cstdcs_ldtt"]
    assert rows[r][c] == ""


def test_district_form_has_no_fund_section(forms):
    assert "fund_total" not in layout(SPEC, False).sheets["PL3"].cells
    assert "fund_total" in layout(SPEC, True).sheets["PL3"].cells
    xl = openpyxl.load_workbook(form_of(forms, "BTCHU"))
    text = " ".join(str(c.value) for row in xl["Phụ lục III"].iter_rows() for c in row if c.value)
    assert "Quỹ thi đua" not in text
    assert (forms / "De_cuong_bao_cao_BTCHU.docx").stat().st_size > 0


def test_forms_are_reproducible(rnd, forms, tmp_path):
    make_forms(rnd, tmp_path, unit="XQS")
    assert (tmp_path / "Phu_luc_XQS.xlsx").read_bytes() == form_of(forms, "XQS").read_bytes()
    make_forms(rnd, tmp_path, unit="XQS")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["De_cuong_bao_cao_XQS.docx", "Phu_luc_XQS.xlsx"]


# ---------------------------------------------------------------- round trip
def test_filled_form_merges_to_exactly_the_numbers_typed(rnd, forms, tmp_path):
    good_file(forms, tmp_path)
    res = merge_inbox(rnd, tmp_path)
    assert [f.status for f in res.files] == ["merged"]
    v = res.units["XQS"].values
    for k, typed in COMMUNE_VALUES.items():
        assert v[k] == typed, k
    assert v["mv_total"] == 9 and v["headcount"] == 28
    assert v["fund_total"] == 42_500_000 and v["spent_total"] == 28_490_000 and v["fund_balance"] == 14_010_000
    assert v["awards.LDTT.individuals"] == 23 and v["awards.CSTDCS.individuals"] == 3
    assert v["awards.GK_XA.households"] == 22 and v["awards.GK_XA.collectives"] == 4
    assert v["awards.total.individuals"] == 23 + 3 + 41 and v["awards.total.total"] == 67 + 4 + 22
    assert v["r_cstdcs_ldtt"] == pytest.approx(3 / 23)
    assert v["r_nonleader"] == pytest.approx((15 + 2 + 2 + 41) / 67)
    assert v["r_workers"] == pytest.approx(43 / 67)
    assert v["r_family"] == pytest.approx(1311 / 1520)
    assert v["docs_count"] == 2 and v["models_count"] == 1
    rows = res.units["XQS"].tables["awards"]
    assert rows[1]["dec_date"] == D(2024, 1, 26) and rows[2]["individuals"] == 41
    assert [f.code for f in res.findings if f.unit == "XQS"] == []


def test_libreoffice_resave_still_merges(rnd, forms, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is not installed")
    import subprocess
    src = good_file(forms, tmp_path / "src")
    inbox = tmp_path / "inbox"
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(inbox), str(src)],
                   check=True, capture_output=True, timeout=120)
    res = merge_inbox(rnd, inbox)
    assert [f.status for f in res.files] == ["merged"], res.findings
    assert res.units["XQS"].values["awards.total.total"] == 93
    assert not [f for f in res.findings if f.unit == "XQS"]


# ---------------------------------------------------------------- broken inputs
def _edit(src: Path, dst: Path, fn) -> Path:
    wb = openpyxl.load_workbook(src)
    fn(wb)
    wb.save(dst)
    return dst


def _encrypt(src: Path, dst: Path) -> Path:
    msoffcrypto = pytest.importorskip("msoffcrypto")
    from msoffcrypto.format.ooxml import OOXMLFile
    with open(src, "rb") as f, open(dst, "wb") as o:
        OOXMLFile(f).encrypt("matkhau", o)
    assert msoffcrypto
    return dst


def _cell(key, commune=True):
    return layout(SPEC, commune).where(key)


BROKEN = {
    "PL01": lambda good, d: (d / "x.xlsx").write_text("đây không phải sổ tính", encoding="utf-8"),
    "PL02": lambda good, d: (d / "x.xlsx").write_bytes(b""),
    "PL03": lambda good, d: (d / "x.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000),
    "PL04": lambda good, d: _encrypt(good, d / "x.xlsx"),
    "PL05": lambda good, d: (d / "x.xlsx").write_bytes(good.read_bytes()[:5000]),
    "PL06": lambda good, d: shutil.copy(good.parent.parent / "forms_docx", d / "x.xlsx"),
    "PL07": lambda good, d: (d / "x.xlsx").write_bytes(b"PK\x03\x04" + os.urandom(2_100_000)),
    "PL08": lambda good, d: _edit(good, d / "x.xlsx", lambda wb: wb["Phụ lục I"].cell(2000, 30, 1)),
    "PL09": lambda good, d: _edit(good, d / "x.xlsx", lambda wb: wb.remove(wb["TDKT_ID"])),
    "PL10": lambda good, d: _edit(good, d / "x.xlsx", lambda wb: wb["TDKT_ID"].cell(2, 2, 0)),
    "PL11": lambda good, d: _edit(good, d / "x.xlsx", lambda wb: wb["TDKT_ID"].cell(3, 2, "ZZZ")),
    "PL13": lambda good, d: _edit(good, d / "x.xlsx", lambda wb: wb["Phụ lục II"].insert_rows(13)),
    "PL14": lambda good, d: _edit(good, d / "x.xlsx", lambda wb: wb["Phụ lục II"].merge_cells("C12:D12")),
    "PL15": lambda good, d: _edit(good, d / "x.xlsx", lambda wb: wb[_cell("staff")[0]].__setitem__(
        _cell("staff")[1], "hai mươi")),
    "PL16": lambda good, d: _edit(good, d / "x.xlsx", lambda wb: wb[_cell("staff")[0]].__setitem__(
        _cell("staff")[1], -3)),
    "PL17": lambda good, d: _edit(good, d / "x.xlsx", lambda wb: wb[_cell("staff")[0]].__setitem__(
        _cell("staff")[1], 2.5)),
    "PL20": lambda good, d: _edit(good, d / "x.xlsx", lambda wb: wb[_cell("staff_leaders")[0]].__setitem__(
        _cell("staff_leaders")[1], 99)),
    "PL18": lambda good, d: _edit(good, d / "x.xlsx", lambda wb: wb["Phụ lục II"].__setitem__(
        _table_cell("awards", 0, "title"), "Bằng khen của huyện")),
    "PL19": lambda good, d: _edit(good, d / "x.xlsx", lambda wb: wb["Phụ lục II"].__setitem__(
        _table_cell("awards", 0, "dec_date"), "32/13/2024")),
    "PL24": lambda good, d: shutil.copy(good.parent.parent / "blank_form", d / "x.xlsx"),
    "PL21": lambda good, d: _edit(good, d / "x.xlsx", lambda wb: wb["Phụ lục II"].__setitem__(
        _table_cell("awards", 0, "title"), None)),
}


def _table_cell(table, i, col):
    for sl in layout(SPEC, True).sheets.values():
        if table in sl.tables:
            return sl.tables[table].cell(i, col)


@pytest.mark.parametrize("code", sorted(BROKEN))
def test_broken_file_is_rejected_and_others_still_merge(rnd, forms, tmp_path, code):
    work = tmp_path / "work"
    work.mkdir()
    shutil.copy(forms / "De_cuong_bao_cao_XQS.docx", tmp_path / "forms_docx")
    shutil.copy(form_of(forms, "XQS"), tmp_path / "blank_form")
    good = good_file(forms, work, "XQS")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    good_file(forms, inbox, "XVL")
    BROKEN[code](good, inbox)
    res = merge_inbox(rnd, inbox)
    by_name = {f.name: f for f in res.files}
    assert by_name["XVL.xlsx"].status == "merged"
    bad = [f for f in res.files if f.name != "XVL.xlsx"]
    assert len(bad) == 1 and bad[0].status == "rejected", bad
    codes = [x.code for x in bad[0].findings if x.is_error]
    assert codes[0] == code, [x.message for x in bad[0].findings]
    assert all(x.file == bad[0].name for x in bad[0].findings)
    assert list(res.units) == ["XVL"]


def test_cstdcs_more_than_ldtt_rejects_the_file(rnd, forms, tmp_path):
    tables = {k: [dict(r) for r in COMMUNE_TABLES[k]] for k in COMMUNE_TABLES}
    tables["awards"][1].update(ind_leaders=10, ind_staff=20)          # CSTĐCS 30 > LĐTT 23
    good_file(forms, tmp_path, tables=tables)
    res = merge_inbox(rnd, tmp_path)
    f = res.files[0]
    assert f.status == "rejected" and [x.code for x in f.findings if x.is_error] == ["PL30"]
    x = next(x for x in f.findings if x.code == "PL30")
    assert x.sheet == "Phụ lục II" and x.cell == layout(SPEC, True).where("awards.CSTDCS.individuals")[1]
    assert x.unit == "XQS" and "30" in x.message and "23" in x.message


# ---------------------------------------------------------------- warnings
def test_warnings_keep_the_file_merged(rnd, forms, tmp_path):
    tables = {k: [dict(r) for r in COMMUNE_TABLES[k]] for k in COMMUNE_TABLES}
    tables["awards"][1]["level"] = "Chủ tịch UBND xã"                  # ultra vires in 2024 (H7)
    tables["awards"][0]["dec_date"] = D(2023, 12, 20)                 # before the period
    tables["awards"][0]["collectives"] = 2                            # LĐTT is for individuals
    sheet, total_cell = _cell("mv_total")
    good_file(forms, tmp_path, tables=tables, overrides={(sheet, total_cell): 7})
    res = merge_inbox(rnd, tmp_path)
    assert res.files[0].status == "merged"
    codes = sorted(x.code for x in res.findings if x.unit == "XQS")
    assert codes == ["PL22", "PL34", "PL35", "PL36"]
    assert res.units["XQS"].values["mv_total"] == 9                    # recomputed, not the typed 7
    x = next(x for x in res.findings if x.code == "PL22")
    assert (x.sheet, x.cell) == (sheet, total_cell) and "7" in x.message and "9" in x.message


def test_cstdcs_share_cap_is_a_setting_off_by_default(rnd, forms, tmp_path):
    good_file(forms, tmp_path)
    assert not [x for x in merge_inbox(rnd, tmp_path).findings if x.code == "PL32"]
    rnd.settings.extra["Trần tỷ lệ CSTĐCS/LĐTT (%)"] = "10"
    try:
        found = [x for x in merge_inbox(rnd, tmp_path).findings if x.code == "PL32"]
    finally:
        del rnd.settings.extra["Trần tỷ lệ CSTĐCS/LĐTT (%)"]
    assert len(found) == 1 and "13,0%" in found[0].message and not found[0].is_error


# ---------------------------------------------------------------- inbox semantics
def _digest(folder: Path) -> dict:
    return {p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in folder.iterdir()}


def test_idempotent_and_sources_untouched(rnd, forms, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    good_file(forms, inbox, "XQS")
    good_file(forms, inbox, "XVL")
    (inbox / "hong.xlsx").write_bytes(b"")
    before = _digest(inbox)
    a = merge(rnd, inbox, tmp_path / "out")
    b = merge(rnd, inbox, tmp_path / "out")
    assert a.as_dict() == b.as_dict()
    assert _digest(inbox) == before
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [".tdkt_cache", "Bao_cao_hop_nhat.txt",
                                                                     "Tong_hop_phu_luc.xlsx"]


def test_newest_file_of_a_unit_wins_and_replaces_its_rows(rnd, forms, tmp_path):
    old = dict(COMMUNE_VALUES, staff=30)
    good_file(forms, tmp_path, name="z_first.xlsx", values=old, saved=dt.datetime(2024, 6, 1, 9, 0))
    good_file(forms, tmp_path, name="a_second.xlsx", saved=dt.datetime(2024, 6, 5, 9, 0))
    res = merge_inbox(rnd, tmp_path)
    status = {f.name: f.status for f in res.files}
    assert status == {"a_second.xlsx": "merged", "z_first.xlsx": "superseded"}
    assert res.units["XQS"].values["staff"] == 24
    assert [x.code for x in res.findings if x.file == "z_first.xlsx"] == ["PL12"]
    # a third, newer resubmission replaces the rows again
    good_file(forms, tmp_path, name="m_third.xlsx", values=dict(COMMUNE_VALUES, staff=26),
              saved=dt.datetime(2024, 6, 7, 9, 0))
    res = merge_inbox(rnd, tmp_path)
    assert res.units["XQS"].values["staff"] == 26
    assert sum(1 for f in res.files if f.status == "merged") == 1


def test_missing_units_are_listed_with_their_due_date(rnd, forms, tmp_path):
    good_file(forms, tmp_path, "XQS")
    res = merge_inbox(rnd, tmp_path)
    missing = {m.code: m.report_due for m in res.missing}
    assert len(missing) == 13 and "XQS" not in missing
    assert missing["BTCHU"] == rnd.inspection("BTCHU").report_due
    assert any(x.code == "PL40" and x.unit == "BTCHU" and "07/06/2024" in x.message for x in res.findings)
    table = res.summary_table()
    row = next(r for r in table if r[0] == "BTCHU")
    assert row[3] == "Chưa gửi (hạn 07/06/2024)"


# ---------------------------------------------------------------- outputs
def test_consolidated_workbook_round_trips(rnd, forms, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    good_file(forms, inbox, "XQS")
    good_file(forms, inbox, "XVL", values=dict(COMMUNE_VALUES, households=1000, households_cultured=800))
    res = merge(rnd, inbox, tmp_path / "out")
    stats = res.stats()
    assert stats.totals[SCOPE_ALL]["households"] == 2520
    assert stats.totals[SCOPE_ALL]["r_family"] == pytest.approx((1311 + 800) / 2520)
    assert stats.totals["Khối xã, thị trấn"]["awards.LDTT.individuals"] == 46
    back = load_consolidated(tmp_path / "out" / "Tong_hop_phu_luc.xlsx")
    assert back.units["XQS"]["staff"] == 24 and back.names["XVL"] == "Xã Vạn Linh"
    assert back.get(SCOPE_ALL, "r_family") == pytest.approx(stats.totals[SCOPE_ALL]["r_family"])
    assert back.get(SCOPE_ALL, "awards.total.total") == 186
    table = res.summary_table()
    assert table[0][0] == "Mã đơn vị" and table[-1][1] == "TỔNG CỘNG"
    assert table[-1][table[0].index("LĐTT (cá nhân)")] == 46
    xl = CalamineWorkbook.from_path(str(tmp_path / "out" / "Tong_hop_phu_luc.xlsx"))
    assert {"Tổng hợp", "Phụ lục I", "Phụ lục II", "Phụ lục III", "Báo cáo hợp nhất", "Dữ liệu"} <= set(
        xl.sheet_names)
    text = (tmp_path / "out" / "Bao_cao_hop_nhat.txt").read_text(encoding="utf-8")
    assert "Đã tổng hợp: 2 đơn vị." in text and "BTCHU" in text


def test_cli_merge_json(tmp_path, forms, capsys):
    from tdkt_xl.cli import main
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    good_file(forms, inbox, "XQS")
    (inbox / "rong.xlsx").write_bytes(b"")
    wb = Path(__file__).resolve().parents[1] / "workbook" / "tdkt_2024.xlsm"
    if not wb.exists():
        pytest.skip("workbook/tdkt_2024.xlsm not built")
    rc = main(["merge", str(wb), str(inbox), "--out", str(tmp_path / "out"), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert rc == 1
    assert [m["unit"] for m in data["merged"]] == ["XQS"]
    assert [r["codes"] for r in data["rejected"]] == [["PL02"]]
    assert {"code", "severity", "sheet", "cell", "unit", "message"} <= set(data["findings"][0])


def test_cli_forms_unknown_unit_message(tmp_path, capsys):
    from tdkt_xl.cli import main
    wb = Path(__file__).resolve().parents[1] / "workbook" / "tdkt_2024.xlsm"
    if not wb.exists():
        pytest.skip("workbook/tdkt_2024.xlsm not built")
    assert main(["forms", str(wb), "--out", str(tmp_path), "--unit", "KHONGCO"]) == 2
    assert "KHONGCO" in capsys.readouterr().err


def test_examples_merge_as_documented(rnd):
    inbox = Path(__file__).resolve().parents[1] / "examples" / "phu_luc_gui_ve"
    res = merge_inbox(rnd, inbox)
    status = {f.name: (f.status, sorted({x.code for x in f.findings})) for f in res.files}
    assert len(res.units) == 12 and not res.missing
    assert status["Phu_luc_XBM.xlsx"] == ("rejected", ["PL30"])
    assert status["Phu_luc_XHB.xlsx"] == ("rejected", ["PL15"])
    assert status["Phu_luc_XCL (gui lan 1).xlsx"] == ("superseded", ["PL12"])
    assert status["Phu_luc_PVHTT.xlsx"] == ("merged", ["PL22"])
    assert status["Phu_luc_XGL.xlsx"] == ("merged", ["PL34"])
    assert status["PL xa Van Linh gui PNV.xlsx"] == ("merged", [])
    fam = res.stats().totals["Khối xã, thị trấn"]["r_family"]
    assert 0.8 <= fam <= 0.9


def test_fund_and_headcount_warnings(rnd, forms, tmp_path):
    values = dict(COMMUNE_VALUES, spent_organising=12_000_000, staff=10, workers=2)   # 28 % of 42.5 M; LĐTT 23 > 12
    values["staff_leaders"] = 5
    good_file(forms, tmp_path, values=values)
    res = merge_inbox(rnd, tmp_path)
    assert res.files[0].status == "merged"
    codes = {x.code: x for x in res.findings if x.unit == "XQS"}
    assert set(codes) == {"PL31", "PL33"}
    assert "28,2%" in codes["PL33"].message and codes["PL33"].cell == _cell("spent_organising")[1]


def test_missing_inbox_is_a_clear_error(rnd, tmp_path):
    from tdkt_xl.io.reader import WorkbookError
    with pytest.raises(WorkbookError, match="Không tìm thấy thư mục"):
        merge_inbox(rnd, tmp_path / "khong_co")


def test_unit_not_selected_still_merges_with_a_warning(rnd, forms, tmp_path):
    import copy
    other = copy.deepcopy(rnd)
    other.unit("XQS").selected = False
    inbox = tmp_path / "phu_luc_gui_ve"
    inbox.mkdir()
    good_file(forms, inbox)
    res = merge(other, inbox, tmp_path)          # the output folder may contain the inbox
    assert [f.name for f in res.files] == ["XQS.xlsx"] and "XQS" in res.units
    assert [x.code for x in res.findings if x.unit == "XQS"] == ["PL23"]
    assert "XQS" not in {m.code for m in res.missing}
    res2 = merge(other, inbox, tmp_path)
    assert res2.as_dict() == res.as_dict()


def test_outline_docx_is_a4_times_new_roman(forms):
    from docx import Document
    doc = Document(str(forms / "De_cuong_bao_cao_XQS.docx"))
    sec = doc.sections[0]
    assert round(sec.page_width.mm) == 210 and round(sec.page_height.mm) == 297
    assert 30 <= round(sec.left_margin.mm) <= 35 and 15 <= round(sec.right_margin.mm) <= 20
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == "ĐỀ CƯƠNG BÁO CÁO" and "Đơn vị báo cáo: Xã Quan Sơn" in texts
    assert any(t.startswith("V. ĐỀ XUẤT, KIẾN NGHỊ") for t in texts)
    assert all(r.font.name == "Times New Roman" for p in doc.paragraphs for r in p.runs)


# ---------------------------------------------------------------- the merge cache
def _files_view(res):
    return [(f.name, f.status, f.unit_code, [(x.code, x.file, x.cell, x.message) for x in f.findings])
            for f in res.files], {c: (u.file, u.values) for c, u in res.units.items()}


def test_remerge_reads_only_new_bytes_and_gives_the_same_result(rnd, forms, tmp_path, monkeypatch):
    from tdkt_xl.appendices import examine
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    good_file(forms, inbox, "XQS")
    good_file(forms, inbox, "XVL", values=dict(COMMUNE_VALUES, staff="nhiều"))     # rejected, PL15
    first = merge(rnd, inbox, out)
    # the same bytes under a new name with a new modification time (a Zalo copy), and one new file
    (inbox / "XQS.xlsx").rename(inbox / "Phu luc XQS (Zalo).xlsx")
    os.utime(inbox / "Phu luc XQS (Zalo).xlsx", (2_000_000_000, 2_000_000_000))
    good_file(forms, inbox, "XBM")
    seen = []
    real = examine.examine
    monkeypatch.setattr(examine, "examine", lambda p, *a: seen.append(p.name) or real(p, *a))
    second = merge(rnd, inbox, out)
    assert seen == ["XBM.xlsx"]                                  # only the new bytes were read
    assert second.units["XQS"].file == "Phu luc XQS (Zalo).xlsx"
    assert {x.file for x in second.findings if x.unit == "XVL"} == {"XVL.xlsx"}
    fresh = merge_inbox(rnd, inbox)                              # no cache at all
    assert _files_view(second) == _files_view(fresh)
    assert first.units["XQS"].values == second.units["XQS"].values


def test_cache_dropped_when_the_round_changes(rnd, forms, tmp_path, monkeypatch):
    import copy
    from tdkt_xl.appendices import examine
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    good_file(forms, inbox, "XQS")
    merge(rnd, inbox, out)
    seen = []
    real = examine.examine
    monkeypatch.setattr(examine, "examine", lambda p, *a: seen.append(p.name) or real(p, *a))
    merge(rnd, inbox, out)
    assert seen == []
    other = copy.deepcopy(rnd)
    other.settings.extra["Trần tỷ lệ CSTĐCS/LĐTT (%)"] = "10"
    merge(other, inbox, out)
    assert seen == ["XQS.xlsx"]
    (out / ".tdkt_cache" / "tong_hop_phu_luc.0.jsonl").write_text("{không phải json", encoding="utf-8")
    merge(other, inbox, out)                                     # a broken cache is only a slower run
    assert seen == ["XQS.xlsx", "XQS.xlsx"]


def mixed_inbox(forms, tmp_path) -> Path:
    """Three good files and a broken one."""
    inbox = tmp_path / "in"
    inbox.mkdir()
    for code in ("XQS", "XVL", "XBM"):
        good_file(forms, inbox, code)
    (inbox / "hong.xlsx").write_bytes(b"PK\x03\x04 broken")
    return inbox


def test_files_examined_in_workers_give_the_same_result(rnd, forms, tmp_path, monkeypatch):
    from tdkt_xl.appendices import examine
    inbox = mixed_inbox(forms, tmp_path)
    serial = merge_inbox(rnd, inbox)
    monkeypatch.setattr(examine, "PARALLEL_FROM", 2)
    parallel = merge_inbox(rnd, inbox)
    assert _files_view(parallel) == _files_view(serial)


def test_codes_differing_by_a_diacritic_give_distinct_readable_file_names(rnd, tmp_path):
    """Before: XĐL and XDL both folded to Phu_luc_XDL.xlsx (the second kept as
    Phu_luc_XDL.1.xlsx, which looks like a backup)."""
    import copy
    from tdkt_xl.appendices.context import safe_name
    from tdkt_xl.model import Unit
    other = copy.deepcopy(rnd)
    base = other.unit("XQS")
    for code in ("XĐL", "XDL"):
        other.units.append(Unit(code, f"Xã thử {code}", base.block, selected=True))
    names = set()
    for code in ("XĐL", "XDL"):
        names |= {p.name for p in make_forms(other, tmp_path, unit=code).files}
    assert {"Phu_luc_XDDL.xlsx", "Phu_luc_XDL.xlsx"} <= names
    assert not [n for n in names if ".1." in n]
    assert safe_name("Ưu") == "UWu" and safe_name("CON") == "_CON"


# ---------------------------------------------------------------- lists that grow (rows inserted by the clerk)
def _insert_in_list(path: Path, table: str, commune: bool, extra: list, at: int = 2) -> None:
    """Insert len(extra) rows inside ``table`` after its row ``at`` (as a
    clerk does in Excel) and type ``extra`` into them."""
    sl = next(s for s in layout(SPEC, commune).sheets.values() if table in s.tables)
    tl = sl.tables[table]
    wb = openpyxl.load_workbook(path)
    ws = wb[sl.spec.name]
    first = tl.first_row + at + 1                      # 1-based row of the first inserted row
    ws.insert_rows(first, len(extra))
    for i, rec in enumerate(extra):
        for ck, v in rec.items():
            ws.cell(first + i, tl.cols[ck] + 1).value = v
    wb.save(path)


def _extra_awards(n):
    return [{"title": "Lao động tiên tiến", "level": "Chủ tịch UBND xã", "dec_no": f"{40 + i}/QĐ-UBND",
             "dec_date": D(2024, 2, 1), "ind_staff": 1} for i in range(n)]


def test_rows_inserted_in_lists_are_merged_and_counted(rnd, forms, tmp_path):
    path = good_file(forms, tmp_path)
    _insert_in_list(path, "awards", True, _extra_awards(5))
    _insert_in_list(path, "docs", True, [{"summary": f"Công văn số {i}", "kind": "Hướng dẫn"} for i in range(3)], 0)
    _insert_in_list(path, "models", True, [{"name": "Cá nhân điển hình", "type": "Cá nhân"}], 0)
    res = merge_inbox(rnd, tmp_path)
    assert [f.status for f in res.files] == ["merged"], [x.message for x in res.findings]
    v = res.units["XQS"].values
    assert v["awards_count"] == 4 + 5 and v["docs_count"] == 2 + 3 and v["models_count"] == 1 + 1
    assert v["awards.LDTT.individuals"] == 23 + 5 and v["awards.total.individuals"] == 23 + 5 + 3 + 41
    # everything below the lists moved down and is still read from its own cells
    for k, typed in COMMUNE_VALUES.items():
        assert v[k] == typed, k
    assert v["r_cstdcs_ldtt"] == pytest.approx(3 / 28)
    assert [f.code for f in res.findings if f.unit == "XQS"] == []


def test_rows_added_to_the_last_list_of_a_sheet_are_read(rnd, forms, tmp_path):
    """Phụ lục III of a district unit ends with its list: the list runs to the signature block."""
    values = {k: v for k, v in COMMUNE_VALUES.items() if layout(SPEC, False).where(k)}
    path = good_file(forms, tmp_path, "BTCHU", values=values, tables={"models": []})
    models = [{"name": f"Điển hình {i}", "type": "Tập thể"} for i in range(SPEC.table("models").rows + 4)]
    _insert_in_list(path, "models", False, models[:4], 0)
    sl = layout(SPEC, False).sheets["PL3"]
    wb = openpyxl.load_workbook(path)
    ws = wb["Phụ lục III"]
    for i, rec in enumerate(models[4:]):
        for ck, val in rec.items():
            ws.cell(sl.tables["models"].first_row + 4 + i + 1, sl.tables["models"].cols[ck] + 1).value = val
    wb.save(path)
    res = merge_inbox(rnd, tmp_path)
    assert [f.status for f in res.files] == ["merged"], [x.message for x in res.findings]
    assert res.units["BTCHU"].values["models_count"] == len(models)


def test_list_longer_than_the_bound_is_rejected(rnd, forms, tmp_path):
    limit = SPEC.limits["max_table_rows"]
    extra = limit - SPEC.table("awards").rows + 1
    path = good_file(forms, tmp_path)
    _insert_in_list(path, "awards", True, _extra_awards(extra))
    res = merge_inbox(rnd, tmp_path)
    f = res.files[0]
    assert f.status == "rejected" and [x.code for x in f.findings if x.is_error] == ["PL28"]
    x = f.findings[0]
    tl = layout(SPEC, True).sheets["PL2"].tables["awards"]
    assert x.sheet == "Phụ lục II" and x.cell == f"A{tl.first_row + limit + 1}" and str(limit) in x.message
