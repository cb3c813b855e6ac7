"""The minutes state a unit's key figures from its merged appendix (the consolidated
workbook of ``tdkt merge``), generated, never typed: XQS's minutes list its Phụ lục II
titles, total and ratios; a changed appendix changes the minutes; a unit without a
merged appendix gets no such item; ``tdkt minutes --appendices FILE`` and the default
(the latest consolidated file of the output folder); check-round (RS10) and validate
(KQ18) still agree with each other and with these lines."""
from __future__ import annotations

import shutil
from pathlib import Path

import docx

from tdkt_xl.documents.service import generate_documents
from tdkt_xl.vocabulary import outputs as O
from test_appendix_crosscheck import _round, consolidated, rnd  # noqa: F401  (shared fixtures)

ITEM = "Số liệu thi đua, khen thưởng theo Phụ lục II do đơn vị gửi"


def _minutes_text(rnd, out: Path, unit: str = "XQS", **kw) -> str:
    generate_documents(rnd, out, kinds=["minutes"], unit=unit, validate=False, **kw)
    return "\n".join(p.text for p in docx.Document(str(out / f"BB_{unit}.docx")).paragraphs)


def _set_cell(path: Path, unit: str, values: dict) -> None:
    """Change the consolidated workbook's Dữ liệu row of ``unit`` (as a new merge would)."""
    import openpyxl
    wb = openpyxl.load_workbook(path)
    ws = wb["Dữ liệu"]
    head = [c.value for c in ws[1]]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == unit)
    for key, v in values.items():
        row[head.index(key)].value = v
    wb.save(path)


def test_minutes_of_xqs_state_its_appendix_figures(rnd, consolidated, tmp_path):
    from tdkt_xl.documents import appendix_figures as AF
    text = _minutes_text(rnd, tmp_path / "a", appendices=consolidated)
    cons = AF.load(consolidated)
    xqs = cons.units["XQS"]
    assert f"4. {ITEM}" in text
    assert f"- Lao động tiên tiến: {xqs['awards.LDTT.individuals']:02d} cá nhân;" in text
    assert f"- Chiến sĩ thi đua cơ sở: {xqs['awards.CSTDCS.individuals']:02d} cá nhân;" in text
    assert "- Giấy khen của Chủ tịch UBND xã: 04 tập thể, 32 hộ gia đình, 59 cá nhân;" in text
    assert f"- Tổng số: {xqs['awards.total.total']} lượt tập thể, hộ gia đình, cá nhân" in text
    assert "- Tỷ lệ Chiến sĩ thi đua cơ sở so với Lao động tiên tiến: 16,7%;" in text
    # the listed titles add up to the stated total
    listed = AF.unit_lines(cons, "XQS")
    nums = [int(n) for line in listed if not line.startswith(("- Tổng số", "- Tỷ lệ"))
            for n in __import__("re").findall(r"(\d+) (?:tập thể|hộ gia đình|cá nhân)", line)]
    assert sum(nums) == xqs["awards.total.total"]


def test_a_changed_appendix_changes_the_minutes(rnd, consolidated, tmp_path):
    changed = tmp_path / "Tong_hop_phu_luc.xlsx"
    shutil.copy(consolidated, changed)
    _set_cell(changed, "XQS", {"awards.LDTT.individuals": 21, "awards.LDTT.total": 21,
                               "awards.CSTDCS.individuals": 4, "awards.CSTDCS.total": 4})
    text = _minutes_text(rnd, tmp_path / "b", appendices=changed)
    assert "- Lao động tiên tiến: 21 cá nhân;" in text
    assert "- Chiến sĩ thi đua cơ sở: 04 cá nhân;" in text
    assert "18 cá nhân;" not in text


def test_minutes_by_file_number_the_item_after_the_results(rnd, consolidated, tmp_path):
    text = _minutes_text(rnd, tmp_path / "c", unit="CAH", appendices=consolidated)
    assert f"3. {ITEM}" in text and "- Lao động tiên tiến: 126 cá nhân;" in text


def test_unit_without_a_merged_appendix_has_no_figures(rnd, consolidated, tmp_path):
    text = _minutes_text(rnd, tmp_path / "d", unit="XBM", appendices=consolidated)  # rejected PL30
    assert ITEM not in text


