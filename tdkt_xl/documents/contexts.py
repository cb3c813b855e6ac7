"""Pure context builders: ``Round`` (+ unit) -> a JSON-safe dict for a template.

No I/O.  Every value is a plain str/int/bool/list/dict.  A field the
workbook does not hold prints as a dotted line (``DOTS``), never an invented
value; a blank number or signing date gives the draft form.  A document that
cannot be issued as asked (its signer is not the Chủ tịch or a Phó Chủ tịch)
raises ``Blocked`` with the Vietnamese reason.
"""
from __future__ import annotations

import datetime as dt
import inspect
import re
from typing import Optional

from tdkt_xl import model as m
from tdkt_xl.documents import appendix_figures, attendance
from tdkt_xl.documents.carried import TITLE as CARRIED_TITLE, carried, items as carried_items
from tdkt_xl.documents.text import (DOTS, DOTS_LINE, DOTS_SHORT, clock, date_line, lines, long_date, nfc,
                                    number_line, number_text, one_line, short_date, weekday)
from tdkt_xl.model import vocab as V
from tdkt_xl.vocabulary import style
from tdkt_xl.vocabulary.style import inspection_of, plan_citation, plan_subject, sentence_start
from tdkt_xl.vocabulary import doc_kinds as K
from tdkt_xl.vocabulary import schema as S


class Blocked(Exception):
    """This document cannot be produced; the message says why (Vietnamese)."""


# ------------------------------------------------------------------ header pieces
def _locality(st: m.Settings) -> str:
    """'huyện X' from 'UBND huyện X'."""
    s = nfc(st.supervising_body).strip()
    return re.sub(r"^(UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+", "", s, flags=re.I)


def _upper(s: str) -> str:
    return nfc(s).upper()


def issuer_lines(st: m.Settings, by_delegation: bool = False) -> dict:
    """Ô 2 of the header: supervising body (upright) over the issuer (bold)."""
    council = nfc(st.council_name).strip()
    if by_delegation:
        short = re.sub(r"Thi đua\s*-\s*Khen thưởng", "TĐKT", council, flags=re.I)
        return {"supervising": _upper(short) or DOTS, "issuer": "ĐOÀN KIỂM TRA"}
    loc = _locality(st)
    issuer = council
    if loc and council.lower().endswith(loc.lower()):
        issuer = council[: -len(loc)].strip()
    return {"supervising": _upper(st.supervising_body) or DOTS, "issuer": _upper(issuer) or DOTS}


def council_short(st: m.Settings) -> str:
    return nfc(st.council_name).strip() or DOTS


def plan_ref(st: m.Settings) -> str:
    """'Kế hoạch số 05/KH-HĐTĐKT ngày 12/4/2024 của Hội đồng …' (one form everywhere)."""
    return plan_citation(st)


def decision_ref(rnd: m.Round) -> str:
    st = rnd.settings
    rec = rnd.document(K.DECISION.doc_kind, "")
    num = number_text(rec.number) if rec else ""
    when = short_date(rec.date) if rec and rec.date else DOTS_SHORT
    issuer = council_short(st) if st.decision_by_council else f"Chủ tịch {council_short(st)}"
    return f"Quyết định số {num or DOTS_SHORT}/QĐ-{st.issuer_code or DOTS_SHORT} ngày {when} của {issuer}"


def _cited(number: str, date, code_hint: str) -> str:
    """``số 112/QĐ-UBND ngày 15/3/2024``; dotted blanks while the clerk has not filled them."""
    num = nfc(number).strip() or f"{DOTS_SHORT}/{code_hint}"
    return f"số {num} ngày {short_date(date) if date else DOTS_SHORT}"


def legal_basis(rnd: m.Round, kind: K.Kind, on: Optional[dt.date] = None) -> list[str]:
    """The 'Căn cứ …;' lines of a document of this kind dated ``on`` (a
    draft: the plan's date): the texts of the round's register (Căn cứ pháp
    lý) in force that day, cited at the round's level and in this kind."""
    from tdkt_xl.rules.legal import LegalBasis, level_of
    st = rnd.settings
    return LegalBasis(st, rnd.legal).basis_lines(on, level_of(st), kind.profile)


