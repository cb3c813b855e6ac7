"""`tdkt notices WORKBOOK --out DIR [--unit CODE] [--pdf] [--force]`: Thông báo lịch kiểm tra."""
from __future__ import annotations


def register(subparsers) -> None:
    from tdkt_xl.documents.cli_support import add_common
    p = subparsers.add_parser(
        "notices", help="Tạo Thông báo lịch kiểm tra (từng đơn vị và bản tổng hợp).",
        description="Tạo Thông báo lịch kiểm tra cho từng đơn vị (TB_<mã>.docx) và bản tổng hợp "
                    "cho thành viên Hội đồng (TB_tong_hop.docx; không tạo khi dùng --unit). "
                    "Mã thoát: 0 đủ văn bản, 1 có văn bản chưa tạo được, 2 không đọc được sổ tính.")
    add_common(p, per_unit=True)
    p.set_defaults(func=run)


def run(args) -> int:
    from tdkt_xl.documents.cli_support import run_kinds
    return run_kinds(args, ("notice_all", "notice"))
