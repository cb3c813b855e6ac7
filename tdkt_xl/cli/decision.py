"""`tdkt decision WORKBOOK --out DIR [--pdf] [--force]`: Quyết định thành lập Đoàn kiểm tra."""
from __future__ import annotations


def register(subparsers) -> None:
    from tdkt_xl.documents.cli_support import add_common
    p = subparsers.add_parser(
        "decision", help="Tạo Quyết định thành lập Đoàn kiểm tra.",
        description="Tạo Quyết định thành lập Đoàn kiểm tra (QD_thanh_lap_doan.docx). "
                    "Mã thoát: 0 đã tạo, 1 chưa tạo được, 2 không đọc được sổ tính.")
    add_common(p, per_unit=False)
    p.set_defaults(func=run)


def run(args) -> int:
    from tdkt_xl.documents.cli_support import run_kinds
    return run_kinds(args, ("decision",))
