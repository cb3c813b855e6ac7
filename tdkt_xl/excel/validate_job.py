"""Kiểm tra dữ liệu: validate the open workbook, write ``Lỗi dữ liệu`` and the
marks sheet (one batch write each), summarise."""
from __future__ import annotations

from tdkt_xl.io import controls as K
from tdkt_xl.vocabulary import schema as S
from tdkt_xl.excel import findings_sheet as FS
from tdkt_xl.excel.context import Context, JobError, Outcome
from tdkt_xl.vocabulary import outputs as O


def all_findings(ctx: Context) -> list:
    """The gate's report on the open book (the reader's value findings and the
    rules') and the latest merge's contradictions, errors first, otherwise in
    the validator's order."""
    checked = ctx.checked()
    findings = list(checked.report.findings) + appendix_findings(ctx, checked.round)
    return FS.sort_findings(findings)


def appendix_findings(ctx: Context, rnd) -> list:
    """Assessments against the latest consolidated appendices in the output
    folder (what ``tdkt validate --appendices`` reports); none when no merge
    has been made yet or the file cannot be read (the merge job says why)."""
    try:
        path = O.latest_consolidated(ctx.output_folder())
    except (OSError, ValueError, JobError):        # no output folder (yet): no merge either
        return []
    if path is None:
        return []
    from tdkt_xl.appendices.crosscheck import contradictions   # only once a merge exists
    try:
        return contradictions(rnd, path)
    except Exception:  # noqa: BLE001 - an unreadable merge file must not stop the validation
        return []


def write_findings(ctx: Context, findings: list) -> str:
    """Write the findings table and the marks; returns a note for the summary
    ("" when everything was written)."""
    io = ctx.io
    notes = []
    name = S.FINDINGS.name
    if io.actual_name(name) is None:
        io.add_sheet(name, after=S.DOCUMENTS.name)
    old = io.array(name) or []
    io.write(name, "A1", FS.padded(FS.finding_rows(findings, io.actual_name), old, len(S.FINDINGS.columns)))
    if io.actual_name(K.MARKS_SHEET) is None:
        notes.append(f"sổ tính không có trang ẩn '{K.MARKS_SHEET}' nên các ô lỗi không được "
                     "tô màu (hãy tạo lại sổ tính bằng lệnh tdkt build-workbook)")
    else:
        block, overflow = FS.marks_block(findings, io.array(K.MARKS_SHEET))
        io.write(K.MARKS_SHEET, "A1", block)
        if overflow:
            notes.append(f"{overflow} ô lỗi vượt quá {K.MARKS_ROWS} ô mỗi trang nên không được tô màu")
    return "; ".join(notes)


def run(ctx: Context) -> Outcome:
    findings = all_findings(ctx)
    ctx.progress("đang ghi kết quả kiểm tra…")
    note = write_findings(ctx, findings)
    ctx.progress("đang cập nhật trang Tổng quan…")
    from tdkt_xl.excel.overview_sheet import refresh
    note = "; ".join(n for n in (note, refresh(ctx)) if n)
    errors = sum(1 for f in findings if f.is_error)
    warnings = len(findings) - errors
    where = f"trang '{S.FINDINGS.name}'"
    if errors:
        msg = (f"Dữ liệu còn {errors} lỗi và {warnings} cảnh báo. Xem danh sách ở {where} "
               "(bấm vào ô để đến chỗ sai); các ô có lỗi được tô màu. Sửa xong hãy bấm "
               "Kiểm tra dữ liệu lại.")
    elif warnings:
        msg = (f"Dữ liệu không có lỗi; có {warnings} cảnh báo cần xem lại ở {where}.")
    else:
        msg = "Dữ liệu không có lỗi hay cảnh báo nào."
    if note:
        msg += f" Lưu ý: {note}."
    return Outcome(msg, ok=True, log=f"{errors} lỗi, {warnings} cảnh báo" + (f"; {note}" if note else ""))
