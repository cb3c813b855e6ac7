"""What a button click costs, as Excel pays it: a fresh Python process per
click (xlwings' ``RunPython`` starts one and Excel waits for it).

Each click is run as ``python -c "…import tdkt_2024; tdkt_2024.main()"`` with
``--from_xl=1`` in its arguments, as RunPython starts it, against xlwings'
remote engine (a real ``Book`` built from the workbook's values, no Excel,
no COM: those costs are timed by hand, docs/excel-test.md).  Every figure
is the median of several runs; ``python -c pass`` is measured in the same
run, as the floor no click can go below on this machine.

    python benchmarks/excel_clicks.py [--runs 5] [--units 2000]

Goals (issue 11, 2-core machine): validate click <= 0.4 s, each document
click <= 0.8 s on the shipped round (14 units).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

GOALS = {"Kiểm tra dữ liệu": 0.4, "Tạo quyết định": 0.8, "Tạo thông báo": 0.8, "Tạo biên bản": 0.8}

# The click process: the payload stands in for the open workbook; the
# forwarder beside it is imported exactly as SampleCall does.
CHILD = """
import json, os, sys
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
from tdkt_xl.excel.xlimport import xlwings
with open(sys.argv[1], encoding="utf-8") as fh:
    xlwings().Book(json=json.load(fh)).set_mock_caller()
sys.path.insert(0, sys.argv[2])
import tdkt_2024
tdkt_2024.main()
"""


def run(argv: list, env: dict, runs: int) -> tuple[float, subprocess.CompletedProcess]:
    times, last = [], None
    for _ in range(runs):
        t = time.perf_counter()
        last = subprocess.run(argv, env=env, cwd=ROOT, capture_output=True, text=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times), last


def main_() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--units", type=int, default=0, help="also validate a scaled workbook")
    args = ap.parse_args()

    import xl_payload as X
    from tdkt_xl.builder.names import forwarder_text
    from tdkt_xl.io import controls as K
    from tdkt_xl.vocabulary import cells, schema as S

    arrays, where = X.shipped_or_example()
    env = dict(os.environ, PYTHONPATH=str(ROOT), XLWINGS_LICENSE_KEY="noncommercial")
    floor, _ = run([sys.executable, "-c", "pass"], env, args.runs)
    print(f"workbook: {where}; median of {args.runs} fresh processes; "
          f"floor (python -c pass) {floor:.3f} s")
    print(f"{'click':34} {'seconds':>8} {'- floor':>8} {'goal':>6}  result")

    def with_job(job):
        a = {k: [list(r) for r in v] for k, v in arrays.items()}
        for row in a[S.CONTROL.name]:
            if row and isinstance(row[0], str) and cells.norm_text(row[0]) == K.OPT_JOB:
                row[1] = job
        return a

    clicks = [(K.JOB_VALIDATE, arrays, S.UNITS.name)]
    clicks += [(job, with_job(job), S.CONTROL.name)
               for job in (K.JOB_DECISION, K.JOB_NOTICES, K.JOB_MINUTES, K.JOB_FORMS,
                           K.JOB_REPORT, K.JOB_FOLLOWUP)]
    if args.units:
        clicks.append((f"{K.JOB_VALIDATE} ({args.units} đơn vị)", X.scaled(arrays, args.units),
                       S.UNITS.name))
    missed = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "workbook"
        folder.mkdir()
        (folder / "tdkt_2024.py").write_text(forwarder_text(folder / "tdkt_2024.xlsm"), encoding="utf-8")
        shutil.copytree(ROOT / "templates", Path(tmp) / "templates")
        for label, sheets, active in clicks:
            payload = Path(tmp) / "payload" / "payload.json"
            payload.parent.mkdir(exist_ok=True)
            payload.write_text(json.dumps(X.payload_from_arrays(sheets, active=active)), encoding="utf-8")
            argv = [sys.executable, "-c", CHILD, str(payload), str(folder),
                    "--wb=tdkt_2024.xlsm", "--from_xl=1"]
            before = {p for p in Path(tmp).rglob("*") if p.is_file()}
            secs, proc = run(argv, env, args.runs)
            made = len({p for p in Path(tmp).rglob("*") if p.is_file()} - before)
            goal = GOALS.get(label)
            state = (f"ok, {made} new file(s)" if proc.returncode == 0
                     else f"exit {proc.returncode}: {proc.stderr[-300:]}")
            if goal is not None and secs > goal:
                state += " (goal missed)"
                missed += 1
            print(f"{label:34} {secs:8.3f} {secs - floor:8.3f} {goal or '':>6}  {state}")
    print("every goal met" if not missed else f"{missed} goal(s) missed")


if __name__ == "__main__":
    main_()
