"""``check_round``: read back every DOCX and XLSX of a round's output folder
and report, per document, what would make a văn thư send it back.

The folder may have been edited in Word since it was written (files
renamed, moved into sub-folders, Word's ``~$…`` lock files beside them): each
file is recognised by its hidden marker or, failing that, by its content.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from tdkt_xl import model as m
from tdkt_xl.model.calendar import WorkCalendar
from tdkt_xl.roundcheck import checks
from tdkt_xl.roundcheck import codes as C
from tdkt_xl.roundcheck.checks import Doc, Scope
from tdkt_xl.roundcheck.identify import OUTPUT_KINDS, identify
from tdkt_xl.roundcheck.reading import Unreadable, read_file
from tdkt_xl.vocabulary.errors import InputError
from tdkt_xl.vocabulary.findings import SEVERITY_VI
from tdkt_xl.vocabulary.errors import InputError

EXTENSIONS = (".docx", ".xlsx")
MISSING_FILE = "(không có tệp)"


class CannotCheck(InputError):
    """The workbook, the folder or the appendices file cannot be read (Vietnamese)."""


@dataclass
class RoundCheck:
    folder: Path
    documents: list = field(default_factory=list)      # list[Doc]

    @property
    def problems(self) -> list:
        return [p for d in self.documents for p in d.problems]

    @property
    def ready(self) -> bool:
        return not self.problems

    @property
    def only_example_data(self) -> bool:
        """Every problem is the example-data notice (the shipped demo round)."""
        return all(p.code == C.EXAMPLE_DATA.code for p in self.problems)

    def as_dict(self) -> dict:
        return {"documents": [
            {"file": d.file, "kind": d.kind_key, "unit": d.unit,
             "problems": [{"code": p.code, "severity": p.severity, "message": p.message}
                          for p in d.problems]} for d in self.documents]}

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=1)

    def counts(self) -> dict:
        out: dict = {}
        for p in self.problems:
            out[p.code] = out.get(p.code, 0) + 1
        return out

    def summary(self) -> str:
        n_docs = sum(1 for d in self.documents if d.file != MISSING_FILE)
        bad = sum(1 for d in self.documents if d.problems)
        if self.ready:
            return f"Rà soát {n_docs} văn bản: tất cả sẵn sàng trình ký."
        parts = ", ".join(f"{code} {C_TITLES.get(code, '')}: {n}"
                          for code, n in sorted(self.counts().items()))
        return (f"Rà soát {n_docs} văn bản: {bad} văn bản có vấn đề cần xử lý trước khi trình "
                f"ký ({parts}).")

    def table(self) -> str:
        head = ("Tệp", "Loại", "Đơn vị", "Mã", "Nội dung")
        rows = []
        for d in self.documents:
            label = d.kind.label if d.kind else "không rõ"
            if not d.problems:
                rows.append((d.file, label, d.unit, "", "Sẵn sàng trình ký."))
            for p in d.problems:
                rows.append((d.file, label, d.unit, p.code,
                             f"{SEVERITY_VI.get(p.severity, p.severity)}: {p.message}"))
        widths = [max(len(str(r[i])) for r in rows + [head]) for i in range(4)]
        widths = [min(w, 42) for w in widths]
        lines = [" | ".join(str(c).ljust(widths[i]) if i < 4 else str(c)
                            for i, c in enumerate(r)) for r in [head] + rows]
        lines.insert(1, "-+-".join("-" * w for w in widths) + "-+-" + "-" * 20)
        return "\n".join(lines)


C_TITLES = {ft.code: ft.title for ft in C.ALL}


def _files(folder: Path) -> list[Path]:
    out = []
    for p in sorted(folder.rglob("*")):
        if not p.is_file() or p.suffix.lower() not in EXTENSIONS:
            continue
        if p.name.startswith(("~$", ".~", ".")):
            continue            # Word/Excel lock files, our own temporary files
        out.append(p)
    return out


def _load_round(source):
    from tdkt_xl.io.reader import ReadResult, WorkbookError
    if isinstance(source, m.Round):
        return source
    if isinstance(source, ReadResult):
        return source.round
    from tdkt_xl.io.sources import read_workbook
    try:
        return read_workbook(Path(source)).round
    except WorkbookError as e:
        raise CannotCheck(str(e)) from None


def _load_appendices(path: Optional[Path]):
    from tdkt_xl.appendices.stats import load_consolidated
    from tdkt_xl.io.reader import WorkbookError
    try:
        return load_consolidated(path)
    except (WorkbookError, OSError) as e:
        raise CannotCheck(f"Không đọc được sổ tổng hợp phụ lục '{path}': {e}") from None


def expected(rnd: m.Round, families: set) -> list[tuple[str, str]]:
    """(kind key, unit) of each document the workbook calls for: the decision,
    the notices and the minutes always; the forms and outlines, the report and
    its workbook when the folder holds that family at all."""
    from tdkt_xl.vocabulary import doc_kinds as K
    from tdkt_xl.documents.service import plan
    todo, _ = plan(rnd, K.GENERATED, None)
    out = [(kind.key, u.code if u else "") for kind, u in todo]
    if "forms" in families:
        for u in rnd.selected_units():
            if u.code:
                out += [("forms", u.code), ("outline", u.code)]
    if "report" in families:
        out += [("report", ""), ("stats", "")]
    return out


def check_round(workbook, docs_dir, appendices=None) -> RoundCheck:
    """Check every generated file under ``docs_dir`` against the round of
    ``workbook`` (a path, a ``Round`` or a ``ReadResult``).  ``appendices``:
    the consolidated appendices workbook (default: the one found in the folder).
    Raises ``CannotCheck`` when an input cannot be read."""
    folder = Path(docs_dir)
    if not folder.is_dir():
        raise CannotCheck(f"Không tìm thấy thư mục văn bản '{folder}'.")
    rnd = _load_round(workbook)
    result = RoundCheck(folder)
    merged_path = Path(appendices) if appendices else None
    for path in _files(folder):
        rel = path.relative_to(folder).as_posix()
        try:
            ft = read_file(path)
        except Unreadable as e:
            doc = Doc(rel, None)
            doc.add(C.UNREADABLE, reason=str(e))
            result.documents.append(doc)
            continue
        ident = identify(ft, rnd)
        doc = Doc(rel, ident.kind, ident.unit, ft, ident.round_id)
        if ident.kind is None:
            doc.add(C.UNKNOWN)
        elif ident.kind.key == "merged" and merged_path is None:
            merged_path = path
        result.documents.append(doc)
    consolidated = _load_appendices(merged_path) if merged_path else None
    scope = Scope(rnd, WorkCalendar.for_settings(rnd.settings), result.documents, consolidated)
    for doc in result.documents:
        if doc.kind is None:
            continue
        for check in checks.PER_DOCUMENT:
            check(doc, scope)
    for check in checks.ROUND_WIDE:
        check(scope)
    _duplicates_and_missing(result, rnd)
    return result


def _unit_part(rnd: m.Round, code: str) -> str:
    u = rnd.unit(code) if code else None
    return f" của {u.name} ({code})" if u else (f" của đơn vị {code}" if code else "")


def _duplicates_and_missing(result: RoundCheck, rnd: m.Round) -> None:
    groups: dict = {}
    for doc in result.documents:
        if doc.kind is not None:
            groups.setdefault((doc.kind.key, doc.unit), []).append(doc)
    seen: dict = {}
    for key, docs in groups.items():
        first = min(docs, key=lambda d: (len(d.file), d.file))     # 'TB_X.docx' before 'TB_X (mới).docx'
        seen[key] = first
        for doc in docs:
            if doc is not first:
                doc.add(C.DUPLICATE, label=doc.kind.label, unit_part=_unit_part(rnd, doc.unit),
                        other=first.file)
    families = {d.kind.family for d in result.documents if d.kind}
    for key, unit in expected(rnd, families):
        if (key, unit) not in seen:
            kind = OUTPUT_KINDS[key]
            doc = Doc(MISSING_FILE, kind, unit)
            doc.add(C.MISSING, label=kind.label, unit_part=_unit_part(rnd, unit))
            result.documents.append(doc)
