"""The register of legal bases is a sheet of the workbook (Căn cứ pháp lý),
built from the shipped data/legal_basis.csv, read back into the round, open to
rows a clerk adds: every document kind's Căn cứ lines come from it by the
document's date, the round's level and the kind ('Trích dẫn trong'); a window
across a replacement is a warning naming both texts; `tdkt new-round` carries
the sheet with the clerk's rows."""
from __future__ import annotations

import datetime as dt

import pytest

from tdkt_xl.builder.next_round import next_round_sheets
from tdkt_xl.builder.workbook import build_from_sheets
from tdkt_xl.documents.contexts import build_context
from tdkt_xl.gate import validate_arrays
from tdkt_xl.io.reader import read_round
from tdkt_xl.io.register import shipped_register, shipped_rows
from tdkt_xl.io.sources import read_file_arrays
from tdkt_xl.vocabulary import doc_kinds as K
from tdkt_xl.vocabulary import schema as S

from conftest import AS_OF, WORKBOOK

RULES_ROW = ["QC_TINH_2024", "Quy chế thi đua, khen thưởng của tỉnh (ví dụ)",
             "Quyết định số 99/2024/QĐ-UBND ngày 02 tháng 01 năm 2024 của Ủy ban nhân dân tỉnh "
             "ban hành Quy chế thi đua, khen thưởng", "02/01/2024", "", "", "huyện", "QĐ; KH; TB",
             "Dòng do văn thư thêm."]
RULES_LINE = ("Căn cứ Quyết định số 99/2024/QĐ-UBND ngày 02 tháng 01 năm 2024 của Ủy ban nhân "
              "dân tỉnh ban hành Quy chế thi đua, khen thưởng;")


def _with_row(sheets, row):
    sheets[S.LEGAL.name] = sheets[S.LEGAL.name] + [row]
    return sheets


def _round(sheets, plan_date=None):
    rnd = read_round(sheets).round
    if plan_date:
        rnd.settings.plan_date = plan_date
    return rnd


def test_the_built_workbook_has_the_register_sheet_with_the_shipped_rows():
    if not WORKBOOK.exists():
        pytest.skip("workbook/tdkt_2024.xlsm chưa được tạo")
    arrays = read_file_arrays(WORKBOOK)
    assert S.LEGAL.name in arrays
    rnd = read_round(arrays).round
    got = [(l.code, l.start, l.end, l.replaced_by, l.citation) for l in rnd.legal]
    assert got == [(l.code, l.start, l.end, l.replaced_by, l.citation) for l in shipped_register()]
    assert rnd.legal[0].origin.sheet == S.LEGAL.name


def test_an_old_workbook_without_the_sheet_reads_the_shipped_register(example_sheets):
    del example_sheets[S.LEGAL.name]
    assert [l.code for l in read_round(example_sheets).round.legal] == \
        [l.code for l in shipped_register()]


def test_a_clerks_row_is_cited_by_the_decision(example_sheets):
    rnd = _round(_with_row(example_sheets, RULES_ROW))
    lines = build_context(K.DECISION.key, rnd)["legal_basis"]
    assert lines[-1] == RULES_LINE
    # at another level the row is not cited
    rnd.settings.level, rnd.settings.supervising_body = "tỉnh", "UBND tỉnh Lạng Sơn"
    assert RULES_LINE not in build_context(K.DECISION.key, rnd)["legal_basis"]


def test_the_plan_cites_the_tdkt_law_and_decree_of_its_date_not_the_local_government_law(example_sheets):
    lines = build_context(K.PLAN.key, _round(example_sheets))["legal_basis"]
    assert [l.split(" ngày")[0] for l in lines] == [
        "Căn cứ Luật Thi đua, khen thưởng", "Căn cứ Nghị định số 98/2023/NĐ-CP"]
    later = build_context(K.PLAN.key, _round(example_sheets, dt.date(2026, 3, 2)))["legal_basis"]
    assert [l.split(" ngày")[0] for l in later] == [
        "Căn cứ Luật Thi đua, khen thưởng", "Căn cứ Nghị định số 152/2025/NĐ-CP"]


