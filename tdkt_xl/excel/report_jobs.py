"""Tạo báo cáo / Theo dõi khắc phục: the reports engine (issue 6) on the
open workbook, writing into the output folder."""
from __future__ import annotations

from tdkt_xl.excel.context import Context, Outcome, templates
from tdkt_xl.vocabulary import outputs as O


def run_report(ctx: Context) -> Outcome:
    from tdkt_xl.reports.report import make_report
    out = ctx.output_folder() / O.REPORT
    consolidated = ctx.output_folder() / O.MERGED / O.CONSOLIDATED
    ctx.progress("đang lập báo cáo kết quả kiểm tra…")
    res = make_report(ctx.read(), out, appendices=consolidated if consolidated.exists() else None,
                      templates=templates(ctx))       # the gate's refusal: entry says it
    text = res.text()
    if not res.with_appendices:
        text += "\n  (Để kèm số liệu: bấm Gộp phụ lục trước rồi lập lại báo cáo.)"
    return Outcome(text, log=f"{res.docx}")


def run_followup(ctx: Context) -> Outcome:
    from tdkt_xl.reports.followup import default_as_of, make_followup
    read = ctx.read()
    rnd = read.round
    out = ctx.output_folder() / O.FOLLOWUP
    ctx.progress("đang lập bảng theo dõi khắc phục…")
    # the reminder date of the Văn bản sheet when there is one, else the day of the click
    as_of = default_as_of(rnd) or ctx.as_of
    res = make_followup(read, out, as_of=as_of, templates=templates(ctx))   # the gate's refusal: entry says it
    return Outcome(res.text(), log=f"{res.tracker}")
