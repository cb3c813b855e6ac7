"""The ``Tổng quan`` sheet, refreshed by the Kiểm tra dữ liệu click from the
open book plus what is cheap to know: the output folder's manifests and the
latest merge summary (the book's own ``Tổng hợp phụ lục`` sheet, else the newest
consolidated file).  One batch write; no generated document is re-read."""
from __future__ import annotations

from tdkt_xl.excel import findings_sheet as FS
from tdkt_xl.excel.context import Context, JobError
from tdkt_xl.vocabulary import outputs as O
from tdkt_xl.vocabulary import schema as S


def refresh(ctx: Context) -> str:
    """Rewrite the sheet; returns a note for the summary ("" when written from
    whole inputs; a damaged manifest is said and the sheet written from the rest)."""
    from tdkt_xl.overview import status as ST
    io = ctx.io
    name = io.actual_name(S.OVERVIEW.name)
    if name is None:
        return (f"sổ tính không có trang '{S.OVERVIEW.name}' (hãy tạo lại sổ tính bằng lệnh "
                "tdkt build-workbook)")
    try:
        folder = ctx.output_folder()
    except JobError:
        folder = None
    notes: list = []
    manifests = ST.manifest_entries(folder, notes) if folder is not None and folder.is_dir() else []
    merged = None
    own = io.actual_name(S.APPENDIX_SUMMARY.name)
    if own is not None:
        merged = ST.merge_states(io.array(own)) or None
    if merged is None and folder is not None and (folder / O.MERGED).is_dir():
        latest = ST.latest_merge_file(folder / O.MERGED)
        if latest is not None:
            try:
                merged = ST.read_merge_summary(latest)
            except Exception:   # a damaged or open file: the sheet says "Chưa gộp phụ lục"
                merged = None
    status = ST.round_status(ctx.read().round, ctx.as_of, manifests, merged)
    width = len(S.OVERVIEW.columns)
    io.write(name, "A1", FS.padded(status.rows(width), io.array(name), width))
    return "; ".join(notes)
