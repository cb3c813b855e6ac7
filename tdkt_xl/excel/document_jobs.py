"""Tạo quyết định / Tạo thông báo / Tạo biên bản: the documents engine
(issue 4) on the open workbook, as ``tdkt decision|notices|minutes`` call it,
with the control sheet's options (unit, PDF copies, overwrite edited files)."""
from __future__ import annotations

from tdkt_xl.io import controls as K
from tdkt_xl.excel.context import Context, Outcome, templates
from tdkt_xl.vocabulary import doc_kinds as DK, outputs as O

# job -> document kinds of the documents engine, from the one table (as the CLI commands)
KINDS = DK.grouped("button")
ALERT_LINES = 12


def run(ctx: Context) -> Outcome:
    from tdkt_xl.documents.service import generate_documents
    res = ctx.read()        # the service asks the gate, as for `tdkt decision|notices|minutes`
    out = ctx.output_folder() / O.DOCUMENTS
    ctx.progress(f"{ctx.choice.job}…")
    summary = generate_documents(res, out, kinds=KINDS[ctx.choice.job],
                                 unit=ctx.choice.unit or None, pdf=ctx.choice.pdf,
                                 force=ctx.choice.overwrite, templates=templates(ctx))
    lines = summary.lines()
    made = len(summary.written) + len(summary.unchanged)
    text = "\n".join(lines[:ALERT_LINES])
    if len(lines) > ALERT_LINES:
        text += f"\n… (còn {len(lines) - ALERT_LINES} dòng, xem trang Nhật ký)"
    return Outcome(text, ok=made > 0 or not (summary.skipped or summary.errors),
                   log="\n".join(lines)[:30000])
