"""Every shipped example round (tdkt_xl/data/example_rounds.csv): its committed
workbook equals a rebuild from its CSV files, and `tdkt demo --round NAME`
runs the whole round — documents, forms, merge of its example returned
appendices, report, follow-up — exits 0 with only example data (RS04) left
by the round check, and every document passes the NĐ 30 layout checker."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tdkt_xl.builder.workbook import build_workbook
from tdkt_xl.io.example import example_round, example_rounds, example_sheets
from tdkt_xl.io.reader import read_round
from tdkt_xl.io.sources import read_file_arrays
from tdkt_xl.model import vocab as V
from tdkt_xl.vocabulary import outputs as O

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = [r.name for r in example_rounds()]
OTHER_ROUNDS = ROUNDS[1:]                 # the reference round has its own tests
AS_OF = {"huyen-2024": "31/12/2024", "truong-hoc-2024": "31/12/2024", "tinh-2026": "31/12/2026"}


def test_the_reference_round_comes_first_and_every_round_has_its_files():
    assert ROUNDS[0] == "huyen-2024" and len(ROUNDS) >= 2
    for r in example_rounds():
        assert r.data_dir.is_dir(), r
        assert (ROOT / r.workbook).exists(), f"{r.workbook}: tdkt build-workbook --round {r.name}"
        assert (ROOT / r.workbook).with_suffix(".py").exists()
        if r.inbox:
            assert any((ROOT / r.inbox).glob("*.xlsx")), f"python examples/make_examples.py --round {r.name}"


@pytest.mark.parametrize("name", OTHER_ROUNDS)
def test_committed_workbook_matches_a_rebuild(name, tmp_path):
    r = example_round(name)
    built = build_workbook(tmp_path / Path(r.workbook).name, data_dir=r.data_dir)
    committed, rebuilt = read_file_arrays(ROOT / r.workbook), read_file_arrays(built)
    assert list(committed) == list(rebuilt)
    for sheet in rebuilt:
        assert committed[sheet] == rebuilt[sheet], (
            f"sheet '{sheet}' differs: run tdkt build-workbook --round {name} --force")


def test_demo_round_refuses_an_unknown_round_and_both_sources(capsys):
    from tdkt_xl.cli import main
    assert main(["demo", "--round", "khong-co", "--out", "x"]) == 2
    assert "Không có đợt mẫu 'khong-co'" in capsys.readouterr().err
    assert main(["demo", "--round", ROUNDS[1], "--workbook", "a.xlsm", "--out", "x"]) == 2


# ------------------------------------------------------------------ the demo of each round
_DEMOS: dict = {}


def _demo_of(name, tmp_path_factory):
    """Each round's demo runs once per session, whichever fixture asks first."""
    if name not in _DEMOS:
        out = tmp_path_factory.mktemp(name) / "kq"
        proc = subprocess.run([sys.executable, "-m", "tdkt_xl.cli", "demo", "--round", name,
                               "--out", str(out), "--as-of", AS_OF[name]],
                              cwd=ROOT, capture_output=True, text=True)
        _DEMOS[name] = (name, proc, out)
    return _DEMOS[name]


@pytest.fixture(scope="module", params=OTHER_ROUNDS)
def demo(request, tmp_path_factory):
    return _demo_of(request.param, tmp_path_factory)


@pytest.fixture(scope="module")
def schools_demo(tmp_path_factory):
    return _demo_of("truong-hoc-2024", tmp_path_factory)


@pytest.fixture(scope="module")
def tinh_demo(tmp_path_factory):
    return _demo_of("tinh-2026", tmp_path_factory)


def test_demo_runs_the_whole_round(demo):
    name, proc, out = demo
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "0 lỗi" in proc.stdout
    rnd = read_round(example_sheets(example_round(name).data_dir)).round
    units = rnd.selected_units()
    names = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    docs = f"{O.DOCUMENTS}/"
    for f in ("KH_kiem_tra.docx", "QD_thanh_lap_doan.docx", "TB_tong_hop.docx"):
        assert docs + f in names
    assert sum(n.startswith(docs + "TB_") for n in names) == len(units) + 1
    assert sum(n.startswith(docs + "BB_") for n in names) == len(units)
    assert sum(n.startswith(f"{O.FORMS}/") and n.endswith(".xlsx") for n in names) == len(units)
    assert f"{O.REPORT}/BC_ket_qua_kiem_tra.docx" in names
    assert f"{O.FOLLOWUP}/theo_doi_khac_phuc.xlsx" in names
    if example_round(name).inbox:
        assert f"{O.MERGED}/Tong_hop_phu_luc.xlsx" in names
        assert f"Đã tổng hợp phụ lục của {len(units)} đơn vị" in proc.stdout
    else:
        assert "không kèm phụ lục gửi về: bỏ qua bước gộp" in proc.stdout


