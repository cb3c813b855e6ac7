"""Sheet values (plain 2-D arrays, A1-anchored) -> the model.

One reader for both sources: python-calamine headless, xlwings in Excel.
Columns are found by their header text, never by position.  Values that
cannot be converted become findings (with their cell) and ``None`` in the
model, so that validation reports every problem at once.  Columns that the
workbook computes by formula (unit name, weekday, report due date) are
recomputed here, never trusted from cached values.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

from tdkt_xl import model as m
from tdkt_xl.vocabulary import cells, schema as S, text
from tdkt_xl.vocabulary import catalogue as C
from tdkt_xl.vocabulary.blocking import jobs_needing_sheet, jobs_of_cell
from tdkt_xl.model.calendar import report_due
from tdkt_xl.model.succession import land_on_successors
from tdkt_xl.vocabulary.errors import InputError
from tdkt_xl.vocabulary.findings import Finding, JOB_ALL, JOB_VI

Array = Sequence[Sequence]


class WorkbookError(InputError):
    """The workbook cannot be read at all (missing file, not a workbook,
    a required sheet missing).  The message is Vietnamese, for the clerk."""


@dataclass
class ReadResult:
    round: m.Round
    findings: list = field(default_factory=list)


@dataclass
class TableLayout:
    """Where a sheet's columns are: header row (0-based) and field -> column index."""
    sheet: S.Sheet
    header_row: int
    index: dict
    lacking: tuple = ()         # headers of the columns it lacks (each said as a GT01)

    def origin(self, row0: int) -> m.Origin:
        return m.Origin(self.sheet.name, row0 + 1, self.letters)

    @property
    def letters(self) -> tuple:
        """((field, column letter), ...), computed once per sheet."""
        cached = self.__dict__.get("_letters")
        if cached is None:
            cached = tuple((f, cells.col_letter(i)) for f, i in self.index.items())
            self.__dict__["_letters"] = cached
        return cached

    def header_cell(self, field_name: str | None = None) -> str:
        i = self.index.get(field_name, 0) if field_name else 0
        return cells.a1(self.header_row, i)


def find_layout(sheet: S.Sheet, rows: Array, findings: list) -> TableLayout:
    wanted = {cells.key_text(h): c.field for c in sheet.columns for h in (c.header,) + c.aliases}
    best_row, best = 0, {}
    for r, row in enumerate(rows[:10]):
        found = {}
        for i, v in enumerate(row):
            f = wanted.get(cells.key_text(v))
            if f and f not in found:
                found[f] = i
        if len(found) > len(best):
            best_row, best = r, found
    layout = TableLayout(sheet, best_row, best)
    for c in sheet.columns:
        if c.field not in best and (c.required or not c.derived):
            if c.derived or c.optional:
                continue
            findings.append(C.MISSING_COLUMN.at(sheet.name, layout.header_cell(),
                                                column=c.header, sheet_name=sheet.name))
            layout.lacking += (c.header,)
    return layout


_CONVERTERS = {S.DATE: cells.to_date, S.TIME: cells.to_time, S.INT: cells.to_int,
               S.NUMBER: cells.to_number}
_BAD = {S.DATE: C.BAD_DATE, S.TIME: C.BAD_TIME, S.INT: C.BAD_NUMBER,
        S.NUMBER: C.BAD_NUMBER, S.CHOICE: C.BAD_CHOICE}


def _convert(col: S.Column, raw, where: tuple, findings: list):
    """``where`` is (sheet name, cell or Origin, unit); the cell address is
    only worked out when the value is bad."""
    if isinstance(raw, str) and text.has_control(raw):
        sheet_name, cell, unit = where
        findings.append(C.CONTROL_CHARS.at(sheet_name, cell.cell(col.field) if isinstance(cell, m.Origin) else cell,
                                           unit, column=col.header, value=raw.strip()))
    try:
        if col.kind == S.CHOICE:
            return cells.to_choice(raw, col.choices)
        conv = _CONVERTERS.get(col.kind)
        return conv(raw) if conv else cells.norm_text(raw)
    except cells.BadValue as e:
        sheet_name, cell, unit = where
        if isinstance(cell, m.Origin):
            cell = cell.cell(col.field)
        findings.append(_BAD[col.kind].at(sheet_name, cell, unit, blocks=jobs_of_cell(sheet_name, col.field),
                                          column=col.header, reason=str(e)))
        return None


