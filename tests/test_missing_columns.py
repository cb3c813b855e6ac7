"""A renamed key column of a required sheet is one finding (its GT01, which
stops every job), not a flood of lookups that fail without it.  Before, in
the 2024 round: 'Mã đơn vị' of Đơn vị renamed gave ~400 findings (KQ01 for
every result and recommendation row, LK03, TD10, VB04; KT03 and KN08 in the
2026 round); 'Họ và tên' of Thành viên gave CH06, DV03, TD06/07/08, VB02;
'Mã nội dung' of Nội dung kiểm tra gave KQ03 for all 198 result rows;
'Mã đơn vị' of Lịch kiểm tra KQ02 for every result row, LK01, TD10, VB04;
'Mã đơn vị' of Thành phần đoàn TD01; its 'Họ và tên' KQ15, TD05/06/07."""
from __future__ import annotations

import datetime as dt

import pytest

import hostile_files as H
from tdkt_xl import gate
from tdkt_xl.cli import main
from tdkt_xl.vocabulary import schema as S
from tdkt_xl.vocabulary.findings import CATALOGUE

AS_OF = dt.date(2024, 12, 31)

# the renamed column, and the codes it used to flood the report with
RENAMES = {
    (S.UNITS, "code"): {"KQ01", "LK03", "TD10", "VB04", "KT03", "KN08"},
    (S.MEMBERS, "name"): {"CH06", "DV03", "TD06", "TD07", "TD08", "VB02"},
    (S.CHECKLIST, "code"): {"KQ03"},
    (S.SCHEDULE, "unit_code"): {"KQ02", "VB04", "LK01", "TD10"},
    (S.DELEGATION, "unit_code"): {"TD01"},
    (S.DELEGATION, "member_name"): {"KQ15", "TD05", "TD06", "TD07"},
}


def _rename(sheets, sheet, field):
    head = sheets[sheet.name][0]
    head[head.index(sheet.col(field).header)] += " (đổi tên)"


def _round_sheets(example):
    from tdkt_xl.io.example import example_sheets
    from tdkt_xl.io.register import shipped_rows
    sheets = example_sheets(example.data_dir)
    sheets.setdefault(S.LEGAL.name, shipped_rows())
    rnd = gate.read(sheets, "so.xlsx").round
    return sheets, dt.date(max(i.date for i in rnd.inspections if i.date).year, 12, 31)


def _where(findings):
    return {(f.code, f.sheet, f.cell) for f in findings}


def _cases():
    from tdkt_xl.io.example import example_rounds
    return [pytest.param(r, sheet, field, id=f"{r.name}-{sheet.name}-{field}")
            for r in example_rounds() for sheet, field in RENAMES]


@pytest.mark.parametrize("example,sheet,field", _cases())
def test_a_renamed_key_column_is_its_gt01_and_nothing_drawn_from_it(example, sheet, field):
    sheets, as_of = _round_sheets(example)
    before = _where(gate.check(sheets, as_of, "so.xlsx").report.findings)
    _rename(sheets, sheet, field)
    findings = gate.check(sheets, as_of, "so.xlsx").report.findings
    new = _where(findings) - before
    assert new == {("GT01", sheet.name, "A1")}, sorted(new)     # A1: the header row's first cell
    (gt01,) = [f for f in findings if f.code == "GT01"]
    assert f"thiếu cột '{sheet.col(field).header}'" in gt01.message and gt01.is_error
    assert not RENAMES[(sheet, field)] & {f.code for f in findings}


def _plant(sheets, sheet, field, value, row=1):
    head = sheets[sheet.name][0]
    sheets[sheet.name][row][head.index(sheet.col(field).header)] = value


# a rename, and an error elsewhere that does not follow from it: still said
INDEPENDENT = [
    ((S.UNITS, "code"), (S.RESULTS, "item_code", "ZZ99"), "KQ03"),
    ((S.UNITS, "code"), (S.SCHEDULE, "date", "32/13/2024"), "GT03"),
    ((S.MEMBERS, "name"), (S.RESULTS, "item_code", "ZZ99"), "KQ03"),
    ((S.MEMBERS, "name"), (S.SCHEDULE, "unit_code", "KHONGCO"), "LK03"),
    ((S.CHECKLIST, "code"), (S.DELEGATION, "member_name", "Người Lạ Mặt"), "TD08"),
    ((S.CHECKLIST, "code"), (S.RESULTS, "unit_code", "KHONGCO"), "KQ01"),
    ((S.SCHEDULE, "unit_code"), (S.RESULTS, "item_code", "ZZ99"), "KQ03"),
    ((S.DELEGATION, "member_name"), (S.RESULTS, "unit_code", "KHONGCO"), "KQ01"),
]


@pytest.mark.parametrize("renamed,planted,code", INDEPENDENT,
                         ids=[f"{r[0].name}-{p[0].name}-{c}" for r, p, c in INDEPENDENT])
def test_an_error_with_its_own_cause_is_still_said(example_sheets, renamed, planted, code):
    _rename(example_sheets, *renamed)
    sheet, field, value = planted
    _plant(example_sheets, sheet, field, value)
    said = [f for f in gate.check(example_sheets, AS_OF, "so.xlsx").report.findings if f.code == code]
    head = example_sheets[sheet.name][0]
    cell = f"{chr(ord('A') + head.index(sheet.col(field).header))}2"
    assert [(f.sheet, f.cell) for f in said] == [(sheet.name, cell)], said


def test_validate_says_the_renamed_unit_code_once(tmp_path, capsys, example_sheets):
    _rename(example_sheets, S.UNITS, "code")
    path = H.book_from_arrays(tmp_path / "so.xlsx", example_sheets)
    assert main(["validate", str(path), "--as-of", "31/12/2024"]) == 1
    out = capsys.readouterr().out
    codes = [line.split()[0] for line in out.splitlines() if line.strip()]
    assert "GT01" in codes and "thiếu cột 'Mã đơn vị'" in out
    assert not RENAMES[(S.UNITS, "code")] & set(codes), out


def test_what_a_finding_is_drawn_from_is_a_sheet_or_one_of_its_columns():
    sheets = {s.name: s for s in S.MODEL_SHEETS}
    needs = {n for ft in CATALOGUE.values() for n in ft.needs}
    assert {c for _s, c in needs if c}, "no finding type names a column it is drawn from"
    for sheet, column in needs:
        assert sheet in sheets and (not column or column in sheets[sheet].headers), (sheet, column)