def rules_basis(st: m.Settings) -> str:
    """'Căn cứ Quy chế hoạt động … ban hành kèm theo Quyết định số … ngày …;'"""
    return (f"Căn cứ Quy chế hoạt động của {council_short(st)} ban hành kèm theo Quyết định "
            f"{_cited(st.rules_number, st.rules_date, 'QĐ-' + DOTS_SHORT)};")


def proposal_line(st: m.Settings) -> str:
    """'Theo đề nghị của <head of the standing office> tại Tờ trình số … ngày ….'"""
    return (f"Theo đề nghị của {style.office_head(st.standing_office, st.standing_office_head)} "
            f"tại Tờ trình {_cited(st.proposal_number, st.proposal_date, 'TTr-' + office_code(st))}.")


def office_code(st: m.Settings) -> str:
    """The standing office's abbreviation ('Lưu: VT, …')."""
    return style.office_code(st.standing_office, st.standing_office_code)


def council_level(st: m.Settings) -> str:
    """tỉnh / huyện / xã: Cấu hình 'Cấp', else from the supervising body ('' unknown)."""
    from tdkt_xl.rules.legal import level_of
    return level_of(st)


def level_words(st: m.Settings) -> dict:
    """The council's level and the short names of its bodies and offices, for
    Nơi nhận and Điều 3."""
    level = council_level(st)
    words = style.level_bodies(level, st.supervising_body, st.council_name)
    office = nfc(st.standing_office).strip()
    head = style.office_head(office, st.standing_office_head)
    # who carries out the decision: the supervising body's office and the
    # standing office's head (once, when the two are the same office)
    chief = f"Chánh {words['supervising_office']}"
    words.update({"level": level or DOTS, "office": office or DOTS, "office_code": office_code(st),
                  "office_head": head, "upper_office": nfc(st.upper_office).strip(),
                  "executors": chief if chief == head else f"{chief}, {head}"})
    return words


def _member_position(p: Optional[m.Member], st: Optional[m.Settings] = None) -> str:
    """The post a document prints for a person: their title, and for the
    council's Chủ tịch / Phó Chủ tịch that council post too (the plan wants
    the Trưởng đoàn to be one of them: the reader must see it)."""
    if p is None:
        return DOTS
    post = nfc(p.title).strip() or nfc(p.agency).strip()
    if st is not None and p.council_role in (V.ROLE_CHAIR, V.ROLE_VICE):
        council = style.council_post(p.council_role, st.council_name)
        post = f"{post}, {council}" if post else council
    return post or DOTS


def signature(rnd: m.Round, rec: Optional[m.DocumentRecord], label: str,
              own_power: bool = False) -> dict:
    """Ô 7: TM. HỘI ĐỒNG / CHỦ TỊCH / <post> / name, or the vice-chair form
    TM. HỘI ĐỒNG / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / name.  ``own_power``: the
    document is issued by the chairman in his own power (domain §2.1): no TM.,
    the chairman signs CHỦ TỊCH, a vice-chair KT. CHỦ TỊCH / PHÓ CHỦ TỊCH."""
    sig = _signature(rnd, rec, label)
    if own_power:
        sig["authority"] = sig.pop("deputy_for") or ""
        sig["deputy_for"] = ""
    return sig


