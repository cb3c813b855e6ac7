"""`tdkt check-round`: contradictions planted in edited copies of generated
documents (the DOCX XML is edited here, as Word would save it) are reported
at the right document with the right code."""
from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from tdkt_xl.io.reader import read_round
from tdkt_xl.roundcheck.service import MISSING_FILE, check_round
from tdkt_xl.vocabulary.cells import fmt_date


@pytest.fixture(scope="module")
def generated(tmp_path_factory, _example_sheets):
    """The example round and its decision, notices and minutes, written once."""
    from tdkt_xl.documents.service import generate_documents
    rnd = read_round(_example_sheets, "example").round
    out = tmp_path_factory.mktemp("van_ban")
    generate_documents(rnd, out, validate=False)
    return rnd, out


@pytest.fixture(scope="module")
def baseline(generated):
    rnd, out = generated
    return _by_file(check_round(rnd, out))


@pytest.fixture
def docs(generated, tmp_path):
    rnd, out = generated
    folder = tmp_path / "docs"
    shutil.copytree(out, folder)
    return rnd, folder


def _by_file(result) -> dict:
    return {(d.file, d.kind_key, d.unit): [p.code for p in d.problems] for d in result.documents}


def _codes(result, file_name: str) -> list:
    return [p.code for d in result.documents if d.file == file_name for p in d.problems]


def _messages(result, file_name: str, code: str) -> list:
    return [p.message for d in result.documents if d.file == file_name
            for p in d.problems if p.code == code]


def edit_docx(path: Path, edit, parts=("word/document.xml",)) -> None:
    """Rewrite word/document.xml (or ``parts``) of a .docx through ``edit(xml) -> xml``."""
    src = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    buf = io.BytesIO()
    changed = set()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename in parts:
                new = edit(data.decode("utf-8"))
                changed.add(new != data.decode("utf-8"))
                data = new.encode("utf-8")
            z.writestr(info, data)
    assert True in changed, "the planted edit changed nothing"
    path.write_bytes(buf.getvalue())


def strip_marker(path: Path) -> None:
    src = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            if info.filename != "docProps/custom.xml":
                data = src.read(info.filename)
                if info.filename == "[Content_Types].xml":
                    data = re.sub(rb'<Override PartName="/docProps/custom.xml"[^>]*/>', b"", data)
                if info.filename == "_rels/.rels":
                    data = re.sub(rb'<Relationship [^>]*docProps/custom.xml"/>', b"", data)
                z.writestr(info, data)
    path.write_bytes(buf.getvalue())


def _short(d: dt.date) -> str:
    return f"{d.day:02d}/{d.month}/{d.year}"


def _clean_notice(rnd, baseline, code: str) -> str:
    """A unit whose notice has no problem of ``code`` before the edit."""
    for (f, kind, unit), codes in baseline.items():
        if kind == "notice" and code not in codes and rnd.inspection(unit).report_due:
            return unit
    pytest.fail(f"every notice already has {code}")


# ------------------------------------------------------------------ planted faults
def test_role_changed_in_one_notice(docs, baseline):
    rnd, folder = docs
    unit = next(d.unit_code for d in rnd.delegation if d.task == "Trưởng đoàn"
                and ("TB_%s.docx" % d.unit_code, "notice", d.unit_code) in baseline
                and "RS05" not in baseline[("TB_%s.docx" % d.unit_code, "notice", d.unit_code)])
    head = next(d.member_name for d in rnd.delegation_of(unit) if d.task == "Trưởng đoàn")

    def demote(xml):
        i = xml.index(head)
        j = xml.index("Trưởng đoàn", i)
        return xml[:j] + "Thành viên" + xml[j + len("Trưởng đoàn"):]
    edit_docx(folder / f"TB_{unit}.docx", demote)
    res = check_round(rnd, folder)
    msgs = _messages(res, f"TB_{unit}.docx", "RS05")
    assert msgs and head in msgs[0] and "«Thành viên»" in msgs[0] and "Trưởng đoàn" in msgs[0]
    assert f"BB_{unit}.docx" in msgs[0]                # the document that says otherwise
    assert "RS05" not in _codes(res, f"BB_{unit}.docx")


def test_deadline_on_a_sunday(docs, baseline):
    rnd, folder = docs
    unit = _clean_notice(rnd, baseline, "RS06")
    due = rnd.inspection(unit).report_due
    sunday = due - dt.timedelta(days=(due.weekday() + 1) % 7 or 7)
    assert sunday.weekday() == 6
    edit_docx(folder / f"TB_{unit}.docx", lambda x: x.replace(_short(due), _short(sunday)))
    res = check_round(rnd, folder)
    msgs = _messages(res, f"TB_{unit}.docx", "RS06")
    assert msgs and "Chủ nhật" in msgs[0] and fmt_date(sunday) in msgs[0]
    # and it no longer agrees with the workbook's Hạn nộp báo cáo
    assert any(fmt_date(due) in m for m in _messages(res, f"TB_{unit}.docx", "RS07"))


