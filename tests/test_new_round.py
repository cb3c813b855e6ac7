"""`tdkt new-round`: next year's master workbook from last year's, made by the
same builder as `tdkt build-workbook` (same parts, VBA project, names,
buttons, validations, tables), with settings to confirm and last year's open
recommendations carried; refusals write nothing."""
from __future__ import annotations

import datetime as dt
import re
import zipfile

import pytest

from tdkt_xl.builder.next_round import next_round_sheets, shift_year
from tdkt_xl.builder.workbook import build_workbook
from tdkt_xl.cli import main as cli_main
from tdkt_xl.gate import validate_workbook
from tdkt_xl.io.sources import read_file_arrays, read_workbook
from tdkt_xl.model.tracking import remedied_at
from tdkt_xl.vocabulary import schema as S

from conftest import WORKBOOK


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    if not WORKBOOK.exists():
        pytest.skip("workbook/tdkt_2024.xlsm chưa được tạo (tdkt build-workbook)")
    folder = tmp_path_factory.mktemp("nam_sau") / "workbook"
    folder.mkdir()
    out = folder / "tdkt_2025.xlsm"
    assert cli_main(["new-round", str(WORKBOOK), "--year", "2025", "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    return build_workbook(tmp_path_factory.mktemp("ref") / "tdkt_ref.xlsm")


def _zip(path) -> dict:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _text(parts, name) -> str:
    return parts[name].decode("utf-8")


def test_structure_is_what_build_workbook_makes(made, reference):
    new, ref = _zip(made), _zip(reference)
    assert sorted(new) == sorted(ref)
    assert new["xl/vbaProject.bin"] == ref["xl/vbaProject.bin"]
    # defined names: the same set; their ranges too except print areas (row counts
    # differ) and the holiday list (the new year's neighbours)
    varies = ("Print_Area", "tdkt_ngay_nghi")
    names = lambda p: [(n, "" if any(x in n for x in varies) else v) for n, v in re.findall(
        r"<definedName ([^>]*)>([^<]*)</definedName>", _text(p, "xl/workbook.xml"))]
    assert names(new) == names(ref)
    for part in ref:
        if part.startswith("xl/worksheets/sheet"):
            dv = lambda p: re.findall(r"<dataValidations.*?</dataValidations>", _text(p, part), re.S)
            assert dv(new) == dv(ref), part
        if part.startswith("xl/tables/"):
            head = lambda p: re.sub(r' ref="[^"]+"', "", re.search(
                r"<table [^>]*>", _text(p, part)).group(0))
            cols = lambda p: re.search(r"<tableColumns.*?</tableColumns>", _text(p, part), re.S).group(0)
            assert (head(new), cols(new)) == (head(ref), cols(ref)), part
        if part.startswith(("xl/drawings/vmlDrawing", "xl/ctrlProps/")):
            assert new[part] == ref[part], part        # the buttons and their macro
    assert made.with_suffix(".py").read_text(encoding="utf-8").count("import sys") == 1


def test_fresh_round_findings_and_carried_recommendations(made):
    report = validate_workbook(made, dt.date(2025, 3, 1))
    codes = {f.code for f in report.findings}
    # nothing scheduled yet (LK01), dates to confirm (CH10), a 2025 window that
    # straddles 01/07/2025 (CH08), the shipped example's data still there (VD01,
    # the source is the example workbook): nothing else
    assert {"LK01", "CH10"} <= codes <= {"LK01", "CH10", "CH08", "VD01"}, codes
    confirm = {f.cell for f in report.findings if f.code == "CH10"}
    st = report.round.settings
    assert st.year == 2025 and st.window_start == dt.date(2025, 4, 1)
    assert st.window_end == dt.date(2025, 9, 30) and st.plan_number == ""
    assert {st.cell("window_start"), st.cell("window_end"), st.cell("plan_date")} <= confirm
    assert st.cell("year") not in confirm and st.cell("rules_date") not in confirm

    old = read_workbook(WORKBOOK).round
    open_ = [r for r in old.recommendations if not remedied_at(r, dt.date(2024, 12, 31))]
    assert len(open_) == 8
    new = report.round
    assert [(r.unit_code, r.text, r.deadline, r.status, r.from_year) for r in new.recommendations] \
        == [(r.unit_code, r.text, r.deadline, r.status, 2024) for r in open_]
    assert not new.inspections and not new.delegation and not new.results and not new.documents
    assert [u.code for u in new.units] == [u.code for u in old.units]
    assert [c.code for c in new.checklist] == [c.code for c in old.checklist]
    assert [x.name for x in new.members] == [x.name for x in old.members]


def test_another_plan_the_same_year(tmp_path):
    sheets = next_round_sheets(read_file_arrays(WORKBOOK), 2024, "Kiểm tra khối trường học")
    rows = {r[0]: r for r in sheets[S.SETTINGS.name][1:]}
    assert rows["Tên kế hoạch"][1] == "Kiểm tra khối trường học"
    assert rows["Năm"][1] == 2024
    assert S.UNCONFIRMED in rows["Kiểm tra từ ngày"][2]


@pytest.mark.parametrize("args, says", [
    (["--year", "2023"], "trước năm"),
    (["--year", "2024"], "tên của kế hoạch mới"),
])
def test_refusals_write_nothing(tmp_path, capsys, args, says):
    out = tmp_path / "tdkt_moi.xlsm"
    assert cli_main(["new-round", str(WORKBOOK), "--out", str(out)] + args) == 2
    assert says in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_existing_out_or_forwarder_is_refused(tmp_path, capsys):
    out = tmp_path / "tdkt_2025.xlsm"
    out.write_bytes(b"old")
    assert cli_main(["new-round", str(WORKBOOK), "--year", "2025", "--out", str(out)]) == 2
    assert "đã có" in capsys.readouterr().err and out.read_bytes() == b"old"
    out.unlink()
    out.with_suffix(".py").write_text("# clerk's", encoding="utf-8")
    assert cli_main(["new-round", str(WORKBOOK), "--year", "2025", "--out", str(out)]) == 2
    assert not out.exists()
    assert out.with_suffix(".py").read_text(encoding="utf-8") == "# clerk's"


def test_shift_year_keeps_a_leap_day_in_the_month():
    assert shift_year(dt.date(2024, 2, 29), 1) == dt.date(2025, 2, 28)
    assert shift_year(dt.date(2024, 4, 12), 2) == dt.date(2026, 4, 12)


def test_carried_twice_keeps_the_year_that_made_it(made, tmp_path):
    again = tmp_path / "tdkt_2026.xlsm"
    assert cli_main(["new-round", str(made), "--year", "2026", "--out", str(again)]) == 0
    recs = read_workbook(again).round.recommendations
    assert len(recs) == 8 and {r.from_year for r in recs} == {2024}
    assert not any("[Kiến nghị" in r.text for r in recs)


def test_a_workbook_of_the_first_new_round_still_reads_its_prefix(example_sheets):
    """The first new-round marked carried items by a text prefix; such a
    workbook reads as the column says now: the year, the text without it."""
    from tdkt_xl.io.reader import read_round
    rows = example_sheets[S.RECOMMENDATIONS.name]
    i = rows[0].index(S.RECOMMENDATIONS.col("text").header)
    original = rows[4][i]
    rows[4][i] = S.CARRIED_PREFIX.format(year=2023) + original
    assert S.RECOMMENDATIONS.col("from_year").header not in rows[0]     # nor the column
    res = read_round(example_sheets, "cũ")
    assert res.findings == []
    recs = res.round.recommendations
    assert (recs[3].from_year, recs[3].text) == (2023, original)
    assert [r.from_year for r in recs].count(None) == len(recs) - 1


def test_another_plans_title_lands_where_documents_use_it(tmp_path):
    """`--plan` fills 'Tên kế hoạch': the plan's own title, 'Kế hoạch số … về
    <title>' in the decision and the notice, the report's title, the guide;
    the plan's paragraphs are carried, so the new plan can be drafted."""
    from docx_render import render_document
    from test_documents import doc_text
    from tdkt_xl.builder.guide import guide_blocks
    from tdkt_xl.documents import contexts as X
    from tdkt_xl.documents.service import generate_documents
    from tdkt_xl.io.reader import read_round
    from tdkt_xl.vocabulary import doc_kinds as K
    title = "Kiểm tra công tác thi đua, khen thưởng khối trường học năm 2024"
    rnd = read_round(next_round_sheets(read_file_arrays(WORKBOOK), 2024, title)).round
    assert rnd.settings.plan_title == title and rnd.plan_text
    s = generate_documents(rnd, tmp_path, kinds=("plan",))
    assert s.errors == [] and s.skipped == [], s.lines()
    plan = doc_text(tmp_path / K.PLAN.file_name)
    assert f"KẾ HOẠCH\n{title}\n" in plan
    subject = "về kiểm tra công tác thi đua, khen thưởng khối trường học năm 2024"
    assert guide_blocks(rnd.settings, [])[0] == ("title", "SỔ TÍNH " + subject[3:].upper())
    # documents of a round under way (the new one has no delegation yet)
    full = read_round(read_file_arrays(WORKBOOK)).round
    decision = lambda: doc_text(render_document(K.DECISION.template,  # noqa: E731
                                                X.build_context("decision", full)))
    assert "về kiểm tra công tác thi đua, khen thưởng năm 2024;" in decision()   # no title
    full.settings.plan_title = title
    assert f"{subject};" in decision()
    unit = full.selected_units()[0]
    for kind in (K.NOTICE, K.MINUTES):
        text = doc_text(render_document(kind.template, X.build_context(kind.key, full, unit)))
        assert subject in text, kind.key
