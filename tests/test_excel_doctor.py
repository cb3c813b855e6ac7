"""`tdkt doctor`: real checks, Vietnamese lines, exit code 0/1."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import xl_payload as X
from tdkt_xl.cli import doctor as D

ROOT = Path(__file__).resolve().parents[1]


def _install(tmp_path, name="tdkt_2024.xlsm", with_py=True, templates=True) -> Path:
    """A project folder as on a clerk's PC: requirements, templates/, workbook/."""
    from tdkt_xl.builder.names import forwarder_text
    from test_excel_roundtrip import _xlsx
    shutil.copy(ROOT / "requirements.txt", tmp_path / "requirements.txt")
    if templates:
        (tmp_path / "templates").mkdir()
        (tmp_path / "templates" / "thong_bao.docx").write_bytes(b"PK")
    wb_dir = tmp_path / "workbook"
    wb_dir.mkdir()
    wb = _xlsx(wb_dir / name, X.typed_example_sheets())
    if with_py:
        wb.with_suffix(".py").write_text(forwarder_text(wb), encoding="utf-8")
    return wb


def _run(wb, root):
    lines = []
    code = D.doctor(wb, root, out=lines.append)
    return code, "\n".join(lines)


def test_complete_installation_passes(tmp_path):
    wb = _install(tmp_path)
    code, text = _run(wb, tmp_path)
    assert code == 0, text
    assert "[THIẾU]" not in text and "Cài đặt đầy đủ" in text
    assert f"Python {sys.version_info.major}.{sys.version_info.minor}" in text


def test_missing_py_beside_workbook_fails_in_vietnamese(tmp_path):
    wb = _install(tmp_path, with_py=False)
    code, text = _run(wb, tmp_path)
    assert code == 1
    assert "[THIẾU] Thiếu tệp 'tdkt_2024.py' bên cạnh sổ tính" in text


def test_missing_templates_and_workbook_fail(tmp_path):
    wb = _install(tmp_path, templates=False)
    code, text = _run(wb, tmp_path)
    assert code == 1 and "Thiếu thư mục mẫu văn bản" in text
    code, text = _run(tmp_path / "workbook" / "khong_co.xlsm", tmp_path)
    assert code == 1 and "Không thấy sổ tính" in text and "tdkt build-workbook" in text


def test_workbook_name_that_is_no_module_name_fails(tmp_path):
    wb = _install(tmp_path, name="Bản sao tdkt_2024.xlsm")
    code, text = _run(wb, tmp_path)
    assert code == 1 and "không dùng được" in text


def test_missing_package_is_named(tmp_path):
    req = tmp_path / "requirements.txt"
    req.write_text("xlwings==0.37.8\ngoi-khong-ton-tai==1.0\n", encoding="utf-8")
    checks = D.check_packages(req)
    assert any(c.status == D.MISSING and "goi-khong-ton-tai" in c.text for c in checks)
    assert D.requirements(req) == [("xlwings", "0.37.8"), ("goi-khong-ton-tai", "1.0")]


def test_cli_exit_code(tmp_path):
    from tdkt_xl.cli import main
    assert main(["doctor", str(tmp_path / "khong_co.xlsm")]) == 1
