"""10,000 returned files of one unit (issue 10): a district that forwards the
same form again and again (e-mail, Zalo).  Hard links to one file, so the
test costs no disk; the merge runs as a capped subprocess (3 GB, 180 s;
measured ~30 s and ~315 MB).  One file is merged, every other one is listed
as superseded with its reason, exit 0, no traceback, outputs written."""
from __future__ import annotations

import json
import os
import shutil

import pytest

import hostile_files as H

N = 10_000


def test_ten_thousand_files_of_one_unit(tmp_path):
    from conftest import WORKBOOK
    if not WORKBOOK.exists():
        pytest.skip("workbook/tdkt_2024.xlsm chưa được tạo (tdkt build-workbook)")
    inbox = tmp_path / "gui_ve"
    inbox.mkdir()
    first = inbox / "Phu_luc_XQS_00000.xlsx"
    shutil.copy(H.EXAMPLES / "Phu_luc_XQS.xlsx", first)
    for i in range(1, N):
        os.link(first, inbox / f"Phu_luc_XQS_{i:05d}.xlsx")
    shutil.copy(H.EXAMPLES / "Phu_luc_BTCHU.xlsx", inbox)
    out = tmp_path / "ket_qua"
    proc = H.run_tdkt("merge", WORKBOOK, inbox, "--out", out, "--json")
    assert proc.returncode == 0, (proc.returncode, proc.stderr[-2000:])
    assert b"Traceback" not in proc.stdout + proc.stderr
    res = json.loads(proc.stdout.decode("utf-8"))
    merged = {m["unit"]: m["file"] for m in res["merged"]}
    assert set(merged) == {"XQS", "BTCHU"}
    others = [r for r in res["rejected"] if r["unit"] == "XQS"]
    assert len(others) == N - 1 and all(r["status"] == "superseded" and "PL12" in r["codes"] for r in others)
    assert (out / "Tong_hop_phu_luc.xlsx").exists() and (out / "Bao_cao_hop_nhat.txt").exists()
