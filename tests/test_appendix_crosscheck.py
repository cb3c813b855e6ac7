"""`tdkt validate --appendices FILE`: assessments and remarks against the
units' merged appendices (KQ17, KQ18), planted in copies of the example."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from tdkt_xl.appendices import merge
from tdkt_xl.appendices.crosscheck import appendix_notes, contradictions, stated_figures
from tdkt_xl.builder.example import example_sheets
from tdkt_xl.io.reader import read_round

INBOX = Path(__file__).resolve().parents[1] / "examples" / "phu_luc_gui_ve"


@pytest.fixture(scope="module")
def _round():
    return read_round(example_sheets()).round


@pytest.fixture
def rnd(_round):
    return copy.deepcopy(_round)


@pytest.fixture(scope="module")
def consolidated(_round, tmp_path_factory):
    res = merge(copy.deepcopy(_round), INBOX, tmp_path_factory.mktemp("merged"))
    return next(p for p in res.outputs if str(p).endswith(".xlsx"))


def test_merge_notes_are_read_back(consolidated):
    notes = appendix_notes(consolidated)
    assert ("PL34", "XGL") in {(n.code, n.unit) for n in notes}


def test_shipped_example_agrees_with_its_appendices(rnd, consolidated):
    assert contradictions(rnd, consolidated) == []


def test_pass_on_the_authority_item_while_pl34_stands(rnd, consolidated):
    res = next(r for r in rnd.results if r.unit_code == "XGL" and r.item_code == "1.2.c.5")
    res.assessment = "Đạt"
    hits = [f for f in contradictions(rnd, consolidated) if f.code == "KQ17"]
    assert [(f.sheet, f.cell, f.unit) for f in hits] == [
        ("Kết quả kiểm tra", res.origin.cell("assessment"), "XGL")]
    assert "1.2.c.5" in hits[0].message and "PL34" in hits[0].message
    assert "Chủ tịch UBND xã" in hits[0].message          # the appendix finding is named


def test_remark_figure_differing_from_phu_luc_ii(rnd, consolidated):
    res = next(r for r in rnd.results if r.unit_code == "XQS" and r.item_code == "1.2.c.2")
    res.remark = res.remark.replace("18 cá nhân", "21 cá nhân")
    hits = [f for f in contradictions(rnd, consolidated) if f.code == "KQ18"]
    assert [(f.cell, f.unit) for f in hits] == [(res.origin.cell("remark"), "XQS")]
    assert "21 Lao động tiên tiến" in hits[0].message and "ghi 18" in hits[0].message


def test_stated_figures():
    assert stated_figures("Năm 2023 có 18 cá nhân đạt Lao động tiên tiến, 03 Chiến sĩ thi đua "
                          "cơ sở") == {"awards.LDTT.total": 18, "awards.CSTDCS.total": 3}


def test_validate_command_with_appendices(consolidated, capsys):
    from conftest import WORKBOOK
    from tdkt_xl.cli import main
    code = main(["validate", str(WORKBOOK), "--appendices", str(consolidated), "--json",
                 "--as-of", "2024-12-31"])
    found = json.loads(capsys.readouterr().out)["findings"]
    assert code == 0 and not [f for f in found if f["code"] in ("KQ17", "KQ18")]
    assert main(["validate", str(WORKBOOK), "--appendices", "khong_co.xlsx"]) == 2


def test_validate_button_uses_the_latest_merge_in_the_output_folder(rnd, consolidated, tmp_path):
    import shutil
    from tdkt_xl.vocabulary.outputs import latest_consolidated
    from tdkt_xl.vocabulary.outputs import MERGED
    assert latest_consolidated(tmp_path) is None
    (tmp_path / MERGED).mkdir()
    shutil.copy(consolidated, tmp_path / MERGED / "Tong_hop_phu_luc.xlsx")
    (tmp_path / MERGED / "~$Tong_hop_phu_luc.xlsx").write_bytes(b"lock")
    assert latest_consolidated(tmp_path) == tmp_path / MERGED / "Tong_hop_phu_luc.xlsx"