def read_table(sheet: S.Sheet, rows: Array, findings: list,
               lacking: list | None = None) -> list[tuple[dict, m.Origin]]:
    """Rows of a table sheet as dicts of converted values (None when bad);
    ``lacking`` gets (sheet name, header) of each column the sheet lacks."""
    layout = find_layout(sheet, rows, findings)
    if lacking is not None:
        lacking.extend((sheet.name, h) for h in layout.lacking)
    key_col = sheet.col(sheet.key) if sheet.key else None
    cols = [(c, layout.index.get(c.field)) for c in sheet.columns]
    read_cols = [(c, i) for c, i in cols if not c.derived and i is not None]
    shown_cols = [(c, i) for c, i in cols if c.derived and i is not None]
    skipped = [c.field for c, i in cols if c.derived or i is None]
    content = [i for c, i in read_cols]
    unit_field = "unit_code" if "unit_code" in layout.index else (
        "code" if sheet is S.UNITS else None)
    out = []
    for r in range(layout.header_row + 1, len(rows)):
        row = rows[r]
        n = len(row)
        if all(i >= n or cells.is_blank(row[i]) for i in content):
            continue
        raw = {c.field: (row[i] if i < n else None) for c, i in read_cols}
        origin = layout.origin(r)
        unit = cells.norm_text(raw.get(unit_field)) if unit_field and not cells.formula_error(
            raw.get(unit_field)) else ""
        values = dict.fromkeys(skipped)
        where = (sheet.name, origin, unit)
        for c, i in read_cols:
            v = raw[c.field]
            err = cells.formula_error(v)
            if err:             # said once, at the cell; the value is unknown, not blank
                findings.append(C.FORMULA_ERROR.at(sheet.name, origin.cell(c.field), unit,
                                                   blocks=jobs_of_cell(sheet.name, c.field), column=c.header, error=err))
                values[c.field] = None
                continue
            values[c.field] = _convert(c, v, where, findings)
            if c.required and cells.is_blank(v):
                findings.append(C.REQUIRED.at(sheet.name, origin.cell(c.field), unit,
                                              blocks=jobs_of_cell(sheet.name, c.field),
                                              column=c.header, key=_row_key(sheet, raw, key_col)))
        # what a formula cell shows (cached or recalculated by Excel), kept
        # apart: the model recomputes the value, rules compare the two
        values["shown"] = {c.field: (row[i] if i < n else None) for c, i in shown_cols}
        out.append((values, origin))
    return out


def _shown_date(v: dict, field_name: str):
    try:
        return cells.to_date(v.get("shown", {}).get(field_name))
    except cells.BadValue:
        return None


def _row_key(sheet, raw, key_col) -> str:
    if key_col is None:
        return ""
    k = cells.norm_text(raw.get(key_col.field))
    return f" ({key_col.header} {k})" if k else ""


