"""`tdkt codes [--markdown] [--validate-only]`: the catalogue of findings,
listed from the code (so the README's table never drifts from the tool).

Finding types are declared in catalogue modules (``tdkt_xl/**/catalogue.py``
or ``codes.py``); they are all imported here, so the list does not depend on
what else happens to be loaded."""
from __future__ import annotations

import importlib
import pkgutil

HEADERS = ("Mã", "Mức độ", "Nhóm", "Nội dung", "Chặn việc", "Căn cứ")
CATALOGUE_MODULES = ("catalogue", "codes")
VALIDATE_MODULE = "tdkt_xl.vocabulary.catalogue"


def register(subparsers) -> None:
    p = subparsers.add_parser("codes", help="Liệt kê các mã lỗi, cảnh báo.",
                              description="Danh mục mã lỗi và cảnh báo (lệnh validate và các "
                                          "lệnh khác).")
    p.add_argument("--markdown", action="store_true", help="In dạng bảng Markdown (cho README).")
    p.add_argument("--validate-only", action="store_true",
                   help="Chỉ các mã của lệnh validate (kiểm tra sổ tính chính).")
    p.set_defaults(func=run)


def catalogue_modules() -> list:
    import tdkt_xl
    names = [VALIDATE_MODULE]
    for info in pkgutil.walk_packages(tdkt_xl.__path__, "tdkt_xl."):
        last = info.name.rsplit(".", 1)[-1]
        if last in CATALOGUE_MODULES and not info.name.startswith("tdkt_xl.cli.") \
                and info.name not in names:
            names.append(info.name)
    return [importlib.import_module(n) for n in names]


def catalogue_rows(validate_only: bool = False) -> list:
    from tdkt_xl.vocabulary.findings import ERROR, FindingType, JOB_VI, SEVERITY_VI
    from tdkt_xl.rules.legal import describe
    types = {}
    for mod in catalogue_modules()[:1] if validate_only else catalogue_modules():
        for v in vars(mod).values():
            if isinstance(v, FindingType):
                types[v.code] = v
    rows = []
    for code in sorted(types):
        ft = types[code]
        blocks = ", ".join(JOB_VI.get(j, j) for j in ft.blocks)
        if ft.code.startswith("GT") and not ft.blocks and ft.severity == ERROR:
            blocks = "việc dùng trang có ô lỗi"
        elif ft.code.startswith("VB") and ft.blocks:
            blocks = "văn bản cùng loại"
        rows.append((ft.code, SEVERITY_VI[ft.severity], ft.area, ft.title, blocks,
                     describe(ft.basis)))
    return rows


def markdown(rows) -> str:
    def cell(v):
        return str(v).replace("|", "\\|") or " "
    lines = ["| " + " | ".join(HEADERS) + " |", "|" + "---|" * len(HEADERS)]
    lines += ["| " + " | ".join(cell(v) for v in r) + " |" for r in rows]
    return "\n".join(lines)


def run(args) -> int:
    rows = catalogue_rows(args.validate_only)
    if args.markdown:
        print(markdown(rows))
        return 0
    from tdkt_xl.cli.validate import format_table
    print(format_table(rows, HEADERS))
    return 0
