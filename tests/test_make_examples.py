"""examples/make_examples.py writes only into its target folder, and a round
that ships no returned appendices (tinh-2026: inbox left blank in
data/example_rounds.csv) gets nothing, said in Vietnamese.  Before:
`--round tinh-2026` wrote Phu_luc_STP.xlsx into the project folder (its
folder was the project folder + ''), after deleting the .xlsx files there,
then crashed with KeyError: 'tinh-2026'."""
from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def make_examples(monkeypatch, tmp_path):
    """The script as a module, its project folder moved to tmp_path/project
    (so a default target resolves there), run from tmp_path/cwd."""
    monkeypatch.syspath_prepend(str(ROOT / "examples"))
    sys.modules.pop("make_examples", None)
    mod = importlib.import_module("make_examples")
    project, cwd = tmp_path / "project", tmp_path / "cwd"
    (project / "examples").mkdir(parents=True)
    cwd.mkdir()
    monkeypatch.setattr(mod, "HERE", project / "examples")
    monkeypatch.chdir(cwd)
    yield mod
    sys.modules.pop("make_examples", None)


def _files(folder: Path) -> list:
    return sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())


def test_a_round_without_returned_forms_gets_nothing_and_says_so(make_examples, tmp_path, capsys):
    keep = tmp_path / "project" / "so_cua_can_bo.xlsx"        # a clerk's file where the round has no folder
    keep.write_bytes(b"x")
    assert make_examples.main(["--round", "tinh-2026"]) == 2
    err = capsys.readouterr().err
    assert "Đợt ví dụ 'tinh-2026' không kèm phụ lục gửi về" in err and "không tạo tệp nào" in err
    assert "Traceback" not in err
    assert _files(tmp_path) == [Path("project/so_cua_can_bo.xlsx")]


def test_build_refuses_a_round_without_returned_forms_before_writing(make_examples, tmp_path):
    with pytest.raises(make_examples.NoExample, match="không kèm phụ lục gửi về"):
        make_examples.build(tmp_path / "out", "tinh-2026")
    assert _files(tmp_path) == []


def test_an_unknown_round_is_said_in_vietnamese(make_examples, tmp_path, capsys):
    assert make_examples.main(["--round", "khong-co"]) == 2
    assert "Không có đợt ví dụ 'khong-co'" in capsys.readouterr().err
    assert _files(tmp_path) == []


def test_a_round_with_returned_forms_writes_them_into_its_folder_only(make_examples, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "ghi_chu.xlsx").write_bytes(b"x")        # not one of the script's files: left alone
    written = make_examples.build(out, "truong-hoc-2024")
    assert written and all(p.parent == out for p in written)
    assert _files(tmp_path) == sorted(Path("out") / p.name for p in written + [out / "ghi_chu.xlsx"])