def _signature(rnd: m.Round, rec: Optional[m.DocumentRecord], label: str) -> dict:
    st = rnd.settings
    name = nfc(rec.signer).strip() if rec and rec.signer else nfc(st.signer_name).strip()
    where = (f" (trang 'Văn bản', ô {rec.origin.cell('signer')})" if rec and rec.origin and rec.signer
             else " (trang 'Cấu hình', mục 'Người ký')")
    if not name:
        return {"authority": "TM. HỘI ĐỒNG", "deputy_for": "", "title": "CHỦ TỊCH", "post": "",
                "name": DOTS, "role": ""}
    person = rnd.member(name)
    if person is not None:
        role = person.council_role
        post = person.title
    elif name == nfc(st.signer_name).strip():
        role = V.ROLE_VICE if "phó" in nfc(st.signer_council_role).lower() else V.ROLE_CHAIR
        post = st.signer_post
    else:
        raise Blocked(f"Người ký {label} là '{name}'{where} nhưng người này không có trong "
                      "trang 'Thành viên'.")
    if name == nfc(st.signer_name).strip() and role == V.ROLE_CHAIR and st.signer_post:
        post = st.signer_post
    if role == V.ROLE_CHAIR:
        return {"authority": "TM. HỘI ĐỒNG", "deputy_for": "", "title": "CHỦ TỊCH",
                "post": _upper(post), "name": name, "role": role}
    if role == V.ROLE_VICE:
        return {"authority": "TM. HỘI ĐỒNG", "deputy_for": "KT. CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH",
                "post": "", "name": name, "role": role}
    raise Blocked(f"Người ký {label} là '{name}'{where}, vai trò trong Hội đồng "
                  f"'{role or 'không có'}'; văn bản của Hội đồng phải do Chủ tịch hoặc "
                  "Phó Chủ tịch Hội đồng ký.")


def common_context(rnd: m.Round, kind: K.Kind, unit: Optional[m.Unit] = None,
                   rec: Optional[m.DocumentRecord] = None, month_hint=None) -> dict:
    """Header, number, date line, signature and references shared by every
    document.  ``rec`` is the document's row of the Văn bản sheet (or None);
    ``month_hint`` (a date) gives the month of a draft date line."""
    st = rnd.settings
    code = st.delegation_code if kind.by_delegation else st.issuer_code
    ctx = {
        "header": issuer_lines(st, kind.by_delegation),
        "number_line": number_line(rec.number if rec else "", kind.type_code, code or DOTS),
        "date_line": date_line(st.place_name, rec.date if rec else None,
                               month=month_hint.month if month_hint else None, year=st.year),
        "year": st.year or DOTS,
        "council": council_short(st),
        "place_name": nfc(st.place_name) or DOTS,
        "plan_ref": plan_ref(st),
        "plan_subject": plan_subject(st),                 # Tên kế hoạch, or the year's inspection
        "plan_title": sentence_start(plan_subject(st, cited=False)),
        "inspection_of": inspection_of(st),               # after "Đoàn kiểm tra"
        "decision_ref": decision_ref(rnd),
        "period_start": short_date(st.period_start),
        "contact_line": contact_line(rnd),
        "authority_line": authority_line(st),
        "legal_basis": legal_basis(rnd, kind, rec.date if rec and rec.date else
                                   (month_hint if isinstance(month_hint, dt.date) else None)),
        "rules_basis": rules_basis(st),
        "proposal_line": proposal_line(st),
    }
    ctx.update(level_words(st))
    if not kind.by_delegation:
        label = kind.label + (f" của đơn vị {unit.code}" if unit else "")
        own = kind.key == K.DECISION.key and not st.decision_by_council
        ctx["sign"] = signature(rnd, rec, label, own_power=own)
    return ctx


def authority_line(st: m.Settings) -> str:
    """Thẩm quyền ban hành of the decision: the chairman's own power or the council's."""
    if not st.council_name:
        return DOTS
    return _upper(st.council_name) if st.decision_by_council else "CHỦ TỊCH " + _upper(st.council_name)


def contact_line(rnd: m.Round) -> str:
    st = rnd.settings
    name = nfc(st.contact_name).strip()
    if not name:
        return f"Đồng chí {DOTS}, {nfc(st.standing_office).strip() or DOTS}; điện thoại: {DOTS}."
    p = rnd.member(name)
    title = _member_position(p) if p else (nfc(st.standing_office).strip() or DOTS)
    phone = nfc(st.contact_phone).strip() or (nfc(p.phone).strip() if p else "") or DOTS
    phone = phone.replace(" ", "\u00a0")       # a phone number never breaks across lines
    return f"Đồng chí {name}, {title}; điện thoại: {phone}."


# ------------------------------------------------------------------ delegation
def _task_rank(task: str) -> int:
    return V.TASK_RANK.get(task, len(V.TASK_RANK))


