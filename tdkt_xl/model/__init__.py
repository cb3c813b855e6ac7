"""Plain typed records of one inspection round.  No I/O, no Excel.

Every record read from a sheet carries an ``Origin`` (sheet name, row, and
the column letter of each field) so that rules can point at the exact cell of
a problem; records built in code have ``origin=None``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Optional

from tdkt_xl.model.index import RoundIndex, key


@dataclass(frozen=True)
class Origin:
    sheet: str
    row: int                                  # 1-based spreadsheet row
    columns: tuple = ()                       # ((field, column letter), ...)

    def cell(self, field_name: Optional[str] = None) -> str:
        cols = dict(self.columns)
        letter = cols.get(field_name) if field_name else None
        if letter is None:
            letter = self.columns[0][1] if self.columns else "A"
        return f"{letter}{self.row}"


def _cell(origin: Optional[Origin], field_name: str | None = None) -> str:
    return origin.cell(field_name) if origin else ""


@dataclass
class Settings:
    year: Optional[int] = None
    council_name: str = ""
    supervising_body: str = ""
    level: str = ""                           # tỉnh / huyện / xã ('' = from the supervising body)
    standing_office: str = ""                 # cơ quan thường trực Hội đồng (e.g. Sở Nội vụ)
    standing_office_code: str = ""            # its abbreviation ('Lưu: VT, …', TTr-…)
    standing_office_head: str = ""            # its head's title (who signs the Tờ trình)
    upper_office: str = ""                    # the higher body told of the report (b/c)
    issuer_code: str = ""
    delegation_code: str = ""
    place_name: str = ""
    plan_number: str = ""
    plan_date: Optional[dt.date] = None
    plan_month: str = ""
    plan_basis: str = ""
    period_start: Optional[dt.date] = None
    window_label: str = ""
    window_start: Optional[dt.date] = None
    window_end: Optional[dt.date] = None
    notice_lead_days: Optional[int] = None
    report_lead_days: Optional[int] = None
    day_counting: str = ""
    extra_holidays: tuple = ()                # tuple[date, ...]
    decision_authority: str = ""              # Chủ tịch Hội đồng / Hội đồng ('' = Chủ tịch Hội đồng)
    rules_number: str = ""                    # QĐ ban hành Quy chế hoạt động của Hội đồng
    rules_date: Optional[dt.date] = None
    proposal_number: str = ""                 # Tờ trình đề nghị thành lập Đoàn
    proposal_date: Optional[dt.date] = None
    signer_name: str = ""
    signer_post: str = ""
    signer_council_role: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    output_folder: str = ""
    inbox_folder: str = ""
    python_path: str = ""                     # the Python the buttons start ("" = python on PATH)
    plan_title: str = ""                      # the plan's name when a council has several a year
    # composition of each delegation (Kế hoạch, Thành phần Đoàn kiểm tra)
    office_leader_rule: str = ""              # Có / Không: a leader of the standing office ('' = Có)
    office_specialist_rule: str = ""          # Có / Không: a specialist of it ('' = Có)
    head_roles: tuple = ()                    # council roles a Trưởng đoàn may hold (() = Chủ tịch, Phó Chủ tịch)
    # any further "Mục" rows a later feature adds, by label -> raw value
    extra: dict = field(default_factory=dict)
    # field name -> cell address of its value (for findings)
    cells: dict = field(default_factory=dict)
    # label -> cell address of the values carried from last year, not yet confirmed
    unconfirmed: dict = field(default_factory=dict)

    def cell(self, field_name: str) -> str:
        return self.cells.get(field_name, "")

    @property
    def decision_by_council(self) -> bool:
        """The decision is issued by the council as a body (TM. HỘI ĐỒNG);
        otherwise by its chairman in his own power (the default)."""
        from tdkt_xl.model.vocab import AUTHORITY_COUNCIL
        return self.decision_authority == AUTHORITY_COUNCIL

    @property
    def working_days(self) -> bool:
        from tdkt_xl.model.vocab import DAYS_WORKING
        return self.day_counting == DAYS_WORKING

    @property
    def needs_office_leader(self) -> bool:
        """Each delegation has a leader of the standing office (the default)."""
        from tdkt_xl.model.vocab import NO
        return self.office_leader_rule != NO

    @property
    def needs_office_specialist(self) -> bool:
        """Each delegation has a specialist of the standing office (the default)."""
        from tdkt_xl.model.vocab import NO
        return self.office_specialist_rule != NO

    @property
    def lead_roles(self) -> tuple:
        """The council roles a Trưởng đoàn may hold (default: Chủ tịch, Phó Chủ tịch)."""
        from tdkt_xl.model.vocab import ROLE_CHAIR, ROLE_VICE
        return self.head_roles or (ROLE_CHAIR, ROLE_VICE)


@dataclass
class Unit:
    code: str
    name: str
    block: str = ""
    head_name: str = ""
    head_title: str = ""
    address: str = ""
    phone: str = ""
    member_in_charge: str = ""
    selected: bool = False
    origin: Optional[Origin] = None

    @property
    def is_commune(self) -> bool:
        """A unit of commune level (its name: 'Xã …', 'Phường …', 'Thị trấn …')."""
        return is_commune_name(self.name)


def is_commune_name(name) -> bool:
    """Whether a unit's name is that of a commune-level unit ('Xã …', 'Phường …')."""
    from tdkt_xl.model.vocab import COMMUNE_KINDS
    k = key(name)
    return any(k.startswith(kind + " ") for kind in COMMUNE_KINDS)


