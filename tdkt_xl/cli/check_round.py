"""`tdkt check-round WORKBOOK --docs DIR [--appendices FILE] [--json]`: read
back every generated document of a round and say what would make a văn thư
send it back.  Exit 0 ready to sign, 1 problems found, 2 inputs unreadable."""
from __future__ import annotations

from pathlib import Path

from tdkt_xl.cli import _common as C


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
    C.add_json(p, "")
    p.set_defaults(func=run)


def run(args) -> int:
    from tdkt_xl.roundcheck.service import check_round
    result = check_round(Path(args.workbook), Path(args.docs),
                         Path(args.appendices) if args.appendices else None)
    if args.json:
        print(result.to_json())
    else:
        print(result.table())
        print()
        print(result.summary())
    return C.EXIT_OK if result.ready else C.EXIT_PROBLEMS
