"""Tạo phụ lục gửi đơn vị / Gộp phụ lục: the appendices engine (issue 5),
called exactly as ``tdkt forms`` / ``tdkt merge`` call it; the merge's
summary table is written into the master's ``Tổng hợp phụ lục`` sheet."""
from __future__ import annotations

from tdkt_xl.excel import findings_sheet as FS
from tdkt_xl.excel.context import Context, JobError, Outcome, engine

CONSOLIDATION_SHEET = "Tổng hợp phụ lục"
FORMS_SUBFOLDER = "Phụ lục gửi đơn vị"
MERGE_SUBFOLDER = "Tổng hợp phụ lục"


def forms_ready() -> bool:
    return engine("tdkt_xl.appendices", "make_forms") is not None


def merge_ready() -> bool:
    return engine("tdkt_xl.appendices", "merge") is not None


def _unit(ctx: Context):
    code = ctx.choice.unit
    if code and ctx.read().round.unit(code) is None:
        raise JobError(f"Không có đơn vị mã '{code}' trong trang 'Đơn vị'. Hãy chọn lại ô "
                       f"'Đơn vị' của trang '{ctx.choice.sheet}' (hoặc 'Tất cả').")
    return code or None


def run_forms(ctx: Context) -> Outcome:
    make_forms = engine("tdkt_xl.appendices", "make_forms")
    rnd = ctx.read().round
    unit = _unit(ctx)
    out = ctx.output_folder() / FORMS_SUBFOLDER
    out.mkdir(parents=True, exist_ok=True)
    ctx.progress("đang tạo phụ lục gửi đơn vị…")
    summary = make_forms(rnd, out, unit=unit)
    text = summary.text() if hasattr(summary, "text") else ""
    n = len(getattr(summary, "units", []) or [])
    skipped = getattr(summary, "skipped", []) or []
    msg = f"Đã tạo phụ lục cho {n} đơn vị tại {out}."
    if skipped:
        msg += " " + "; ".join(f"{code}: {why}" for code, why in skipped[:5])
        if len(skipped) > 5:
            msg += f" (và {len(skipped) - 5} đơn vị khác)"
    return Outcome(msg, ok=n > 0 or not skipped, log=text or msg)


def run_merge(ctx: Context) -> Outcome:
    merge = engine("tdkt_xl.appendices", "merge")
    rnd = ctx.read().round
    inbox = ctx.settings_folder("inbox_folder")
    if not inbox.is_dir():
        raise JobError(f"Không có thư mục phụ lục gửi về '{inbox}'. Hãy tạo thư mục này (hoặc sửa "
                       "'Thư mục phụ lục gửi về' ở trang 'Cấu hình'), chép các tệp đơn vị gửi về "
                       "vào đó rồi bấm lại.")
    out = ctx.output_folder() / MERGE_SUBFOLDER
    out.mkdir(parents=True, exist_ok=True)
    ctx.progress("đang gộp phụ lục các đơn vị gửi về…")
    result = merge(rnd, inbox, out)
    table = result.summary_table()
    io = ctx.io
    if io.actual_name(CONSOLIDATION_SHEET) is None:
        io.add_sheet(CONSOLIDATION_SHEET)
    old = io.array(CONSOLIDATION_SHEET) or []
    width = max([len(r) for r in table] + [len(r) for r in old[:1]] + [1])
    io.write(CONSOLIDATION_SHEET, "A1", FS.padded(table, old, width))
    files = getattr(result, "files", []) or []
    merged = sum(1 for f in files if getattr(f, "status", "") == "merged")
    rejected = sum(1 for f in files if getattr(f, "status", "") == "rejected")
    missing = getattr(result, "missing", []) or []
    msg = (f"Đã gộp phụ lục của {merged} tệp vào trang '{CONSOLIDATION_SHEET}' và thư mục {out}.")
    if rejected:
        msg += f" {rejected} tệp bị từ chối (xem báo cáo hợp nhất trong thư mục trên)."
    if missing:
        codes = ", ".join(getattr(u, "code", str(u)) for u in missing[:10])
        msg += f" {len(missing)} đơn vị chưa gửi: {codes}{'…' if len(missing) > 10 else ''}."
    return Outcome(msg, log=msg)
