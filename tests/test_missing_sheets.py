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
