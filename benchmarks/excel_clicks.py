"""Range reads/writes and time per button click (xlwings remote engine, no
Excel): every offered job on the shipped workbook, and validation on a
synthetic 2,000-unit workbook.

    python benchmarks/excel_clicks.py [--units 2000]

The counts are those a desktop click makes through COM (xlwings Range.value
reads/writes), since main() talks to Excel only through xlwings' API.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import xl_payload as X  # noqa: E402
from tdkt_xl.excel import available_jobs, main  # noqa: E402
from tdkt_xl.vocabulary import cells, schema as S  # noqa: E402
from tdkt_xl.io import controls as K

CLICK = dt.datetime(2024, 7, 1, 9, 0)


def with_job(arrays, job):
    a = {k: [list(r) for r in v] for k, v in arrays.items()}
    for row in a[S.CONTROL.name]:
        if row and isinstance(row[0], str) and cells.norm_text(row[0]) == K.OPT_JOB:
            row[1] = job
    return a


def one_click(arrays, active):
    payload = X.payload_from_arrays(arrays, active=active)
    X.open_book(payload)
    with tempfile.TemporaryDirectory() as tmp, X.count_range_io() as c:
        t = time.perf_counter()
        out = main(folder=tmp, clock=lambda: CLICK)
        secs = time.perf_counter() - t
    return out, sum(c["reads"].values()), sum(c["writes"].values()), secs


def main_() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=2000)
    args = ap.parse_args()
    arrays, where = X.shipped_or_example()
    print(f"workbook: {where}")
    print(f"{'job':32} {'reads':>5} {'writes':>6} {'seconds':>8}  ok")
    for job in available_jobs():
        if job == K.JOB_MERGE:
            continue   # needs an inbox folder of returned files
        out, r, w, s = one_click(with_job(arrays, job), S.CONTROL.name)
        print(f"{job:32} {r:5d} {w:6d} {s:8.2f}  {out.ok}")
    big = X.scaled(arrays, args.units)
    out, r, w, s = one_click(big, S.UNITS.name)
    print(f"{K.JOB_VALIDATE + f' ({args.units} đơn vị)':32} {r:5d} {w:6d} {s:8.2f}  {out.ok}")


if __name__ == "__main__":
    main_()
