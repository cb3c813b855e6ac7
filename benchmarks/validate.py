"""Benchmark of `tdkt validate`: read + validate as a whole process from the
shell (interpreter start, imports, reading, rules, printing), median of
several runs, on the shipped workbook and on a synthetic round of 2,000
units and inspections (written with XlsxWriter into a temporary folder).

    python benchmarks/validate.py [--runs 7]

Targets: shipped workbook < 0.5 s, synthetic < 2 s.
"""
from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tdkt_xl.builder.example import example_sheets  # noqa: E402
from tdkt_xl.vocabulary import schema as S  # noqa: E402
from tdkt_xl.model.calendar import WorkCalendar  # noqa: E402

AS_OF = "31/12/2024"


def write_workbook(path: Path, sheets: dict) -> Path:
    """A minimal writer of the model sheets (values only, real dates/times)."""
    import xlsxwriter
    wb = xlsxwriter.Workbook(str(path))
    fmt_date = wb.add_format({"num_format": "dd/mm/yyyy"})
    fmt_time = wb.add_format({"num_format": "hh:mm"})
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v is None or v == "":
                    continue
                if isinstance(v, dt.date):
                    ws.write_datetime(r, c, dt.datetime.combine(v, dt.time()), fmt_date)
                elif isinstance(v, dt.time):
                    ws.write_datetime(r, c, v, fmt_time)
                else:
                    ws.write(r, c, v)
    wb.close()
    return path