def read_settings(rows: Array, findings: list) -> m.Settings:
    layout = find_layout(S.SETTINGS, rows, findings)
    li, vi = layout.index.get("label"), layout.index.get("value")
    ni = layout.index.get("note")
    st = m.Settings()
    if li is None or vi is None:
        return st
    by_label = S.setting_specs()
    seen = set()
    legacy = ""
    for r in range(layout.header_row + 1, len(rows)):
        row = rows[r]
        label = row[li] if li < len(row) else None
        if cells.is_blank(label):
            continue
        raw = row[vi] if vi < len(row) else None
        cell = cells.a1(r, vi)
        note = row[ni] if ni is not None and ni < len(row) else None
        if cells.key_text(S.UNCONFIRMED) in cells.key_text(note):
            st.unconfirmed[cells.norm_text(label)] = cell
        spec = by_label.get(cells.key_text(label))
        if spec is None:
            st.extra[cells.norm_text(label)] = cells.norm_text(raw) or None  # text, same from every source
            st.cells["extra:" + cells.norm_text(label)] = cell
            continue
        seen.add(spec.field)
        st.cells[spec.field] = cell
        if cells.key_text(label) != cells.key_text(spec.label):
            legacy = _legacy_office(label)      # 'Người liên hệ (Phòng …)' of an old workbook
        err = cells.formula_error(raw)
        if err:
            findings.append(C.FORMULA_ERROR.at(S.SETTINGS.name, cell, blocks=(JOB_ALL,), column=spec.label,
                                               error=err))
            continue
        if spec.field == "extra_holidays":
            days = []
            for part in cells.norm_text(raw).replace(",", ";").split(";"):
                if part.strip():
                    try:
                        days.append(cells.to_date(part.strip()))
                    except cells.BadValue as e:
                        findings.append(C.BAD_DATE.at(S.SETTINGS.name, cell, blocks=(JOB_ALL,),
                                                      column=spec.label,
                                                      reason=str(e)))
            st.extra_holidays = tuple(days)
            continue
        if spec.field == "head_roles":
            st.head_roles = _council_roles(raw, spec.label, cell, findings)
            continue
        col = S.Column(spec.label, spec.field, spec.kind, choices=spec.choices)
        v = _convert(col, raw, (S.SETTINGS.name, cell, ""), findings)
        if spec.field == "year" and v is not None and not cells.plausible_year(v):
            findings.append(C.BAD_NUMBER.at(S.SETTINGS.name, cell, blocks=(JOB_ALL,), column=spec.label,
                                            reason=f"năm {v} nằm ngoài khoảng {cells.YEAR_MIN}–{cells.YEAR_MAX}"))
            v = None
        if spec.required and (v is None or v == "") and cells.is_blank(raw):
            findings.append(C.SETTING_MISSING.at(S.SETTINGS.name, cell, label=spec.label))
        if v is not None:
            setattr(st, spec.field, v)
    if not st.standing_office and legacy:
        st.standing_office = legacy
    end = cells.a1(len(rows), li)
    for spec in S.SETTING_KEYS:
        if spec.field not in seen and spec.required:
            findings.append(C.SETTING_MISSING.at(S.SETTINGS.name, end, label=spec.label))
    return st


def _council_roles(raw, label: str, cell: str, findings: list) -> tuple:
    """'Chủ tịch, Phó Chủ tịch Hội đồng' -> ('Chủ tịch', 'Phó Chủ tịch'): the roles
    of the Thành viên sheet's 'Vai trò trong Hội đồng', separated by commas,
    semicolons or 'hoặc'; a trailing 'Hội đồng' is allowed."""
    import re
    roles = []
    for part in re.split(r"[,;]|\bhoặc\b", cells.norm_text(raw)):
        part = re.sub(r"\s*Hội đồng.*$", "", part.strip(), flags=re.IGNORECASE).strip()
        if not part:
            continue
        try:
            role = cells.to_choice(part, S.COUNCIL_ROLES)
        except cells.BadValue as e:
            findings.append(C.BAD_CHOICE.at(S.SETTINGS.name, cell, blocks=(JOB_ALL,), column=label,
                                            reason=str(e)))
            continue
        if role not in roles:
            roles.append(role)
    return tuple(roles)


def _legacy_office(label) -> str:
    """A workbook made before 'Cơ quan thường trực Hội đồng' was a setting named
    its standing office in the contact's label: 'Người liên hệ (<office>)'."""
    import re
    found = re.search(r"\(([^()]+)\)\s*$", cells.norm_text(label))
    return found.group(1).strip() if found else ""


def _yes(v) -> bool:
    return v == S.YES


def _list(v) -> tuple:
    """'tỉnh; xã' -> ('tỉnh', 'xã')."""
    return tuple(x.strip() for x in (v or "").replace(",", ";").split(";") if x.strip())


