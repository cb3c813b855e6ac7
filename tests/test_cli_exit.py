"""The `tdkt` program ends its process as soon as the command is done
(cli.run: no interpreter teardown): what it prints still arrives whole, in
order, and its exit code is the command's."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tdkt_xl.cli import main

ROOT = Path(__file__).resolve().parents[1]


def _program(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tdkt_xl.cli", *args], cwd=ROOT, capture_output=True,
                          text=True, encoding="utf-8", timeout=120)


def test_everything_printed_arrives_whole(capsys):
    assert main(["codes"]) == 0
    want = capsys.readouterr().out
    got = _program("codes")
    assert got.returncode == 0 and len(want) > 10_000
    assert got.stdout == want and got.stderr == ""


def test_the_exit_code_and_message_of_a_refused_command(tmp_path):
    got = _program("merge", str(ROOT / "workbook" / "tdkt_2024.xlsm"), str(tmp_path / "khong_co"),
                   "--out", str(tmp_path / "ket_qua"))
    assert got.returncode == 2
    assert "Không tìm thấy thư mục phụ lục gửi về" in got.stdout + got.stderr
    assert "Traceback" not in got.stdout + got.stderr


def test_a_reader_that_stops_early_does_not_make_an_error():
    """`tdkt codes | head -1`: the closed pipe is not reported as a failure."""
    proc = subprocess.Popen([sys.executable, "-m", "tdkt_xl.cli", "codes"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    proc.stdout.read(100)
    proc.stdout.close()
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.wait(timeout=120)
    assert "Traceback" not in err
