"""Recommendations of an earlier round, carried to re-check ("Kết quả khắc
phục kiến nghị năm trước"): the original finding (its text, the year that made
it, its deadline, the unit it was made to when that unit has since merged)
against the follow-up at a date.  One wording for the minutes, the summary
report and the reminder letters."""
from __future__ import annotations

import datetime as dt
from typing import Optional

from tdkt_xl import model as m
from tdkt_xl.documents.text import DOTS, nfc, one_line, short_date
from tdkt_xl.model.succession import Successions
from tdkt_xl.model.tracking import remedied_at
from tdkt_xl.model.vocab import STATUS_DONE, STATUS_OPEN
from tdkt_xl.vocabulary.style import in_sentence

TITLE = "Kết quả khắc phục kiến nghị năm trước"


def carried(rnd: m.Round, unit_code: Optional[str] = None) -> list:
    """The carried recommendations (of one unit, or all), in sheet order."""
    recs = rnd.recommendations if unit_code is None else rnd.recommendations_of(unit_code)
    return [r for r in recs if r.carried]


def status_phrase(rec: m.Recommendation, as_of: Optional[dt.date]) -> str:
    """The follow-up at ``as_of`` (None: as the sheet says now), in lower case:
    'đã khắc phục (báo cáo ngày 20/3/2025)', 'đang khắc phục, quá hạn'."""
    if as_of is None:
        done = rec.remedy_report_date is not None or rec.status == STATUS_DONE
    else:
        done = remedied_at(rec, as_of)
    if done:
        when = rec.remedy_report_date
        return "đã khắc phục" + (f" (báo cáo ngày {short_date(when)})" if when else "")
    text = (rec.status or STATUS_OPEN).lower()
    if as_of is not None and rec.deadline and rec.deadline < as_of:
        text += ", quá hạn"
    return text


def former_name(rnd: m.Round, rec: m.Recommendation) -> str:
    """'xã Bằng Mạc (cũ)': the unit a recommendation was made to, when it has
    since merged into the one it is now counted for; '' otherwise."""
    if not rec.original_unit_code:
        return ""
    name = Successions(rnd.successions).old_name(rec.original_unit_code) or rec.original_unit_code
    return f"{in_sentence(nfc(name))} (cũ)"


def former_unit(rnd: m.Round, rec: m.Recommendation) -> str:
    """' đối với xã Bằng Mạc (cũ)' for a recommendation that landed on a
    successor; '' otherwise."""
    name = former_name(rnd, rec)
    return f" đối với {name}" if name else ""


def items(rnd: m.Round, recs: list, as_of: Optional[dt.date]) -> list:
    """Template rows: no, text, year, formerly, deadline, status (and the unit's name)."""
    out = []
    for i, r in enumerate(recs, start=1):
        unit = rnd.unit(r.unit_code)
        out.append({"no": i, "text": one_line(r.text).rstrip(". ") or DOTS,
                    "year": r.from_year, "formerly": former_unit(rnd, r),
                    "deadline": short_date(r.deadline) if r.deadline else "chưa có hạn",
                    "status": status_phrase(r, as_of),
                    "unit": nfc(unit.name) if unit else r.unit_code,
                    "done": status_phrase(r, as_of).startswith("đã")})
    return out
