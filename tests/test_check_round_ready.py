"""`check-round` on the demo output lists example data (RS04) and nothing
else; on a workbook built from the example with its example values replaced
(``example_replace``), the same run lists nothing and exits 0."""
from __future__ import annotations

import csv
import json

import pytest

from example_replace import replaced
from tdkt_xl.cli import main
from tdkt_xl.io.example import example_sheets

from conftest import ROOT

AS_OF = "2024-12-31"


def _demo_then_check(workbook, out, capsys):
    main(["demo", "--workbook", str(workbook), "--out", str(out), "--as-of", AS_OF,
          "--inbox", str(ROOT / "examples" / "phu_luc_gui_ve")])
    capsys.readouterr()
    rc = main(["check-round", str(workbook), "--docs", str(out), "--json"])
    data = json.loads(capsys.readouterr().out)
    return rc, {(d["file"], p["code"], p["message"]) for d in data["documents"] for p in d["problems"]}


def test_demo_output_lists_only_example_data(built_workbook, tmp_path, capsys):
    rc, problems = _demo_then_check(built_workbook, tmp_path / "out", capsys)
    assert problems and {code for _, code, _ in problems} == {"RS04"}, sorted(problems)[:10]
    assert rc == 1


def test_replaced_example_values_list_nothing(tmp_path, capsys):
    from tdkt_xl.builder.workbook import build_workbook
    data = tmp_path / "data"
    data.mkdir()
    for name, rows in replaced(example_sheets()).items():
        with open(data / f"{name}.csv", "w", newline="", encoding="utf-8") as fh:
            csv.writer(fh).writerows(rows)
    wb = build_workbook(tmp_path / "that.xlsm", data_dir=data)
    rc, problems = _demo_then_check(wb, tmp_path / "out", capsys)
    assert problems == set(), sorted(problems)[:10]
    assert rc == 0
