"""A sheet or column a job needs, deleted or renamed, is a finding that blocks
that job, named in Vietnamese (issue 10).  Before: with 'Kết quả kiểm tra'
deleted the reader gave no finding at all and `tdkt report` exited 0 with an
official report saying every unit passed; with 'Kiến nghị' deleted the
follow-up said nothing was left to remedy."""
from __future__ import annotations

import datetime as dt

import pytest

import hostile_files as H
from tdkt_xl import gate
from tdkt_xl.cli import main
from tdkt_xl.vocabulary import schema as S
from tdkt_xl.vocabulary.findings import (JOB_DECISION, JOB_FOLLOWUP, JOB_FORMS, JOB_MERGE, JOB_MINUTES,
                                         JOB_NOTICE, JOB_PLAN, JOB_REPORT)

AS_OF = dt.date(2024, 12, 31)
JOBS = (JOB_DECISION, JOB_NOTICE, JOB_MINUTES, JOB_REPORT, JOB_FOLLOWUP, JOB_PLAN, JOB_FORMS, JOB_MERGE)
STOPS = {
    S.RESULTS.name: {JOB_MINUTES, JOB_REPORT},
    S.EVALUATIONS.name: {JOB_MINUTES, JOB_REPORT},
    S.RECOMMENDATIONS.name: {JOB_MINUTES, JOB_REPORT, JOB_FOLLOWUP},
    S.DOCUMENTS.name: {JOB_DECISION, JOB_NOTICE, JOB_MINUTES, JOB_REPORT, JOB_FOLLOWUP, JOB_PLAN},
    S.PLAN_TEXT.name: {JOB_PLAN},
}


@pytest.mark.parametrize("sheet", list(STOPS))
def test_a_deleted_sheet_blocks_the_jobs_that_need_it_and_is_said_once(example_sheets, sheet):
    del example_sheets[sheet]
    checked = gate.check(example_sheets, AS_OF, "so.xlsx")
    (gt09,) = [f for f in checked.report.findings if f.code == "GT09"]
    assert gt09.sheet == sheet and f"không có trang '{sheet}'" in gt09.message and gt09.is_error
    assert {j for j in JOBS if gt09 in checked.blocking(j)} == STOPS[sheet]
    assert [f.code for f in checked.report.findings if f.sheet == sheet] == ["GT09"]     # nothing points into it


def test_the_example_has_no_missing_sheet(example_sheets):
    assert not [f for f in gate.check(example_sheets, AS_OF).report.findings if f.code == "GT09"]


@pytest.mark.parametrize("change,code,words", [
    (lambda s: s.pop(S.RESULTS.name), "GT09", "không có trang 'Kết quả kiểm tra'"),
    (lambda s: s[S.SCHEDULE.name][0].__setitem__(s[S.SCHEDULE.name][0].index("Ngày kiểm tra"), "Ngày KT"),
     "GT01", "thiếu cột 'Ngày kiểm tra'"),
], ids=["results_sheet_deleted", "inspection_date_renamed"])
def test_report_is_refused_not_written_from_a_workbook_that_cannot_support_it(tmp_path, capsys, example_sheets,
                                                                                 change, code, words):
    change(example_sheets)
    path = H.book_from_arrays(tmp_path / "so.xlsx", example_sheets)
    assert main(["validate", str(path), "--as-of", "31/12/2024"]) == 1
    assert code in capsys.readouterr().out
    rc = main(["report", str(path), "--out", str(tmp_path / "out"), "--as-of", "31/12/2024"])
    _out, err = capsys.readouterr()
    assert rc == 1, err
    assert f"[{code}]" in err and words in err and "Traceback" not in err
    assert not list((tmp_path / "out").rglob("*.docx"))


def test_followup_is_refused_without_the_recommendations_sheet(tmp_path, capsys, example_sheets):
    del example_sheets[S.RECOMMENDATIONS.name]
    path = H.book_from_arrays(tmp_path / "so.xlsx", example_sheets)
    rc = main(["followup", str(path), "--out", str(tmp_path / "out"), "--as-of", "31/12/2024"])
    _out, err = capsys.readouterr()
    assert rc == 1 and "[GT09]" in err and "'Kiến nghị'" in err, err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.*"))


