"""Service functions: what the CLI, the lead's ``tdkt demo`` and the Excel
buttons call."""
from __future__ import annotations

import datetime as dt
import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from tdkt_xl import gate
from tdkt_xl.appendices.context import safe_name, stamp, unit_context
from tdkt_xl.appendices.forms import form_bytes
from tdkt_xl.appendices.merge import MergeResult, merge_inbox
from tdkt_xl.appendices.output import write_report, write_workbook
from tdkt_xl.appendices.spec import Spec, round_spec
from tdkt_xl.vocabulary.cells import fmt_date
from tdkt_xl.vocabulary.findings import JOB_MERGE
from tdkt_xl.io.atomic import ensure_folder, write_keeping
from tdkt_xl.io.reader import WorkbookError


@dataclass
class FormsSummary:
    out_dir: Path
    files: list = field(default_factory=list)      # Path (xlsx and docx)
    units: list = field(default_factory=list)      # unit codes done
    skipped: list = field(default_factory=list)    # (code, reason)

    def text(self) -> str:
        lines = [f"Đã tạo biểu mẫu phụ lục và đề cương báo cáo cho {len(self.units)} đơn vị "
                 f"trong thư mục {self.out_dir}:"]
        lines += [f"  - {p.name}" for p in self.files]
        for code, why in self.skipped:
            lines.append(f"  Bỏ qua {code}: {why}")
        return "\n".join(lines)


def make_forms(rnd, out_dir, unit: Optional[str] = None, spec: Optional[Spec] = None,
               skip: Optional[dict] = None) -> FormsSummary:
    """One Phụ lục .xlsx and one đề cương .docx per selected unit (or only
    ``unit``).  An existing different file of the same name is kept as a
    numbered backup.  ``skip`` maps unit codes to findings that block their
    forms (from the workbook's validation); those units are listed, not made."""
    from tdkt_xl.appendices.outline import outline_bytes     # python-docx: not for a merge (~0.1 s)
    spec = spec or round_spec(rnd)
    out = ensure_folder(out_dir)
    summary = FormsSummary(out)
    if unit:
        u = rnd.unit(unit)
        if u is None:
            raise WorkbookError(f"Không có đơn vị mã '{unit}' trong trang Đơn vị.")
        units = [u]
    else:
        units = rnd.selected_units()
        if not units:
            raise WorkbookError("Chưa có đơn vị nào được chọn kiểm tra (cột 'Được chọn kiểm tra' trang Đơn vị).")
    for u in units:
        if not u.code:
            summary.skipped.append(("(trống)", "đơn vị chưa có mã"))
            continue
        if skip and u.code in skip:
            f = skip[u.code][0]
            summary.skipped.append((u.code, f"{f.where()}: {f.message}"))
            continue
        ctx = unit_context(rnd, u)
        base = spec.file_name.format(code=safe_name(u.code))
        for name, make in ((f"{base}.xlsx", form_bytes), (f"De_cuong_bao_cao_{safe_name(u.code)}.docx",
                                                          outline_bytes)):
            summary.files.append(write_keeping(out / name, make(spec, ctx)))
        summary.units.append(u.code)
    return summary


def check_out_dir(inbox_dir, out_dir) -> None:
    """The output folder may contain the inbox (ket_qua/ and ket_qua/phu_luc_gui_ve/),
    never be it or lie inside it (the merge would read its own outputs)."""
    if not str(out_dir).strip():
        raise WorkbookError("Chưa ghi thư mục kết quả (tên thư mục để trống).")
    inbox, out = Path(inbox_dir).resolve(), Path(out_dir).resolve()
    if out == inbox or inbox in out.parents:
        raise WorkbookError(f"Thư mục kết quả '{out_dir}' không được trùng hoặc nằm trong thư mục phụ lục gửi về "
                            f"'{inbox_dir}'; hãy chọn thư mục khác (ví dụ thư mục cha của thư mục gửi về).")
    if out.exists() and not out.is_dir():
        raise WorkbookError(f"'{out_dir}' là một tệp, không phải thư mục kết quả.")