@dataclass
class Member:
    name: str
    title: str = ""
    agency: str = ""
    phone: str = ""
    council_role: str = ""        # Chủ tịch / Phó Chủ tịch / Thành viên / ""
    pnv_role: str = ""            # Lãnh đạo / Chuyên viên / ""
    note: str = ""
    origin: Optional[Origin] = None

    @property
    def can_lead(self) -> bool:
        from tdkt_xl.model.vocab import ROLE_CHAIR, ROLE_VICE
        return self.council_role in (ROLE_CHAIR, ROLE_VICE)


@dataclass
class Inspection:
    unit_code: str
    date: Optional[dt.date] = None
    session: str = ""
    start_time: Optional[dt.time] = None
    place: str = ""
    notice_date: Optional[dt.date] = None
    report_due: Optional[dt.date] = None      # always derived by the reader
    report_received: Optional[dt.date] = None
    mode: str = ""
    origin: Optional[Origin] = None
    review_date: Optional[dt.date] = None     # 'Qua hồ sơ': day the delegation concluded its review
    report_due_shown: Optional[dt.date] = None  # what the workbook's formula cell shows (cached)

    @property
    def by_files(self) -> bool:
        from tdkt_xl.model.vocab import MODE_FILES
        return self.mode == MODE_FILES

    @property
    def minutes_date(self) -> Optional[dt.date]:
        """The date of the minutes: the inspection day, or for an inspection
        by file the day the delegation concluded its review (None if unknown)."""
        return self.review_date if self.by_files else self.date


@dataclass
class DelegationMember:
    unit_code: str
    member_name: str
    task: str = ""
    origin: Optional[Origin] = None


@dataclass
class PlanParagraph:
    """One row of the Nội dung kế hoạch sheet: a paragraph of one part of the
    Kế hoạch kiểm tra, optionally opening a khoản (``title``)."""
    part: str
    title: str = ""
    text: str = ""
    origin: Optional[Origin] = None


@dataclass
class ChecklistItem:
    code: str
    group: str
    text: str
    applies_to: str = ""
    origin: Optional[Origin] = None

    def applies(self, unit: Unit) -> bool:
        from tdkt_xl.model.vocab import APPLIES_ALL
        return key(self.applies_to) in (key(APPLIES_ALL), "") or key(self.applies_to) == key(unit.block)


@dataclass
class Result:
    unit_code: str
    item_code: str
    assessment: str = ""          # Đạt / Chưa đạt / ""
    remark: str = ""
    origin: Optional[Origin] = None


@dataclass
class Evaluation:
    unit_code: str
    end_time: Optional[dt.time] = None
    unit_attendees: str = ""
    chair: str = ""
    secretary: str = ""
    strengths: str = ""
    shortcomings: str = ""
    unit_opinion: str = ""
    origin: Optional[Origin] = None


@dataclass
class Recommendation:
    unit_code: str
    text: str
    deadline: Optional[dt.date] = None
    remedy_report_date: Optional[dt.date] = None
    status: str = ""
    origin: Optional[Origin] = None
    # the code typed in the sheet when the reader moved the recommendation to the
    # unit that succeeded it (Đơn vị kế thừa); "" when it stays where it was typed
    original_unit_code: str = ""
    # the year of the round that made it, for one carried from an earlier round
    # to re-check (Kết quả khắc phục kiến nghị năm trước); None: this round's
    from_year: Optional[int] = None

    @property
    def carried(self) -> bool:
        return self.from_year is not None


@dataclass
class Succession:
    """One row of Đơn vị kế thừa: unit ``old_code`` ceased on ``date`` and
    ``new_code`` took over (resolution: ``model.succession``)."""
    old_code: str
    new_code: str
    date: Optional[dt.date] = None
    act: str = ""
    old_name: str = ""
    origin: Optional[Origin] = None


@dataclass
class DocumentRecord:
    kind: str
    unit_code: str = ""
    number: str = ""
    date: Optional[dt.date] = None
    signer: str = ""
    origin: Optional[Origin] = None


