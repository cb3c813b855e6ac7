"""`tdkt validate [WORKBOOK] [--json] [--as-of DATE]`: check the master workbook.

Exit codes (``_common``): 0 no error (warnings allowed), 1 errors, 2 the
workbook cannot be read at all (or a bad option).  ``--as-of`` defaults to today.
"""
from __future__ import annotations

import json
from pathlib import Path

from tdkt_xl.cli import _common as C


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "validate", help="Kiểm tra dữ liệu sổ tính (lỗi, cảnh báo, ô cần sửa).",
        description="Kiểm tra dữ liệu của sổ tính tdkt. Mã thoát: 0 không có lỗi (có thể có "
                    "cảnh báo), 1 có lỗi, 2 không đọc được sổ tính.")
    C.add_workbook(p, optional=True)
    C.add_json(p, '{"findings": [...]}')
    p.add_argument("--appendices", metavar="TỆP", default=None,
                   help="Sổ tổng hợp phụ lục (Tong_hop_phu_luc.xlsx do 'tdkt merge' tạo): cảnh báo "
                        "đánh giá, số liệu trái với phụ lục đơn vị gửi.")
    C.add_as_of(p, "Ngày đối chiếu", "hôm nay")
    p.set_defaults(func=run)


def run(args) -> int:
    from tdkt_xl.gate import validate_workbook
    path = C.workbook_path(args)
    report = validate_workbook(path, C.as_of_or_today(args))
    if args.appendices and report.round is not None:
        from tdkt_xl.appendices.crosscheck import contradictions
        report.findings.extend(contradictions(report.round, Path(args.appendices)))
    C.emit(json.dumps(report.as_dict(), ensure_ascii=False, indent=1) if args.json
           else format_report(report, path.name))
    return C.EXIT_PROBLEMS if report.errors else C.EXIT_OK


def format_table(rows: list, headers) -> str:
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
    """The findings table (the columns of the ``Lỗi dữ liệu`` sheet), the
    summary line and the legal texts in force for the plan's dates."""
    from tdkt_xl.vocabulary.findings import finding_headers, finding_row
    out = []
    if report.findings:
        out.append(format_table([finding_row(f) for f in report.findings], finding_headers()))
        out.append("")
    out.append(summary(report, name))
    if report.basis:
        laws = "; ".join(law.name for law in report.basis)
        out.append(f"Căn cứ pháp lý theo ngày của Kế hoạch: {laws}.")
    return "\n".join(out)
