"""`tdkt codes [--markdown | --json] [--validate-only]`: the catalogue of
findings, listed from the one ``CATALOGUE`` (so the README's table never
drifts from the tool).  Every finding type registers itself there with
``define()`` when its module is imported: the master workbook's (vocabulary),
the returned appendices' (PL) and the round check's (RS)."""
from __future__ import annotations

import importlib
import json

from tdkt_xl.cli import _common as C

HEADERS = ("Mã", "Mức độ", "Nhóm", "Nội dung", "Chặn việc", "Căn cứ")
VALIDATE_CATALOGUE = "tdkt_xl.vocabulary.catalogue"
# catalogues of findings about other inputs than the master workbook (each has AREA)
OTHER_CATALOGUES = ("tdkt_xl.appendices.codes", "tdkt_xl.roundcheck.codes")


def register(subparsers) -> None:
    p = subparsers.add_parser("codes", help="Liệt kê các mã lỗi, cảnh báo.",
                              description="Danh mục mã lỗi và cảnh báo (lệnh validate và các "
                                          "lệnh khác).")
    p.add_argument("--markdown", action="store_true", help="In dạng bảng Markdown (cho README).")
    C.add_json(p, '[{"code": …, "severity": …, "area": …, "title": …, "blocks": […], "basis": …}]')
    p.add_argument("--validate-only", action="store_true",
                   help="Chỉ các mã của lệnh validate (kiểm tra sổ tính chính).")
    p.set_defaults(func=run)


def finding_types(validate_only: bool = False) -> list:
    """The registered finding types, by code (``validate_only``: the master workbook's)."""
    from tdkt_xl.vocabulary.findings import CATALOGUE
    importlib.import_module(VALIDATE_CATALOGUE)
    other_areas = {importlib.import_module(name).AREA for name in OTHER_CATALOGUES}
    return [CATALOGUE[c] for c in sorted(CATALOGUE)
            if not (validate_only and CATALOGUE[c].area in other_areas)]


def _blocks(ft) -> str:
    from tdkt_xl.vocabulary.findings import ERROR, JOB_VI
    from tdkt_xl.vocabulary.catalogue import MISSING_SHEET
    if ft is MISSING_SHEET:
        return "việc cần trang đó"
    if ft.code.startswith("GT") and not ft.blocks and ft.severity == ERROR:
        return "việc dùng trang có ô lỗi"
    if ft.code.startswith("VB") and ft.blocks:
        return "văn bản cùng loại"
    return ", ".join(JOB_VI.get(j, j) for j in ft.blocks)


def catalogue_rows(validate_only: bool = False) -> list:
    from tdkt_xl.io.register import shipped_register
    from tdkt_xl.rules.legal import describe
    from tdkt_xl.vocabulary.findings import SEVERITY_VI
    laws = shipped_register()
    return [(ft.code, SEVERITY_VI[ft.severity], ft.area, ft.title, _blocks(ft), describe(ft.basis, laws))
            for ft in finding_types(validate_only)]


def markdown(rows) -> str:
    def cell(v):
        return str(v).replace("|", "\\|") or " "
    lines = ["| " + " | ".join(HEADERS) + " |", "|" + "---|" * len(HEADERS)]
    lines += ["| " + " | ".join(cell(v) for v in r) + " |" for r in rows]
    return "\n".join(lines)


def run(args) -> int:
    rows = catalogue_rows(args.validate_only)
    if args.json:
        keys = ("code", "severity", "area", "title", "blocks", "basis")
        data = [dict(zip(keys, r)) for r in rows]
        for d, ft in zip(data, finding_types(args.validate_only)):
            d["severity"], d["blocks"] = ft.severity, list(ft.blocks)
        C.emit(json.dumps(data, ensure_ascii=False, indent=1))
    elif args.markdown:
        C.emit(markdown(rows))
    else:
        from tdkt_xl.cli.validate import format_table
        C.emit(format_table(rows, HEADERS))
    return C.EXIT_OK
