"""The pure parts of the Excel front door: job choice from sheet arrays, the
findings table and the marks block."""
from __future__ import annotations

import pytest

from tdkt_xl.excel import findings_sheet as FS
from tdkt_xl.excel.choice import ChoiceError, choose, control_options
from tdkt_xl.io import controls as K
from tdkt_xl.vocabulary import schema as S
from tdkt_xl.vocabulary.findings import ERROR, WARNING, Finding


def F(sheet, cell, sev=ERROR, code="GT03"):
    return Finding(code, sev, sheet, cell, "", "m")


def test_hyperlink_quotes_sheet_names():
    assert FS.hyperlink("Đơn vị", "B5") == '=HYPERLINK("#\'Đơn vị\'!B5","B5")'
    assert FS.hyperlink("Bà's", "A1") == '=HYPERLINK("#\'Bà\'\'s\'!A1","A1")'
    assert FS.hyperlink("", "A1") == "A1" and FS.hyperlink("X", "") == ""


def test_finding_rows_errors_first_and_actual_sheet_spelling():
    rows = FS.finding_rows(FS.sort_findings([F("Đơn vị", "B2", WARNING, "DV09"), F("Đơn vị", "C3")]),
                           actual_sheet=lambda n: "đơn vị ")
    assert rows[0] == S.FINDINGS.headers
    assert [r[1] for r in rows[1:]] == ["Lỗi", "Cảnh báo"]
    assert rows[1][2] == "Đơn vị" and "'đơn vị '!C3" in rows[1][3]


def test_padded_clears_old_rows_only_in_table_columns():
    old = [["h1", "h2", "note"], ["a", "b", "keep"], ["c", "d", ""], ["e", "", ""]]
    block = FS.padded([["h1", "h2"], ["x", "y"]], old, 2)
    assert block == [["h1", "h2"], ["x", "y"], [None, None], [None, None]]


def test_marks_block_rewrites_own_columns_keeps_foreign_and_counts_overflow():
    header = list(K.MARKED_SHEETS) + ["ghi chú"]
    old = [header] + [["Z9"] * len(K.MARKED_SHEETS) + ["giữ"]] * 3
    many = [F(S.UNITS.name, f"A{i}") for i in range(2, K.MARKS_ROWS + 7)]
    block, overflow = FS.marks_block(many + [F(S.UNITS.name, "A2"), F("Lỗi lạ", "B2"),
                                             F(S.SCHEDULE.name, "C4:C9")], old)
    assert overflow == 5
    assert len(block) == K.MARKS_ROWS + 1 and block[0] == header
    ui = header.index(S.UNITS.name)
    si = header.index(S.SCHEDULE.name)
    assert block[1][ui] == "A2" and block[2][ui] == "A3"            # row order, no duplicate
    assert all(r[si] is None for r in block[1:])                      # stale Z9 cleared; ranges not marked
    assert [r[-1] for r in block[1:4]] == ["giữ"] * 3                # a column that is no sheet's is kept


def test_marks_block_adds_missing_headers():
    block, _ = FS.marks_block([F(S.DOCUMENTS.name, "D7")], [["Cấu hình"]])
    assert block[0][:len(K.MARKED_SHEETS)] == list(K.MARKED_SHEETS)
    assert block[1][K.MARKED_SHEETS.index(S.DOCUMENTS.name)] == "D7"


def test_choice_label_anywhere_in_first_rows_and_defaults():
    rows = [["Tiêu đề"], [None, None, " việc cần  làm ", K.JOB_MINUTES], ["Mã đơn vị"]]
    c = choose(S.RESULTS.name, rows, K.ALL_JOBS)
    assert (c.job, c.cell) == (K.JOB_MINUTES, "D2")
    assert choose(S.RESULTS.name, [["Mã đơn vị"]], K.ALL_JOBS).job == K.JOB_VALIDATE
    # the sheet's default is not offered: the next one of the sheet
    assert choose(S.EVALUATIONS.name, [["x"]], (K.JOB_VALIDATE,)).job == K.JOB_VALIDATE
    assert choose("Hướng dẫn", [["x"]], K.ALL_JOBS).job == K.JOB_VALIDATE


def test_choice_of_a_job_not_installed_says_so():
    rows = [[K.JOB_LABEL, K.JOB_FORMS]]
    with pytest.raises(ChoiceError, match="chưa có trong phiên bản"):
        choose(S.UNITS.name, rows, (K.JOB_VALIDATE,))


def test_control_sheet_bad_yes_no_and_blank_job():
    rows = [["Điều khiển"], [], [], [K.OPT_JOB, K.JOB_NOTICES], [K.OPT_UNIT, "XGL"],
            [K.OPT_PDF, "Có lẽ"], [K.OPT_OVERWRITE, None]]
    assert control_options(rows)[K.OPT_PDF] == ("Có lẽ", "B6")
    with pytest.raises(ChoiceError, match="B6"):
        choose(S.CONTROL.name, rows, K.ALL_JOBS)
    rows[3][1] = None
    with pytest.raises(ChoiceError, match="Hãy chọn việc cần làm ở ô B4"):
        choose(S.CONTROL.name, rows, K.ALL_JOBS)
