"""The one CLI helper: exit codes 0/1/2/3, the crash file of a bug, the
error object of --json, argparse's errors in Vietnamese; services never speak
in command-line flags (the front doors phrase their typed errors)."""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

import tdkt_xl
from tdkt_xl.cli import _common as C, main
from tdkt_xl.gate import core as gate_core

from test_rules_cli import write_xlsx

PACKAGE = Path(tdkt_xl.__file__).parent


@pytest.fixture
def workbook(tmp_path, example_sheets):
    return write_xlsx(tmp_path / "vd.xlsx", example_sheets)


def _boom(*a, **k):
    raise RuntimeError("hỏng bên trong")


def test_a_bug_exits_3_with_the_traceback_in_the_out_folder(workbook, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(gate_core, "run_rules", _boom)
    out = tmp_path / "ket_qua"
    code = main(["report", str(workbook), "--out", str(out), "--as-of", "31/12/2024"])
    err = capsys.readouterr().err
    assert code == C.EXIT_BUG
    crash = out / C.CRASH_FILE
    assert str(crash) in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "RuntimeError: hỏng bên trong" in crash.read_text(encoding="utf-8")


def test_a_bug_without_out_folder_writes_to_the_temp_folder(workbook, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(gate_core, "run_rules", _boom)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    assert main(["validate", str(workbook), "--json"]) == C.EXIT_BUG
    out, err = capsys.readouterr()
    crash = tmp_path / "tmp" / C.CRASH_FILE
    assert crash.exists() and str(crash) in err
    assert json.loads(out)["error"]["code"] == C.EXIT_BUG


def test_json_failure_prints_the_error_object(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "khong_co.xlsm"), "--json"]) == C.EXIT_UNUSABLE
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert data["error"]["code"] == 2 and "Không tìm thấy" in data["error"]["message"]
    assert "Không tìm thấy" in err


def test_argument_errors_are_vietnamese_and_exit_2(workbook, capsys):
    assert main(["report", str(workbook)]) == C.EXIT_UNUSABLE
    err = capsys.readouterr().err
    assert "thiếu tham số bắt buộc: --out" in err and "required" not in err
    assert main(["validate", str(workbook), "--bogus"]) == C.EXIT_UNUSABLE
    assert "tham số không nhận ra: --bogus" in capsys.readouterr().err
    assert main(["validate", str(workbook), "--json", "--as-of", "31/02/2024"]) == C.EXIT_UNUSABLE
    out, err = capsys.readouterr()
    assert "tham số --as-of" in err and "không phải là ngày có thật" in err
    assert "--as-of" in json.loads(out)["error"]["message"]


def test_missing_date_is_phrased_with_the_flag_by_the_cli_only(tmp_path, capsys, example_sheets):
    from tdkt_xl.io.reader import read_round
    from tdkt_xl.reports.followup import make_followup
    from tdkt_xl.vocabulary.errors import NeedsDate
    rnd = read_round(example_sheets).round
    rnd.documents = [d for d in rnd.documents if "đôn đốc" not in d.kind.lower()]
    with pytest.raises(NeedsDate) as e:
        make_followup(rnd, tmp_path / "o")
    assert "--" not in str(e.value)
    code, message = C.failure(e.value)
    assert code == C.EXIT_UNUSABLE and "--as-of" in message


_FLAG = re.compile(r"(^|[\s(])--[a-z]")
# string constants that are not messages: LibreOffice's command line; the clerk's guide
# quotes a command to type
NOT_MESSAGES = {"documents/pdf.py", "builder/guide.py"}


def test_services_never_speak_in_command_line_flags():
    found = []
    for pkg in ("model", "vocabulary", "rules", "io", "gate", "documents", "appendices",
                "reports", "builder", "roundcheck"):
        for f in sorted((PACKAGE / pkg).rglob("*.py")):
            rel = f.relative_to(PACKAGE).as_posix()
            if rel in NOT_MESSAGES:
                continue
            tree = ast.parse(f.read_text(encoding="utf-8"))
            docs = {id(n.body[0].value) for n in ast.walk(tree)
                    if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
                    and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
            found += [f"{rel}:{n.lineno}" for n in ast.walk(tree)
                      if isinstance(n, ast.Constant) and isinstance(n.value, str)
                      and id(n) not in docs and _FLAG.search(n.value)]
    assert not found, f"CLI flags in service messages: {found}"
