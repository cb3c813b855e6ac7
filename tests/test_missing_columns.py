"""A renamed key column of a required sheet is one finding (its GT01, which
stops every job), not a flood of lookups that fail without it.  Before, in
the 2024 round: 'Mã đơn vị' of Đơn vị renamed gave ~400 findings (KQ01 for
every result and recommendation row, LK03, TD10, VB04; KT03 and KN08 in the
2026 round); 'Họ và tên' of Thành viên gave CH06, DV03, TD06/07/08, VB02;
'Mã nội dung' of Nội dung kiểm tra gave KQ03 for all 198 result rows;
'Mã đơn vị' of Lịch kiểm tra KQ02 for every result row, LK01, TD10, VB04;
'Mã đơn vị' of Thành phần đoàn TD01; its 'Họ và tên' KQ15, TD05/06/07.
Other columns a rule reads did the same: 'Vai trò trong Hội đồng' of Thành viên
gave VB01 for every document, DV04, TD04, TV02 and CH07; 'Khối' of Đơn vị KQ04
and DV06; 'Được chọn kiểm tra' LK04 for every inspection and DV05; 'Áp dụng cho'
of Nội dung kiểm tra KQ06; and a sheet's own column its own findings ('Đánh
giá' renamed: KQ07 'chưa ghi Đánh giá' for all 198 result rows).  Every column
of every table sheet of every example round is renamed here."""
from __future__ import annotations

import copy
import datetime as dt

import pytest

import hostile_files as H
from tdkt_xl import gate
from tdkt_xl.cli import main
from tdkt_xl.vocabulary import schema as S
from tdkt_xl.vocabulary.findings import CATALOGUE

AS_OF = dt.date(2024, 12, 31)

# a renamed column, and the codes it used to flood the report with
RENAMES = {
    (S.UNITS, "code"): {"KQ01", "LK03", "TD10", "VB04", "KT03", "KN08"},
    (S.UNITS, "block"): {"KQ04", "DV06"},
    (S.UNITS, "selected"): {"LK04", "DV05"},
    (S.MEMBERS, "name"): {"CH06", "DV03", "TD06", "TD07", "TD08", "VB02"},
    (S.MEMBERS, "council_role"): {"VB01", "DV04", "TD04", "TV02", "CH07"},
    (S.CHECKLIST, "code"): {"KQ03"},
    (S.CHECKLIST, "applies_to"): {"KQ06"},
    (S.SCHEDULE, "unit_code"): {"KQ02", "VB04", "LK01", "TD10"},
    (S.SCHEDULE, "mode"): {"KQ16"},
    (S.SCHEDULE, "review_date"): {"LK13"},
    (S.DELEGATION, "unit_code"): {"TD01"},
    (S.DELEGATION, "member_name"): {"KQ15", "TD05", "TD06", "TD07"},
    (S.DELEGATION, "task"): {"TD02"},
    (S.RESULTS, "unit_code"): {"KQ06"},
    (S.RESULTS, "item_code"): {"KQ06"},
    (S.RESULTS, "assessment"): {"KQ07"},
    (S.RESULTS, "remark"): {"KQ09"},
    (S.EVALUATIONS, "unit_code"): {"KQ11"},
    (S.EVALUATIONS, "chair"): {"KQ12"},
    (S.RECOMMENDATIONS, "deadline"): {"KN01"},
    (S.RECOMMENDATIONS, "remedy_report_date"): {"KN04"},
    (S.RECOMMENDATIONS, "status"): {"KN03"},
    (S.DOCUMENTS, "unit_code"): {"VB05", "VB06"},
    (S.LEGAL, "code"): {"CC03", "CC06"},
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


def _columns(example):
    """(sheet, field) of every column the reader says missing (not derived, not
    optional) of the example round's table sheets."""
    from tdkt_xl.io.example import example_sheets
    from tdkt_xl.io.register import shipped_rows
    sheets = {S.LEGAL.name: shipped_rows(), **example_sheets(example.data_dir)}
    return [(sheet, c.field) for sheet in S.MODEL_SHEETS if sheet is not S.SETTINGS
            for c in sheet.columns
            if not (c.derived or c.optional) and c.header in (sheets.get(sheet.name) or [[]])[0]]


def _cases():
    from tdkt_xl.io.example import example_rounds
    cases = [pytest.param(r, sheet, field, id=f"{r.name}-{sheet.name}-{field}")
             for r in example_rounds() for sheet, field in _columns(r)]
    renamed = {(p.values[1].name, p.values[2]) for p in cases}
    assert not {(sh.name, f) for sh, f in RENAMES} - renamed, "a column of RENAMES is in no example"
    return cases


@pytest.fixture(scope="module")
def _checked_rounds():
    """Each example round's sheets, date and findings (read once)."""
    done = {}

    def checked(example):
        if example.name not in done:
            sheets, as_of = _round_sheets(example)
            done[example.name] = (sheets, as_of,
                                  _where(gate.check(sheets, as_of, "so.xlsx").report.findings))
        sheets, as_of, before = done[example.name]
        return copy.deepcopy(sheets), as_of, before
    return checked


@pytest.mark.parametrize("example,sheet,field", _cases())
def test_a_renamed_column_is_its_gt01_and_nothing_drawn_from_it(_checked_rounds, example, sheet,
                                                                 field):
    sheets, as_of, before = _checked_rounds(example)
    _rename(sheets, sheet, field)
    findings = gate.check(sheets, as_of, "so.xlsx").report.findings
    new = _where(findings) - before
    assert new == {("GT01", sheet.name, "A1")}, sorted(new)     # A1: the header row's first cell
    (gt01,) = [f for f in findings if f.code == "GT01"]
    assert f"Trang '{sheet.name}' thiếu cột '{sheet.col(field).header}'" in gt01.message
    assert gt01.is_error
    assert not RENAMES.get((sheet, field), set()) & {f.code for f in findings}


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
    ((S.UNITS, "block"), (S.RESULTS, "item_code", "ZZ99"), "KQ03"),
    ((S.UNITS, "selected"), (S.SCHEDULE, "unit_code", "KHONGCO"), "LK03"),
    ((S.MEMBERS, "council_role"), (S.DELEGATION, "member_name", "Người Lạ Mặt"), "TD08"),
    ((S.CHECKLIST, "applies_to"), (S.RESULTS, "item_code", "ZZ99"), "KQ03"),
    ((S.RESULTS, "assessment"), (S.RESULTS, "unit_code", "KHONGCO"), "KQ01"),
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