def _round_sheets(example):
    from tdkt_xl.io.example import example_sheets
    from tdkt_xl.io.register import shipped_rows
    sheets = example_sheets(example.data_dir)
    sheets.setdefault(S.LEGAL.name, shipped_rows())
    rnd = gate.read(sheets, "so.xlsx").round
    year = max(i.date for i in rnd.inspections if i.date).year
    return sheets, dt.date(year, 12, 31)


def _said(sheets, as_of):
    return {(f.code, f.sheet, f.cell, f.unit) for f in gate.check(sheets, as_of, "so.xlsx").report.findings}


def _optional_cases():
    """(round, sheet) for every sheet the reader can do without that the round has
    (a round without the sheet has nothing to delete: no case, not a skip)."""
    from tdkt_xl.io.example import example_rounds, example_sheets
    required = {s.name for s in S.REQUIRED_SHEETS}
    return [pytest.param(r, s.name, id=f"{r.name}-{s.name}")
            for r in example_rounds() for has in [set(example_sheets(r.data_dir)) | {S.LEGAL.name}]
            for s in S.MODEL_SHEETS if s.name not in required and s.name in has]


@pytest.mark.parametrize("example,sheet", _optional_cases())
def test_a_deleted_sheet_is_one_finding_not_a_cascade(example, sheet):
    """Every example round, every sheet the reader can do without: deleting it
    adds at most its one GT09 and nothing else. Before: without 'Kiến nghị'
    every failed item also gave KQ10 'no recommendation' (18 in the 2024 round);
    without 'Đơn vị kế thừa' each carried 2024 recommendation gave KN08 and
    nothing named the missing sheet."""
    sheets, as_of = _round_sheets(example)
    before = _said(sheets, as_of)
    del sheets[sheet]
    new = _said(sheets, as_of) - before
    assert all(code == "GT09" and where == sheet for code, where, _cell, _unit in new), sorted(new)
    assert len(new) <= 1


def test_without_the_succession_sheet_the_carried_rows_give_one_finding_that_stops_the_report():
    from tdkt_xl.io.example import example_rounds
    example = next(r for r in example_rounds()
                   if S.SUCCESSION.name in _round_sheets(r)[0] and len(_round_sheets(r)[0][S.SUCCESSION.name]) > 1)
    sheets, as_of = _round_sheets(example)
    del sheets[S.SUCCESSION.name]
    checked = gate.check(sheets, as_of, "so.xlsx")
    assert not [f for f in checked.report.findings if f.code == "KN08"]
    (gt09,) = [f for f in checked.report.findings if f.code == "GT09"]
    assert gt09.sheet == S.SUCCESSION.name and "'Đơn vị kế thừa'" in gt09.message
    assert "báo cáo" in gt09.message and gt09 in checked.blocking(JOB_REPORT)


def test_without_the_recommendations_sheet_no_failed_item_asks_for_a_recommendation(example_sheets):
    del example_sheets[S.RECOMMENDATIONS.name]
    codes = [f.code for f in gate.check(example_sheets, AS_OF, "so.xlsx").report.findings]
    assert "KQ10" not in codes and codes.count("GT09") == 1


def test_what_a_finding_is_drawn_from_names_sheets_of_the_workbook():
    from tdkt_xl.vocabulary.findings import CATALOGUE
    names = {s.name for s in S.MODEL_SHEETS}
    needs = {s for ft in CATALOGUE.values() for s, _column in ft.needs}
    assert needs and needs <= names


@pytest.mark.parametrize("sheet,column", [
    (S.RECOMMENDATIONS, "unit_code"), (S.SUCCESSION, "old_code"), (S.SUCCESSION, "new_code"),
    (S.SUCCESSION, "date")])
def test_a_renamed_column_is_its_gt01_not_a_cascade_in_other_sheets(sheet, column):
    """Before: 'Mã đơn vị' of Kiến nghị renamed gave KQ10 for every failed item
    (18 in the 2024 round); a column of Đơn vị kế thừa renamed, KN08 for every
    carried recommendation."""
    from tdkt_xl.io.example import example_rounds
    for example in example_rounds():
        sheets, as_of = _round_sheets(example)
        if sheet.name not in sheets or len(sheets[sheet.name]) < 2:
            continue
        before = _said(sheets, as_of)
        head = sheets[sheet.name][0]
        head[head.index(sheet.col(column).header)] += " (đổi tên)"
        new = _said(sheets, as_of) - before
        assert {(code, where) for code, where, _c, _u in new} == {("GT01", sheet.name)}, (example.name, new)
