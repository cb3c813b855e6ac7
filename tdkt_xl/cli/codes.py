"""`tdkt codes [--markdown]`: the catalogue of validation findings, listed
from the code (so the README's table never drifts from what validate says)."""
from __future__ import annotations


def register(subparsers) -> None:
    p = subparsers.add_parser("codes", help="Liệt kê các mã lỗi, cảnh báo của lệnh validate.",
                              description="Danh mục mã lỗi và cảnh báo khi kiểm tra sổ tính.")
    p.add_argument("--markdown", action="store_true", help="In dạng bảng Markdown (cho README).")
    p.set_defaults(func=run)


def catalogue_rows() -> list:
    import tdkt_xl.rules.catalogue  # noqa: F401  (defines every finding type)
    from tdkt_xl.rules.findings import CATALOGUE, JOB_VI, SEVERITY_VI
    from tdkt_xl.rules.legal import describe
    rows = []
    for code in sorted(CATALOGUE):
        ft = CATALOGUE[code]
        blocks = ", ".join(JOB_VI.get(j, j) for j in ft.blocks)
        if ft.code.startswith("GT") and not ft.blocks:
            blocks = "việc dùng trang có ô lỗi"
        elif ft.code.startswith("VB") and ft.blocks:
            blocks = "văn bản cùng loại"
        rows.append((ft.code, SEVERITY_VI[ft.severity], ft.area, ft.title, blocks,
                     describe(ft.basis)))
    return rows


HEADERS = ("Mã", "Mức độ", "Nhóm", "Nội dung", "Chặn việc", "Căn cứ")


def markdown(rows) -> str:
    def cell(v):
        return str(v).replace("|", "\\|") or " "
    lines = ["| " + " | ".join(HEADERS) + " |", "|" + "---|" * len(HEADERS)]
    lines += ["| " + " | ".join(cell(v) for v in r) + " |" for r in rows]
    return "\n".join(lines)


def run(args) -> int:
    rows = catalogue_rows()
    if args.markdown:
        print(markdown(rows))
        return 0
    from tdkt_xl.cli.validate import format_table
    print(format_table([r[:5] + (r[5],) for r in rows], HEADERS))
    return 0
