"""`tdkt check-docx FILE... [--kind K]`: check a document against the NĐ 30 layout."""
from __future__ import annotations

import sys
from pathlib import Path

from tdkt_xl.vocabulary.doc_kinds import KINDS

KIND_CHOICES = tuple(KINDS) + ("attachment",)


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "check-docx", help="Kiểm tra thể thức văn bản Word theo Nghị định 30/2020/NĐ-CP.",
        description="Kiểm tra thể thức (khổ giấy, lề, phông, cỡ chữ, tiêu đề, số ký hiệu, ngày "
                    "tháng, nơi nhận, chữ ký…) của văn bản .docx theo Nghị định 30/2020/NĐ-CP. "
                    "Mã thoát: 0 đạt, 1 có lỗi thể thức, 2 không đọc được tệp.")
    p.add_argument("files", nargs="+", metavar="TỆP", help="Tệp .docx cần kiểm tra.")
    p.add_argument("--kind", choices=KIND_CHOICES, default=None,
                   help="Loại văn bản (mặc định: nhận biết theo dòng 'Số:'); attachment: phụ lục, đề cương "
                        "kèm theo văn bản (không có phần tiêu đề, có dòng '(Kèm theo …)').")
    p.set_defaults(func=run)


def run(args) -> int:
    from tdkt_xl.documents.nd30_check import check_docx
    worst = 0
    for f in args.files:
        path = Path(f)
        if not path.is_file():
            print(f"{f}: không tìm thấy tệp.", file=sys.stderr)
            worst = 2
            continue
        problems = check_docx(path, args.kind)
        if any(p.rule == "file" for p in problems):
            print(f"{f}: {problems[0].message}", file=sys.stderr)
            worst = 2
            continue
        if problems:
            print(f"{f}: {len(problems)} lỗi thể thức")
            for p in problems:
                print(f"  - {p.message}")
            worst = max(worst, 1)
        else:
            print(f"{f}: đạt thể thức Nghị định 30/2020/NĐ-CP.")
    return worst
