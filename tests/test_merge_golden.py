"""The merge gives exactly what it gave before its speed-ups: a varied inbox
(every selected unit with its own figures, warnings, and files rejected for
different reasons) is merged, in one process and in worker processes, and
every outcome, finding, merged value, table row and total is compared with
tests/data/merge_golden.json, written by the merge before it was optimised.

Regenerate only for an intended change of results:
    TDKT_WRITE_GOLDEN=1 python -m pytest -q tests/test_merge_golden.py
"""
from __future__ import annotations

import datetime as dt
import json
import os
import random
import sys
from pathlib import Path

import openpyxl
import pytest

from tdkt_xl.appendices import examine as E
from tdkt_xl.appendices import load_spec, make_forms, merge_inbox
from tdkt_xl.appendices.fill import fill_form, set_saved_time
from tdkt_xl.appendices.spec import layout
from tdkt_xl.builder.example import example_sheets
from tdkt_xl.io.reader import read_round

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "data" / "merge_golden.json"
SPEC = load_spec()
AS_OF = dt.date(2025, 3, 31)
NOW = dt.datetime(2025, 4, 1, 8, 0)


def _unit_input():
    sys.path.insert(0, str(ROOT / "examples"))
    try:
        from make_examples import unit_input
    finally:
        sys.path.remove(str(ROOT / "examples"))
    return unit_input


def _edit(path: Path, fn) -> None:
    wb = openpyxl.load_workbook(path)
    fn(wb)
    wb.save(path)


def _set(key: str, value, commune=True):
    sheet, cell = layout(SPEC, commune).where(key)
    return lambda wb: wb[sheet].__setitem__(cell, value)


def _build_inbox(rnd, tmp: Path) -> Path:
    forms, inbox = tmp / "forms", tmp / "inbox"
    make_forms(rnd, forms)
    inbox.mkdir()
    unit_input = _unit_input()
    saved = dt.datetime(2025, 3, 1, 9, 0)
    for i, u in enumerate(rnd.selected_units()):
        values, tables = unit_input(u, random.Random(f"golden-{u.code}"))
        path = fill_form(SPEC, forms / f"Phu_luc_{u.code}.xlsx", inbox / f"{u.code}.xlsx", values, tables,
                         u.is_commune)
        set_saved_time(path, saved + dt.timedelta(minutes=i))
    communes = [u for u in rnd.selected_units() if u.is_commune]
    # rejections and warnings on copies of real files (each its own unit's second file, saved later)
    bad = {
        "text_in_number": _set("staff", "hai mươi"),
        "negative": _set("staff", -3),
        "not_whole": _set("staff", 2.5),
        "part_exceeds": _set("staff_leaders", 9999),
        "typed_total": _set("mv_total", 7),
        "merged_cells": lambda wb: wb["Phụ lục II"].merge_cells("C12:D12"),
        "moved": lambda wb: wb["Phụ lục II"].insert_rows(13),
        "far_cell": lambda wb: wb["Phụ lục I"].cell(2000, 30, 1),
    }
    for j, (name, fn) in enumerate(bad.items()):
        u = communes[j % len(communes)]
        path = inbox / f"{u.code}_{name}.xlsx"
        path.write_bytes((inbox / f"{u.code}.xlsx").read_bytes())
        _edit(path, fn)
        set_saved_time(path, saved + dt.timedelta(hours=1, minutes=j))
    (inbox / "not_a_workbook.xlsx").write_text("đây không phải sổ tính", encoding="utf-8")
    (inbox / "empty.xlsx").write_bytes(b"")
    return inbox


def _plain(v):
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    if isinstance(v, set):
        return sorted(v)
    if isinstance(v, float) and v.is_integer():
        return v                      # json keeps 1.0 as 1.0: a float stays a float
    return v


def _snapshot(res) -> dict:
    files = [{"name": f.name, "status": f.status, "unit": f.unit_code,
              "findings": [[x.code, x.sheet, x.cell, x.unit, x.message] for x in f.findings]}
             for f in res.files]
    units = {code: {"file": u.file, "commune": u.commune,
                    "values": {k: _plain(v) for k, v in sorted(u.values.items())},
                    "tables": {t: [{k: _plain(v) for k, v in sorted(r.items())} for r in rows]
                               for t, rows in sorted(u.tables.items())}}
             for code, u in res.units.items()}
    totals = {scope: {k: _plain(v) for k, v in sorted(vals.items())} for scope, vals in res.stats().totals.items()}
    return json.loads(json.dumps({"files": files, "units": units, "totals": totals,
                                  "findings": [[x.code, x.unit, x.file, x.sheet, x.cell] for x in res.findings]},
                                 ensure_ascii=False, default=str))


@pytest.fixture(scope="module")
def merged(tmp_path_factory):
    rnd = read_round(example_sheets()).round
    inbox = _build_inbox(rnd, tmp_path_factory.mktemp("golden"))
    return rnd, inbox


@pytest.mark.parametrize("parallel", [False, True], ids=["one_process", "workers"])
def test_merge_results_equal_the_golden_record(merged, parallel, monkeypatch):
    rnd, inbox = merged
    monkeypatch.setattr(E, "PARALLEL_FROM", 1 if parallel else 10 ** 9)
    got = _snapshot(merge_inbox(rnd, inbox, as_of=AS_OF, now=NOW))
    if os.environ.get("TDKT_WRITE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(got, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    want = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert {f["status"] for f in want["files"]} >= {"merged", "rejected", "superseded"}
    assert got["files"] == want["files"]
    assert got["units"] == want["units"]
    assert got["totals"] == want["totals"]
    assert got["findings"] == want["findings"]
