"""Shared plumbing of the document commands (notices, minutes, decision)."""
from __future__ import annotations

import sys
from pathlib import Path

EXIT_OK, EXIT_SKIPPED, EXIT_UNREADABLE = 0, 1, 2


def add_common(p, per_unit: bool) -> None:
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


def run_kinds(args, kinds) -> int:
    from tdkt_xl.documents.service import generate_documents
    from tdkt_xl.vocabulary import cells
    from tdkt_xl.io.reader import WorkbookError

    as_of = None
    if getattr(args, "as_of", None):
        try:
            as_of = cells.to_date(args.as_of)
        except cells.BadValue as e:
            print(f"Lỗi: --as-of: {e}.", file=sys.stderr)
            return EXIT_UNREADABLE
    try:
        summary = generate_documents(Path(args.workbook), Path(args.out), kinds=kinds,
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
