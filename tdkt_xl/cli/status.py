"""`tdkt status WORKBOOK [--docs DIR] [--appendices FILE] [--as-of DATE] [--json]`:
the round at a glance, one row per unit.  Exit 0, or 2 when an input cannot be read."""
from __future__ import annotations

from pathlib import Path

from tdkt_xl.cli import _common as C


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "status", help="Tình hình đợt kiểm tra theo từng đơn vị (như trang Tổng quan).",
        description="Mỗi đơn vị một dòng: thông báo đã gửi, báo cáo của đơn vị (đúng hạn/trễ), "
                    "đã kiểm tra, biên bản, phụ lục (đã tổng hợp/bị từ chối, có mã), kiến nghị "
                    "đang mở/quá hạn/đã khắc phục; số liệu chung ở đầu. Chỉ đọc sổ tính, các "
                    "tệp manifest.json của thư mục kết quả và bảng tổng hợp phụ lục gần nhất. "
                    "Mã thoát: 0, hoặc 2 khi không đọc được dữ liệu.")
    C.add_workbook(p)
    p.add_argument("--docs", default=None, metavar="THƯ_MỤC",
                   help="Thư mục kết quả (đọc các manifest.json và sổ tổng hợp phụ lục trong đó).")
    p.add_argument("--appendices", default=None, metavar="TỆP",
                   help="Sổ tổng hợp phụ lục (mặc định: tệp mới nhất trong --docs, hoặc trang "
                        "'Tổng hợp phụ lục' của sổ tính).")
    C.add_as_of(p, "Tính đến ngày", "hôm nay")
    C.add_json(p, '{"as_of", "counts", "notes": [...], "units": [...]}')
    p.set_defaults(func=run)


def run(args) -> int:
    from tdkt_xl.io.sources import read_file_arrays, read_workbook
    from tdkt_xl.overview import status as ST
    from tdkt_xl.vocabulary import schema as S
    workbook = Path(args.workbook)
    docs = Path(args.docs) if args.docs else None
    if docs is not None and not docs.is_dir():
        raise C.UsageError(f"Không tìm thấy thư mục kết quả '{docs}'.")
    rnd = read_workbook(workbook).round
    merged_file = Path(args.appendices) if args.appendices else ST.latest_merge_file(docs)
    if merged_file is not None:
        merged = ST.read_merge_summary(merged_file)
    else:
        own = read_file_arrays(workbook, [S.APPENDIX_SUMMARY.name]).get(S.APPENDIX_SUMMARY.name)
        merged = ST.merge_states(own) or None
    notes: list = []
    made = ST.manifest_entries(docs, notes)
    result = ST.round_status(rnd, C.as_of_or_today(args), made, merged, notes)
    if args.json:
        C.emit(result.to_json())
    else:
        C.emit("\n".join([result.summary(), *(f"Lưu ý: {n}." for n in result.notes), "", result.table()]))
    return C.EXIT_OK
