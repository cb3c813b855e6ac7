"""The project works from a folder whose path holds Vietnamese letters and
spaces, and after the folder has been moved or renamed: the buttons' module
finds the tdkt_xl package of its own project folder (requirements.txt used to
install it in editable mode, pinned to the folder it was installed from)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import xl_payload as X
from tdkt_xl.io import controls as K
from tdkt_xl.vocabulary import schema as S

ROOT = Path(__file__).resolve().parents[1]
VI_FOLDER = Path("Phòng Nội vụ") / "Thi đua khen thưởng 2024"


def _copy_project(dest: Path) -> Path:
    """The release folder as a clerk copies it: package, workbook, templates."""
    skip = shutil.ignore_patterns("__pycache__", "*.pyc")
    dest.mkdir(parents=True)
    shutil.copytree(ROOT / "tdkt_xl", dest / "tdkt_xl", ignore=skip)
    shutil.copytree(ROOT / "templates", dest / "templates", ignore=skip)
    (dest / "workbook").mkdir()
    for name in ("tdkt_2024.xlsm", "tdkt_2024.py"):
        shutil.copy(ROOT / "workbook" / name, dest / "workbook" / name)
    shutil.copy(ROOT / "requirements.txt", dest / "requirements.txt")
    return dest


@pytest.fixture(scope="module")
def moved(tmp_path_factory) -> Path:
    return _copy_project(tmp_path_factory.mktemp("may") / VI_FOLDER)


def _env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(extra)
    return env


def test_forwarder_imports_the_package_of_its_own_folder_after_a_move(moved, tmp_path):
    """What RunPython does on the clerk's PC, in a fresh process started
    elsewhere: xlwings' prepare_sys_path puts the workbook folder first, then
    ``import tdkt_2024``. The folder the package was first installed from is
    gone (a stale PYTHONPATH entry points there); the copy must be used."""
    old = tmp_path / "D" / "tdkt"
    _copy_project(old)
    shutil.rmtree(old)                       # the old location is unavailable
    fullname = moved / "workbook" / "tdkt_2024.xlsm"
    code = ("import xlwings.utils, sys;"
            f"xlwings.utils.prepare_sys_path({f'true;{fullname};{fullname};;;;'!r});"
            "import tdkt_2024, tdkt_xl, tdkt_xl.excel;"
            "print(tdkt_xl.__file__); print(tdkt_xl.excel.__file__)")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                          env=_env(PYTHONPATH=str(old), PYTHONIOENCODING="utf-8"))
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    pkg = moved / "tdkt_xl"
    assert out.splitlines() == [str(pkg / "__init__.py"), str(pkg / "excel" / "__init__.py")]


def test_forwarder_leaves_sys_path_alone_without_a_package_beside(tmp_path):
    """A workbook built elsewhere (no tdkt_xl in its project folder) uses the
    installed package, as before."""
    from tdkt_xl.builder.names import forwarder_text
    wb = tmp_path / VI_FOLDER / "tdkt_2025.xlsm"
    wb.parent.mkdir(parents=True)
    wb.with_suffix(".py").write_text(forwarder_text(wb), encoding="utf-8")
    before = list(sys.path)
    sys.path.insert(0, str(wb.parent))
    try:
        exec("import tdkt_2025", {})
        assert sys.path[1:] == before
    finally:
        sys.path.remove(str(wb.parent))
        sys.modules.pop("tdkt_2025", None)


def test_cli_validates_and_writes_outputs_in_a_vietnamese_folder(moved):
    out = moved / "Kết quả thử"
    env = _env(PYTHONIOENCODING="utf-8")
    wb = moved / "workbook" / "tdkt_2024.xlsm"
    proc = subprocess.run([sys.executable, "-m", "tdkt_xl.cli", "validate", str(wb),
                           "--as-of", "31/12/2024"], cwd=moved, capture_output=True, env=env)
    text = proc.stdout.decode("utf-8") + proc.stderr.decode("utf-8")
    assert proc.returncode in (0, 1), text
    assert "Traceback" not in text and str(wb.name) in text
    proc = subprocess.run([sys.executable, "-m", "tdkt_xl.cli", "notices", str(wb), "--out", str(out),
                           "--as-of", "31/12/2024"], cwd=moved, capture_output=True, env=env)
    text = proc.stdout.decode("utf-8") + proc.stderr.decode("utf-8")
    assert proc.returncode == 0, text
    docs = list(out.rglob("*.docx"))
    assert docs and all(str(d).startswith(str(out)) for d in docs)


def test_button_click_writes_into_a_vietnamese_output_folder(moved):
    """main() behind a button, run through the forwarder of the copied folder:
    the output folder (Cấu hình › Thư mục kết quả) is created beside the workbook."""
    folder = moved / "workbook"
    arrays, _ = X.shipped_or_example()
    arrays = {k: [list(r) for r in v] for k, v in arrays.items()}
    for row in arrays[S.SETTINGS.name]:
        if row and row[0] == "Thư mục kết quả":
            row[1] = "Kết quả đợt 1"
    for row in arrays[S.CONTROL.name]:
        if row and row[0] == K.OPT_JOB:
            row[1] = K.JOB_OPEN_OUTPUT
    payload = X.payload_from_arrays(arrays, book_name="tdkt_2024.xlsm", active=S.CONTROL.name)
    book = X.open_book(payload)
    sys.path.insert(0, str(folder))
    saved = list(sys.path)
    sys.modules.pop("tdkt_2024", None)
    try:
        exec("import tdkt_2024;tdkt_2024.main()", {})
    finally:
        sys.path[:] = [p for p in saved if p != str(folder)]
        sys.modules.pop("tdkt_2024", None)
    applied = X.apply(payload, book)
    assert (folder / "Kết quả đợt 1").is_dir()
    assert str(folder / "Kết quả đợt 1") in applied.alerts[-1]
