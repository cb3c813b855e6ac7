"""House style of everything a clerk signs: how dates, weekdays, deadlines,
place names, recipients and counts are written inside a sentence.

One module, used by every document, report and form context, so the same
fact reads the same way everywhere.  Sources: Nghị định 30/2020/NĐ-CP (dates
in full with days below 10 and months 1–2 zero-padded; Phụ lục II on capital
letters: the common noun of an administrative unit is lower case, ``xã Quan
Sơn``, except when the name is a number, ``Phường 12``) and the seed plan's
own usage in running text (``ngày 09/01/2024``, ``ngày 13/4/2022``).
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Iterable, Optional

DOTS = "……………"            # a short blank to fill in by hand

# thứ is a common noun: lower case inside a sentence; Chủ nhật keeps its capital
WEEKDAYS_MID = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")

# common nouns of administrative units, longest first
ADMIN_NOUNS = ("thành phố", "thị trấn", "thị xã", "phường", "huyện", "quận", "tỉnh", "xã")
# only at the start of a name: ``Ban Tổ chức Huyện ủy`` keeps its capital
_ADMIN_RE = re.compile(r"^(" + "|".join(ADMIN_NOUNS) + r")(\s+)(?=\S)", re.I)

COMMUNE, TOWNSHIP, WARD = "xã", "thị trấn", "phường"


def _nfc(s) -> str:
    return unicodedata.normalize("NFC", "" if s is None else str(s))


# ------------------------------------------------------------------ dates
def day2(d: int) -> str:
    return f"{d:02d}"


def month_nd30(m: int) -> str:
    return f"{m:02d}" if m <= 2 else str(m)


def body_date(d: Optional[dt.date]) -> str:
    """The one form of a date in running text, tables and forms:
    ``07/6/2024`` (NĐ 30 padding); a dotted blank when unknown."""
    if not d:
        return DOTS
    return f"{day2(d.day)}/{month_nd30(d.month)}/{d.year}"


def long_date(d: Optional[dt.date]) -> str:
    """``ngày 03 tháng 6 năm 2024``."""
    if not d:
        return f"ngày {DOTS} tháng {DOTS} năm {DOTS}"
    return f"ngày {day2(d.day)} tháng {month_nd30(d.month)} năm {d.year}"


def due_phrase(d: Optional[dt.date]) -> str:
    """The one wording of a deadline: ``chậm nhất ngày 07/6/2024``."""
    return f"chậm nhất ngày {body_date(d)}"


def weekday_word(d: Optional[dt.date]) -> str:
    """``thứ Ba`` (mid-sentence form); a dotted blank when unknown."""
    return WEEKDAYS_MID[d.weekday()] if d else DOTS


def sentence_start(s: str) -> str:
    """Capitalise the first letter only (``thứ Ba, …`` opening a cell)."""
    return s[:1].upper() + s[1:] if s else s


# ------------------------------------------------------------------ names
def in_sentence(name: str) -> str:
    """A unit or place name inside a sentence: the administrative common noun
    in lower case (``Xã Quan Sơn`` -> ``xã Quan Sơn``), kept capital when the
    proper name is a number (``Phường 12``)."""
    s = _nfc(name).strip()

    def low(mt: re.Match) -> str:
        rest = s[mt.end():]
        if rest[:1].isdigit():
            return mt.group(0)
        return mt.group(1).lower() + mt.group(2)

    return _ADMIN_RE.sub(low, s, count=1)


def place_kind(name: str) -> str:
    """``xã`` / ``thị trấn`` / ``phường`` for a commune-level name, '' otherwise."""
    low = in_sentence(name)
    for noun in (TOWNSHIP, WARD, COMMUNE):
        if low.startswith(noun + " "):
            return noun
    return ""


def recipient(name: str, is_commune: bool) -> str:
    """A recipient is a body: ``UBND xã Quan Sơn``; a district body by its name."""
    s = in_sentence(name)
    if is_commune and place_kind(name):
        return f"UBND {s}"
    return s


def party_committee(name: str) -> str:
    """``Đảng ủy xã Quan Sơn`` (invited for a commune inspection)."""
    return f"Đảng ủy {in_sentence(name)}"


def recipient_line(text: str, last: bool = False) -> str:
    """``- UBND xã Quan Sơn;`` (a Nơi nhận line)."""
    return f"- {text}{'.' if last else ';'}"


# ------------------------------------------------------------------ counts
def count2(n: int) -> str:
    """Counts in administrative prose are written with two digits: ``08``."""
    return f"{n:02d}"


def commune_kinds(names: Iterable[str]) -> str:
    """``xã``, ``thị trấn``, ``xã, phường``…: only the kinds present."""
    kinds = {place_kind(n) or COMMUNE for n in names}
    return ", ".join(k for k in (COMMUNE, WARD, TOWNSHIP) if k in kinds)


def block_noun(block: str) -> str:
    """How the units of a block that are not communes are counted in prose: the
    block's own words (``Khối trường học`` -> ``trường học``, ``Khối cơ quan,
    tổ chức, đơn vị cấp huyện`` -> ``cơ quan, tổ chức, đơn vị cấp huyện``);
    ``cơ quan, đơn vị`` for a unit without a block."""
    noun = re.sub(r"^các\s+", "", block_members(block), flags=re.I) if _nfc(block).strip() else ""
    return noun or "cơ quan, đơn vị"


def units_count_phrase(units) -> str:
    """The counting phrase of ``units`` (with ``block``, ``name``,
    ``is_commune``), one part per block present in the order the units come,
    the communes last by kind: ``06 cơ quan, tổ chức, đơn vị cấp huyện và 08
    xã``, ``06 trường học``."""
    units = list(units)
    others: dict = {}
    for u in units:
        if not u.is_commune:
            others.setdefault(block_noun(u.block), []).append(u)
    parts = [f"{count2(len(v))} {noun}" for noun, v in others.items()]
    communes = [u.name for u in units if u.is_commune]
    if communes:
        parts.append(f"{count2(len(communes))} {commune_kinds(communes)}")
    return " và ".join(parts) if parts else DOTS


def _one_block_noun(nouns: set) -> str:
    """The one block's words when there is one and it does not name agencies
    (``trường học``), else ""."""
    one = next(iter(nouns)) if len(nouns) == 1 else ""
    return one if one and not one.lower().startswith("cơ quan") else ""


def bodies_phrase(units) -> str:
    """``các cơ quan, đơn vị, xã`` without a count, same rule: the one block's
    words when every unit that is not a commune is of that block and it does
    not name agencies (``trường học``), else ``cơ quan, đơn vị``."""
    units = list(units)
    nouns = {block_noun(u.block) for u in units if not u.is_commune}
    communes = [u.name for u in units if u.is_commune]
    parts = ([] if not nouns else [_one_block_noun(nouns) or "cơ quan, đơn vị"]) \
        + ([commune_kinds(communes)] if communes else [])
    return ", ".join(parts) if parts else "đơn vị"


def unit_noun(units) -> str:
    """What one of ``units`` is called when they are counted again after
    ``units_count_phrase`` (``05 trường học``, ``12 đơn vị``): the one kind
    they all are, else ``đơn vị``."""
    units = list(units)
    if units and all(u.is_commune for u in units):
        kinds = commune_kinds(u.name for u in units)
        return kinds if "," not in kinds else "đơn vị"
    if any(u.is_commune for u in units):
        return "đơn vị"
    return _one_block_noun({block_noun(u.block) for u in units}) or "đơn vị"


# ------------------------------------------------------------------ citations
BLANK_REF = "……"           # the one placeholder inside a citation (số ……/KH-…)


def plan_citation(st) -> str:
    """THE citation of the inspection plan, in every document, the đề cương and
    the Phụ lục: ``Kế hoạch số 05/KH-HĐTĐKT ngày 12/4/2024 của Hội đồng …``.
    While the plan has no number or date: ``số ……/KH-HĐTĐKT ngày ……/4/2024``
    (the month of ``Tháng ban hành Kế hoạch`` when known)."""
    raw = _nfc(getattr(st, "plan_number", "")).strip()
    if re.fullmatch(r"\d+(\.0)?", raw):
        raw = f"{int(float(raw)):02d}"
    num = raw or BLANK_REF
    issuer = _nfc(getattr(st, "issuer_code", "")).strip() or BLANK_REF
    d = getattr(st, "plan_date", None)
    if d:
        when = body_date(d)
    else:
        mt = re.fullmatch(r"0?(\d{1,2})\s*/\s*(\d{4})", _nfc(getattr(st, "plan_month", "")).strip())
        when = (f"{BLANK_REF}/{month_nd30(int(mt.group(1)))}/{mt.group(2)}" if mt
                else f"{BLANK_REF}/{BLANK_REF}/{BLANK_REF}")
    council = _nfc(getattr(st, "council_name", "")).strip() or DOTS
    return f"Kế hoạch số {num}/KH-{issuer} ngày {when} của {council}"


# A plan's name ending with its issuer ("… năm 2026 của Hội đồng Thi đua - Khen
# thưởng tỉnh"): after "Kế hoạch số … của <council> về" that issuer is said already.
_TITLE_ISSUER_RE = re.compile(r"\s+của\s+(?:Hội đồng|HĐTĐKT)\b[^,;]*$", re.I)


def plan_subject(st, cited: bool = True) -> str:
    """What the round's plan is about, mid-sentence (after 'Kế hoạch … về'):
    ``kiểm tra công tác thi đua, khen thưởng năm 2024``, or the Cấu hình's
    'Tên kế hoạch' of a council with several plans a year (``tdkt new-round
    --plan``), its first letter in lower case.  ``cited`` (the default: the
    words follow ``plan_citation``, which names the council) drops a closing
    ``của Hội đồng …`` of the name, else the council is said twice."""
    title = _nfc(getattr(st, "plan_title", "")).strip().rstrip(".").strip()
    if cited:
        title = _TITLE_ISSUER_RE.sub("", title).strip()
    if title:
        return title[:1].lower() + title[1:]
    return f"kiểm tra công tác thi đua, khen thưởng năm {getattr(st, 'year', None) or DOTS}"


def inspection_of(st) -> str:
    """What the round's Đoàn kiểm tra inspects, after ``Đoàn kiểm tra``:
    ``công tác thi đua, khen thưởng năm 2024``; a plan of its own name
    ('Tên kế hoạch' ``Kiểm tra công tác …, khen thưởng Khối thi đua các trường
    học năm 2024``) gives the rest of that name, so the decision, the notices,
    the minutes and the report name the same Đoàn as the plan."""
    subject = plan_subject(st)
    if re.match(r"kiểm tra\s+\S", subject, re.I):
        return re.sub(r"^kiểm tra\s+", "", subject, flags=re.I)
    return f"công tác thi đua, khen thưởng năm {getattr(st, 'year', None) or DOTS}"


def attached_to_plan(st) -> str:
    """The ``(Kèm theo …)`` line of an attachment of the plan (NĐ 30, III.1.c)."""
    return f"(Kèm theo {plan_citation(st)})"


# ------------------------------------------------------------------ the council and its blocks
_BLOCK_RE = re.compile(r"^khối\s+(?!thi đua\b)(?:các\s+)?", re.I)


def block_name(block: str) -> str:
    """A block under the plan's own name: ``Khối xã, thị trấn`` -> ``Khối thi
    đua các xã, thị trấn``; a name already saying ``Khối thi đua`` as written."""
    block = _nfc(block).strip()
    return _BLOCK_RE.sub("Khối thi đua các ", block, count=1)


def block_members(block: str) -> str:
    """The units of a block inside a sentence: ``các xã, thị trấn``."""
    name = block_name(block)
    return re.sub(r"^khối thi đua\s+", "", name, flags=re.I) if name.lower().startswith("khối thi đua ") \
        else name


def council_post(council_role: str, council_name: str) -> str:
    """``Phó Chủ tịch Hội đồng TĐKT huyện`` from the role and the council's name
    (the place's proper name is dropped: documents of that place)."""
    short = re.sub(r"Thi đua\s*-\s*Khen thưởng", "TĐKT", _nfc(council_name).strip(), flags=re.I)
    short = re.sub(r"\b(huyện|thị xã|thành phố|tỉnh|xã)\s+\S.*$", r"\1", short, flags=re.I)
    return f"{council_role} {short}".strip()


# ------------------------------------------------------------------ the council's level and offices
# The bodies of a level, in the short forms documents use (Nơi nhận, Điều 3):
# general administrative vocabulary; which level and which offices a round has
# is the workbook's (Cấu hình: Cấp, Cơ quan thường trực Hội đồng, …).
_PARTY_COMMITTEE = {"tỉnh": "Tỉnh ủy", "huyện": "Huyện ủy", "xã": "Đảng ủy xã"}


def level_bodies(level: str, supervising_body: str = "", council_name: str = "") -> dict:
    """Short names of the bodies of the council's level: ``ubnd`` (UBND huyện),
    ``ubnd_full`` (Ủy ban nhân dân huyện), ``council_level`` (Hội đồng TĐKT
    huyện), ``council_level_full``, ``standing_bodies`` (Thường trực Huyện ủy,
    HĐND huyện), ``supervising_office`` (Văn phòng HĐND và UBND huyện; a
    province: Văn phòng UBND tỉnh).  An unknown level ('') uses the names as
    written in Cấu hình."""
    level = _nfc(level).strip().lower()
    if level:
        hdnd = f"HĐND {level}"
        return {
            "ubnd": f"UBND {level}", "ubnd_full": f"Ủy ban nhân dân {level}",
            "council_level": f"Hội đồng TĐKT {level}",
            "council_level_full": f"Hội đồng Thi đua - Khen thưởng {level}",
            "standing_bodies": f"Thường trực {_PARTY_COMMITTEE.get(level, 'cấp ủy')}, {hdnd}",
            "supervising_office": (f"Văn phòng UBND {level}" if level == "tỉnh"
                                   else f"Văn phòng HĐND và UBND {level}")}
    body = _nfc(supervising_body).strip() or DOTS
    council = _nfc(council_name).strip() or DOTS
    return {"ubnd": body, "ubnd_full": body, "council_level": council_post("", council),
            "council_level_full": council, "standing_bodies": f"Thường trực cấp ủy, HĐND",
            "supervising_office": f"Văn phòng {body}"}


def office_code(office: str, code: str = "") -> str:
    """The standing office's abbreviation (``Lưu: VT, …``, ``TTr-…``): the one
    set in Cấu hình, else the initials of its name."""
    code = _nfc(code).strip()
    if code:
        return code
    words = re.findall(r"\w+", _nfc(office))
    return "".join(w[0].upper() for w in words) or DOTS


# how the head of an office is titled, by the office's first word
_HEAD_TITLES = (("văn phòng", "Chánh {}"), ("phòng", "Trưởng phòng {rest}"), ("sở", "Giám đốc {}"),
                ("ban", "Trưởng {}"), ("trung tâm", "Giám đốc {}"))


def office_head(office: str, head: str = "") -> str:
    """Who heads the standing office (who signs its Tờ trình): the title set in
    Cấu hình, else from the office's kind (``Sở Nội vụ`` -> ``Giám đốc Sở Nội
    vụ``, ``Phòng X`` -> ``Trưởng phòng X``)."""
    head = _nfc(head).strip()
    if head:
        return head
    office = _nfc(office).strip()
    if not office:
        return DOTS
    low = office.lower()
    for kind, form in _HEAD_TITLES:
        if low.startswith(kind + " "):
            return form.format(office, rest=office[len(kind) + 1:])
    return f"Thủ trưởng {office}"


# ------------------------------------------------------------------ recommendations
# A recommendation that only asks a unit to keep up good work is praise, not a
# fix to report back on: it is not counted or listed as open.
PRAISE_OPENINGS = ("tiếp tục duy trì", "tiếp tục phát huy", "tiếp tục nhân rộng")


def is_praise(text: str) -> bool:
    return _nfc(text).strip().casefold().startswith(PRAISE_OPENINGS)