def team(rnd: m.Round, unit_code: str) -> list[dict]:
    """The delegation of one inspection, each with the task of ``model.roles``."""
    rows = [(i, d, rnd.index.roles.task_in(d.member_name, d.task))
            for i, d in enumerate(rnd.delegation_of(unit_code))]
    rows.sort(key=lambda t: (_task_rank(t[2]), t[0]))
    st = rnd.settings
    return [{"name": nfc(d.member_name),
             "position": _member_position(rnd.member(d.member_name), st),
             "task": nfc(task) or DOTS, "end": "." if i == len(rows) - 1 else ";"}
            for i, (_, d, task) in enumerate(rows)]


def whole_delegation(rnd: m.Round) -> list[dict]:
    """Everyone in the Thành phần đoàn sheet once, with their highest role.
    A head or deputy who leads only some inspections gets the scope of that
    role (" khi kiểm tra Khối xã, thị trấn" or the units' names), so a decision
    naming several heads still reads right."""
    best: dict = {}
    first: dict = {}
    for i, d in enumerate(rnd.delegation):
        if not d.member_name:
            continue
        first.setdefault(d.member_name, i)
        best.setdefault(d.member_name, rnd.index.roles.decision_task(d.member_name))
    council_rank = {V.ROLE_CHAIR: 0, V.ROLE_VICE: 1}
    names = sorted(best, key=lambda n: (
        _task_rank(best[n]),
        council_rank.get(getattr(rnd.member(n), "council_role", ""), 2), first[n]))
    scope = _RoleScope(rnd)
    return [{"no": i + 1, "name": nfc(n), "position": _member_position(rnd.member(n), rnd.settings),
             "task": nfc(best[n]) or DOTS, "scope": scope.of(n, best[n])}
            for i, n in enumerate(names)]


class _RoleScope:
    """The scope of a head's or deputy's role in the decision, from the one
    role rule (model.roles), gathered once for the whole decision (linear in
    the delegation, not per person)."""

    def __init__(self, rnd: m.Round):
        self.book = rnd.index.roles
        self.unit = rnd.unit
        self.blocks = {}                 # block -> its selected units, sheet order
        for u in rnd.units:
            if u.selected and u.block:
                self.blocks.setdefault(u.block, []).append(u)
        self.with_task = {t: self.book.units_with(t) for t in (V.TASK_HEAD, V.TASK_DEPUTY)}

    def of(self, name: str, task: str) -> str:
        """'' when the person holds ``task`` in every inspection they attend and
        every inspection with that role; else ' khi kiểm tra …' naming a whole
        block (the plan's name), a block but a few units, or the units."""
        if task not in (V.TASK_HEAD, V.TASK_DEPUTY):
            return ""
        mine = set(self.book.units_holding(name, task))
        if mine >= set(self.book.attended.get(name, ())) and mine >= self.with_task[task]:
            return ""
        codes = [c for c in dict.fromkeys(self.book.units_holding(name, task)) if self.unit(c) is not None]
        left = set(codes)
        parts = []
        for block, in_block in self.blocks.items():
            got = {u.code for u in in_block if u.code in left}
            if not got:
                continue
            if len(got) == len(in_block):
                parts.append(style.block_name(block))
            elif len(got) * 2 > len(in_block):
                others = [style.in_sentence(u.name) for u in in_block if u.code not in got]
                parts.append(f"{style.block_name(block)} (trừ {', '.join(others)})")
            else:
                parts += [style.in_sentence(u.name) for u in in_block if u.code in got]
            left -= got
        parts += [style.in_sentence(self.unit(c).name) for c in codes if c in left]
        return " khi kiểm tra " + " và ".join(parts) if parts else ""


def _unit_dict(u: m.Unit) -> dict:
    """The unit as documents name it: ``name`` as registered (a heading),
    ``in_text`` inside a sentence (``xã Quan Sơn``), ``body`` as a recipient
    or actor (``UBND xã Quan Sơn``), ``party`` its Đảng ủy (communes)."""
    name = nfc(u.name)
    return {"code": nfc(u.code), "name": name or DOTS, "block": nfc(u.block),
            "in_text": style.in_sentence(name) or DOTS,
            "body": style.recipient(name, u.is_commune) or DOTS,
            "party": style.party_committee(name) if u.is_commune and name else "",
            "is_commune": u.is_commune, "head_name": nfc(u.head_name) or DOTS,
            "head_title": nfc(u.head_title) or DOTS}


