"""Context pieces shared by the report and the reminder letters: the NĐ 30
header (ô 1–4), the signer block (ô 7) and references to the plan and the
decision, from the ``Cấu hình`` and ``Văn bản`` sheets."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from tdkt_xl import model as m
from tdkt_xl.documents.text import date_line, nfc, number_line, number_text, short_date
from tdkt_xl.model.vocab import DOC_DECISION, ROLE_CHAIR, ROLE_VICE


def upper(s: str) -> str:
    return nfc(s).upper()


def issuer_name(st: m.Settings) -> str:
    """``HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG``: the council's name without the place
    part already printed in the line above (``UBND HUYỆN CHI LĂNG``)."""
    name = nfc(st.council_name).strip()
    sup = nfc(st.supervising_body).strip()
    for word in ("huyện", "thị xã", "thành phố", "tỉnh", "xã"):
        i = name.lower().rfind(f" {word} ")
        if i > 0 and name[i:].strip().lower().split(" ", 1)[-1] in sup.lower():
            name = name[:i]
            break
    return upper(name)


def header(st: m.Settings) -> dict:
    return {"supervising": upper(st.supervising_body), "issuer": issuer_name(st)}


def signer_block(rnd: m.Round, signer_name: str) -> dict:
    """Ô 7 for a council document: ``TM. HỘI ĐỒNG`` / (``KT. CHỦ TỊCH``) /
    ``CHỦ TỊCH``|``PHÓ CHỦ TỊCH`` / the signer's post / name."""
    st = rnd.settings
    name = nfc(signer_name).strip() or nfc(st.signer_name)
    member = rnd.member(name)
    role = member.council_role if member else ""
    if not member and name == nfc(st.signer_name):
        role = ROLE_CHAIR
    if role == ROLE_VICE:
        post = member.title if member else ""
        return {"authority": "TM. HỘI ĐỒNG", "deputy_for": "KT. CHỦ TỊCH",
                "title": "PHÓ CHỦ TỊCH", "post": upper(post), "name": name}
    post = st.signer_post if name == nfc(st.signer_name) else (member.title if member else "")
    return {"authority": "TM. HỘI ĐỒNG", "deputy_for": "", "title": "CHỦ TỊCH",
            "post": upper(post), "name": name}


def plan_ref(st: m.Settings) -> str:
    """``Kế hoạch số 05/KH-HĐTĐKT ngày 05/4/2024 của Hội đồng …`` or, when the
    plan has no number yet, ``Kế hoạch tháng 4/2024 của Hội đồng …``."""
    council = nfc(st.council_name)
    n = number_text(st.plan_number)
    if n:
        when = f" ngày {short_date(st.plan_date)}" if st.plan_date else ""
        return f"Kế hoạch số {n}/KH-{st.issuer_code}{when} của {council}"
    when = f" tháng {st.plan_month}" if st.plan_month else ""
    return f"Kế hoạch{when} của {council}"


def decision_ref(rnd: m.Round) -> str:
    st = rnd.settings
    d = rnd.document(DOC_DECISION)
    n = number_text(d.number) if d else ""
    if not n:
        return f"Quyết định của Chủ tịch {nfc(st.council_name)}"
    when = f" ngày {short_date(d.date)}" if d.date else ""
    return f"Quyết định số {n}/QĐ-{st.issuer_code}{when} của Chủ tịch {nfc(st.council_name)}"


def document_lines(rnd: m.Round, record: Optional[m.DocumentRecord], type_code: str,
                   issuer_code: Optional[str] = None, when: Optional[dt.date] = None) -> dict:
    """``number_line`` and ``date_line`` of a document from its Văn bản row."""
    st = rnd.settings
    d = record.date if record and record.date else when
    return {
        "number_line": number_line(record.number if record else "", type_code,
                                   issuer_code or st.issuer_code),
        "date_line": date_line(st.place_name, d, year=st.year),
        "doc_date": d,
    }
