"""`tdkt notices|minutes|decision|check-docx` from the command line, on the
built master workbook."""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from tdkt_xl.cli import main
from tdkt_xl.documents.nd30_check import check_docx
from tdkt_xl.documents.render import REPO_TEMPLATES


@pytest.fixture
def project(built_workbook, tmp_path):
    """A project folder: <tmp>/proj/workbook/tdkt_2024.xlsm (no templates/ of its own)."""
    wb = tmp_path / "proj" / "workbook" / "tdkt_2024.xlsm"
    wb.parent.mkdir(parents=True)
    shutil.copy(built_workbook, wb)
    return wb


def test_commands_write_every_document(project, tmp_path, capsys):
    out = tmp_path / "van_ban"
    assert main(["decision", str(project), "--out", str(out)]) == 0
    assert main(["notices", str(project), "--out", str(out)]) == 0
    assert main(["minutes", str(project), "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "Đã tạo 15 văn bản" in text and "biên bản kiểm tra: 14" in text
    files = sorted(out.glob("*.docx"))
    assert len(files) == 30 and (out / "manifest.json").exists()
    for f in files:
        assert check_docx(f) == [], f.name
    assert main(["check-docx", *map(str, files[:3])]) == 0
    assert "đạt thể thức" in capsys.readouterr().out


def test_single_unit_and_edited_file_kept(project, tmp_path, capsys):
    out = tmp_path / "o"
    assert main(["notices", str(project), "--out", str(out), "--unit", "XQS"]) == 0
    assert sorted(p.name for p in out.glob("*.docx")) == ["TB_XQS.docx"]
    (out / "TB_XQS.docx").write_bytes((out / "TB_XQS.docx").read_bytes() + b"x")
    assert main(["notices", str(project), "--out", str(out), "--unit", "XQS"]) == 0
    assert "Giữ nguyên tệp đã được sửa 'TB_XQS.docx'" in capsys.readouterr().out
    assert (out / "TB_XQS (mới).docx").exists()
    assert main(["notices", str(project), "--out", str(out), "--unit", "NOPE"]) == 1
    assert "NOPE" in capsys.readouterr().out


def test_project_templates_are_used(project, tmp_path):
    tdir = project.parent.parent / "templates"
    tdir.mkdir()
    name = "quyet_dinh_thanh_lap_doan.docx"
    src = zipfile.ZipFile(REPO_TEMPLATES / name)
    with zipfile.ZipFile(tdir / name, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                data = data.replace("Về việc thành lập Đoàn kiểm tra".encode(),
                                    "Về việc thành lập Đoàn kiểm tra (mẫu của huyện)".encode())
            z.writestr(info, data)
    out = tmp_path / "o"
    assert main(["decision", str(project), "--out", str(out)]) == 0
    xml = zipfile.ZipFile(out / "QD_thanh_lap_doan.docx").read("word/document.xml").decode()
    assert "Đoàn kiểm tra (mẫu của huyện)" in xml


def test_missing_project_template_is_a_clear_error(project, tmp_path, capsys):
    (project.parent.parent / "templates").mkdir()
    assert main(["minutes", str(project), "--out", str(tmp_path / "o")]) == 1
    out = capsys.readouterr().out
    assert "Không tìm thấy mẫu văn bản 'bien_ban_kiem_tra.docx'" in out
    assert "Traceback" not in out


def test_unreadable_workbook(tmp_path, capsys):
    bad = tmp_path / "x.xlsm"
    bad.write_bytes(b"nope")
    assert main(["decision", str(bad), "--out", str(tmp_path / "o")]) == 2
    assert "Lỗi:" in capsys.readouterr().err


def test_check_docx_exit_codes(tmp_path, capsys):
    from docx import Document
    d = Document()
    d.add_paragraph("Xin chào")
    d.save(tmp_path / "plain.docx")
    assert main(["check-docx", str(tmp_path / "plain.docx")]) == 1
    assert "lỗi thể thức" in capsys.readouterr().out
    assert main(["check-docx", str(tmp_path / "none.docx")]) == 2