def _session_word(s: str) -> str:
    return {V.SESSION_MORNING: "buổi sáng", V.SESSION_AFTERNOON: "buổi chiều",
            V.SESSION_FULL: "cả ngày"}.get(s, DOTS)


def when_text(insp: Optional[m.Inspection]) -> str:
    """'08 giờ 00, buổi sáng Thứ Hai, ngày 10/6/2024'."""
    if insp is None:
        return f"{DOTS} giờ {DOTS}, ngày {DOTS}"
    return (f"{clock(insp.start_time, False)}, {_session_word(insp.session)} "
            f"{weekday(insp.date)}, ngày {short_date(insp.date)}")


# ------------------------------------------------------------------ documents
def decision_context(rnd: m.Round) -> dict:
    rec = rnd.document(K.DECISION.doc_kind, "")
    ctx = common_context(rnd, K.DECISION, None, rec, month_hint=None)
    ctx["members"] = whole_delegation(rnd)
    units, _ = scheduled_units(rnd)
    district = [u for u in units if not u.is_commune]
    communes = [u.name for u in units if u.is_commune]
    ctx["bodies"] = style.bodies_phrase(units)
    heads = (["Thủ trưởng các cơ quan, đơn vị"] if district else []) + (
        [f"Chủ tịch UBND các {style.commune_kinds(communes)}"] if communes else [])
    ctx["heads_phrase"] = ", ".join(heads) or "Thủ trưởng các đơn vị"
    if not ctx["members"]:
        raise Blocked("Trang 'Thành phần đoàn' chưa có thành viên nào, chưa lập được "
                      "quyết định thành lập Đoàn kiểm tra.")
    return ctx


def scheduled_units(rnd: m.Round) -> tuple[list, list]:
    """(units to document in schedule order, [(unit code, reason)] left out)."""
    out, skipped, seen = [], [], set()
    for insp in sorted(rnd.inspections, key=lambda i: (i.date or dt.date.max,
                                                       i.start_time or dt.time.max)):
        u = rnd.unit(insp.unit_code)
        if u is None or u.code in seen:
            continue
        seen.add(u.code)
        if not u.selected:
            skipped.append((u.code, f"Đơn vị {u.code} có lịch kiểm tra nhưng không được chọn "
                                    "kiểm tra (trang 'Đơn vị', cột 'Được chọn kiểm tra')."))
            continue
        out.append(u)
    for u in rnd.units:
        if u.selected and u.code not in seen:
            skipped.append((u.code, f"Đơn vị {u.code} được chọn kiểm tra nhưng chưa có dòng "
                                    "trong trang 'Lịch kiểm tra'."))
    return out, skipped


def notice_context(rnd: m.Round, unit: m.Unit) -> dict:
    insp = rnd.inspection(unit.code)
    rec = rnd.document(K.NOTICE.doc_kind, unit.code)
    ctx = common_context(rnd, K.NOTICE, unit, rec,
                         month_hint=insp.notice_date if insp else None)
    by_files = bool(insp and insp.by_files)
    ctx.update({
        "unit": _unit_dict(unit),
        "by_files": by_files,
        "when": when_text(insp),
        "place": nfc(insp.place) if insp and insp.place else DOTS,
        "delegation": team(rnd, unit.code) or [{"name": DOTS, "position": DOTS, "task": DOTS,
                                                      "end": "."}],
        "report_due": short_date(insp.report_due if insp else None),
        "attendance": attendance.for_unit(rnd, unit),        # the round's data (Nội dung kế hoạch)
        "prep": "đối với" if by_files else "tại",       # trích yếu: "… năm 2024 tại <đơn vị>"
        "prep_no": 3 if by_files else 4,
        "contact_no": 4 if by_files else 5,
    })
    return ctx


