"""`tdkt decision|notices|minutes WORKBOOK --out DIR [--unit CODE] [--pdf] [--force] [--as-of DATE]`
(`minutes`: also `[--appendices FILE]`):
the official documents, one subcommand per ``command`` of the document kinds table
(``vocabulary.doc_kinds``); a kind added to the table gets its command here, unchanged."""
from __future__ import annotations

from pathlib import Path

from tdkt_xl.cli import _common as C
from tdkt_xl.vocabulary import doc_kinds as DK


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
        _arguments(p, per_unit, DK.MINUTES.key in keys)
        p.set_defaults(func=run, kinds=keys)


def _arguments(p, per_unit: bool, states_appendices: bool = False) -> None:
    C.add_workbook(p)
    C.add_out(p, "văn bản")
    if per_unit:
        C.add_unit(p)
    if states_appendices:
        p.add_argument("--appendices", default=None, metavar="TỆP",
                       help="Sổ tổng hợp phụ lục (Tong_hop_phu_luc.xlsx do 'tdkt merge' tạo): biên "
                            "bản ghi số liệu khen thưởng của đơn vị theo phụ lục đã tổng hợp (mặc "
                            "định: tệp Tong_hop_phu_luc mới nhất trong thư mục 'Tổng hợp phụ lục' "
                            "của thư mục kết quả).")
    C.add_pdf(p)
    C.add_force(p)
    C.add_as_of(p, "Ngày đối chiếu khi kiểm tra dữ liệu", "ngày kiểm tra cuối cùng trong lịch")


def run(args) -> int:
    from tdkt_xl.documents.service import generate_documents
    summary = generate_documents(Path(args.workbook), Path(args.out), kinds=args.kinds,
                                 unit=getattr(args, "unit", None), pdf=args.pdf,
                                 force=args.force, as_of=args.as_of,
                                 appendices=getattr(args, "appendices", None))
    for line in summary.lines():
        print(line)
    return C.EXIT_OK if summary.ok else C.EXIT_PROBLEMS
