"""`tdkt check-round WORKBOOK --docs DIR [--appendices FILE] [--json]`: read
back every generated document of a round and say what would make a văn thư
send it back.  Exit 0 ready to sign, 1 problems found, 2 inputs unreadable."""
from __future__ import annotations

import sys
from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "check-round", help="Rà soát toàn bộ văn bản đã tạo của đợt kiểm tra trước khi trình ký.",
        description="Đọc lại mọi tệp .docx, .xlsx trong thư mục kết quả (kể cả đã sửa bằng Word, "
                    "đã đổi tên) và báo theo từng văn bản: chỗ trống chưa điền, dữ liệu ví dụ, "
                    "thông tin khác nhau giữa các văn bản, hạn vào ngày nghỉ, sai thể thức, số "
                    "liệu khác sổ tính hoặc phụ lục, văn bản còn thiếu. Mã thoát: 0 sẵn sàng "
                    "trình ký, 1 có vấn đề, 2 không đọc được sổ tính hoặc thư mục.")
    p.add_argument("workbook", metavar="SỔ_TÍNH", help="Sổ tính chính (.xlsm/.xlsx).")
    p.add_argument("--docs", required=True, metavar="THƯ_MỤC",
                   help="Thư mục văn bản đã tạo (ví dụ ket_qua).")
    p.add_argument("--appendices", default=None, metavar="TỆP",
                   help="Sổ tổng hợp phụ lục (mặc định: tệp Tong_hop_phu_luc trong thư mục).")
    p.add_argument("--json", action="store_true", help="In kết quả dạng JSON.")
    p.set_defaults(func=run)


def run(args) -> int:
    from tdkt_xl.roundcheck.service import CannotCheck, check_round
    try:
        result = check_round(Path(args.workbook), Path(args.docs),
                             Path(args.appendices) if args.appendices else None)
    except CannotCheck as e:
        print(f"Lỗi: {e}", file=sys.stderr)
        return 2
    if args.json:
        print(result.to_json())
    else:
        print(result.table())
        print()
        print(result.summary())
    return 0 if result.ready else 1