def notice_all_context(rnd: m.Round) -> dict:
    rec = rnd.document(K.NOTICE_ALL.doc_kind, "")
    units, _ = scheduled_units(rnd)
    first_notice = min((rnd.inspection(u.code).notice_date for u in units
                        if rnd.inspection(u.code).notice_date), default=None)
    ctx = common_context(rnd, K.NOTICE_ALL, None, rec, month_hint=first_notice)
    rows = []
    for i, u in enumerate(units):
        insp = rnd.inspection(u.code)
        members = team(rnd, u.code)
        team_txt = ", ".join(f"{t['name']} ({t['task'].lower()})"
                             if t["task"] in (V.TASK_HEAD, V.TASK_DEPUTY, V.TASK_SECRETARY)
                             else t["name"] for t in members) or DOTS
        place = nfc(insp.place) or DOTS
        rows.append({
            "no": i + 1,
            "when": f"{sentence_start(weekday(insp.date))}, {short_date(insp.date)}\n"
                    f"{_session_word(insp.session).capitalize()}, từ {clock(insp.start_time, False)}",
            "unit": nfc(u.name) or DOTS,
            "place": place + ("\n(kiểm tra qua hồ sơ)" if insp.by_files
                              and "qua hồ sơ" not in place.lower() else ""),
            "team": team_txt,
        })
    if not rows:
        raise Blocked("Chưa có đơn vị nào được chọn và có lịch kiểm tra.")
    lead = rnd.settings.report_lead_days
    ctx.update({
        "schedule": rows,
        "unit_count": len(rows),
        "units_phrase": style.units_count_phrase(units),
        "bodies": style.bodies_phrase(units),
        "report_lead": (f"ít nhất {style.count2(lead)} ngày" if lead is not None else DOTS),
    })
    return ctx


def _checklist_rows(rnd: m.Round, unit: m.Unit) -> list[dict]:
    rows, group = [], None
    for item in rnd.checklist:
        if item.group != group:
            group = item.group
            rows.append({"is_group": True, "text": nfc(group) or DOTS, "code": "",
                         "assessment": "", "remark": ""})
        if not item.applies(unit):
            rows.append({"is_group": False, "code": nfc(item.code), "text": nfc(item.text),
                         "assessment": "Không áp dụng",
                         "remark": f"Chỉ áp dụng cho {nfc(item.applies_to).lower()}."})
            continue
        r = rnd.result(unit.code, item.code)
        rows.append({"is_group": False, "code": nfc(item.code), "text": nfc(item.text),
                     "assessment": nfc(r.assessment) if r and r.assessment else DOTS,
                     "remark": one_line(r.remark) if r else DOTS})
    return rows


def _paras(text) -> list[str]:
    got = lines(text)
    return got or [DOTS_LINE, DOTS_LINE]


