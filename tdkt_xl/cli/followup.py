"""`tdkt followup WORKBOOK --out DIR [--as-of DATE] [--force]`: open and
overdue recommendations (theo_doi_khac_phuc.xlsx) and one Công văn đôn đốc per
unit with overdue items."""
from __future__ import annotations

import sys
from pathlib import Path

EXIT_OK, EXIT_BLOCKED, EXIT_UNREADABLE = 0, 1, 2


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "followup", help="Theo dõi khắc phục kiến nghị; công văn đôn đốc đơn vị quá hạn.",
        description="Lập bảng theo dõi kiến nghị chưa khắc phục, quá hạn (theo_doi_khac_phuc.xlsx) "
                    "và công văn đôn đốc (…/HĐTĐKT-PNV) cho từng đơn vị có kiến nghị quá hạn. "
                    "Mã thoát: 0 đã lập, 1 có công văn chưa lập được, 2 không đọc được sổ tính.")
    p.add_argument("workbook", metavar="SỔ_TÍNH", help="Đường dẫn sổ tính (tdkt_2024.xlsm).")
    p.add_argument("--out", required=True, metavar="THƯ_MỤC",
                   help="Thư mục ghi kết quả (không bao giờ ghi vào sổ tính).")
    p.add_argument("--as-of", metavar="NGÀY", default=None,
                   help="Ngày tính quá hạn (dd/mm/yyyy; mặc định: hôm nay).")
    p.add_argument("--force", action="store_true",
                   help="Ghi đè cả tệp đã được sửa sau lần tạo trước.")
    p.set_defaults(func=run)


def run(args) -> int:
    from tdkt_xl.cli._common import parse_date_arg
    from tdkt_xl.documents.render import TemplateProblem, templates_dir
    from tdkt_xl.vocabulary import cells
    from tdkt_xl.io.reader import WorkbookError
    from tdkt_xl.io.sources import read_workbook
    from tdkt_xl.reports.followup import make_followup

    try:
        as_of = parse_date_arg(args.as_of, today_if_blank=True)
    except cells.BadValue as e:
        print(f"Lỗi: --as-of: {e}.", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        rr = read_workbook(Path(args.workbook))
    except WorkbookError as e:
        print(f"Lỗi: {e}", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        result = make_followup(rr.round, Path(args.out), as_of=as_of,
                               templates=templates_dir(args.workbook), force=args.force)
    except (TemplateProblem, ValueError) as e:
        print(f"Lỗi: {e}", file=sys.stderr)
        return EXIT_UNREADABLE
    except OSError as e:
        print(f"Lỗi: không ghi được vào thư mục '{args.out}' ({e.strerror or e}). Nếu tệp đang "
              "mở trong Word/Excel, hãy đóng lại rồi chạy lại.", file=sys.stderr)
        return EXIT_UNREADABLE
    print(result.text())
    return EXIT_BLOCKED if result.skipped else EXIT_OK