def test_notices_and_report_cite_a_text_only_when_the_register_says_so(example_sheets):
    from tdkt_xl.reports.context import report_common

    def report_context(rnd):
        return report_common(rnd, None)
    rnd = _round(example_sheets)
    unit = rnd.unit("XQS")
    assert build_context(K.NOTICE.key, rnd, unit)["legal_basis"] == []
    assert report_context(rnd)["legal_basis"] == []
    rnd = _round(_with_row(example_sheets, RULES_ROW))
    assert build_context(K.NOTICE.key, rnd, rnd.unit("XQS"))["legal_basis"] == [RULES_LINE]
    assert build_context(K.NOTICE_ALL.key, rnd)["legal_basis"] == [RULES_LINE]
    assert report_context(rnd)["legal_basis"] == []          # 'BC' is not in its list


def test_the_rendered_plan_prints_the_lines(example_sheets, tmp_path):
    import io
    import docx
    from tdkt_xl.documents.render import load_template
    ctx = build_context(K.PLAN.key, _round(_with_row(example_sheets, RULES_ROW)))
    data = load_template(K.PLAN.template).render_bytes(ctx)
    texts = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    i = texts.index(RULES_LINE)
    assert texts[i - 1].startswith("Căn cứ Nghị định số 98/2023/NĐ-CP")
    assert texts[i + 1].startswith("Căn cứ Kế hoạch số 08/KH-UBND")


def test_a_window_across_the_reform_names_both_texts_of_each_replacement(example_sheets):
    from rules_plant import apply_to_arrays
    apply_to_arrays(example_sheets, [("set", S.SETTINGS.name, {"Mục": "Kiểm tra đến ngày"},
                                      "Giá trị", "30/09/2025")])
    report = validate_arrays(example_sheets, "ví dụ", AS_OF)
    msgs = [f.message for f in report.findings if f.code == "CH08"]
    assert any("Nghị định số 98/2023/NĐ-CP" in m and "Nghị định số 152/2025/NĐ-CP" in m for m in msgs)
    assert any("Luật Tổ chức chính quyền địa phương số 72/2025/QH15" in m for m in msgs)
    assert any("Thông tư số 15/2025/TT-BNV" in m for m in msgs)     # replaced on 05/08/2025


def test_a_clerks_row_survives_new_round(example_sheets, tmp_path):
    from tdkt_xl.builder.next_round import new_round
    from tdkt_xl.io.sources import read_workbook
    old = tmp_path / "workbook" / "tdkt_cu.xlsm"
    old.parent.mkdir()
    old.write_bytes(build_from_sheets(_with_row(example_sheets, RULES_ROW)))
    new = tmp_path / "workbook" / "tdkt_moi.xlsm"
    new_round(old, 2025, new)
    legal = read_workbook(new).round.legal
    assert [l.code for l in legal] == [l.code for l in shipped_register()] + ["QC_TINH_2024"]
    assert legal[-1].cited_in == ("QĐ", "KH", "TB") and legal[-1].start == dt.date(2024, 1, 2)


def test_new_round_from_a_workbook_without_the_sheet_gets_the_shipped_register(example_sheets):
    del example_sheets[S.LEGAL.name]
    sheets = next_round_sheets(example_sheets, 2025)
    assert S.LEGAL.name not in sheets          # the builder's default: the shipped CSV
    rnd = read_round(read_file_arrays_from_bytes(build_from_sheets(sheets))).round
    assert [l.code for l in rnd.legal] == [l.code for l in shipped_register()]
    assert rnd.legal[0].origin.sheet == S.LEGAL.name


def read_file_arrays_from_bytes(data: bytes) -> dict:
    import io
    from python_calamine import CalamineWorkbook
    wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return {n: wb.get_sheet_by_name(n).to_python() for n in wb.sheet_names}


def test_shipped_rows_that_are_unsure_say_so_and_the_csv_has_the_sheets_columns():
    rows = shipped_rows()
    assert rows[0] == [c.header for c in S.LEGAL.columns]
    notes = {l.name: l.note for l in shipped_register()}
    assert "chưa" in notes["Thông tư số 15/2025/TT-BNV"]
