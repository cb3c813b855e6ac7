"""Tạo phụ lục gửi đơn vị / Gộp phụ lục: the appendices engine (issue 5),
called exactly as ``tdkt forms`` / ``tdkt merge`` call it; the merge's
summary table is written into the master's ``Tổng hợp phụ lục`` sheet."""
from __future__ import annotations

from tdkt_xl.excel import findings_sheet as FS
from tdkt_xl import gate
from tdkt_xl.excel.context import Context, JobError, Outcome, refusal

from tdkt_xl.vocabulary import outputs as O, schema as S

CONSOLIDATION_SHEET = S.APPENDIX_SUMMARY.name


def _short(text: str, lines: int = 12) -> str:
    rows = text.splitlines()
    if len(rows) <= lines:
        return text
    return "\n".join(rows[:lines]) + f"\n… (còn {len(rows) - lines} dòng, xem trang Nhật ký)"


def run_forms(ctx: Context) -> Outcome:
    """As ``tdkt forms``: units whose data has errors blocking the forms are
    listed, not made; an error blocking every unit stops the job."""
    from tdkt_xl.vocabulary.findings import JOB_FORMS
    from tdkt_xl.appendices.service import make_forms
    res = ctx.read()
    code = ctx.choice.unit
    if code and res.round.unit(code) is None:
        raise JobError(f"Không có đơn vị mã '{code}' trong trang 'Đơn vị'. Hãy chọn lại ô "
                       f"'Đơn vị' của trang '{ctx.choice.sheet}' (hoặc 'Tất cả').")
    try:
        blocked = ctx.checked().per_unit(JOB_FORMS)
    except gate.Blocked as e:
        return Outcome(refusal(e), ok=False)
    out = ctx.output_folder() / O.FORMS
    ctx.progress("đang tạo phụ lục gửi đơn vị…")
    summary = make_forms(res.round, out, unit=code or None, skip=blocked)
    text = summary.text()
    return Outcome(_short(text), ok=bool(summary.units) or not summary.skipped, log=text[:30000])


def run_merge(ctx: Context) -> Outcome:
    """As ``tdkt merge``, plus the summary table written into the master's
    ``Tổng hợp phụ lục`` sheet (one batch write)."""
    from tdkt_xl.appendices.service import merge, merge_text
    inbox = ctx.settings_folder("inbox_folder")
    if not inbox.is_dir():
        raise JobError(f"Không có thư mục phụ lục gửi về '{inbox}'. Hãy tạo thư mục này (hoặc sửa "
                       "'Thư mục phụ lục gửi về' ở trang 'Cấu hình'), chép các tệp đơn vị gửi về "
                       "vào đó rồi bấm lại.")
    out = ctx.output_folder() / O.MERGED
    ctx.progress("đang gộp phụ lục các đơn vị gửi về…")
    try:
        result = merge(ctx.checked(), inbox, out)
    except gate.Blocked as e:
        return Outcome(refusal(e), ok=False)
    table = result.summary_table()
    io = ctx.io
    if io.actual_name(CONSOLIDATION_SHEET) is None:
        io.add_sheet(CONSOLIDATION_SHEET)
    old = io.array(CONSOLIDATION_SHEET) or []
    width = max([len(r) for r in table] + [len(r) for r in old] + [1])
    io.write(CONSOLIDATION_SHEET, "A1", FS.padded(table, old, width))
    text = merge_text(result)
    text = f"{text}\nBảng tổng hợp đã ghi vào trang '{CONSOLIDATION_SHEET}'.".strip()
    return Outcome(_short(text), ok=True, log=text[:30000])