def merge(source, inbox_dir, out_dir, spec: Optional[Spec] = None, as_of: Optional[dt.date] = None,
          now: Optional[dt.datetime] = None, check: bool = True) -> MergeResult:
    """merge_inbox + the consolidated workbook and the merge report in out_dir
    (which may contain the inbox, never lie inside it).
    ``source``: a workbook path, a ``ReadResult``, a ``gate.Checked`` or a ``Round``.
    ``check``: refuse (``gate.Blocked``, nothing read or written) when the gate
    reports errors that block the merge (a column of the Đơn vị sheet missing or
    renamed, a unit's code, name, block or selection bad, duplicate codes,
    errors that block every job)."""
    check_out_dir(inbox_dir, out_dir)
    with no_cycle_collection():
        return _merge(source, inbox_dir, out_dir, spec, as_of, now, check)


@contextmanager
def no_cycle_collection():
    """Python's cycle collector paused: the merge builds hundreds of thousands
    of objects that live until it ends (the round, every file's figures, the
    workbook's rows), and each full collection walks all of them again
    (~15 % of a merge's main process); what the merge makes holds no cycles
    worth collecting early.  Reference counting still frees everything."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _merge(source, inbox_dir, out_dir, spec, as_of, now, check) -> MergeResult:
    read = gate.read(source)
    now = now or dt.datetime.now()
    if check:           # as of the date asked, or a Checked's own, or the merge's day
        when = as_of or (source.as_of if isinstance(source, gate.Checked) else now.date())
        gate.check_read(source, read, when).require(JOB_MERGE)
    rnd = read.round
    res = merge_inbox(rnd, inbox_dir, spec, as_of, now=now, cache_dir=out_dir)
    cache = res.cache.stage()        # written while the outputs are; in place only after them (a failed
    try:                             # run leaves the old cache)
        res.outputs.append(write_workbook(res, Path(out_dir), stamp(rnd)))
        res.outputs.append(write_report(res, Path(out_dir)))
    except BaseException:
        cache.discard()
        raise
    cache.commit()
    return res


def merge_text(res: MergeResult) -> str:
    """A short Vietnamese summary for the console / a message box."""
    rejected = [f for f in res.files if f.status == "rejected"]
    superseded = [f for f in res.files if f.status == "superseded"]
    lines = [f"Đã tổng hợp phụ lục của {len(res.units)} đơn vị từ thư mục {res.inbox}."]
    if not res.read_files:
        lines.append("Không tìm thấy tệp phụ lục nào (.xlsx) trong thư mục gửi về: chưa có gì để tổng hợp.")
    if rejected:
        lines.append(f"Từ chối {len(rejected)} tệp:")
        for f in rejected:
            first = next((x for x in f.findings if x.is_error), None)
            lines.append(f"  - {first.where() or f.name}: [{first.code}] {first.message}" if first
                         else f"  - {f.name}")
    skipped = [f for f in res.files if f.status == "skipped"]
    if skipped:
        lines.append(f"Bỏ qua {len(skipped)} tệp không phải phụ lục gửi về:")
        for f in skipped:
            lines.append(f"  - {f.name}: {f.findings[0].message if f.findings else ''}")
    if superseded:
        lines.append(f"Bỏ qua {len(superseded)} tệp cũ hơn của cùng đơn vị:")
        for f in superseded:
            lines.append(f"  - {f.name}: {f.findings[-1].message if f.findings else ''}")
    if res.missing:
        lines.append(f"Chưa gửi phụ lục: {len(res.missing)} đơn vị: " + "; ".join(
            f"{m.code} (hạn {fmt_date(m.report_due) or 'chưa xác định'})" for m in res.missing))
    warns = [x for x in res.findings if not x.is_error and x.code not in ("PL40", "PL12", "PL26")]
    if warns:
        lines.append(f"Cảnh báo ({len(warns)}; các tệp này vẫn được tổng hợp):")
        for x in warns[:10]:
            lines.append(f"  - {x.unit} - {x.where()}: [{x.code}] {x.message}")
        if len(warns) > 10:
            lines.append(f"  … và {len(warns) - 10} cảnh báo khác (xem báo cáo hợp nhất).")
    if res.cache is not None and res.cache.problem:
        lines.append(res.cache.problem)
    for p in res.outputs:
        lines.append(f"Đã ghi: {p}")
    return "\n".join(lines)
