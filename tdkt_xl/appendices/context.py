"""What a unit's form needs from the round: names, period, due date, texts.
Pure functions of the model (no clock)."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Optional

from tdkt_xl import model as m
from tdkt_xl.vocabulary.style import attached_to_plan, body_date, due_phrase


@dataclass
class UnitContext:
    code: str
    name: str
    block: str
    commune: bool
    period_start: Optional[dt.date]
    period_end: Optional[dt.date]          # the inspection date
    report_due: Optional[dt.date]
    plan_line: str                         # "(Kèm theo Kế hoạch số …)"
    council_name: str
    year: int
    stamp: dt.datetime                     # creation time written into the files (from the model)
    round_id: str = ""                     # the round the files belong to (documents.marker)
    office: str = ""                       # where reports go: the council's standing office

    @property
    def period_text(self) -> str:
        start = body_date(self.period_start) if self.period_start else f"01/01/{self.year}"
        end = f"ngày {body_date(self.period_end)} (ngày kiểm tra)" if self.period_end else "thời điểm kiểm tra"
        return f"Kỳ báo cáo: từ ngày {start} đến {end}"

    @property
    def due_text(self) -> str:
        """``chậm nhất ngày 07/6/2024``: the deadline worded as in the notice."""
        return due_phrase(self.report_due) if self.report_due else \
            "theo hạn nộp báo cáo ghi trong Thông báo lịch kiểm tra"


def plan_line(st: m.Settings) -> str:
    return attached_to_plan(st)


def stamp(rnd: m.Round) -> dt.datetime:
    """A fixed time for file properties, taken from the model, never the clock."""
    st = rnd.settings
    day = st.plan_date or st.window_start or st.period_start or dt.date((st.year or 2000), 1, 1)
    return dt.datetime.combine(day, dt.time(0, 0))


def unit_context(rnd: m.Round, unit: m.Unit) -> UnitContext:
    st = rnd.settings
    insp = rnd.inspection(unit.code)
    year = st.year or (st.period_start.year if st.period_start else 0)
    return UnitContext(unit.code, unit.name, unit.block, unit.is_commune, st.period_start,
                       insp.date if insp else None, insp.report_due if insp else None,
                       plan_line(st), st.council_name, year, stamp(rnd),
                       f"{st.issuer_code or 'TDKT'}-{st.year or ''}".strip("-"),
                       (st.standing_office or "").strip())


_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


# Telex spelling of Vietnamese letters: readable to any Vietnamese typist and
# ASCII, so codes that differ only by a diacritic (XĐL, XDL) give different names
_TELEX_MARKS = {"\u0306": "w", "\u031b": "w", "\u0301": "s", "\u0300": "f", "\u0309": "r", "\u0303": "x",
                "\u0323": "j"}


def _telex(text: str) -> str:
    out = []
    for ch in unicodedata.normalize("NFD", text.replace("đ", "dd").replace("Đ", "DD")):
        if not unicodedata.combining(ch):
            out.append(ch)
            continue
        base = out[-1] if out else ""
        if ch == "\u0302":                     # circumflex: â ê ô -> aa ee oo
            out.append(base)
        elif ch in _TELEX_MARKS:
            mark = _TELEX_MARKS[ch]
            out.append(mark.upper() if base.isupper() else mark)
    return "".join(out)


def safe_name(text: str) -> str:
    """A Windows-safe ASCII file name part from a unit code: Vietnamese letters
    spelled the Telex way (XĐL -> XDDL, so it never meets XDL)."""
    s = re.sub(r"[^A-Za-z0-9_-]+", "_", _telex(text)).strip("_.") or "don_vi"
    if s.upper() in _RESERVED:
        s = "_" + s
    return s[:60]