def test_opinion_dated_after_its_minutes(docs, baseline):
    rnd, folder = docs
    unit = next(u for (f, kind, u), codes in baseline.items()
                if kind == "minutes" and "RS08" not in codes
                and rnd.inspection(u) and rnd.inspection(u).date)
    later = rnd.inspection(unit).date + dt.timedelta(days=3)

    def cite_later(xml):
        i = xml.index("Ý KIẾN CỦA ĐƠN VỊ")
        j = xml.index("</w:t>", xml.index("<w:p", i))
        return xml[:j] + f" (ý kiến bằng văn bản gửi ngày {_short(later)})" + xml[j:]
    edit_docx(folder / f"BB_{unit}.docx", cite_later)
    res = check_round(rnd, folder)
    msgs = _messages(res, f"BB_{unit}.docx", "RS08")
    assert msgs and fmt_date(later) in msgs[0]


def test_a_commitment_with_a_later_deadline_is_fine(docs, baseline):
    rnd, folder = docs
    unit = next(u for (f, kind, u), codes in baseline.items()
                if kind == "minutes" and "RS08" not in codes)
    later = rnd.inspection(unit).date + dt.timedelta(days=40)

    def commit(xml):
        i = xml.index("Ý KIẾN CỦA ĐƠN VỊ")
        j = xml.index("</w:t>", xml.index("<w:p", i))
        return xml[:j] + f" Đơn vị cam kết khắc phục trước ngày {_short(later)}." + xml[j:]
    edit_docx(folder / f"BB_{unit}.docx", commit)
    assert "RS08" not in _codes(check_round(rnd, folder), f"BB_{unit}.docx")


def test_placeholder_left(docs):
    rnd, folder = docs
    name = "TB_tong_hop.docx"
    edit_docx(folder / name, lambda x: re.sub(r"(Số: ?)\d+(/TB)", r"\1……\2", x, count=1))
    res = check_round(rnd, folder)
    assert any("……/TB" in m for m in _messages(res, name, "RS03"))


def test_missing_document(docs):
    rnd, folder = docs
    unit = rnd.selected_units()[0].code
    (folder / f"TB_{unit}.docx").unlink()
    res = check_round(rnd, folder)
    missing = [d for d in res.documents if d.file == MISSING_FILE]
    assert [(d.kind_key, d.unit, [p.code for p in d.problems]) for d in missing] == \
        [("notice", unit, ["RS11"])]


def test_renamed_file_is_recognised_with_and_without_its_marker(docs):
    rnd, folder = docs
    unit = rnd.selected_units()[-1].code
    (folder / f"BB_{unit}.docx").rename(folder / "ban cuoi da sua.docx")
    (folder / f"TB_{unit}.docx").rename(folder / "thong bao.docx")
    strip_marker(folder / "thong bao.docx")
    (folder / f"~$B_{unit}.docx").write_bytes(b"\x00lock")         # Word's lock file
    res = check_round(rnd, folder)
    kinds = {d.file: (d.kind_key, d.unit) for d in res.documents}
    assert kinds["ban cuoi da sua.docx"] == ("minutes", unit)
    assert kinds["thong bao.docx"] == ("notice", unit)
    assert not any(d.file.startswith("~$") for d in res.documents)
    assert not [d for d in res.documents if d.file == MISSING_FILE]


def test_second_copy_of_a_document(docs):
    rnd, folder = docs
    unit = rnd.selected_units()[0].code
    shutil.copy(folder / f"TB_{unit}.docx", folder / f"TB_{unit} (mới).docx")
    res = check_round(rnd, folder)
    assert "RS12" in _codes(res, f"TB_{unit} (mới).docx")


def test_example_values_are_matched_whole():
    from tdkt_xl.roundcheck.examples import found_in
    assert found_in("Đồng chí Phạm Thị D, điện thoại: 0205 3820 000.") == \
        ["Phạm Thị D", "0205 3820 000"]
    assert found_in("Đồng chí Phạm Thị Dung, điện thoại 0205 3820 0001") == []


def test_layout_checked_on_every_docx(docs):
    rnd, folder = docs
    name = "QD_thanh_lap_doan.docx"
    edit_docx(folder / name, lambda x: x.replace("Times New Roman", "Arial"),
              parts=("word/document.xml", "word/styles.xml"))
    res = check_round(rnd, folder)
    assert any("Arial" in m for m in _messages(res, name, "RS09"))


# ------------------------------------------------------------------ command line
def test_cli_json_and_exit_codes(built_workbook, docs, capsys):
    from tdkt_xl.cli import main
    rnd, folder = docs
    rc = main(["check-round", str(built_workbook), "--docs", str(folder), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert rc == (1 if any(d["problems"] for d in data["documents"]) else 0)
    doc = data["documents"][0]
    assert set(doc) == {"file", "kind", "unit", "problems"}
    assert all(set(p) == {"code", "severity", "message"} for d in data["documents"]
               for p in d["problems"])
    assert main(["check-round", str(built_workbook), "--docs", str(folder / "khong_co")]) == 2
    assert "Không tìm thấy thư mục" in capsys.readouterr().err
    assert main(["check-round", str(folder / "khong_co.xlsm"), "--docs", str(folder)]) == 2


def test_codes_are_in_the_catalogue():
    from tdkt_xl.cli.codes import catalogue_rows
    codes = {r[0] for r in catalogue_rows()}
    assert {f"RS{i:02d}" for i in range(1, 15)} <= codes