def test_demo_round_check_leaves_only_example_data(demo):
    _, proc, _ = demo
    tail = proc.stdout.split("Rà soát văn bản trước khi trình ký", 1)
    assert len(tail) == 2
    codes = re.findall(r"\b(RS\d\d) ", tail[1].split("\n\n")[0])
    assert codes == ["RS04"], tail[1][:600]


def test_demo_documents_pass_the_layout_checker(demo):
    from tdkt_xl.documents.nd30_check import check_docx
    _, _, out = demo
    docs = [d for folder in (O.DOCUMENTS, O.REPORT, O.FOLLOWUP) for d in sorted(out.glob(f"{folder}/*.docx"))]
    assert len(docs) > 10
    bad = {d.name: check_docx(d) for d in docs}
    assert not {k: v for k, v in bad.items() if v}
    outlines = sorted(out.glob(f"{O.FORMS}/*.docx"))
    assert outlines
    bad = {d.name: check_docx(d, "attachment") for d in outlines}
    assert not {k: v for k, v in bad.items() if v}


# ------------------------------------------------------------------ the schools' round
def _schools():
    return read_round(example_sheets(example_round("truong-hoc-2024").data_dir)).round


def test_schools_round_is_the_district_councils_separate_plan_for_its_schools():
    rnd, ref = _schools(), read_round(example_sheets()).round
    assert rnd.settings.council_name == ref.settings.council_name
    assert rnd.settings.year == 2024 and rnd.settings.plan_title
    assert rnd.units and all(u.block == "Khối trường học" for u in rnd.units)
    assert all(re.match(r"Trường (Mầm non|Tiểu học|Trung học cơ sở) ", u.name) for u in rnd.units)
    assert {u.code for u in rnd.units}.isdisjoint(u.code for u in ref.units)


def test_schools_checklist_leaves_out_what_applies_to_communes_only():
    rnd = _schools()
    commune_only = [i for i in read_round(example_sheets()).round.checklist
                    if i.applies_to == "Khối xã, thị trấn"]
    assert commune_only                                   # the fund, the commune's decisions
    texts = " ".join(i.text for i in rnd.checklist).casefold()
    assert "quỹ thi đua" not in texts and "cấp xã" not in texts
    assert all(i.applies_to in (V.APPLIES_ALL, "Khối trường học") for i in rnd.checklist)


def test_schools_people_are_marked_as_examples():
    """The round's people and numbers are example values: the validator reports
    them (VD01) as it does the reference round's."""
    import datetime as dt
    from tdkt_xl import gate
    r = example_round("truong-hoc-2024")
    report = gate.check(ROOT / r.workbook, dt.date(2024, 12, 31)).report
    assert not report.errors
    text = "\n".join(f.message for f in report.findings if f.code == "VD01")
    for u in _schools().units:
        assert f"'{u.head_name}'" in text, u


def test_schools_documents_speak_of_schools(schools_demo):
    name, _, out = schools_demo
    from docx_render import text_of
    plan = text_of((out / O.DOCUMENTS / "KH_kiem_tra.docx").read_bytes())
    assert "Khối thi đua các trường học:" in plan and "Trường Tiểu học Quan Sơn" in plan
    assert "xã, thị trấn" not in plan and "Quỹ thi đua" not in plan
    notice = text_of((out / O.DOCUMENTS / "TB_tong_hop.docx").read_bytes())
    assert "đối với 06 trường học như sau" in notice
    report = text_of((out / O.REPORT / "BC_ket_qua_kiem_tra.docx").read_bytes())
    assert "06 trường học" in report


# ------------------------------------------------------------------ the 2026 provincial round
def _tinh():
    return read_round(example_sheets(example_round("tinh-2026").data_dir)).round