@dataclass
class LegalText:
    """One row of the register of legal bases (the Căn cứ pháp lý sheet): a
    text (its ``code``; several rows of one code are its successive wordings)
    in force from ``start`` to ``end`` (None = open), the ``Căn cứ …`` wording
    documents print (``citation``; '' = never printed), the round levels it is
    cited at and the document type codes that cite it (() = all)."""
    code: str
    name: str = ""                      # short name used in messages ("Nghị định số 98/2023/NĐ-CP")
    citation: str = ""
    start: Optional[dt.date] = None
    end: Optional[dt.date] = None
    replaced_by: str = ""               # code of the text that replaces this one
    levels: tuple = ()                  # 'tỉnh', 'huyện', 'xã'; () = every level
    cited_in: tuple = ()                # NĐ 30 type codes ('QĐ', 'KH'); () = every document
    note: str = ""
    origin: Optional[Origin] = None

    def applies(self, d: dt.date) -> bool:
        return (self.start is None or self.start <= d) and (self.end is None or d <= self.end)

    def cell(self, field_name: str | None = None) -> str:
        return _cell(self.origin, field_name)


@dataclass
class Round:
    """Everything of one inspection round, as read from the master workbook."""
    settings: Settings
    units: list = field(default_factory=list)             # list[Unit]
    members: list = field(default_factory=list)           # list[Member]
    inspections: list = field(default_factory=list)       # list[Inspection]
    delegation: list = field(default_factory=list)        # list[DelegationMember]
    checklist: list = field(default_factory=list)         # list[ChecklistItem]
    results: list = field(default_factory=list)           # list[Result]
    evaluations: list = field(default_factory=list)       # list[Evaluation]
    recommendations: list = field(default_factory=list)   # list[Recommendation]
    documents: list = field(default_factory=list)         # list[DocumentRecord]
    plan_text: list = field(default_factory=list)         # list[PlanParagraph]
    successions: list = field(default_factory=list)       # list[Succession]
    legal: list = field(default_factory=list)             # list[LegalText], the register
    source: str = ""                                      # file name, for messages
    missing_sheets: tuple = ()                            # sheets the workbook lacks (read as empty)
    missing_columns: tuple = ()                           # (sheet, header) of columns they lack (read as empty)

    _index: object = field(default=None, init=False, repr=False, compare=False)
    _index_sig: tuple = field(default=(), init=False, repr=False, compare=False)

    # ---- lookups by canonical key (first occurrence wins; duplicates are a finding)
    @property
    def index(self) -> RoundIndex:
        """The one index (``model.index``), rebuilt when a list of records
        changes size or is replaced; ``reindex()`` after renaming a code in place."""
        sig = tuple((id(v), len(v)) for v in (self.units, self.members, self.inspections,
                                               self.delegation, self.checklist, self.results,
                                               self.evaluations, self.recommendations,
                                               self.documents))
        if self._index is None or sig != self._index_sig:
            self._index, self._index_sig = RoundIndex(self), sig
        return self._index

    def reindex(self) -> None:
        self._index = None

    @property
    def blocks(self) -> list:
        """The blocks of units (Khối) as the Đơn vị sheet names them, in its order."""
        seen = {}
        for u in self.units:
            if key(u.block):
                seen.setdefault(key(u.block), u.block)
        return list(seen.values())

    def unit(self, code: str) -> Optional[Unit]:
        return RoundIndex.first(self.index.units, key(code))

    def member(self, name: str) -> Optional[Member]:
        return RoundIndex.first(self.index.members, key(name))

    def item(self, code: str) -> Optional[ChecklistItem]:
        return RoundIndex.first(self.index.items, key(code))

    def inspection(self, unit_code: str) -> Optional[Inspection]:
        return RoundIndex.first(self.index.inspections, key(unit_code))

    def evaluation(self, unit_code: str) -> Optional[Evaluation]:
        return RoundIndex.first(self.index.evaluations, key(unit_code))

    def result(self, unit_code: str, item_code: str) -> Optional[Result]:
        return RoundIndex.first(self.index.result_of_item, (key(unit_code), key(item_code)))

    def selected_units(self) -> list:
        return [u for u in self.units if u.selected]

    def delegation_of(self, unit_code: str) -> list:
        return list(self.index.delegation.get(key(unit_code), ()))

    def results_of(self, unit_code: str) -> list:
        return list(self.index.results.get(key(unit_code), ()))

    def recommendations_of(self, unit_code: str) -> list:
        return list(self.index.recommendations.get(key(unit_code), ()))

    def items_for(self, unit: Unit) -> list:
        return [i for i in self.checklist if i.applies(unit)]

    def document(self, kind: str, unit_code: str = "") -> Optional[DocumentRecord]:
        return RoundIndex.first(self.index.documents, (key(kind), key(unit_code)))

    def chair(self) -> Optional[Member]:
        from tdkt_xl.model.vocab import ROLE_CHAIR
        for m in self.members:
            if m.council_role == ROLE_CHAIR:
                return m
        return None
