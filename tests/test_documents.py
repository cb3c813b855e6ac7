"""Official documents (issue 4): contexts, rendering, escaping, template
problems, the edit-protecting manifest, signatures, file-based inspections.
Every document generated here also goes through the NĐ 30 layout checker."""
from __future__ import annotations

import copy
import datetime as dt
import html
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from tdkt_xl import gate
from tdkt_xl.documents import contexts as X
from tdkt_xl.vocabulary import doc_kinds as K
from tdkt_xl.documents.nd30_check import check_docx
from tdkt_xl.documents.output import safe_part
from docx_render import render_document
from tdkt_xl.documents.render import REPO_TEMPLATES, TemplateProblem, load_template
from tdkt_xl.documents.service import generate_documents
from tdkt_xl.model import vocab as V
from tdkt_xl.vocabulary.findings import ERROR, Finding, JOB_NOTICE, Report


@pytest.fixture(scope="module")
def _round():
    from tdkt_xl.builder.example import example_sheets
    from tdkt_xl.io.reader import read_round
    res = read_round(example_sheets())
    assert not [f for f in res.findings if f.is_error]
    return res.round


@pytest.fixture
def rnd(_round):
    return copy.deepcopy(_round)


def doc_text(path_or_bytes) -> str:
    """All text of a .docx (body, tables, headers) in document order."""
    data = Path(path_or_bytes).read_bytes() if not isinstance(path_or_bytes, bytes) else path_or_bytes
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    paras = re.findall(r"<w:p[ >].*?</w:p>", xml, re.S)
    return "\n".join(html.unescape("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p))) for p in paras)


def assert_nd30(path, kind=None):
    problems = check_docx(path, kind)
    assert problems == [], f"{Path(path).name}: " + "; ".join(p.message for p in problems)


# ------------------------------------------------------------------ whole set
def test_example_set_generates_and_passes_layout_check(rnd, tmp_path):
    s = generate_documents(rnd, tmp_path, as_of=dt.date(2024, 12, 31))
    assert s.errors == [] and s.skipped == [], s.lines()
    assert s.counts == {"plan": 1, "decision": 1, "notice_all": 1, "notice": 14, "minutes": 14}
    names = sorted(p.name for p in tmp_path.glob("*.docx"))
    assert "QD_thanh_lap_doan.docx" in names and "TB_tong_hop.docx" in names
    assert "TB_XQS.docx" in names and "BB_XQS.docx" in names
    kinds = {"KH": "plan", "QD": "decision", "TB": "notice", "BB": "minutes"}
    for p in tmp_path.glob("*.docx"):
        assert_nd30(p, kinds[p.name[:2]])
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest["files"]) == set(names)


def test_contexts_are_json_safe_and_supply_every_template_variable(rnd):
    from docxtpl import DocxTemplate
    for key, kind in ((k, K.KINDS[k]) for k in K.GENERATED):
        unit = rnd.unit("XQS") if kind.per_unit else None
        ctx = X.build_context(key, rnd, unit)
        json.dumps(ctx)                                  # JSON-safe
        tpl = load_template(kind.template)
        assert tpl.variables() - set(ctx) == set(), kind.template
        assert DocxTemplate(REPO_TEMPLATES / kind.template) \
            .get_undeclared_template_variables(context=ctx) == set(), kind.template


def test_header_number_date_and_signature_from_the_workbook(rnd):
    ctx = X.build_context("notice", rnd, rnd.unit("XQS"))
    assert ctx["header"] == {"supervising": "UBND HUYỆN CHI LĂNG",
                             "issuer": "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG"}
    assert ctx["number_line"] == "Số: 27/TB-HĐTĐKT"
    assert ctx["date_line"] == "Chi Lăng, ngày 11 tháng 6 năm 2024"
    mctx = X.build_context("minutes", rnd, rnd.unit("XQS"))
    assert mctx["header"] == {"supervising": "HỘI ĐỒNG TĐKT HUYỆN CHI LĂNG",
                              "issuer": "ĐOÀN KIỂM TRA"}
    assert mctx["number_line"] == "Số: 07/BB-ĐKT"
    rnd.settings.council_name = "Hội đồng Thi đua - Khen thưởng huyện Hữu Lũng"
    rnd.settings.supervising_body = "UBND huyện Hữu Lũng"
    rnd.settings.place_name = "Hữu Lũng"
    ctx = X.build_context("decision", rnd)
    assert ctx["header"]["supervising"] == "UBND HUYỆN HỮU LŨNG"
    assert ctx["date_line"].startswith("Hữu Lũng, ngày 27 tháng 5 năm 2024")
    assert ctx["authority_line"] == "CHỦ TỊCH HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG HUYỆN HỮU LŨNG"


def test_decision_lists_each_delegate_once_with_highest_role(rnd, tmp_path):
    ctx = X.build_context("decision", rnd)
    names = [m["name"] for m in ctx["members"]]
    assert len(names) == len(set(names)) == 12
    roles = {m["name"]: m["task"] for m in ctx["members"]}
    assert roles["Lê Văn C"] == V.TASK_DEPUTY          # Thành viên elsewhere, Phó Trưởng đoàn once
    assert roles["Nguyễn Văn A"] == V.TASK_HEAD
    ranks = [V.TASK_RANK[m["task"]] for m in ctx["members"]]
    assert ranks == sorted(ranks)
    data = render_document(K.DECISION.template, ctx, tmp_path / "qd.docx")
    text = doc_text(data)
    assert "QUYẾT ĐỊNH:" in text and "Điều 1." in text and "- Như Điều 3;" in text
    assert "CHỦ TỊCH UBND HUYỆN" in text and "KT. CHỦ TỊCH" not in text
    assert_nd30(tmp_path / "qd.docx", "decision")


def test_vice_chair_signature_variant(rnd, tmp_path):
    ctx = X.build_context("notice", rnd, rnd.unit("XQS"))     # signed by Trần Thị B
    assert ctx["sign"] == {"authority": "TM. HỘI ĐỒNG", "deputy_for": "KT. CHỦ TỊCH",
                           "title": "PHÓ CHỦ TỊCH", "post": "", "name": "Trần Thị B",
                           "role": V.ROLE_VICE}
    render_document(K.NOTICE.template, ctx, tmp_path / "tb.docx")
    lines = doc_text(tmp_path / "tb.docx").splitlines()
    i = lines.index("TM. HỘI ĐỒNG")
    assert lines[i + 1:i + 3] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert "Trần Thị B" in lines[i + 3:]
    assert_nd30(tmp_path / "tb.docx", "notice")
    # the decision (the chairman's own power) signed by the vice-chair: KT., no TM.
    rnd.document(K.DECISION.doc_kind).signer = "Nguyễn Văn A"
    ctx = X.build_context("decision", rnd)
    assert (ctx["sign"]["authority"], ctx["sign"]["deputy_for"], ctx["sign"]["title"],
            ctx["sign"]["post"]) == ("KT. CHỦ TỊCH", "", "PHÓ CHỦ TỊCH", "")


def test_signer_who_is_not_chair_or_vice_blocks_only_that_document(rnd, tmp_path):
    rnd.document(K.NOTICE.doc_kind, "XVL").signer = "Phạm Thị D"
    with pytest.raises(X.Blocked, match="Phạm Thị D"):
        X.build_context("notice", rnd, rnd.unit("XVL"))
    s = generate_documents(rnd, tmp_path, kinds=("notice",), validate=False)
    assert [(k, u) for k, u, _ in s.skipped] == [("notice", "XVL")]
    assert "Chủ tịch hoặc Phó Chủ tịch" in s.skipped[0][2]
    assert s.counts["notice"] == 13


def test_blank_number_and_date_give_the_draft_form(rnd, tmp_path):
    rec = rnd.document(K.NOTICE.doc_kind, "XQS")
    rec.number, rec.date = "", None
    ctx = X.build_context("notice", rnd, rnd.unit("XQS"))
    assert ctx["number_line"] == "Số:      /TB-HĐTĐKT"
    assert ctx["date_line"] == "Chi Lăng, ngày      tháng 6 năm 2024"
    render_document(K.NOTICE.template, ctx, tmp_path / "draft.docx")
    assert_nd30(tmp_path / "draft.docx", "notice")


def test_missing_fields_print_dotted_lines_never_invented(rnd, tmp_path):
    rnd.evaluations = [e for e in rnd.evaluations if e.unit_code != "XVL"]
    rnd.results = [r for r in rnd.results if r.unit_code != "XVL"]
    rnd.recommendations = [r for r in rnd.recommendations if r.unit_code != "XVL"]
    rnd.settings.contact_phone = ""
    ctx = X.build_context("minutes", rnd, rnd.unit("XVL"))
    assert all(X.DOTS in s for s in ctx["strengths"] + ctx["shortcomings"] + ctx["unit_opinion"])
    items = [r for r in ctx["checklist"] if not r["is_group"]]
    assert all(r["assessment"] in (X.DOTS, "Không áp dụng") for r in items)
    assert ctx["recommendations"][0]["deadline"] == X.DOTS
    assert "…" in ctx["attendees"][0]
    assert "……" in ctx["closing"]
    assert X.build_context("notice", rnd, rnd.unit("XVL"))["contact_line"].endswith(f"{X.DOTS}.")
    render_document(K.MINUTES.template, ctx, tmp_path / "bb.docx")
    assert_nd30(tmp_path / "bb.docx", "minutes")


def test_items_not_applying_are_shown_not_dropped(rnd):
    ctx = X.build_context("minutes", rnd, rnd.unit("BTCHU"))       # a district agency
    items = [r for r in ctx["checklist"] if not r["is_group"]]
    assert len(items) == len(rnd.checklist)
    na = {r["code"] for r in items if r["assessment"] == "Không áp dụng"}
    assert na == {"1.2.c.5", "1.2.c.6"}
    commune = X.build_context("minutes", rnd, rnd.unit("XQS"))
    assert not any(r["assessment"] == "Không áp dụng" for r in commune["checklist"])


def test_unit_inspected_by_files(rnd, tmp_path):
    unit = rnd.unit("CAH")
    assert rnd.inspection("CAH").mode == V.MODE_FILES
    render_document(K.NOTICE.template, X.build_context("notice", rnd, unit), tmp_path / "tb.docx")
    render_document(K.MINUTES.template, X.build_context("minutes", rnd, unit), tmp_path / "bb.docx")
    tb, bb = doc_text(tmp_path / "tb.docx"), doc_text(tmp_path / "bb.docx")
    assert "kiểm tra qua hồ sơ" in tb and "Gửi kèm báo cáo đầy đủ hồ sơ" in tb
    assert "Thành phần làm việc của đơn vị" not in tb and "bố trí địa điểm" not in tb
    # the file-review form, dated when the review concluded, citing the file's arrival
    assert ("Hôm nay, ngày 17 tháng 6 năm 2024" in bb and "đã xem xét xong hồ sơ" in bb
            and "nhận ngày 06/6/2024" in bb and "Buổi kiểm tra kết thúc" not in bb)
    assert "ĐẠI DIỆN ĐƠN VỊ" not in bb and "Trưởng đoàn thông qua mục đích" not in bb
    direct = doc_text(render_document(K.MINUTES.template,
                                      X.build_context("minutes", rnd, rnd.unit("XQS"))))
    assert "ĐẠI DIỆN ĐƠN VỊ" in direct and "Trưởng đoàn thông qua mục đích" in direct
    assert_nd30(tmp_path / "tb.docx", "notice")
    assert_nd30(tmp_path / "bb.docx", "minutes")


# ------------------------------------------------------------------ escaping
def test_workbook_text_is_escaped_and_never_executed(rnd, tmp_path):
    unit = rnd.unit("XQS")
    unit.name = 'Hội LHPN & <Ban> "Quan Sơn"'
    ev = rnd.evaluation("XQS")
    ev.strengths = "Tốt {{ 7*7 }} và {% if true %}X{% endif %} {# c #}"
    rnd.results_of("XQS")[0].remark = "{{ unit.code }} </w:t> ]]>"
    for key in ("notice", "minutes"):
        data = render_document(K.KINDS[key].template, X.build_context(key, rnd, unit),
                               tmp_path / f"{key}.docx")
        text = doc_text(data)
        assert 'Hội LHPN & <Ban> "Quan Sơn"' in text
        assert_nd30(tmp_path / f"{key}.docx", key)
    text = doc_text(tmp_path / "minutes.docx")
    assert "Tốt {{ 7*7 }} và {% if true %}X{% endif %} {# c #}" in text
    assert "49" not in text
    assert "{{ unit.code }} </w:t> ]]>" in text


# ------------------------------------------------------------------ template problems
def _edited_template(tmp_path, name, edit) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir(exist_ok=True)
    src = zipfile.ZipFile(REPO_TEMPLATES / name)
    out = zipfile.ZipFile(folder / name, "w", zipfile.ZIP_DEFLATED)
    for info in src.infolist():
        data = src.read(info.filename)
        if info.filename == "word/document.xml":
            data = edit(data.decode("utf-8")).encode("utf-8")
        out.writestr(info, data)
    out.close()
    return folder


def test_broken_tag_gives_clear_error_naming_template_and_tag(rnd, tmp_path):
    folder = _edited_template(tmp_path, K.NOTICE.template,
                              lambda x: x.replace("{{ unit.body }}", "{{ unit.body }", 1))
    with pytest.raises(TemplateProblem) as e:
        load_template(K.NOTICE.template, folder)
    msg = str(e.value)
    assert K.NOTICE.template in msg and "{{ unit.body }" in msg and "thiếu dấu đóng" in msg
    # the service reports it (no traceback) and still writes the other kinds
    shutil.copy(REPO_TEMPLATES / K.MINUTES.template, folder / K.MINUTES.template)
    s = generate_documents(rnd, tmp_path / "out", kinds=("notice", "minutes"), templates=folder,
                           validate=False)
    assert s.errors and K.NOTICE.template in s.errors[0]
    assert s.counts == {"minutes": 14}
    assert ("notice", "XQS", "mẫu văn bản có lỗi (xem trên).") in s.skipped


def test_misspelt_tag_names_template_and_tag(rnd, tmp_path):
    folder = _edited_template(tmp_path, K.NOTICE.template,
                              lambda x: x.replace("{{ unit.body }}", "{{ unit.nam }}", 1))
    tpl = load_template(K.NOTICE.template, folder)
    with pytest.raises(TemplateProblem) as e:
        tpl.render_bytes(X.build_context("notice", rnd, rnd.unit("XQS")))
    assert "{{ unit.nam }}" in str(e.value) and K.NOTICE.template in str(e.value)


def test_moved_or_deleted_block_tag(tmp_path):
    folder = _edited_template(tmp_path, K.NOTICE.template,
                              lambda x: x.replace("{%p endif %}", "", 1))
    with pytest.raises(TemplateProblem) as e:
        load_template(K.NOTICE.template, folder)
    assert K.NOTICE.template in str(e.value)


def test_tag_split_across_runs_by_word_still_works(rnd, tmp_path):
    split = ('{{ unit.</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>body }}')
    folder = _edited_template(tmp_path, K.NOTICE.template,
                              lambda x: x.replace("{{ unit.body }}", split, 1))
    data = load_template(K.NOTICE.template, folder).render_bytes(
        X.build_context("notice", rnd, rnd.unit("XQS")))
    assert "UBND xã Quan Sơn" in doc_text(data)


def test_missing_template_file(rnd, tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    with pytest.raises(TemplateProblem, match="Không tìm thấy mẫu văn bản 'bien_ban_kiem_tra.docx'"):
        load_template(K.MINUTES.template, folder)
    s = generate_documents(rnd, tmp_path / "out", kinds=("minutes",), templates=folder,
                           validate=False)
    assert len(s.errors) == 1 and "bien_ban_kiem_tra.docx" in s.errors[0]
    assert not list((tmp_path / "out").glob("*.docx"))


# ------------------------------------------------------------------ output folder
def test_edited_output_is_kept_and_new_one_written_beside(rnd, tmp_path):
    kinds = ("notice",)
    generate_documents(rnd, tmp_path, kinds=kinds, unit="XQS", validate=False)
    target = tmp_path / "TB_XQS.docx"
    edited = target.read_bytes() + b"edited"          # the clerk saved changes
    target.write_bytes(edited)
    s = generate_documents(rnd, tmp_path, kinds=kinds, unit="XQS", validate=False)
    assert target.read_bytes() == edited
    beside = tmp_path / "TB_XQS (mới).docx"
    assert beside.exists() and s.kept == [(target, beside)]
    assert any("Giữ nguyên tệp đã được sửa 'TB_XQS.docx'" in line for line in s.lines())
    assert_nd30(beside, "notice")
    # again: the "(mới)" file is ours, so it is simply refreshed; the edit stays
    generate_documents(rnd, tmp_path, kinds=kinds, unit="XQS", validate=False)
    assert target.read_bytes() == edited and not (tmp_path / "TB_XQS (mới 2).docx").exists()
    # --force overwrites
    generate_documents(rnd, tmp_path, kinds=kinds, unit="XQS", validate=False, force=True)
    assert target.read_bytes() != edited
    assert_nd30(target, "notice")


def test_unedited_output_is_overwritten_in_place(rnd, tmp_path):
    generate_documents(rnd, tmp_path, kinds=("notice",), unit="XQS", validate=False)
    rnd.unit("XQS").name = "Xã Quan Sơn mới"
    generate_documents(rnd, tmp_path, kinds=("notice",), unit="XQS", validate=False)
    assert "xã Quan Sơn mới" in doc_text(tmp_path / "TB_XQS.docx")
    assert not (tmp_path / "TB_XQS (mới).docx").exists()


def test_file_names_are_safe_from_unit_codes(rnd, tmp_path):
    assert safe_part("../../evil") == "evil"
    assert safe_part("CON") == "_CON"
    assert safe_part('a:b*c?"<>|\\/') == "a_b_c"
    assert safe_part("") == "khong_ma"
    for insp in rnd.inspections:
        if insp.unit_code == "XQS":
            insp.unit_code = "..\\..\\XQS"
    for coll in (rnd.delegation, rnd.results, rnd.recommendations, rnd.evaluations, rnd.documents):
        for r in coll:
            if r.unit_code == "XQS":
                r.unit_code = "..\\..\\XQS"
    rnd.unit("XQS").code = "..\\..\\XQS"
    rnd.reindex()                                     # codes renamed in place
    out = tmp_path / "a" / "b"
    s = generate_documents(rnd, out, kinds=("notice",), validate=False)
    assert all(p.parent == out for p in s.written)
    assert (out / "TB_XQS.docx").exists()


# ------------------------------------------------------------------ validation first
def test_validation_error_blocks_only_that_units_documents(rnd, tmp_path, monkeypatch):
    from tdkt_xl.documents import service
    bad = Finding("LK99", ERROR, "Lịch kiểm tra", "C8", "XQS", "Ngày kiểm tra là Chủ nhật.",
                  (JOB_NOTICE,))
    monkeypatch.setattr(service.gate, "check_read",
                        lambda src, rr, as_of: gate.Checked(rr, Report([bad])))
    s = generate_documents(rnd, tmp_path, kinds=("notice", "minutes"))
    assert [(k, u) for k, u, _ in s.skipped] == [("notice", "XQS")]
    assert "Ngày kiểm tra là Chủ nhật" in s.skipped[0][2] and "ô C8" in s.skipped[0][2]
    assert s.counts == {"notice": 13, "minutes": 14}


def test_real_validation_runs_first(rnd, tmp_path):
    rnd.inspection("XQS").date = dt.date(2024, 6, 16)          # a Sunday
    s = generate_documents(rnd, tmp_path, kinds=("notice", "minutes"), as_of=dt.date(2024, 12, 31))
    blocked = {(k, u) for k, u, _ in s.skipped}
    assert ("notice", "XQS") in blocked
    assert s.counts["notice"] == 13                           # 14 units but XQS


def test_pdf_message_when_libreoffice_missing(rnd, tmp_path, monkeypatch):
    from tdkt_xl.documents import pdf
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    s = generate_documents(rnd, tmp_path, kinds=("decision",), pdf=True, validate=False)
    assert "Không tìm thấy LibreOffice" in s.pdf_message
    assert (tmp_path / "QD_thanh_lap_doan.docx").exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) chưa cài")
def test_pdf_copy_with_libreoffice(rnd, tmp_path):
    s = generate_documents(rnd, tmp_path, kinds=("notice",), unit="XQS", pdf=True, validate=False)
    assert s.pdf_message == ""
    pdf_path = tmp_path / "TB_XQS.pdf"
    assert pdf_path.exists() and pdf_path.read_bytes().startswith(b"%PDF")


def test_document_without_a_row_in_van_ban_is_a_draft_signed_by_the_configured_signer(rnd, tmp_path):
    rnd.documents = []
    ctx = X.build_context("decision", rnd)
    assert ctx["number_line"] == "Số:      /QĐ-HĐTĐKT"
    assert ctx["date_line"].startswith("Chi Lăng, ngày      tháng")
    assert ctx["sign"]["name"] == "Vi Nông Trường" and ctx["sign"]["post"] == "CHỦ TỊCH UBND HUYỆN"
    assert "Quyết định số ……/QĐ-HĐTĐKT" in ctx["decision_ref"]
    rnd.settings.plan_number, rnd.settings.plan_date = "", None       # the plan not yet issued
    assert X.build_context("decision", rnd)["plan_ref"].startswith(
        "Kế hoạch số ……/KH-HĐTĐKT ngày ……/4/2024 của")
    render_document(K.DECISION.template, ctx, tmp_path / "qd.docx")
    assert_nd30(tmp_path / "qd.docx", "decision")


def test_read_result_keeps_reader_findings(tmp_path, monkeypatch):
    from tdkt_xl.builder.example import example_sheets
    from tdkt_xl.documents import service
    from tdkt_xl.io.reader import ReadResult, read_round
    res = read_round(example_sheets())
    bad = Finding("GT99", ERROR, "Lịch kiểm tra", "B9", "XVL", "Giá trị sai.", (JOB_NOTICE,))
    res = ReadResult(res.round, res.findings + [bad])
    s = generate_documents(res, tmp_path, kinds=("notice",), as_of=dt.date(2024, 12, 31))
    assert [(k, u) for k, u, _ in s.skipped] == [("notice", "XVL")]


def test_decomposed_workbook_text_comes_out_nfc(rnd, tmp_path):
    import unicodedata
    rnd.unit("XQS").name = unicodedata.normalize("NFD", "Xã Quan Sơn")
    data = render_document(K.NOTICE.template, X.build_context("notice", rnd, rnd.unit("XQS")),
                           tmp_path / "tb.docx")
    text = doc_text(data)
    assert unicodedata.is_normalized("NFC", text) and "UBND xã Quan Sơn" in text
    assert_nd30(tmp_path / "tb.docx", "notice")


def test_entities_inside_tags_are_jinja_quotes(rnd, tmp_path):
    """LibreOffice saves ' in a tag as &apos;: the tag still works."""
    folder = _edited_template(tmp_path, K.NOTICE.template, lambda x: x.replace(
        "{{ unit.body }}", "{{ unit.body ~ &apos;&apos; }}", 1))
    data = load_template(K.NOTICE.template, folder).render_bytes(
        X.build_context("notice", rnd, rnd.unit("XQS")))
    assert "UBND xã Quan Sơn" in doc_text(data)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) chưa cài")
def test_template_saved_again_by_libreoffice_still_works(rnd, tmp_path):
    import subprocess
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(REPO_TEMPLATES / K.MINUTES.template, src)
    folder = tmp_path / "templates"
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(folder),
                    str(src / K.MINUTES.template)], check=True, capture_output=True, timeout=180)
    s = generate_documents(rnd, tmp_path / "out", kinds=("minutes",), unit="CAH",
                           templates=folder, validate=False)
    assert s.errors == [] and s.counts == {"minutes": 1}
    assert "Công an huyện" in doc_text(tmp_path / "out" / "BB_CAH.docx")
    assert_nd30(tmp_path / "out" / "BB_CAH.docx", "minutes")
