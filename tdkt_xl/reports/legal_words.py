"""The texts of law the summary report names, taken from the round's register
(the Căn cứ pháp lý sheet, ``Round.legal``) by date, never written in the
template: the framework texts on thi đua, khen thưởng in force on the report's
date (the law and the decree of the 'Thay thế bởi' chain: a 2024 report names
Nghị định số 98/2023/NĐ-CP, a report after 30/06/2025 Nghị định số
152/2025/NĐ-CP), and those of them that took effect within the inspected
period (a cause the report gives for the shortcomings)."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from tdkt_xl import model as m
from tdkt_xl.documents.text import nfc, short_date
from tdkt_xl.rules.legal import LegalBasis

# when the register names no framework text in force that day
NO_TEXT = "quy định của pháp luật về thi đua, khen thưởng"
GUIDANCE = "các văn bản hướng dẫn thi hành"


def join_names(names: list) -> str:
    """'A', 'A và B', 'A, B và C'."""
    names = [n for n in names if n]
    if len(names) < 2:
        return "".join(names)
    return ", ".join(names[:-1]) + " và " + names[-1]


def framework(rnd: m.Round, on: Optional[dt.date]) -> list:
    """The register's framework texts (law, decree) in force on ``on``."""
    if on is None:
        return []
    return list(LegalBasis(rnd.settings, rnd.legal).in_force(on))


def laws_context(rnd: m.Round, on: Optional[dt.date]) -> dict:
    """``names``: 'Luật … và Nghị định …' in force on ``on`` (else a general
    phrase), ``with_guidance`` the same and 'các văn bản hướng dẫn thi hành'; ``new_text``: '; Nghị định số 152/2025/NĐ-CP mới có hiệu lực từ ngày
    01/7/2025' for the texts that took effect within the inspected period
    (from its start to ``on``), '' when none did."""
    texts = framework(rnd, on)
    start = rnd.settings.period_start
    fresh = [t for t in texts if t.start and start and start <= t.start <= on]
    parts = []
    for day in sorted({t.start for t in fresh}):
        names = join_names([nfc(t.name).strip() for t in fresh if t.start == day])
        parts.append(f"{names} mới có hiệu lực từ ngày {short_date(day)}")
    names = [nfc(t.name).strip() for t in texts]
    return {"names": join_names(names) or NO_TEXT,
            # 'Luật …, Nghị định … và các văn bản hướng dẫn thi hành'
            "with_guidance": (join_names(names + [GUIDANCE]) if names
                              else f"{NO_TEXT} và {GUIDANCE}"),
            "new_text": "; " + "; ".join(parts) if parts else ""}