def test_no_merge_no_figures(rnd, tmp_path):
    assert ITEM not in _minutes_text(rnd, tmp_path / "e")


def test_default_is_the_latest_merge_of_the_output_folder(rnd, consolidated, tmp_path):
    out = tmp_path / "ket_qua"
    (out / O.MERGED).mkdir(parents=True)
    shutil.copy(consolidated, out / O.MERGED / O.CONSOLIDATED)
    text = _minutes_text(rnd, out / O.DOCUMENTS)              # as the buttons write
    assert "- Lao động tiên tiến: 18 cá nhân;" in text


def test_cli_minutes_with_appendices(built_workbook, consolidated, tmp_path, capsys):
    from tdkt_xl.cli import main
    out = tmp_path / "cli"
    assert main(["minutes", str(built_workbook), "--out", str(out), "--unit", "XQS",
                 "--appendices", str(consolidated)]) == 0
    text = "\n".join(p.text for p in docx.Document(str(out / "BB_XQS.docx")).paragraphs)
    assert "- Chiến sĩ thi đua cơ sở: 03 cá nhân;" in text
    bad = tmp_path / "khong_phai.xlsx"
    bad.write_text("không phải sổ tính", encoding="utf-8")
    capsys.readouterr()
    assert main(["minutes", str(built_workbook), "--out", str(out), "--unit", "XQS",
                 "--appendices", str(bad)]) == 2
    assert "khong_phai.xlsx" in capsys.readouterr().err


def test_check_round_and_validate_agree(rnd, consolidated, tmp_path):
    """The shipped example: no KQ18 and no RS10; a remark typed as 21 LĐTT: KQ18 at the
    remark and RS10 in the minutes (its table quotes the remark; its figures item says 18);
    the generated line edited in Word: RS10."""
    from tdkt_xl.appendices.crosscheck import contradictions
    from tdkt_xl.roundcheck.service import check_round

    def rs10(folder):
        res = check_round(rnd, folder, consolidated)
        return [p.message for d in res.documents if d.unit == "XQS" and d.kind_key == "minutes"
                for p in d.problems if p.code == "RS10"]

    out = tmp_path / "f"
    _minutes_text(rnd, out, appendices=consolidated)
    assert [f for f in contradictions(rnd, consolidated) if f.code == "KQ18"] == []
    assert rs10(out) == []

    from test_check_round import edit_docx
    edit_docx(out / "BB_XQS.docx", lambda x: x.replace("Lao động tiên tiến: 18 cá nhân",
                                                       "Lao động tiên tiến: 21 cá nhân"))
    found = rs10(out)
    assert found and "21" in found[0] and "18" in found[0]

    res = next(r for r in rnd.results if r.unit_code == "XQS" and r.item_code == "1.2.c.2")
    res.remark = res.remark.replace("18 cá nhân", "21 cá nhân")
    assert [f.unit for f in contradictions(rnd, consolidated) if f.code == "KQ18"] == ["XQS"]
    typed = tmp_path / "g"
    text = _minutes_text(rnd, typed, appendices=consolidated)
    assert "- Lao động tiên tiến: 18 cá nhân;" in text        # generated, not the typed 21
    assert rs10(typed)


def test_the_example_low_worker_share_is_in_the_appendix_too(rnd, consolidated, tmp_path):
    """XCT's 'Chưa đạt' rests on 02 of 27 individuals with the commune's Giấy khen being
    farmers or workers: its Phụ lục II says so, so its minutes do not contradict themselves."""
    import re
    remark = next(r.remark for r in rnd.results if r.unit_code == "XCT" and r.item_code == "1.2.c.2")
    workers, of = map(int, re.search(r"(\d+)/(\d+) cá nhân được tặng Giấy khen", remark).groups())
    text = _minutes_text(rnd, tmp_path / "h", unit="XCT", appendices=consolidated)
    from tdkt_xl.io.consolidated import read_consolidated
    xct = read_consolidated(consolidated).units["XCT"]
    assert (xct["awards.GK_XA.ind_workers"], xct["awards.GK_XA.individuals"]) == (workers, of)
    assert f"{of} cá nhân;" in text
