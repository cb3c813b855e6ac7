"""`tdkt validate WORKBOOK [--json] [--as-of DATE]`: check the master workbook.

Exit codes: 0 no error (warnings allowed), 1 errors, 2 the workbook cannot be
read at all (or a bad option).  ``--as-of`` defaults to today: the only place
the validator reads the clock.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2
HEADERS = ("Mã", "Mức độ", "Trang", "Ô", "Đơn vị", "Nội dung")


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "validate", help="Kiểm tra dữ liệu sổ tính (lỗi, cảnh báo, ô cần sửa).",
        description="Kiểm tra dữ liệu của sổ tính tdkt. Mã thoát: 0 không có lỗi (có thể có "
                    "cảnh báo), 1 có lỗi, 2 không đọc được sổ tính.")
    p.add_argument("workbook", nargs="?", metavar="SỔ_TÍNH",
                   help="Đường dẫn sổ tính (mặc định: workbook/tdkt_2024.xlsm).")
    p.add_argument("--json", action="store_true", help='In kết quả dạng JSON {"findings": [...]}.')
    p.add_argument("--appendices", metavar="TỆP", default=None,
                   help="Sổ tổng hợp phụ lục (Tong_hop_phu_luc.xlsx do 'tdkt merge' tạo): cảnh báo "
                        "đánh giá, số liệu trái với phụ lục đơn vị gửi.")
    p.add_argument("--as-of", metavar="NGÀY", default=None,
                   help="Ngày đối chiếu (dd/mm/yyyy hoặc yyyy-mm-dd; mặc định: hôm nay).")
    p.set_defaults(func=run)


def run(args) -> int:
    from tdkt_xl.cli._common import parse_date_arg
    from tdkt_xl.vocabulary import cells
    from tdkt_xl.io.reader import WorkbookError
    from tdkt_xl.gate import validate_workbook

    try:
        as_of = parse_date_arg(args.as_of, today_if_blank=True)
    except cells.BadValue as e:
        print(f"Lỗi: --as-of: {e}.", file=sys.stderr)
        return EXIT_UNREADABLE
    if args.workbook:
        path = Path(args.workbook)
    else:
        from tdkt_xl.cli._common import default_workbook
        path = default_workbook()
    try:
        report = validate_workbook(path, as_of)
        if args.appendices and report.round is not None:
            from tdkt_xl.appendices.crosscheck import contradictions
            report.findings.extend(contradictions(report.round, Path(args.appendices)))
    except WorkbookError as e:
        print(f"Lỗi: {e}", file=sys.stderr)
        return EXIT_UNREADABLE
    text = (json.dumps(report.as_dict(), ensure_ascii=False, indent=1) if args.json
            else format_report(report, path.name))
    emit(text)
    return EXIT_ERRORS if report.errors else EXIT_OK


def emit(text: str) -> None:
    """Print, tolerating a reader that stops early (`tdkt validate | head`)."""
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:
        import os
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def format_table(rows: list, headers=HEADERS) -> str:
    """A plain text table; the last column (the message) is not padded."""
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers) - 1)]
    lines = []
    for r in [headers, None, *rows]:
        if r is None:
            lines.append("  ".join("-" * w for w in widths) + "  " + "-" * len(headers[-1]))
            continue
        lines.append("  ".join(str(v).ljust(w) for v, w in zip(r, widths)) + "  " + str(r[-1]))
    return "\n".join(lines)


def summary(report, name: str) -> str:
    """One line: '<file> (đối chiếu ngày …): N lỗi, M cảnh báo — …' (also for `tdkt demo`)."""
    from tdkt_xl.vocabulary import cells
    n_err, n_warn = len(report.errors), len(report.warnings)
    as_of = cells.fmt_date(report.as_of)
    if not report.findings:
        return (f"Sổ tính {name} (đối chiếu ngày {as_of}): dữ liệu hợp lệ, không có lỗi, "
                "không có cảnh báo.")
    verdict = "cần sửa các lỗi trước khi tạo văn bản" if n_err else "không có lỗi"
    return f"Sổ tính {name} (đối chiếu ngày {as_of}): {n_err} lỗi, {n_warn} cảnh báo — {verdict}."


def format_report(report, name: str) -> str:
    """The table of findings (Mã, Mức độ, Trang, Ô, Đơn vị, Nội dung), the
    summary line and the legal texts in force for the plan's dates."""
    from tdkt_xl.vocabulary.findings import SEVERITY_VI
    out = []
    if report.findings:
        rows = [(f.code, SEVERITY_VI.get(f.severity, f.severity), f.sheet, f.cell, f.unit, f.message)
                for f in report.findings]
        out.append(format_table(rows))
        out.append("")
    out.append(summary(report, name))
    if report.basis:
        laws = "; ".join(law.law for law in report.basis)
        out.append(f"Căn cứ pháp lý theo ngày của Kế hoạch: {laws}.")
    return "\n".join(out)
