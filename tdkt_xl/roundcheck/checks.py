"""One function per kind of problem a văn thư would send a document back for.

Each check takes the document being checked (``Doc``) and the round-wide
``Scope`` (the model, the calendar, every document read, the merged
appendices) and adds problems to the document.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Optional

from tdkt_xl import model as m
from tdkt_xl.model import roles as role_rule, vocab as V
from tdkt_xl.model.calendar import WorkCalendar
from tdkt_xl.roundcheck import codes as C
from tdkt_xl.roundcheck import examples, facts
from tdkt_xl.roundcheck.identify import OutputKind
from tdkt_xl.roundcheck.reading import FileText
from tdkt_xl.vocabulary.cells import fmt_date
from tdkt_xl.vocabulary.doc_kinds import REMINDER
from tdkt_xl.vocabulary.findings import FindingType

WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


@dataclass
class Problem:
    code: str
    severity: str
    message: str


@dataclass
class Doc:
    file: str                          # path relative to the folder checked
    kind: Optional[OutputKind]
    unit: str = ""
    text: Optional[FileText] = None
    round_id: str = ""
    problems: list = field(default_factory=list)

    @property
    def kind_key(self) -> str:
        return self.kind.key if self.kind else ""

    def add(self, ft: FindingType, **values) -> None:
        f = ft.at(**values)
        p = Problem(f.code, f.severity, f.message)
        if p not in self.problems:
            self.problems.append(p)


@dataclass
class Scope:
    rnd: m.Round
    calendar: WorkCalendar
    docs: list                          # every Doc read
    appendices: object = None           # appendices.stats.Consolidated or None

    def people(self) -> set:
        return {d.member_name for d in self.rnd.delegation if d.member_name} | \
               {mb.name for mb in self.rnd.members if mb.name}

    def task(self, unit: str, name: str) -> str:
        """The person's task in that inspection by the one rule (model.roles)."""
        recorded = next((d.task for d in self.rnd.delegation
                         if d.unit_code == unit and d.member_name == name), "")
        if not recorded:
            return ""
        book = self.__dict__.get("_roles")
        if book is None:
            book = self.__dict__["_roles"] = role_rule.RoleBook(self.rnd)
        return book.task_in(name, recorded)


# ------------------------------------------------------------------ layout
def layout(doc: Doc, scope: Scope) -> None:
    if not doc.kind or not doc.kind.layout or doc.text is None or doc.text.ext != "docx":
        return
    from tdkt_xl.documents.nd30_check import check_docx
    for p in check_docx(doc.text.path, doc.kind.layout):
        doc.add(C.LAYOUT, message=p.message)


# ------------------------------------------------------------------ text
def placeholders(doc: Doc, scope: Scope) -> None:
    if doc.text is None:
        return
    for what, snippet in facts.placeholders(doc.text.paras):
        doc.add(C.PLACEHOLDER, what=what, snippet=snippet)


def example_data(doc: Doc, scope: Scope) -> None:
    if doc.text is None:
        return
    found = examples.found_in(doc.text.text)
    if found:
        doc.add(C.EXAMPLE_DATA, values=", ".join(f"«{v}»" for v in found))


def belongs(doc: Doc, scope: Scope) -> None:
    from tdkt_xl.documents.marker import round_id
    expected = round_id(scope.rnd.settings)
    if doc.round_id and doc.round_id != expected:
        doc.add(C.OTHER_ROUND, found=doc.round_id, expected=expected)
    if doc.kind and doc.kind.per_unit and doc.unit:
        u = scope.rnd.unit(doc.unit)
        # a reminder goes to any unit with open recommendations, inspected this
        # round or not (one carried from last round to a unit not selected now)
        if u is None or not (u.selected or doc.kind.key == REMINDER.key):
            doc.add(C.UNIT_UNKNOWN, code=doc.unit)


