"""`tdkt followup WORKBOOK --out DIR [--as-of DATE] [--force]`: open and
overdue recommendations (theo_doi_khac_phuc.xlsx) and one Công văn đôn đốc per
unit with overdue items."""
from __future__ import annotations

from pathlib import Path

from tdkt_xl.cli import _common as C


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "followup", help="Theo dõi khắc phục kiến nghị; công văn đôn đốc đơn vị quá hạn.",
        description="Lập bảng theo dõi kiến nghị chưa khắc phục, quá hạn (theo_doi_khac_phuc.xlsx) "
                    "và công văn đôn đốc (…/HĐTĐKT-…) cho từng đơn vị có kiến nghị quá hạn. "
                    "Mã thoát: 0 đã lập, 1 có công văn chưa lập được, 2 không đọc được sổ tính.")
    C.add_workbook(p)
    C.add_out(p)
    C.add_as_of(p, "Ngày tính quá hạn", "hôm nay")
    C.add_force(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from tdkt_xl.documents.render import templates_dir
    from tdkt_xl.reports.followup import make_followup
    result = make_followup(Path(args.workbook), Path(args.out), as_of=C.as_of_or_today(args),
                           templates=templates_dir(args.workbook), force=args.force)
    print(result.text())
    return C.EXIT_PROBLEMS if result.skipped else C.EXIT_OK
