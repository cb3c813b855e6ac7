"""`tdkt check-round` and `tdkt status` only read (issue 10): they write nothing
into the documents folder, the inbox, next to the workbook or into the current
folder — not even a temporary file removed afterwards (the folders' own
modification times are compared too) — on a good round's output and on one
holding damaged files."""
from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

import hostile_files as H

AS_OF = "31/12/2024"


def snapshot(root: Path) -> dict:
    """{relative path: (kind, mtime_ns, sha256 or '')} of everything under root."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            st = p.lstat()
            digest = hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() and not p.is_symlink() else ""
            out[str(p.relative_to(root))] = ("dir" if p.is_dir() else "file", st.st_mtime_ns, digest)
    out["."] = ("dir", root.stat().st_mtime_ns, "")
    return out


@pytest.fixture(scope="module")
def round_folder(tmp_path_factory):
    from conftest import WORKBOOK
    if not WORKBOOK.exists():
        pytest.skip("workbook/tdkt_2024.xlsm chưa được tạo (tdkt build-workbook)")
    tmp = tmp_path_factory.mktemp("readonly")
    inbox = tmp / "gui_ve"
    shutil.copytree(H.EXAMPLES, inbox)
    docs = tmp / "ket_qua"
    proc = H.run_tdkt("demo", "--workbook", WORKBOOK, "--inbox", inbox, "--out", docs, "--as-of", AS_OF)
    assert proc.returncode in (0, 1) and b"Traceback" not in proc.stderr, proc.stderr[-2000:]
    so = tmp / "so"
    so.mkdir()
    shutil.copy(WORKBOOK, so / WORKBOOK.name)
    return tmp, so / WORKBOOK.name, docs, inbox


def _damage(docs: Path) -> None:
    """Damaged files among the generated ones, as a clerk's folder may hold."""
    some_docx = next(docs.rglob("*.docx"))
    some_docx.write_bytes(some_docx.read_bytes()[:2000])                       # cut
    (docs / "Văn bản" / "ghi_chu.docx").write_bytes(b"\x00" * 100)             # not a zip
    (docs / "Văn bản" / "~$QD_thanh_lap.docx").write_bytes(b"lock")           # Word's lock file
    for manifest in docs.rglob("manifest.json"):
        manifest.write_text('{"files": [', encoding="utf-8")                   # truncated JSON
        break
    merged = next(docs.rglob("Tong_hop_phu_luc.xlsx"))
    H.sheet_with(merged, merged, "xl/worksheets/sheet1.xml", lambda x: H.add_cells(
        x, b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'))          # one far cell


@pytest.mark.parametrize("damaged", [False, True], ids=["as_generated", "damaged"])
def test_check_round_and_status_write_nothing(round_folder, tmp_path, damaged):
    tmp, workbook, docs, inbox = round_folder
    if damaged:
        copy = tmp_path / "ket_qua"
        shutil.copytree(docs, copy)
        _damage(copy)
        docs = copy
    merged = next(docs.rglob("Tong_hop_phu_luc.xlsx"))
    runs = [
        ("check-round", workbook, "--docs", docs),
        ("check-round", workbook, "--docs", docs, "--json"),
        ("check-round", workbook, "--docs", docs, "--appendices", merged),
        ("status", workbook, "--as-of", AS_OF),
        ("status", workbook, "--docs", docs, "--as-of", AS_OF),
        ("status", workbook, "--docs", docs, "--appendices", merged, "--as-of", AS_OF, "--json"),
    ]
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    watched = (docs, inbox, workbook.parent, cwd)
    before = [snapshot(p) for p in watched]
    for argv in runs:
        proc = H.run_tdkt(*argv, cwd=cwd, timeout=120)
        assert proc.returncode in (0, 1, 2), (argv, proc.returncode, proc.stderr[-2000:])
        assert b"Traceback" not in proc.stdout + proc.stderr, (argv, proc.stderr[-2000:])
        if not damaged:
            assert proc.returncode in (0, 1), (argv, proc.stderr.decode("utf-8")[-2000:])
        after = [snapshot(p) for p in watched]
        for folder, b, a in zip(watched, before, after):
            changed = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
            assert not changed, (argv, str(folder), changed)
