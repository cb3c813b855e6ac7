"""`tdkt decision|notices|minutes WORKBOOK --out DIR [--unit CODE] [--pdf] [--force] [--as-of DATE]`:
the official documents, one subcommand per ``command`` of the document kinds table
(``vocabulary.doc_kinds``); a kind added to the table gets its command here, unchanged."""
from __future__ import annotations

import sys
from pathlib import Path

from tdkt_xl.vocabulary import doc_kinds as DK

EXIT_OK, EXIT_SKIPPED, EXIT_UNREADABLE = 0, 1, 2


def _file(kind: DK.Kind) -> str:
    return kind.file_name.replace("{code}", "<mã>")


def register(subparsers) -> None:
    for command, keys in DK.grouped("command").items():
        kinds = [DK.KINDS[k] for k in keys]
        per_unit = any(k.per_unit for k in kinds)
        made = "; ".join(f"{k.doc_kind}{' của từng đơn vị' if k.per_unit else ''} ({_file(k)})"
                         for k in kinds)
        unit_note = (" Với --unit: chỉ văn bản của một đơn vị (không tạo văn bản chung)."
                     if per_unit and not all(k.per_unit for k in kinds) else "")
        p = subparsers.add_parser(
            command, help=f"Tạo {' và '.join(k.doc_kind for k in kinds)}.",
            description=f"Tạo {made}.{unit_note} Mã thoát: 0 đủ văn bản, 1 có văn bản chưa tạo "
                        "được, 2 không đọc được sổ tính.")
        _arguments(p, per_unit)
        p.set_defaults(func=run, kinds=keys)


def _arguments(p, per_unit: bool) -> None:
    p.add_argument("workbook", metavar="SỔ_TÍNH", help="Đường dẫn sổ tính (tdkt_2024.xlsm).")
    p.add_argument("--out", required=True, metavar="THƯ_MỤC",
                   help="Thư mục ghi văn bản (không bao giờ ghi vào sổ tính).")
    if per_unit:
        p.add_argument("--unit", metavar="MÃ", default=None,
                       help="Chỉ tạo cho một đơn vị (mã đơn vị).")
    p.add_argument("--pdf", action="store_true", help="Tạo thêm bản PDF (cần LibreOffice).")
    p.add_argument("--force", action="store_true",
                   help="Ghi đè cả tệp đã được sửa sau lần tạo trước (mặc định: giữ tệp đã sửa, "
                        "ghi bản mới bên cạnh).")
    p.add_argument("--as-of", metavar="NGÀY", default=None,
                   help="Ngày đối chiếu khi kiểm tra dữ liệu (dd/mm/yyyy; mặc định: ngày kiểm "
                        "tra cuối cùng trong lịch).")


def run(args) -> int:
    from tdkt_xl.cli._common import parse_date_arg
    from tdkt_xl.documents.service import generate_documents
    from tdkt_xl.io.reader import WorkbookError
    from tdkt_xl.vocabulary import cells

    try:
        as_of = parse_date_arg(args.as_of)
    except cells.BadValue as e:
        print(f"Lỗi: --as-of: {e}.", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        summary = generate_documents(Path(args.workbook), Path(args.out), kinds=args.kinds,
                                     unit=getattr(args, "unit", None), pdf=args.pdf,
                                     force=args.force, as_of=as_of)
    except WorkbookError as e:
        print(f"Lỗi: {e}", file=sys.stderr)
        return EXIT_UNREADABLE
    except OSError as e:
        print(f"Lỗi: không ghi được vào thư mục '{args.out}' ({e.strerror or e}).", file=sys.stderr)
        return EXIT_UNREADABLE
    for line in summary.lines():
        print(line)
    return EXIT_OK if summary.ok else EXIT_SKIPPED
