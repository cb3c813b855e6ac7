"""The gate: one read, one validation (reader + rules), one verdict per job,
the same from `tdkt` and from the workbook's buttons."""
from __future__ import annotations

import datetime as dt

import pytest

import xl_payload as X
from tdkt_xl import gate
from tdkt_xl.cli import main
from tdkt_xl.io import controls as K
from tdkt_xl.vocabulary import cells, schema as S
from tdkt_xl.vocabulary.findings import JOB_FORMS, JOB_REPORT

from test_excel_jobs import click, control
from test_rules_cli import write_xlsx

AS_OF = dt.date(2024, 12, 31)


def set_cell(arrays, sheet: S.Sheet, field: str, row_no: int, value):
    """Write ``value`` into ``field``'s column (found by its header) of the
    ``row_no``-th data row of ``sheet``."""
    rows = arrays[sheet.name]
    header = sheet.col(field).header
    for r, row in enumerate(rows):
        names = [cells.norm_text(v) for v in row]
        if header in names:
            rows[r + row_no][names.index(header)] = value
            return f"{cells.col_letter(names.index(header))}{r + row_no + 1}"
    raise AssertionError(f"no column '{header}' in '{sheet.name}'")


def invalid_assessment(arrays) -> str:
    return set_cell(arrays, S.RESULTS, "assessment", 3, "Tốt lắm")


def test_invalid_assessment_blocks_validate_and_report_from_the_cli(example_sheets, tmp_path, capsys):
    cell = invalid_assessment(example_sheets)
    path = write_xlsx(tmp_path / "vd.xlsx", example_sheets)
    assert main(["validate", str(path), "--as-of", "31/12/2024"]) == 1
    out = capsys.readouterr().out
    assert "GT06" in out and cell in out
    code = main(["report", str(path), "--out", str(tmp_path / "out"), "--as-of", "31/12/2024"])
    err = capsys.readouterr().err
    assert code == 1, err
    assert "GT06" in err and cell in err
    assert not list((tmp_path / "out").rglob("*.docx"))


def test_invalid_assessment_refuses_the_report_button_with_the_same_finding(tmp_path):
    arrays = {k: [list(r) for r in v] for k, v in X.shipped_or_example()[0].items()}
    cell = invalid_assessment(arrays)
    out, applied, _ = click(control(arrays, K.JOB_REPORT), tmp_path)
    assert not out.ok
    assert "Chưa thể lập báo cáo" in applied.alerts[-1]
    assert "GT06" in applied.alerts[-1] and cell in applied.alerts[-1]
    assert not list(tmp_path.rglob("*.docx"))


def test_one_read_one_validation(example_sheets):
    invalid_assessment(example_sheets)
    checked = gate.check(example_sheets, AS_OF, "vd")
    assert gate.check(checked, AS_OF) is checked                   # same date: nothing redone
    later = gate.check(checked, dt.date(2025, 1, 1))
    assert later.read is checked.read                               # another date: not re-read
    codes = {f.code for f in checked.blocking(JOB_REPORT)}
    assert "GT06" in codes
    with pytest.raises(gate.Blocked) as e:
        checked.require(JOB_REPORT)
    assert e.value.findings and e.value.job == JOB_REPORT


def test_per_unit_jobs_stop_only_that_unit_unless_the_error_is_round_wide(example_sheets):
    set_cell(example_sheets, S.UNITS, "selected", 1, "Có lẽ")          # a value out of its list
    checked = gate.check(example_sheets, AS_OF, "vd")
    blocked = checked.per_unit(JOB_FORMS)
    assert blocked and all(code for code in blocked)
    for row in example_sheets[S.SETTINGS.name]:
        if row and cells.norm_text(row[0]) == "Năm":
            row[1] = None
    with pytest.raises(gate.Blocked):
        gate.check(example_sheets, AS_OF, "vd").per_unit(JOB_FORMS)
