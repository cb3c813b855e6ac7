"""`tdkt merge WORKBOOK INBOX_DIR --out DIR [--json]`: read every returned
appendix file in INBOX_DIR (never modifying them) and write the consolidated
workbook and the merge report into DIR.

Exit codes: 0 merged (warnings allowed), 1 some files rejected or no file
found, or errors of the workbook block the merge (nothing written), 2 the
workbook or the inbox cannot be read, or --out is the inbox or inside it.
"""
from __future__ import annotations

import json
from pathlib import Path

from tdkt_xl.cli import _common as C


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "merge", help="Tổng hợp các phụ lục đơn vị gửi về (kiểm tra, gộp, báo cáo).",
        description="Đọc mọi tệp trong thư mục phụ lục gửi về, kiểm tra, tổng hợp vào một sổ tổng hợp "
                    "và một báo cáo hợp nhất. Tệp gửi về không bao giờ bị sửa, chuyển hay chạy macro.")
    C.add_workbook(p)
    p.add_argument("inbox", metavar="THƯ_MỤC_GỬI_VỀ", help="Thư mục chứa các tệp phụ lục đơn vị gửi về.")
    C.add_out(p, "sổ tổng hợp và báo cáo")
    C.add_json(p, '{"merged": [...], "rejected": [...], "findings": [...]}')
    p.set_defaults(func=run)


def run(args) -> int:
    from tdkt_xl.appendices.service import check_out_dir, merge, merge_text
    check_out_dir(args.inbox, args.out)
    res = merge(Path(args.workbook), Path(args.inbox), Path(args.out))   # the gate's refusal: exit 1
    if args.json:
        print(json.dumps(res.as_dict(), ensure_ascii=False, indent=1, default=str))
    else:
        print(merge_text(res))
    if not res.read_files:
        return C.EXIT_PROBLEMS            # nothing found is never a success
    return C.EXIT_PROBLEMS if any(f.status == "rejected" for f in res.files) else C.EXIT_OK
