"""`tdkt report WORKBOOK [--appendices FILE] --out DIR [--as-of DATE] [--force]`:
Báo cáo kết quả kiểm tra (…/BC-HĐTĐKT) with charts and tong_hop_ket_qua.xlsx."""
from __future__ import annotations

from pathlib import Path

from tdkt_xl.cli import _common as C


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "report", help="Lập Báo cáo kết quả kiểm tra (kèm biểu đồ, bảng tổng hợp).",
        description="Lập Báo cáo kết quả kiểm tra công tác thi đua, khen thưởng (…/BC-HĐTĐKT), "
                    "có biểu đồ Word, và sổ tính tong_hop_ket_qua.xlsx (trang Thống kê có cùng các "
                    "biểu đồ). Mã thoát: 0 đã lập, 1 dữ liệu còn lỗi chặn báo cáo, 2 không đọc "
                    "được sổ tính hoặc tệp.")
    C.add_workbook(p)
    C.add_out(p, "báo cáo")
    p.add_argument("--appendices", metavar="TỆP", default=None,
                   help="Sổ tính tổng hợp phụ lục do lệnh 'tdkt merge' tạo (Tong_hop_phu_luc.xlsx).")
    C.add_as_of(p, "Ngày tính tình trạng khắc phục", "ngày ký báo cáo ở trang Văn bản")
    C.add_force(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from tdkt_xl.documents.render import templates_dir
    from tdkt_xl.reports.report import make_report
    result = make_report(Path(args.workbook), Path(args.out), appendices=args.appendices,
                         as_of=args.as_of, templates=templates_dir(args.workbook),
                         force=args.force)
    text = result.text()
    if not result.with_appendices:
        text += "\n  (Để kèm số liệu: chạy 'tdkt merge' rồi thêm --appendices TỆP.)"
    print(text)
    return C.EXIT_OK
