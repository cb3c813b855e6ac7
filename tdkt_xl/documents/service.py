"""Generate the official documents of a round into an output folder.

``generate_documents(round_or_path, out_dir, kinds=..., unit=None, pdf=False,
force=False, as_of=None, templates=None) -> Summary``

The gate runs first (``tdkt_xl.gate``: the reader's and the rules' findings,
read and validated once): an error that concerns a document blocks that
document only, with the reason in ``Summary.skipped``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional

from tdkt_xl import model as m
from tdkt_xl.model.index import key
from tdkt_xl.documents.contexts import Blocked, build_context, scheduled_units
from tdkt_xl.documents.marker import marker
from tdkt_xl.documents.output import OutputFolder, safe_part
from tdkt_xl.documents.render import TemplateProblem, load_template, templates_dir
from tdkt_xl.io.atomic import OutputError
from tdkt_xl.vocabulary.errors import InputError
from tdkt_xl.vocabulary import doc_kinds as K
from tdkt_xl import gate


@dataclass
class Summary:
    out_dir: Path
    written: list = field(default_factory=list)       # [Path]
    kept: list = field(default_factory=list)          # [(edited file kept, new file beside it)]
    unchanged: list = field(default_factory=list)     # [Path] already identical
    skipped: list = field(default_factory=list)       # [(kind key, unit code, reason)]
    errors: list = field(default_factory=list)        # [str] template / file problems
    notes: list = field(default_factory=list)         # [str] read in part (a damaged manifest)
    pdfs: list = field(default_factory=list)          # [Path]
    pdf_message: str = ""
    counts: dict = field(default_factory=dict)        # kind key -> documents written

    @property
    def ok(self) -> bool:
        return not self.errors and not self.skipped

    def lines(self) -> list[str]:
        """A Vietnamese account for the clerk."""
        out = [f"Đã tạo {len(self.written) + len(self.unchanged)} văn bản trong '{self.out_dir}'."]
        for k, n in self.counts.items():
            out.append(f"  - {K.KINDS[k].label}: {n}")
        for old, new in self.kept:
            out.append(f"Giữ nguyên tệp đã được sửa '{old.name}'; bản mới ghi thành '{new.name}'.")
        for k, unit, why in self.skipped:
            out.append(f"Không tạo {K.KINDS[k].label}{' của ' + unit if unit else ''}: {why}")
        out += self.errors
        out += [f"Lưu ý: {n}." for n in self.notes]
        if self.pdf_message:
            out.append(self.pdf_message)
        elif self.pdfs:
            out.append(f"Đã tạo {len(self.pdfs)} bản PDF.")
        return out

    def as_dict(self) -> dict:
        return {"out_dir": str(self.out_dir), "written": [str(p) for p in self.written],
                "kept": [[str(a), str(b)] for a, b in self.kept],
                "unchanged": [str(p) for p in self.unchanged],
                "skipped": [list(s) for s in self.skipped], "errors": list(self.errors),
                "notes": list(self.notes),
                "pdfs": [str(p) for p in self.pdfs], "pdf_message": self.pdf_message,
                "counts": dict(self.counts)}


def plan(rnd: m.Round, kinds: Iterable[str], unit: Optional[str]) -> tuple[list, list]:
    """[(Kind, Unit|None)] to produce and [(kind key, unit code, reason)] left out."""
    todo, skipped = [], []
    units, left_out = scheduled_units(rnd)
    if unit:
        found = [u for u in units if key(u.code) == key(unit)]
        if not found:
            reason = next((r for c, r in left_out if c == unit),
                          f"Không có đơn vị mã '{unit}' được chọn và có lịch kiểm tra.")
            for k in kinds:
                if K.KINDS[k].per_unit:
                    skipped.append((k, unit, reason))
        units = found
    else:
        for k in kinds:
            if K.KINDS[k].per_unit:
                skipped += [(k, c, r) for c, r in left_out]
    for k in kinds:
        kind = K.KINDS[k]
        if kind.per_unit:
            todo += [(kind, u) for u in units]
        elif not unit:
            todo.append((kind, None))
    return todo, skipped


def default_as_of(rnd: m.Round) -> dt.date:
    """The date validation is done as of when none is given: the last
    inspection day (else the end of the inspection window, else the year's end)."""
    dates = [i.date for i in rnd.inspections if i.date]
    return max(dates) if dates else (rnd.settings.window_end
                                     or dt.date(rnd.settings.year or 2000, 12, 31))


def _appendices(given, out_dir):
    """The consolidated appendices for the minutes: as given, or found in the output folder
    (a file found there that cannot be read is left out: the merge job says why)."""
    from tdkt_xl.documents import appendix_figures
    from tdkt_xl.io.consolidated import Consolidated
    if isinstance(given, Consolidated):
        return given
    if given is not None:
        return appendix_figures.load(given)
    found = appendix_figures.find(out_dir)
    if found is None:
        return None
    try:
        return appendix_figures.load(found)
    except InputError:
        return None


def generate_documents(source, out_dir, kinds: Iterable[str] = K.GENERATED, unit: Optional[str] = None,
                       pdf: bool = False, force: bool = False, as_of: Optional[dt.date] = None,
                       templates=None, validate: bool = True, appendices=None) -> Summary:
    """Write the documents of ``kinds`` (keys of ``doc_kinds.KINDS`` written by this service) for the round
    (a workbook path, a ``ReadResult``, a ``gate.Checked`` or a ``Round``) into ``out_dir``.  ``unit`` limits the
    per-unit documents to one unit code (and skips the round-wide ones).
    ``as_of`` is passed to validation (default: the round's last inspection day).
    ``appendices``: the consolidated appendices whose figures the minutes state (a path, a
    ``Consolidated``, or None: the latest ``Tong_hop_phu_luc*.xlsx`` of the output folder, if any);
    a path that cannot be read raises ``AppendixError``."""
    kinds = [k for k in K.GENERATED if k in set(kinds)]
    consolidated = _appendices(appendices, out_dir) if K.MINUTES.key in kinds else None
    read = gate.read(source)
    rnd = read.round
    wb_path = Path(source) if isinstance(source, (str, Path)) else None
    folder = Path(templates) if templates else templates_dir(wb_path)
    summary = Summary(Path(out_dir))
    if as_of is None:
        as_of = default_as_of(rnd)
    checked = gate.check_read(source, read, as_of) \
        if validate else None
    todo, skipped = plan(rnd, kinds, unit)
    summary.skipped += skipped
    out = OutputFolder(out_dir, force=force)
    summary.notes += [out.problem] if out.problem else []
    compiled = {}
    for kind, u in todo:
        code = u.code if u else ""
        blocking = checked.blocking(kind.job, code) if checked else []
        if blocking:
            summary.skipped.append((kind.key, code, gate.explain(kind.job, blocking)))
            continue
        try:
            if kind.key not in compiled:
                compiled[kind.key] = load_template(kind.template, folder)
            ctx = build_context(kind.key, rnd, u, appendices=consolidated)
            data = compiled[kind.key].render_bytes(ctx, marker(kind.key, code, rnd))
        except Blocked as e:
            summary.skipped.append((kind.key, code, str(e)))
            continue
        except TemplateProblem as e:
            if str(e) not in summary.errors:
                summary.errors.append(str(e))
            summary.skipped.append((kind.key, code, "mẫu văn bản có lỗi (xem trên)."))
            continue
        name = out.unique_name(kind.file_name.format(code=safe_part(code)))
        try:
            w = out.write(name, data, {"kind": kind.doc_kind, "unit": code})
        except OutputError as e:
            if not e.file_only:
                raise                  # the folder itself cannot be written: the job stops
            summary.errors.append(f"Không ghi được tệp '{name}' ({e.reason}); có thể tệp "
                                  "đang mở trong Word. Hãy đóng tệp rồi chạy lại.")
            continue
        if w.unchanged:
            summary.unchanged.append(w.path)
        else:
            summary.written.append(w.path)
        if w.kept:
            summary.kept.append((w.kept, w.path))
        summary.counts[kind.key] = summary.counts.get(kind.key, 0) + 1
    out.save()
    if pdf:
        from tdkt_xl.documents.pdf import PdfUnavailable, to_pdf
        docs = summary.written + summary.unchanged
        try:
            summary.pdfs = to_pdf(docs, out.folder)
        except PdfUnavailable as e:
            summary.pdf_message = str(e)
    return summary
