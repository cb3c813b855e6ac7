"""`tdkt demo [--round NAME] [--out DIR] [--workbook PATH] [--as-of DATE]`:
the main job on a shipped example round (default: the 2024 district round;
``--round`` names another: its workbook and its example returned appendices)
— everything the tool does, into one output folder, with a short Vietnamese
summary.  The subfolders are the buttons' ones
(``vocabulary.outputs``).  It calls the same service functions as the other
commands and the workbook's buttons; it never writes into the workbook."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from tdkt_xl.cli import _common as C
from tdkt_xl.vocabulary import outputs as O


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "demo", help="Chạy toàn bộ quy trình trên sổ tính mẫu.",
        description="Kiểm tra dữ liệu, tạo quyết định, thông báo, biên bản, phụ lục gửi đơn vị, "
                    "gộp phụ lục mẫu gửi về (examples/phu_luc_gui_ve), báo cáo kết quả và theo dõi "
                    "khắc phục, tất cả vào một thư mục kết quả.")
    C.add_out(p, default="ket_qua_demo")
    C.add_workbook(p, flag=True)
    C.add_round(p)
    p.add_argument("--inbox", default=None, metavar="THƯ_MỤC",
                   help="Thư mục phụ lục các đơn vị gửi về (mặc định: của đợt mẫu, "
                        "ví dụ examples/phu_luc_gui_ve).")
    C.add_as_of(p, "Ngày tính quá hạn khắc phục",
                "ngày đối chiếu của đợt mẫu (31/12 năm của đợt); với --workbook: hôm nay")
    p.set_defaults(func=run)


def _sources(args) -> tuple[Path, Path | None, dt.date | None]:
    """The workbook, the returned appendices' folder and the date the data
    describes: those given, else the example round's (``--round``, by default
    the reference round; its date keeps the demo's overdue items those of its
    own year, whatever today is)."""
    if args.workbook and args.round:
        raise C.UsageError("Chỉ chọn một trong hai: --workbook (sổ tính của mình) hoặc --round "
                           "(đợt mẫu đi kèm chương trình).")
    if args.workbook:
        workbook = C.workbook_path(args)
        inbox = C.project_dir(workbook) / "examples" / "phu_luc_gui_ve"
        as_of = None
    else:
        example = C.example_round(args)
        workbook = C.default_workbook(example.workbook)
        inbox = C.project_dir(workbook) / example.inbox if example.inbox else None
        as_of = example.as_of
    return workbook, Path(args.inbox) if args.inbox else inbox, as_of


def _step(title: str) -> None:
    print(f"\n== {title}")


def run(args) -> int:
    from tdkt_xl.io.atomic import ensure_folder
    from tdkt_xl.vocabulary import cells
    from tdkt_xl import gate
    from tdkt_xl.vocabulary.errors import InputError
    from tdkt_xl.vocabulary.findings import JOB_FORMS
    from tdkt_xl.cli.validate import summary as validation_summary

    workbook, inbox, example_as_of = _sources(args)
    as_of = args.as_of or example_as_of or C.today()
    out = ensure_folder(args.out)
    problems = 0

    print(f"Sổ tính: {workbook}\nThư mục kết quả: {out.resolve()}\n"
          f"Ngày tính quá hạn: {cells.fmt_date(as_of)}")

    _step("1. Kiểm tra dữ liệu")
    checked = gate.check(workbook, as_of)          # read and validated once for every step
    print(validation_summary(checked.report, workbook.name))
    rnd = checked.round

    _step("2. Phụ lục gửi đơn vị")
    from tdkt_xl.appendices import make_forms, merge
    from tdkt_xl.appendices.service import merge_text
    try:
        forms = make_forms(rnd, out / O.FORMS, skip=checked.per_unit(JOB_FORMS))
    except gate.Blocked as e:
        problems += 1
        print(e)
        forms = None
    if forms is not None:
        print(f"Đã tạo biểu mẫu phụ lục và đề cương báo cáo cho {len(forms.units)} đơn vị "
              f"trong '{forms.out_dir}' ({len(forms.files)} tệp).")
        for code, why in forms.skipped:
            print(f"  Bỏ qua {code}: {why}")

    _step("3. Gộp phụ lục các đơn vị gửi về")
    consolidated = None
    if inbox is None:
        print("Đợt mẫu này không kèm phụ lục gửi về: bỏ qua bước gộp.")
    else:
        try:
            merged = merge(checked, inbox, out / O.MERGED)
            print(merge_text(merged))
            consolidated = next((p for p in merged.outputs if str(p).endswith(".xlsx")), None)
        except gate.Blocked as e:
            problems += 1
            print(f"Không gộp được phụ lục: {e}")

    _step("4. Quyết định, thông báo, biên bản")
    from tdkt_xl.documents.render import templates_dir
    from tdkt_xl.documents.service import generate_documents
    # the templates beside the workbook (an installed package has none of its own)
    templates = templates_dir(workbook)
    # after the merge: the minutes state each unit's figures from its merged appendix
    docs = generate_documents(checked, out / O.DOCUMENTS, as_of=as_of,
                              templates=templates, appendices=consolidated)
    print("\n".join(docs.lines()))
    problems += len(docs.errors)

    _step("5. Báo cáo kết quả kiểm tra")
    from tdkt_xl.reports.report import make_report
    try:
        rep = make_report(checked, out / O.REPORT, appendices=consolidated, templates=templates)
        print(rep.text())
    except (gate.Blocked, InputError) as e:  # say why, go on with the follow-up
        problems += 1
        print(f"Không lập được báo cáo: {e}")

    _step("6. Theo dõi khắc phục kiến nghị")
    from tdkt_xl.reports.followup import make_followup
    try:
        fu = make_followup(checked, out / O.FOLLOWUP, as_of=as_of, templates=templates)
        print(fu.text())
    except gate.Blocked as e:
        problems += 1
        print(f"Không lập được theo dõi khắc phục: {e}")

    _step("7. Rà soát văn bản trước khi trình ký")
    from tdkt_xl.roundcheck.service import check_round
    check = check_round(rnd, out, consolidated)
    print(check.summary())
    if not check.ready:
        print(f"Xem chi tiết: tdkt check-round \"{workbook}\" --docs \"{out}\"")
    if check.only_example_data:
        # the shipped example keeps its (marked) example names: that notice alone is expected
        print("Chỉ còn dữ liệu ví dụ của sổ tính mẫu; với dữ liệu thật, các văn bản sẵn sàng trình ký.")
    else:
        problems += 1

    print(f"\nXong. Kết quả ở '{out.resolve()}'.")
    return C.EXIT_PROBLEMS if problems else C.EXIT_OK
