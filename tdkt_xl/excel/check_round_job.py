"""Kiểm tra văn bản: ``tdkt check-round`` on the open book and its output
folder (Thư mục kết quả): what would make a văn thư send a document back.
The engine is imported inside ``run`` so a click loads only its own job."""
from __future__ import annotations

from tdkt_xl.excel.context import Context, Outcome

ALERT_LINES = 14


def run(ctx: Context) -> Outcome:
    from tdkt_xl.roundcheck.service import CannotCheck, check_round
    folder = ctx.output_folder()
    if not folder.is_dir():
        return Outcome(f"Chưa có thư mục kết quả '{folder}': hãy tạo văn bản trước rồi bấm "
                       "Kiểm tra văn bản.", ok=False)
    ctx.progress("đang rà soát các văn bản đã tạo…")
    try:
        result = check_round(ctx.read(), folder)
    except CannotCheck as e:
        return Outcome(str(e), ok=False)
    lines = [result.summary()]
    for d in result.documents:
        for p in d.problems:
            lines.append(f"- {d.file}: [{p.code}] {p.message}")
    text = "\n".join(lines[:ALERT_LINES])
    if len(lines) > ALERT_LINES:
        text += f"\n… (còn {len(lines) - ALERT_LINES} dòng, xem trang Nhật ký)"
    return Outcome(text, ok=True, log="\n".join(lines)[:30000])
