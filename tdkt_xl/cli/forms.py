"""`tdkt forms WORKBOOK --out DIR [--unit CODE]`: the Phụ lục I-III form (.xlsx)
and the report outline (.docx) for each unit selected for inspection.

Exit codes: 0 done, 1 some units skipped or every unit blocked (data errors),
2 the workbook cannot be read or nothing can be written.
"""
from __future__ import annotations

from pathlib import Path

from tdkt_xl.cli import _common as C


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "forms", help="Tạo biểu mẫu Phụ lục I, II, III và đề cương báo cáo gửi các đơn vị.",
        description="Tạo cho mỗi đơn vị được chọn kiểm tra một tệp Excel Phụ lục I, II, III (đã điền "
                    "sẵn mã, tên đơn vị, kỳ báo cáo; khóa các ô không được sửa) và một đề cương báo cáo (.docx).")
    C.add_workbook(p)
    C.add_out(p, "biểu mẫu")
    C.add_unit(p, "biểu mẫu")
    # only decides which data errors block; never printed in the files
    C.add_as_of(p, "Ngày đối chiếu khi kiểm tra dữ liệu sổ tính trước khi tạo", "hôm nay")
    p.set_defaults(func=run)


def run(args) -> int:
    from tdkt_xl import gate
    from tdkt_xl.appendices.service import make_forms
    from tdkt_xl.vocabulary.findings import JOB_FORMS
    checked = gate.check(Path(args.workbook), C.as_of_or_today(args))
    blocked = checked.per_unit(JOB_FORMS)
    summary = make_forms(checked.round, Path(args.out), unit=args.unit, skip=blocked)
    print(summary.text())
    return C.EXIT_PROBLEMS if summary.skipped else C.EXIT_OK
