"""`tdkt report WORKBOOK [--appendices FILE] --out DIR [--as-of DATE] [--force]`:
Báo cáo kết quả kiểm tra (…/BC-HĐTĐKT) with charts and tong_hop_ket_qua.xlsx."""
from __future__ import annotations

import sys
from pathlib import Path

EXIT_OK, EXIT_BLOCKED, EXIT_UNREADABLE = 0, 1, 2


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "report", help="Lập Báo cáo kết quả kiểm tra (kèm biểu đồ, bảng tổng hợp).",
        description="Lập Báo cáo kết quả kiểm tra công tác thi đua, khen thưởng (…/BC-HĐTĐKT), "
                    "các biểu đồ (PNG) và sổ tính tong_hop_ket_qua.xlsx (trang Thống kê có biểu "
                    "đồ Excel). Mã thoát: 0 đã lập, 1 dữ liệu còn lỗi chặn báo cáo, 2 không đọc "
                    "được sổ tính hoặc tệp.")
    p.add_argument("workbook", metavar="SỔ_TÍNH", help="Đường dẫn sổ tính (tdkt_2024.xlsm).")
    p.add_argument("--out", required=True, metavar="THƯ_MỤC",
                   help="Thư mục ghi báo cáo (không bao giờ ghi vào sổ tính).")
    p.add_argument("--appendices", metavar="TỆP", default=None,
                   help="Sổ tính tổng hợp phụ lục do lệnh 'tdkt merge' tạo (Tong_hop_phu_luc.xlsx).")
    p.add_argument("--as-of", metavar="NGÀY", default=None,
                   help="Ngày tính tình trạng khắc phục (dd/mm/yyyy; mặc định: ngày ký báo cáo "
                        "ở trang Văn bản).")
    p.add_argument("--force", action="store_true",
                   help="Ghi đè cả tệp đã được sửa sau lần tạo trước.")
    p.set_defaults(func=run)


def run(args) -> int:
    from tdkt_xl.cli._common import parse_date_arg
    from tdkt_xl.documents.render import TemplateProblem, templates_dir
    from tdkt_xl.vocabulary import cells
    from tdkt_xl.io.reader import WorkbookError
    from tdkt_xl.io.sources import read_workbook
    from tdkt_xl.reports.appendix_stats import AppendixError
    from tdkt_xl.reports.context import Blocked
    from tdkt_xl.gate import Blocked as DataBlocked
    from tdkt_xl.reports.report import make_report

    try:
        as_of = parse_date_arg(args.as_of)
    except cells.BadValue as e:
        print(f"Lỗi: --as-of: {e}.", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        rr = read_workbook(Path(args.workbook))
    except WorkbookError as e:
        print(f"Lỗi: {e}", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        result = make_report(rr, Path(args.out), appendices=args.appendices, as_of=as_of,
                             templates=templates_dir(args.workbook), force=args.force)
    except DataBlocked as e:
        print(str(e), file=sys.stderr)
        print("Hãy sửa các ô nêu trên (hoặc chạy 'tdkt validate') rồi lập lại báo cáo.",
              file=sys.stderr)
        return EXIT_BLOCKED
    except Blocked as e:
        print(f"Lỗi: {e}", file=sys.stderr)
        return EXIT_BLOCKED
    except (AppendixError, TemplateProblem, ValueError) as e:
        print(f"Lỗi: {e}", file=sys.stderr)
        return EXIT_UNREADABLE
    except OSError as e:
        print(f"Lỗi: không ghi được vào thư mục '{args.out}' ({e.strerror or e}). Nếu tệp đang "
              "mở trong Word/Excel, hãy đóng lại rồi chạy lại.", file=sys.stderr)
        return EXIT_UNREADABLE
    print(result.text())
    return EXIT_OK
