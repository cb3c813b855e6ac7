"""Each job, clicked from the control sheet of a real xlwings
Book (remote engine): files land in the output folder beside the workbook,
the alert says what was made and where, Nhật ký gets the row."""
from __future__ import annotations

import datetime as dt

import pytest

import xl_payload as X
from tdkt_xl.excel import main
from tdkt_xl.vocabulary import cells, schema as S
from tdkt_xl.io import controls as K
from tdkt_xl.io.reader import read_round

CLICK = dt.datetime(2024, 7, 1, 9, 0)


@pytest.fixture(scope="module")
def sheets():
    return X.shipped_or_example()[0]


def control(arrays, job, unit=K.OPT_UNIT_ALL, pdf="Không", overwrite="Không"):
    a = {k: [list(r) for r in v] for k, v in arrays.items()}
    values = {K.OPT_JOB: job, K.OPT_UNIT: unit, K.OPT_PDF: pdf, K.OPT_OVERWRITE: overwrite}
    for row in a[S.CONTROL.name]:
        if row and isinstance(row[0], str) and cells.norm_text(row[0]) in values:
            row[1] = values[cells.norm_text(row[0])]
    return a


def click(arrays, tmp_path):
    payload = X.payload_from_arrays(arrays, active=S.CONTROL.name)
    book = X.open_book(payload)
    with X.count_range_io() as counts:
        out = main(folder=tmp_path, clock=lambda: CLICK)
    return out, X.apply(payload, book), counts


def output_dir(arrays, tmp_path):
    return tmp_path / read_round(arrays).round.settings.output_folder.replace("\\", "/")


def first_unit(arrays) -> str:
    rnd = read_round(arrays).round
    return next(i.unit_code for i in rnd.inspections if rnd.unit(i.unit_code) and rnd.unit(i.unit_code).selected)


def _common(out, applied, counts, job):
    assert out.ok, out.message
    assert applied.alerts == [out.message]
    assert applied.sheet(S.LOG.name)[-1][2] == job
    assert set(counts["writes"]) == {S.LOG.name}          # documents jobs write files, not the book
    assert all(v == 1 for v in counts["reads"].values())


def test_notices_for_every_unit(sheets, tmp_path):
    out, applied, counts = click(control(sheets, K.JOB_NOTICES), tmp_path)
    _common(out, applied, counts, K.JOB_NOTICES)
    made = list(output_dir(sheets, tmp_path).rglob("*.docx"))
    n_units = len(read_round(sheets).round.selected_units())
    assert len(made) >= n_units
    assert f"Đã tạo {len(made)} văn bản" in out.message


def test_minutes_for_one_unit(sheets, tmp_path):
    code = first_unit(sheets)
    out, applied, counts = click(control(sheets, K.JOB_MINUTES, unit=code), tmp_path)
    _common(out, applied, counts, K.JOB_MINUTES)
    made = [p.name for p in output_dir(sheets, tmp_path).rglob("*.docx")]
    assert made == [f"BB_{code}.docx"]


def test_decision(sheets, tmp_path):
    out, applied, counts = click(control(sheets, K.JOB_DECISION), tmp_path)
    _common(out, applied, counts, K.JOB_DECISION)
    assert len(list(output_dir(sheets, tmp_path).rglob("*.docx"))) == 1


def test_report(sheets, tmp_path):
    out, applied, counts = click(control(sheets, K.JOB_REPORT), tmp_path)
    _common(out, applied, counts, K.JOB_REPORT)
    folder = output_dir(sheets, tmp_path)
    assert list(folder.rglob("*.docx")) and list(folder.rglob("*.xlsx"))
    assert not list(folder.rglob("*.png"))             # the charts are in the report
    assert str(folder) in out.message


def test_report_refused_while_data_has_blocking_errors(sheets, tmp_path):
    broken = {k: [list(r) for r in v] for k, v in sheets.items()}
    for row in broken[S.SETTINGS.name]:
        if row and cells.norm_text(row[0]) == "Năm":
            row[1] = None
    out, applied, _ = click(control(broken, K.JOB_REPORT), tmp_path)
    assert not out.ok
    assert "Chưa thể lập báo cáo" in applied.alerts[-1] and "Kiểm tra dữ liệu" in applied.alerts[-1]
    assert not list(tmp_path.rglob("*.docx"))


def test_followup(sheets, tmp_path):
    out, applied, counts = click(control(sheets, K.JOB_FOLLOWUP), tmp_path)
    _common(out, applied, counts, K.JOB_FOLLOWUP)
    assert list(output_dir(sheets, tmp_path).rglob("*.xlsx"))


def test_forms_for_one_unit(sheets, tmp_path):
    code = first_unit(sheets)
    out, applied, counts = click(control(sheets, K.JOB_FORMS, unit=code), tmp_path)
    _common(out, applied, counts, K.JOB_FORMS)
    made = list(output_dir(sheets, tmp_path).rglob("*.xlsx"))
    assert made and all(code in p.name for p in made)


def test_merge_writes_the_summary_sheet(sheets, tmp_path):
    rnd = read_round(sheets).round
    (tmp_path / rnd.settings.inbox_folder.replace("\\", "/")).mkdir(parents=True)
    out, applied, counts = click(control(sheets, K.JOB_MERGE), tmp_path)
    assert out.ok, out.message
    from tdkt_xl.excel.appendix_jobs import CONSOLIDATION_SHEET
    table = applied.sheet(CONSOLIDATION_SHEET)
    assert len(table) > 1                      # header + one row per selected unit at least
    assert counts["writes"][CONSOLIDATION_SHEET] == 1


def test_unknown_unit_code_is_reported(sheets, tmp_path):
    out, applied, _ = click(control(sheets, K.JOB_MINUTES, unit="KHONG_CO"), tmp_path)
    assert "KHONG_CO" in applied.alerts[-1]
