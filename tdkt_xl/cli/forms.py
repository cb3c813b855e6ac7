"""`tdkt forms WORKBOOK --out DIR [--unit CODE]`: the Phụ lục I-III form (.xlsx)
and the report outline (.docx) for each unit selected for inspection.

Exit codes: 0 done, 1 some units skipped (blocking data errors), 2 the
workbook cannot be read or nothing can be written.
"""
from __future__ import annotations

import sys
from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "forms", help="Tạo biểu mẫu Phụ lục I, II, III và đề cương báo cáo gửi các đơn vị.",
        description="Tạo cho mỗi đơn vị được chọn kiểm tra một tệp Excel Phụ lục I, II, III (đã điền "
                    "sẵn mã, tên đơn vị, kỳ báo cáo; khóa các ô không được sửa) và một đề cương báo cáo (.docx).")
    p.add_argument("workbook", metavar="SỔ_TÍNH", help="Đường dẫn sổ tính (tdkt_2024.xlsm).")
    p.add_argument("--out", required=True, metavar="THƯ_MỤC", help="Thư mục ghi biểu mẫu.")
    p.add_argument("--unit", metavar="MÃ", default=None, help="Chỉ tạo cho một đơn vị (mã đơn vị).")
    p.add_argument("--as-of", metavar="NGÀY", default=None,
                   help="Ngày đối chiếu khi kiểm tra dữ liệu sổ tính trước khi tạo (dd/mm/yyyy; mặc định: hôm nay).")
    p.set_defaults(func=run)


def run(args) -> int:
    from tdkt_xl.appendices.service import make_forms
    from tdkt_xl.io.reader import WorkbookError
    from tdkt_xl.io.sources import read_workbook
    from tdkt_xl.vocabulary.findings import JOB_FORMS

    from tdkt_xl.cli._common import parse_date_arg
    from tdkt_xl.vocabulary import cells
    from tdkt_xl import gate

    try:
        as_of = parse_date_arg(args.as_of, today_if_blank=True)      # only decides which data errors block; never printed in files
    except cells.BadValue as e:
        print(f"Lỗi: --as-of: {e}.", file=sys.stderr)
        return 2
    try:
        checked = gate.check(read_workbook(Path(args.workbook)), as_of)
        try:
            blocked = checked.per_unit(JOB_FORMS)
        except gate.Blocked as e:
            print(f"Lỗi: {e} (chạy 'tdkt validate' để xem tất cả).", file=sys.stderr)
            return 2
        summary = make_forms(checked.round, Path(args.out), unit=args.unit, skip=blocked)
    except WorkbookError as e:
        print(f"Lỗi: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"Lỗi: không ghi được vào thư mục '{args.out}' ({e.strerror or e}).", file=sys.stderr)
        return 2
    print(summary.text())
    return 1 if summary.skipped else 0