def minutes_context(rnd: m.Round, unit: m.Unit, appendices=None) -> dict:
    """``appendices``: the consolidated appendices (``io.consolidated.Consolidated``) or
    None; where the unit's appendix was merged, the minutes state its key figures."""
    insp = rnd.inspection(unit.code)
    rec = rnd.document(K.MINUTES.doc_kind, unit.code)
    ev = rnd.evaluation(unit.code)
    ctx = common_context(rnd, K.MINUTES, unit, rec)
    by_files = bool(insp and insp.by_files)
    members = team(rnd, unit.code)
    head = next((t["name"] for t in members if t["task"] == V.TASK_HEAD), "")
    secretary = next((t["name"] for t in members if t["task"] == V.TASK_SECRETARY), "")
    attendees = [a.strip().rstrip(";") for a in re.split(r"[;\r\n]+", nfc(ev.unit_attendees if ev else ""))
                 if a.strip()]
    if attendees:
        attendees = [a + (";" if i < len(attendees) - 1 else ".") for i, a in enumerate(attendees)]
    elif by_files:
        attendees = ["Không có (kiểm tra qua hồ sơ, Đoàn kiểm tra không làm việc trực tiếp tại "
                     "đơn vị)."]
    else:
        attendees = [f"{DOTS_LINE[:40]};", f"{DOTS_LINE[:40]}."]
    start = (f"vào hồi {clock(insp.start_time)}, {long_date(insp.date)}" if insp
             else f"vào hồi {clock(None)}, {long_date(None)}")
    # an inspection by file is recorded on the day the review concluded
    # (model: Inspection.minutes_date), in the file-review form
    reviewed = long_date(insp.minutes_date if insp else None)
    received = short_date(insp.report_received if insp else None)
    end = clock(ev.end_time if ev else None)
    closing = ("Biên bản kết thúc việc xem xét hồ sơ." if by_files
               else f"Buổi kiểm tra kết thúc vào hồi {end} cùng ngày.")
    # praise ("Tiếp tục duy trì…") asks nothing to be remedied: a deadline to carry it out,
    # and no report of remedies unless a real fix is asked too; recommendations carried from
    # an earlier round are listed apart (carried), with where they stand
    own = [r for r in rnd.recommendations_of(unit.code) if not r.carried]
    earlier = carried_items(rnd, carried(rnd, unit.code), insp.minutes_date if insp else None)
    recs = [{"no": i + 1, "text": one_line(r.text).rstrip(". ") or DOTS,
             "deadline": style.due_phrase(r.deadline) if r.deadline else DOTS,
             "term": "thời hạn thực hiện" if style.is_praise(r.text) else "thời hạn khắc phục"}
            for i, r in enumerate(own)]
    fixes = any(not style.is_praise(r.text) for r in own) or bool(earlier)
    if not recs and not earlier:
        recs = [{"no": 1, "text": DOTS_LINE[:40], "deadline": DOTS, "term": "thời hạn khắc phục"}]
        fixes = True
    sign_head = nfc(rec.signer).strip() if rec and rec.signer else (head or DOTS)
    figures = appendix_figures.unit_lines(appendices, unit.code)
    ctx.update({
        "unit": _unit_dict(unit),
        "by_files": by_files,
        "start": start,
        "reviewed": reviewed,
        "received": received,
        "place": nfc(insp.place) if insp and insp.place else DOTS,
        "delegation": members or [{"name": DOTS, "position": DOTS, "task": DOTS, "end": "."}],
        "attendees": attendees,
        "chair": nfc(ev.chair).strip() if ev and ev.chair else (head or DOTS),
        "secretary": nfc(ev.secretary).strip() if ev and ev.secretary else (secretary or DOTS),
        "prep": "của" if by_files else "tại",
        "results_no": 2 if by_files else 3,
        "figures_no": 3 if by_files else 4,
        "figures": figures,
        "carried_no": (3 if by_files else 4) + (1 if figures else 0),
        "checklist": _checklist_rows(rnd, unit),
        "strengths": _paras(ev.strengths if ev else ""),
        "shortcomings": _paras(ev.shortcomings if ev else ""),
        "unit_opinion": _paras(ev.unit_opinion if ev else ""),
        "recommendations": recs,
        "remedy_report": fixes,
        # an earlier round's, re-checked: original finding against the follow-up
        "carried": earlier,
        "carried_title": CARRIED_TITLE,
        "closing": closing,
        "sign_unit": ({"role": "", "post": "", "name": ""} if by_files else
                      {"role": "ĐẠI DIỆN ĐƠN VỊ", "post": _upper(unit.head_title).strip() or DOTS,
                       "name": nfc(unit.head_name).strip() or DOTS}),
        "sign_secretary": nfc(ev.secretary).strip() if ev and ev.secretary else (secretary or DOTS),
        "sign_head": sign_head,
    })
    return ctx


def build_context(kind: str, rnd: m.Round, unit: Optional[m.Unit] = None,
                  appendices=None) -> dict:
    """The context of one document: ``kind`` is a key of ``doc_kinds.KINDS``; its row names
    the builder of this module (``builder(rnd, unit)`` per unit, ``builder(rnd)`` per round).
    ``appendices`` (the consolidated appendices) goes to the builders that state their figures."""
    k = K.KINDS[kind]
    builder = globals()[k.context]
    extra = ({"appendices": appendices}
             if "appendices" in inspect.signature(builder).parameters else {})
    return builder(rnd, unit, **extra) if k.per_unit else builder(rnd, **extra)

from tdkt_xl.documents.plan_text import plan_context  # noqa: E402,F401  (build_context looks it up here)