# ------------------------------------------------------------------ dates
def deadlines(doc: Doc, scope: Scope) -> None:
    """The report deadline a notice or outline states: a working day, and the
    workbook's Hạn nộp báo cáo."""
    if doc.kind_key not in ("notice", "outline") or doc.text is None:
        return
    insp = scope.rnd.inspection(doc.unit)
    for d, snippet in facts.deadlines(doc.text.paras):
        if not scope.calendar.is_working_day(d):
            doc.add(C.DEADLINE_OFF_DAY, snippet=snippet, weekday=WEEKDAYS[d.weekday()],
                    date=fmt_date(d))
        if insp is not None and insp.report_due and d != insp.report_due:
            doc.add(C.DATE_DIFFERS, what="Hạn gửi báo cáo", here=fmt_date(d),
                    other=f"{fmt_date(insp.report_due)} (trang 'Lịch kiểm tra')")


def notice_date(doc: Doc, scope: Scope) -> None:
    """The day of the inspection a unit's notice announces."""
    if doc.kind_key != "notice" or doc.text is None:
        return
    insp = scope.rnd.inspection(doc.unit)
    if insp is None or insp.date is None:
        return
    for p in doc.text.paras:
        if p.lstrip("- ").startswith("Thời gian"):
            d = facts.parse_date(p)
            if d and d != insp.date:
                doc.add(C.DATE_DIFFERS, what="Ngày kiểm tra", here=fmt_date(d),
                        other=f"{fmt_date(insp.date)} (trang 'Lịch kiểm tra')")
            return


_FUTURE = re.compile(r"(trước|hạn|chậm nhất|đến|trong thời hạn|dự kiến|sẽ)\s*(ngày\s*)?$", re.I)


def minutes_dates(doc: Doc, scope: Scope) -> None:
    """A minutes document cannot record as done what is dated after it."""
    if doc.kind_key != "minutes" or doc.text is None:
        return
    paras = [p for p in doc.text.paras if p.strip()]
    own = next((facts.parse_date(p) for p in paras if p.strip().startswith("Hôm nay")), None)
    if own is None:
        return
    start = next((i for i, p in enumerate(paras) if "Ý KIẾN" in p.upper()
                  and re.match(r"^[IVX]+\.", p.strip())), None)
    if start is None:
        return
    for p in paras[start + 1:]:
        if re.match(r"^[IVX]+\.\s", p.strip()):
            break
        for d, s, e in facts.dates_in(p):
            if d > own and not _FUTURE.search(p[max(0, s - 25):s]):
                doc.add(C.LATER_THAN_DOC, doc_date=fmt_date(own), date=fmt_date(d),
                        snippet=facts.around(p, s, e, 70, 2))


# ------------------------------------------------------------------ roles
def _role_claims(doc: Doc, scope: Scope) -> list[tuple[str, str, str, str]]:
    """(unit, name, role, scope text) the document states."""
    if doc.text is None:
        return []
    names = scope.people()
    out = []
    if doc.kind_key in ("notice", "minutes") and doc.unit:
        team = {d.member_name for d in scope.rnd.delegation_of(doc.unit)} or names
        for n, r in facts.roles_in_lines(doc.text.paras, team).items():
            out.append((doc.unit, n, r, ""))
    elif doc.kind_key == "notice_all":
        for row in doc.text.rows:
            unit = _unit_in(" ".join(row), scope.rnd)
            if unit and row:
                for n, r in facts.team_cell_roles(row[-1], names).items():
                    out.append((unit, n, r, ""))
    elif doc.kind_key == "decision":
        for row in doc.text.rows:
            name = next((c for c in row if c in names), None)
            if name is None or len(row) < 2:
                continue
            for role, where in facts.scoped_roles(row[-1]):
                units = _units_named(where, scope.rnd) if where else \
                    [d.unit_code for d in scope.rnd.delegation if d.member_name == name]
                for u in units:
                    out.append((u, name, role, where))
    return out


def _unit_in(text: str, rnd: m.Round) -> str:
    t = text.casefold()
    found = [(len(u.name), u.code) for u in rnd.units if u.name and u.name.casefold() in t]
    return max(found)[1] if found else ""