def test_2026_round_is_a_provincial_councils_with_the_sở_nội_vụ_as_standing_office():
    st = _tinh().settings
    assert st.year == 2026 and st.level == V.LEVEL_PROVINCE
    assert st.standing_office == "Sở Nội vụ" and "tỉnh" in st.council_name
    rnd = _tinh()
    assert {u.block for u in rnd.units} == {"Khối cơ quan, đơn vị cấp tỉnh", "Khối xã, phường"}
    assert all(u.is_commune == (u.block == "Khối xã, phường") for u in rnd.units)
    assert [u.code for u in rnd.units if not u.selected] == ["XNCL"]


def test_2026_carried_recommendations_are_what_new_round_carries_for_merged_communes():
    """Kiến nghị holds the rows `tdkt new-round` carries from the 2024 round
    for the units with a successor (the 2024 communes, merged on 01/07/2025);
    those of the district's agencies, which ceased with the district, are the
    only ones left out."""
    from tdkt_xl.builder.next_round import next_round_sheets
    from tdkt_xl.vocabulary import schema as S
    carried = next_round_sheets(example_sheets(), 2026)[S.RECOMMENDATIONS.name][1:]
    rnd, ref = _tinh(), read_round(example_sheets()).round
    olds = {r.old_code for r in rnd.successions}
    want = [(c, t, d) for c, t, d, *_ in carried if c in olds]
    got = [(r.original_unit_code, r.text, r.deadline) for r in rnd.recommendations if r.carried]
    assert got == want and len(got) >= 5
    left_out = {c for c, *_ in carried if c not in olds}
    assert left_out and {ref.unit(c).block for c in left_out} == {"Khối cơ quan, tổ chức, đơn vị cấp huyện"}
    # each lands on the new commune the table names, by its date and act
    table = {r.old_code: r for r in rnd.successions}
    for r in rnd.recommendations:
        if r.carried:
            assert r.from_year == 2024
            assert r.unit_code == table[r.original_unit_code].new_code
            assert rnd.unit(r.unit_code).block == "Khối xã, phường"
    assert {str(r.date) for r in rnd.successions} == {"2025-07-01"}
    assert all("1672/NQ-UBTVQH15" in r.act and "giả định" in r.act for r in rnd.successions)
    assert {o.code for o in ref.units if o.is_commune} == olds


def test_2026_shipped_workbook_marks_carried_rows_by_the_column_not_a_text_prefix():
    """The carried 2024 rows of the shipped 2026 workbook are written as
    `tdkt new-round` writes them today: the year in 'Kiến nghị từ năm', the
    text as it was (before: the old prefix '[Kiến nghị năm 2024, kiểm tra lại
    kết quả khắc phục] ' in the text, the column absent)."""
    from tdkt_xl.vocabulary import schema as S
    example = example_round("tinh-2026")
    rows = read_file_arrays(ROOT / example.workbook, [S.RECOMMENDATIONS.name])[S.RECOMMENDATIONS.name]
    head_at = next(i for i, r in enumerate(rows) if r and r[0] == S.RECOMMENDATIONS.col("unit_code").header)
    head = list(rows[head_at])
    year, text = head.index(S.RECOMMENDATIONS.col("from_year").header), head.index(
        S.RECOMMENDATIONS.col("text").header)
    body = [r for r in rows[head_at + 1:] if r and r[0]]
    carried = [r for r in body if r[year] not in ("", None)]
    assert len(carried) >= 5 and {int(r[year]) for r in carried} == {2024}
    assert not [r[text] for r in body if str(r[text]).lstrip().startswith("[")]
    assert [r.text for r in _tinh().recommendations if r.carried] == [r[text] for r in carried]


def _without_quotes(text: str, rnd) -> str:
    """The text less the 2024 recommendations it quotes (carried verbatim)."""
    for r in rnd.recommendations:
        if r.carried:
            text = text.replace(r.text.rstrip(". "), "")
    return text