_BUILDERS: dict[str, Callable] = {
    S.UNITS.name: lambda v, o: m.Unit(
        v["code"] or "", v["name"] or "", v["block"] or "", v["head_name"] or "",
        v["head_title"] or "", v["address"] or "", v["phone"] or "",
        v["member_in_charge"] or "", _yes(v["selected"]), o),
    S.MEMBERS.name: lambda v, o: m.Member(
        v["name"] or "", v["title"] or "", v["agency"] or "", v["phone"] or "",
        v["council_role"] or "", v["pnv_role"] or "", v["note"] or "", o),
    S.SCHEDULE.name: lambda v, o: m.Inspection(
        v["unit_code"] or "", v["date"], v["session"] or "", v["start_time"], v["place"] or "",
        v["notice_date"], None, v["report_received"], v["mode"] or "", o,
        review_date=v.get("review_date"), report_due_shown=_shown_date(v, "report_due")),
    S.DELEGATION.name: lambda v, o: m.DelegationMember(
        v["unit_code"] or "", v["member_name"] or "", v["task"] or "", o),
    S.CHECKLIST.name: lambda v, o: m.ChecklistItem(
        v["code"] or "", v["group"] or "", v["text"] or "", v["applies_to"] or "", o),
    S.RESULTS.name: lambda v, o: m.Result(
        v["unit_code"] or "", v["item_code"] or "", v["assessment"] or "", v["remark"] or "", o),
    S.EVALUATIONS.name: lambda v, o: m.Evaluation(
        v["unit_code"] or "", v["end_time"], v["unit_attendees"] or "", v["chair"] or "",
        v["secretary"] or "", v["strengths"] or "", v["shortcomings"] or "",
        v["unit_opinion"] or "", o),
    S.RECOMMENDATIONS.name: lambda v, o: _recommendation(v, o),
    S.DOCUMENTS.name: lambda v, o: m.DocumentRecord(
        v["kind"] or "", v["unit_code"] or "", v["number"] or "", v["date"], v["signer"] or "", o),
    S.PLAN_TEXT.name: lambda v, o: m.PlanParagraph(
        v["part"] or "", v["title"] or "", v["text"] or "", o),
    S.SUCCESSION.name: lambda v, o: m.Succession(
        v["old_code"] or "", v["new_code"] or "", v["date"], v["act"] or "", v["old_name"] or "", o),
    S.LEGAL.name: lambda v, o: m.LegalText(
        v["code"] or "", v["name"] or "", v["citation"] or "", v["start"], v["end"],
        v["replaced_by"] or "", _list(v["levels"]), _list(v["cited_in"]), v["note"] or "", o),
}

def _recommendation(v: dict, o: m.Origin) -> m.Recommendation:
    year, text = S.split_carried(v["text"] or "")     # a workbook of the first new-round
    return m.Recommendation(v["unit_code"] or "", text, v["deadline"], v["remedy_report_date"],
                            v["status"] or "", o, from_year=v.get("from_year") or year)


_TARGET = {S.UNITS.name: "units", S.MEMBERS.name: "members", S.SCHEDULE.name: "inspections",
           S.DELEGATION.name: "delegation", S.CHECKLIST.name: "checklist",
           S.RESULTS.name: "results", S.EVALUATIONS.name: "evaluations",
           S.RECOMMENDATIONS.name: "recommendations", S.DOCUMENTS.name: "documents",
           S.PLAN_TEXT.name: "plan_text", S.SUCCESSION.name: "successions",
           S.LEGAL.name: "legal"}


def sheet_lookup(sheets: Mapping[str, Array], source: str = "") -> dict:
    """Sheet arrays by normalised name (a clerk's 'đơn vị ' still matches).
    Two sheets of the workbook's own names that differ only in case or
    spacing ('Đơn vị', 'ĐƠN VỊ ') are an error naming both: which one holds
    the data cannot be guessed."""
    out, names = {}, {}
    ours = {cells.key_text(sh.name) for sh in S.MODEL_SHEETS}
    for k, v in sheets.items():
        key = cells.key_text(k)
        if key in names and key in ours:
            raise WorkbookError(
                f"Sổ tính {source + ' ' if source else ''}có hai trang tên gần như nhau: '{text.visible(names[key])}' "
                f"và '{text.visible(k)}' (chỉ khác chữ hoa, chữ thường hoặc dấu cách), không biết trang nào "
                "là trang dữ liệu. Hãy xóa hoặc đổi tên một trang rồi chạy lại.")
        names.setdefault(key, k)
        out[key] = v
    return out


