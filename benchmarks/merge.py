"""Merge of N returned appendix files, as whole processes, side by side with
the python-calamine read floor.

Builds a master workbook whose Đơn vị sheet has N + 10 synthetic units
(S00000…), and an inbox of N files (copies of a filled form with the hidden
unit code rewritten).  Then runs, each as its own process on this machine:

  floor      python-calamine opening every file and reading every sheet
             (nothing else: no checks, no merge, no output)
  full       `tdkt merge MASTER INBOX --out OUT` into an empty OUT
  re-merge   10 new files added to the inbox, `tdkt merge` again into OUT
             (its cache in OUT lets it parse only what changed)

Every process runs tdkt_xl installed and compiled as pip leaves it
(``installed.py``; ``--uncompiled``: compiled by none, as a project folder
run where no bytecode is written).

Goals (issue 10): full ≤ 1.5 × floor; re-merge ≤ 0.3 × full.

    python benchmarks/merge.py [--files 2000] [--repeat 1] [--uncompiled]
"""
from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "examples"))

from installed import install, workdir  # noqa: E402
from tdkt_xl.appendices import load_spec, make_forms  # noqa: E402
from tdkt_xl.appendices.fill import fill_form, retag  # noqa: E402
from tdkt_xl.builder.example import EXAMPLE_DIR, example_sheets  # noqa: E402
from tdkt_xl.builder.workbook import build_bytes  # noqa: E402
from tdkt_xl.io.reader import read_round  # noqa: E402
from make_examples import unit_input  # noqa: E402

FULL_GOAL, REMERGE_GOAL, NEW_FILES = 1.5, 0.3, 10
UNITS_SHEET = "Đơn vị"

FLOOR = """
import sys
from pathlib import Path
from python_calamine import CalamineWorkbook
for p in sorted(Path(sys.argv[1]).iterdir()):
    wb = CalamineWorkbook.from_path(str(p))
    for name in wb.sheet_names:
        wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
    wb.close()
"""


def _code(i: int) -> str:
    return f"S{i:05d}"


def make_master(tmp: Path, n: int) -> Path:
    """The example round with n synthetic selected units (half communes)."""
    data = tmp / "data"
    shutil.copytree(EXAMPLE_DIR, data)
    path = data / f"{UNITS_SHEET}.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    head = rows[0]
    commune = next(r for r in rows[1:] if r[0] == "XQS")
    agency = next(r for r in rows[1:] if r[0] == "BTCHU")
    for i in range(n):
        row = list(commune if i % 2 else agency)
        row[0], row[1] = _code(i), f"{'Xã' if i % 2 else 'Đơn vị'} thử {i}"
        row[head.index("Được chọn kiểm tra")] = "Có"
        rows.append(row)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    master = tmp / "tdkt_bench.xlsm"
    master.write_bytes(build_bytes(data_dir=data))
    return master


def make_inbox(tmp: Path, n: int, extra: int) -> tuple:
    spec = load_spec()
    base = read_round(example_sheets()).round
    forms = tmp / "forms"
    filled = {}
    for code, commune in (("XQS", True), ("BTCHU", False)):
        make_forms(base, forms, unit=code)
        values, tables = unit_input(base.unit(code), random.Random(code))
        filled[code] = fill_form(spec, forms / f"Phu_luc_{code}.xlsx", tmp / f"filled_{code}.xlsx",
                                 values, tables, commune)
    inbox, later = tmp / "phu_luc_gui_ve", tmp / "den_sau"
    inbox.mkdir()
    later.mkdir()
    for i in range(n + extra):
        code = "XQS" if i % 2 else "BTCHU"
        retag(filled[code], (inbox if i < n else later) / f"{_code(i)}.xlsx", code, _code(i))
    return inbox, later


def _cpu() -> float:
    """CPU seconds of the finished child processes (and theirs); NaN where unknown (Windows)."""
    try:
        import resource
    except ImportError:
        return float("nan")
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(cmd: list, env: dict, cwd: Path, ok=(0,)) -> tuple:
    """(wall seconds, CPU seconds of the process and every worker it started)."""
    c0, t0 = _cpu(), time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    dt, cpu = time.perf_counter() - t0, _cpu() - c0
    if proc.returncode not in ok:
        raise SystemExit(f"{' '.join(map(str, cmd))} -> {proc.returncode}\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return dt, cpu


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=1, help="runs of each measure (the median is kept)")
    ap.add_argument("--uncompiled", action="store_true", help="tdkt_xl without its bytecode")
    args = ap.parse_args(argv)
    n = args.files
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        master = make_master(tmp, n + NEW_FILES)
        inbox, later = make_inbox(tmp, n, NEW_FILES)
        env, cwd = install(tmp, compiled=not args.uncompiled), workdir(tmp)
        out = tmp / "ket_qua"
        merge = [py, "-m", "tdkt_xl.cli", "merge", str(master), str(inbox), "--out", str(out)]
        runs = {"floor": [], "full": [], "remerge": []}
        for _ in range(args.repeat):
            shutil.rmtree(out, ignore_errors=True)
            for p in later.iterdir():
                (inbox / p.name).unlink(missing_ok=True)
            runs["floor"].append(timed([py, "-c", FLOOR, str(inbox)], env, cwd))
            runs["full"].append(timed(merge, env, cwd))
            for p in later.iterdir():
                shutil.copy(p, inbox / p.name)
            runs["remerge"].append(timed(merge, env, cwd))
    wall = {k: statistics.median(w for w, _c in v) for k, v in runs.items()}
    cpu = {k: statistics.median(c for _w, c in v) for k, v in runs.items()}
    floor, full, remerge = wall["floor"], wall["full"], wall["remerge"]
    full_ratio, re_ratio = full / floor, remerge / full
    print(f"{'tệp':>6} {'sàn calamine (s)':>17} {'tổng hợp lần đầu (s)':>21} {'tổng hợp lại +10 tệp (s)':>25}")
    print(f"{n:>6} {floor:>17.2f} {full:>21.2f} {remerge:>25.2f}")
    print(f"{'CPU':>6} {cpu['floor']:>17.2f} {cpu['full']:>21.2f} {cpu['remerge']:>25.2f}   "
          f"(giây CPU, cả các tiến trình con; lần đầu / sàn = {cpu['full'] / cpu['floor']:.2f})")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "không rõ"
    compiled = "chưa biên dịch" if args.uncompiled else "đã biên dịch (như khi pip cài đặt)"
    print(f"trung vị của {args.repeat} lần đo; tdkt_xl {compiled}; tải máy (1, 5, 15 phút): {load}")
    print(f"lần đầu / sàn = {full_ratio:.2f} (mục tiêu ≤ {FULL_GOAL}): {'ĐẠT' if full_ratio <= FULL_GOAL else 'CHƯA ĐẠT'}")
    print(f"tổng hợp lại / lần đầu = {re_ratio:.2f} (mục tiêu ≤ {REMERGE_GOAL}): "
          f"{'ĐẠT' if re_ratio <= REMERGE_GOAL else 'CHƯA ĐẠT'}")
    return 0 if full_ratio <= FULL_GOAL and re_ratio <= REMERGE_GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