def test_2026_documents_name_no_district_and_cite_the_2025_texts(tinh_demo):
    name, _, out = tinh_demo
    from docx_render import text_of
    rnd = _tinh()
    docs = sorted(out.glob(f"{O.DOCUMENTS}/*.docx")) + sorted(out.glob(f"{O.FOLLOWUP}/*.docx"))
    assert len(docs) == 15 + 4
    for d in docs:
        text = _without_quotes(text_of(d.read_bytes()), rnd)
        for word in ("huyện", "Huyện", "HUYỆN", "Phòng Nội vụ", "PNV", "thị trấn", "98/2023"):
            assert word not in text, (d.name, word)
    decision = text_of((out / O.DOCUMENTS / "QD_thanh_lap_doan.docx").read_bytes())
    basis = [line for line in decision.splitlines() if line.startswith("Căn cứ")]
    assert any("Luật Tổ chức chính quyền địa phương số 72/2025/QH15" in b for b in basis)
    assert any("Nghị định số 152/2025/NĐ-CP" in b for b in basis)
    assert "UBND TỈNH LẠNG SƠN" in decision and "Giám đốc Sở Nội vụ" in decision


def test_2026_minutes_and_reminders_follow_the_merged_communes_recommendations(tinh_demo):
    name, _, out = tinh_demo
    from docx_render import text_of
    minutes = text_of((out / O.DOCUMENTS / "BB_XTCL.docx").read_bytes())
    from tdkt_xl.documents.carried import TITLE
    earlier = minutes[minutes.index(TITLE):minutes.index("III. NHẬN XÉT")]
    own = minutes[minutes.index("IV. KIẾN NGHỊ"):]
    assert "kiến nghị năm 2024" not in own
    assert "(kiến nghị năm 2024 đối với xã Bằng Mạc (cũ); hạn khắc phục: 19/8/2024): " \
           "chưa khắc phục, quá hạn." in earlier
    # a new commune not inspected this year still gets the reminder for what it inherited
    letter = text_of((out / O.FOLLOWUP / "CV_don_doc_XNCL.docx").read_bytes())
    assert ("Qua kiểm tra công tác thi đua, khen thưởng năm 2024, Đoàn kiểm tra đã kiến nghị xã "
            "Chiến Thắng (cũ), nay thuộc xã Nam Chi Lăng, khắc phục") in letter
    assert "ngày ……" not in letter


def test_a_reminder_may_go_to_a_unit_not_inspected_this_round_a_minutes_may_not():
    """VB04: the reminder of XNCL (not selected in 2026, recommendations
    inherited from 2024) is in order; a minutes record for it is not."""
    import datetime as dt
    from tdkt_xl import gate
    sheets = example_sheets(example_round("tinh-2026").data_dir)
    assert ["Công văn đôn đốc khắc phục", "XNCL"] in [r[:2] for r in sheets["Văn bản"]]
    found = [f for f in gate.check(sheets, dt.date(2026, 12, 31)).report.findings if f.code == "VB04"]
    assert found == []
    sheets["Văn bản"].append(["Biên bản kiểm tra", "XNCL", "09", "20/05/2026", "Nông Thị Cúc"])
    found = [f for f in gate.check(sheets, dt.date(2026, 12, 31)).report.findings if f.code == "VB04"]
    assert [(f.cell, f.unit) for f in found] == [(f"B{len(sheets['Văn bản'])}", "XNCL")]


def test_round_check_names_a_document_of_a_unit_the_round_does_not_inspect():
    """RS14 used to crash (its message lost the unit's code to Finding.at's own
    ``unit`` argument); a reminder to an existing unit not inspected is fine."""
    from tdkt_xl.model.calendar import WorkCalendar
    from tdkt_xl.roundcheck.checks import Doc, Scope, belongs
    from tdkt_xl.roundcheck.identify import OUTPUT_KINDS
    rnd = _tinh()
    scope = Scope(rnd, WorkCalendar.for_settings(rnd.settings), [])
    minutes = Doc("BB_XNCL.docx", OUTPUT_KINDS["minutes"], "XNCL")
    belongs(minutes, scope)
    assert [(p.code, p.message) for p in minutes.problems] == [
        ("RS14", "Văn bản dành cho đơn vị 'XNCL', sổ tính không có đơn vị này (hoặc đơn vị không "
                 "được chọn kiểm tra).")]
    letter = Doc("CV_don_doc_XNCL.docx", OUTPUT_KINDS["reminder"], "XNCL")
    belongs(letter, scope)
    assert letter.problems == []
    stranger = Doc("CV_don_doc_XYZ.docx", OUTPUT_KINDS["reminder"], "XYZ")
    belongs(stranger, scope)
    assert [p.code for p in stranger.problems] == ["RS14"]