def read_round(sheets: Mapping[str, Array], source: str = "") -> ReadResult:
    """Build the model from sheet arrays.  ``sheets`` maps sheet names to
    A1-anchored 2-D arrays of values.  Raises WorkbookError if a required
    sheet is missing."""
    lookup = sheet_lookup(sheets, source)
    missing = [s.name for s in S.REQUIRED_SHEETS if cells.key_text(s.name) not in lookup]
    if missing:
        raise WorkbookError(
            f"Sổ tính {source or ''} thiếu trang tính: {', '.join(missing)}. "
            "Đây không phải sổ tính tdkt hoặc trang tính đã bị đổi tên; "
            "hãy dùng sổ tính mẫu (tdkt build-workbook).".replace("  ", " "))
    findings: list[Finding] = []
    st = read_settings(lookup[cells.key_text(S.SETTINGS.name)], findings)
    rnd = m.Round(settings=st, source=source)
    lacking: list = []
    for sheet in S.MODEL_SHEETS[1:]:
        rows = lookup.get(cells.key_text(sheet.name))
        if rows is None:
            rnd.missing_sheets += (sheet.name,)
            if sheet is S.LEGAL:        # a workbook made before the register was a sheet
                from tdkt_xl.io.register import shipped_register
                rnd.legal = list(shipped_register())
            needed = jobs_needing_sheet(sheet.name)       # the reader does without it; these jobs cannot
            if needed:
                findings.append(C.MISSING_SHEET.at(sheet.name, "", blocks=needed, sheet_name=sheet.name,
                                                   jobs=", ".join(JOB_VI[j] for j in needed)))
            continue
        build = _BUILDERS[sheet.name]
        target = getattr(rnd, _TARGET[sheet.name])
        for values, origin in read_table(sheet, rows, findings, lacking):
            target.append(build(values, origin))
    rnd.missing_columns = tuple(lacking)
    canonical_references(rnd, findings)
    land_on_successors(rnd)
    rnd.reindex()
    derive(rnd)
    return ReadResult(rnd, findings)


def read_legal(rows: Array, findings: list) -> list:
    """The register of legal bases from the rows of a Căn cứ pháp lý sheet (or its CSV)."""
    build = _BUILDERS[S.LEGAL.name]
    return [build(values, origin) for values, origin in read_table(S.LEGAL, rows, findings)]


def canonical_references(rnd: m.Round, findings: list) -> None:
    """A unit code, person's name or item code typed elsewhere as it is spelt
    in its own sheet ('xqs ' in Lịch kiểm tra -> 'XQS' of Đơn vị): matched by
    the model's one key, so every service compares codes the same way."""
    def unit_code(code):
        u = rnd.unit(code) if code else None
        return u.code if u else code

    def name(text):
        p = rnd.member(text) if text else None
        return p.name if p else text

    for recs in (rnd.inspections, rnd.delegation, rnd.results, rnd.evaluations,
                 rnd.recommendations, rnd.documents):
        for r in recs:
            r.unit_code = unit_code(r.unit_code)
    for d in rnd.delegation:
        d.member_name = name(d.member_name)
    for r in rnd.results:
        it = rnd.item(r.item_code) if r.item_code else None
        r.item_code = it.code if it else r.item_code
    for d in rnd.documents:
        d.signer = name(d.signer)
    for s in rnd.successions:
        s.new_code = unit_code(s.new_code)
    for u in rnd.units:
        u.member_in_charge = name(u.member_in_charge)
    for i, f in enumerate(findings):
        if f.unit and unit_code(f.unit) != f.unit:
            findings[i] = dataclasses.replace(f, unit=unit_code(f.unit))


def derive(rnd: m.Round) -> None:
    """Recompute what the workbook computes by formula."""
    for insp in rnd.inspections:
        insp.report_due = report_due(rnd.settings, insp.date)
