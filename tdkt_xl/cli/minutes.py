"""`tdkt minutes WORKBOOK --out DIR [--unit CODE] [--pdf] [--force]`: Biên bản kiểm tra."""
from __future__ import annotations


def register(subparsers) -> None:
    from tdkt_xl.documents.cli_support import add_common
    p = subparsers.add_parser(
        "minutes", help="Tạo Biên bản kiểm tra của từng đơn vị.",
        description="Tạo Biên bản kiểm tra cho từng đơn vị được kiểm tra (BB_<mã>.docx). "
                    "Mã thoát: 0 đủ văn bản, 1 có văn bản chưa tạo được, 2 không đọc được sổ tính.")
    add_common(p, per_unit=True)
    p.set_defaults(func=run)


def run(args) -> int:
    from tdkt_xl.documents.cli_support import run_kinds
    return run_kinds(args, ("minutes",))