def _units_named(where: str, rnd: m.Round) -> list[str]:
    t = where.casefold()
    out = [u.code for u in rnd.units if u.selected and
           ((u.block and u.block.casefold() in t) or (u.name and u.name.casefold() in t))]
    return out


def roles(scope: Scope) -> None:
    """A person's role in one inspection is one fact: every document and the
    workbook's Thành phần đoàn state the same."""
    claims = {}            # (unit, name) -> [(doc, role, where)]
    for doc in scope.docs:
        for unit, name, role, where in _role_claims(doc, scope):
            claims.setdefault((unit, name), []).append((doc, role, where))
    wrong: dict = {}       # (doc file, name, role, where) -> [(doc, unit, truth, agreeing files)]
    for (unit, name), said in claims.items():
        truth = scope.task(unit, name)
        if not truth:
            continue
        agree = [d.file for d, r, _ in said if r == truth]
        for doc, role, where in said:
            if role != truth:
                wrong.setdefault((doc.file, name, role, where), []).append((doc, unit, truth, agree))
    for (_, name, role, where), items in wrong.items():
        doc = items[0][0]
        by_truth: dict = {}
        for _, unit, truth, agree in items:
            u = scope.rnd.unit(unit)
            by_truth.setdefault(truth, []).append(u.name if u else unit)
        files = sorted({f for *_, agree in items for f in agree})
        there = ", ".join(files[:3] + ["sổ tính (trang 'Thành phần đoàn')"])
        other = "; ".join(f"{t} khi kiểm tra {', '.join(units)}" for t, units in by_truth.items())
        scope_txt = (f" khi kiểm tra {where}" if where else
                     " (không giới hạn đơn vị)" if doc.kind_key == "decision" else "")
        doc.add(C.ROLE_DIFFERS, name=name, here=role, scope=scope_txt, there=there, other=other)


# ------------------------------------------------------------------ figures
def figures(doc: Doc, scope: Scope) -> None:
    """Counts of titles the minutes state for a unit, against its merged appendix
    (the same reading of a stated count as ``tdkt validate --appendices``)."""
    from tdkt_xl.appendices.crosscheck import FIGURES, stated_figures
    if doc.kind_key != "minutes" or doc.text is None or scope.appendices is None:
        return
    values = scope.appendices.units.get(doc.unit)
    if not values:
        return
    for title, key in FIGURES:
        for p in doc.text.paras:
            said = stated_figures(p).get(key)
            if said is not None and values.get(key) is not None and said != int(values[key]):
                doc.add(C.FIGURE_DIFFERS, what=f"Số {title}", here=said,
                        source="phụ lục đơn vị gửi (sổ tổng hợp phụ lục)", other=int(values[key]))
                break


def counts(doc: Doc, scope: Scope) -> None:
    """The combined notice lists every scheduled unit; the decision every member."""
    if doc.text is None:
        return
    text = doc.text.text.casefold()
    if doc.kind_key == "notice_all":
        from tdkt_xl.documents.contexts import scheduled_units
        units, _ = scheduled_units(scope.rnd)
        missing = [u.name for u in units if u.name.casefold() not in text]
        if missing:
            doc.add(C.FIGURE_DIFFERS, what="Đơn vị trong lịch kiểm tra",
                    here=f"{len(units) - len(missing)} đơn vị (thiếu {', '.join(missing)})",
                    source="sổ tính (trang 'Lịch kiểm tra')", other=f"{len(units)} đơn vị")
    elif doc.kind_key == "decision":
        people = sorted({d.member_name for d in scope.rnd.delegation if d.member_name})
        missing = [n for n in people if n.casefold() not in text]
        if missing:
            doc.add(C.FIGURE_DIFFERS, what="Thành viên Đoàn kiểm tra",
                    here=f"{len(people) - len(missing)} người (thiếu {', '.join(missing)})",
                    source="sổ tính (trang 'Thành phần đoàn')", other=f"{len(people)} người")


PER_DOCUMENT = (belongs, layout, placeholders, example_data, deadlines, notice_date,
                minutes_dates, figures, counts)
ROUND_WIDE = (roles,)
