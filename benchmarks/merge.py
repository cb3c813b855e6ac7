"""Merge time for 14, 200 and 2,000 returned appendix files.

Synthetic units (codes S0001…) are added to the example round; each gets a
copy of a filled form (made by `tdkt forms`, filled with openpyxl) whose
hidden unit code is rewritten.  Prints, per size: files, merge_inbox time
(read + check + recompute), and the time with the consolidated workbook and
report written.  Target: 2,000 files in under 10 s.

    python benchmarks/merge.py [--sizes 14 200 2000]
"""
from __future__ import annotations

import argparse
import copy
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tdkt_xl.appendices import load_spec, make_forms, merge, merge_inbox  # noqa: E402
from tdkt_xl.appendices.fill import fill_form, retag  # noqa: E402
from tdkt_xl.builder.example import example_sheets  # noqa: E402
from tdkt_xl.io.reader import read_round  # noqa: E402
from tdkt_xl.model import Unit  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "examples"))
from make_examples import unit_input  # noqa: E402


def main(argv=None) -> int:
    import random
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[14, 200, 2000])
    args = ap.parse_args(argv)
    spec = load_spec()
    base = read_round(example_sheets()).round
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        make_forms(base, tmp / "forms", unit="XQS")
        make_forms(base, tmp / "forms", unit="BTCHU")
        filled = {}
        for code, commune in (("XQS", True), ("BTCHU", False)):
            values, tables = unit_input(base.unit(code), random.Random(code))
            filled[code] = fill_form(spec, tmp / "forms" / f"Phu_luc_{code}.xlsx", tmp / f"filled_{code}.xlsx",
                                     values, tables, commune)
        print(f"{'tệp':>6} {'merge_inbox (s)':>16} {'ms/tệp':>8} {'tdkt merge: đọc + ghi (s)':>26}")
        for n in args.sizes:
            rnd = copy.deepcopy(base)
            inbox = tmp / f"inbox_{n}"
            inbox.mkdir()
            for i in range(n):
                code, src = ("XQS", filled["XQS"]) if i % 2 else ("BTCHU", filled["BTCHU"])
                new = f"S{i:05d}"
                template = base.unit(code)
                rnd.units.append(Unit(new, f"Đơn vị thử {i}", template.block, selected=True))
                retag(src, inbox / f"{new}.xlsx", code, new)
            t0 = time.perf_counter()
            res = merge_inbox(rnd, inbox)
            t1 = time.perf_counter()
            assert len(res.units) == n, [f.findings for f in res.files if f.status != "merged"][:3]
            t2 = time.perf_counter()
            merge(rnd, inbox, tmp / f"out_{n}")
            t3 = time.perf_counter()
            print(f"{n:>6} {t1 - t0:>16.2f} {1000 * (t1 - t0) / n:>8.2f} {t3 - t2:>26.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