def synthetic_sheets(n: int = 2000) -> dict:
    """A valid round of n units, each inspected once on a working day of the
    window, with its delegation, full results, evaluation and a recommendation."""
    ex = example_sheets()
    cal = WorkCalendar()
    days, d = [], dt.date(2024, 4, 1)
    while d <= dt.date(2024, 9, 30):
        if cal.is_working_day(d):
            days.append(d)
        d += dt.timedelta(days=1)
    per_session = -(-n // (len(days) * 2))          # parallel delegations per session
    members = [S.MEMBERS.headers, ["Chủ tịch Hội đồng", "Chủ tịch UBND huyện", "UBND huyện", "",
                                   "Chủ tịch", "", ""]]
    for k in range(per_session):
        members += [[f"Phó Chủ tịch {k}", "Phó Chủ tịch", "UBND", "", "Phó Chủ tịch", "", ""],
                    [f"Lãnh đạo PNV {k}", "Phó Trưởng phòng", "Phòng Nội vụ", "", "Thành viên",
                     "Lãnh đạo", ""],
                    [f"Chuyên viên PNV {k}", "Chuyên viên", "Phòng Nội vụ", "", "", "Chuyên viên",
                     ""],
                    [f"Thành viên {k}", "Trưởng phòng", "Phòng", "", "Thành viên", "", ""]]
    units = [S.UNITS.headers]
    sched = [["Mã đơn vị", "Ngày kiểm tra", "Buổi", "Giờ bắt đầu", "Địa điểm",
              "Ngày gửi thông báo", "Ngày nhận báo cáo", "Hình thức"]]
    deleg = [["Mã đơn vị", "Họ và tên", "Nhiệm vụ trong Đoàn"]]
    items = [(r[0], r[3]) for r in ex["Nội dung kiểm tra"][1:]]
    results = [["Mã đơn vị", "Mã nội dung", "Đánh giá", "Nhận xét"]]
    evals = [ex["Đánh giá chung"][0]]
    recs = [["Mã đơn vị", "Nội dung kiến nghị", "Hạn khắc phục", "Ngày nhận báo cáo khắc phục",
             "Tình trạng"]]
    for i in range(n):
        code = f"DV{i:04d}"
        commune = i % 2 == 1
        block = "Khối xã, thị trấn" if commune else "Khối cơ quan, đơn vị cấp huyện"
        slot, k = divmod(i, per_session)
        day, afternoon = days[slot // 2], slot % 2 == 1
        units.append([code, f"Đơn vị thử {i}", block, f"Thủ trưởng {i}", "Chủ tịch UBND xã",
                      "Chi Lăng", "", f"Thành viên {k}", "Có"])
        sched.append([code, day, "Chiều" if afternoon else "Sáng",
                      dt.time(14) if afternoon else dt.time(8), f"Hội trường {i}",
                      day - dt.timedelta(days=7), day - dt.timedelta(days=4), "Trực tiếp"])
        deleg += [[code, f"Phó Chủ tịch {k}", "Trưởng đoàn"],
                  [code, f"Thành viên {k}", "Thành viên"],
                  [code, f"Lãnh đạo PNV {k}", "Phó Trưởng đoàn"],
                  [code, f"Chuyên viên PNV {k}", "Thư ký"]]
        for item, applies in items:
            if applies in ("Tất cả", block):
                results.append([code, item, "Đạt", "Thực hiện đầy đủ."])
        evals.append([code, dt.time(17) if afternoon else dt.time(11), "Thủ trưởng",
                      f"Phó Chủ tịch {k}", f"Chuyên viên PNV {k}", "Ưu điểm.", "Hạn chế.",
                      "Thống nhất."])
        recs.append([code, "Tiếp tục duy trì.", day + dt.timedelta(days=30),
                     day + dt.timedelta(days=20), "Đã khắc phục"])
    settings = [row[:] for row in ex["Cấu hình"]]
    for row in settings:
        if row[0] == "Người ký":
            row[1] = "Chủ tịch Hội đồng"
    return {"Cấu hình": settings, "Đơn vị": units, "Thành viên": members,
            "Lịch kiểm tra": sched, "Thành phần đoàn": deleg,
            "Nội dung kiểm tra": ex["Nội dung kiểm tra"], "Kết quả kiểm tra": results,
            "Đánh giá chung": evals, "Kiến nghị": recs, "Văn bản": [S.DOCUMENTS.headers]}


def tdkt_command() -> list:
    exe = shutil.which("tdkt")
    return [exe] if exe else [sys.executable, "-m", "tdkt_xl.cli"]


def whole_process(path: Path, runs: int) -> tuple[float, int, str]:
    cmd = tdkt_command() + ["validate", str(path), "--as-of", AS_OF]
    times, rc, last = [], None, ""
    for _ in range(runs):
        t0 = time.perf_counter()
        p = subprocess.run(cmd, capture_output=True, text=True)
        times.append(time.perf_counter() - t0)
        rc, last = p.returncode, (p.stdout or p.stderr).strip().splitlines()[-2:]
    return statistics.median(times), rc, " / ".join(last)


def in_process(path: Path) -> tuple[float, float, int]:
    from tdkt_xl.io.sources import read_workbook
    from tdkt_xl.gate import validate
    t0 = time.perf_counter()
    res = read_workbook(path)
    t1 = time.perf_counter()
    report = validate(res, dt.date(2024, 12, 31))
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, len(report.findings)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--units", type=int, default=2000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        shipped = ROOT / "workbook" / "tdkt_2024.xlsm"
        label = "shipped workbook/tdkt_2024.xlsm"
        if not shipped.exists():
            shipped = write_workbook(tmp / "example.xlsx", example_sheets())
            label = "example round (workbook not built yet; written from the CSVs)"
        t0 = time.perf_counter()
        synth = write_workbook(tmp / "synthetic.xlsx", synthetic_sheets(args.units))
        gen = time.perf_counter() - t0
        print(f"command: {' '.join(tdkt_command())} validate FILE --as-of {AS_OF}; "
              f"median of {args.runs} runs")
        for name, path, target in ((label, shipped, 0.5),
                                   (f"synthetic, {args.units} units and inspections "
                                    f"(generated in {gen:.1f} s)", synth, 2.0)):
            med, rc, tail = whole_process(path, args.runs)
            read_s, rules_s, n = in_process(path)
            verdict = "OK" if med < target else "SLOWER THAN TARGET"
            print(f"- {name}\n    whole process {med:.3f} s (target < {target} s: {verdict}), "
                  f"exit {rc}\n    in process: read {read_s:.3f} s, rules {rules_s:.3f} s, "
                  f"{n} findings\n    last lines: {tail}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
