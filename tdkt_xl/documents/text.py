"""Vietnamese wording of numbers, dates and times in official documents
(Nghị định 30/2020: days below 10 and months 1–2 are zero-padded)."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Optional

from tdkt_xl.vocabulary.style import (DOTS, body_date, day2, long_date, month_nd30,  # noqa: F401
                                      weekday_word)

DOTS_SHORT = "……"          # a blank inside a reference (số ……/KH-…)
DOTS_LINE = "…" * 60        # a whole line to fill in by hand
DRAFT_GAP = "      "         # blank number / day in a draft (Số:      /TB-…)


def nfc(s) -> str:
    return unicodedata.normalize("NFC", "" if s is None else str(s))


short_date = body_date      # ``03/6/2024`` (house style: vocabulary.style)


def date_line(place: str, d: Optional[dt.date], month: Optional[int] = None,
              year: Optional[int] = None) -> str:
    """Ô 4: ``Chi Lăng, ngày 03 tháng 6 năm 2024``, or the draft form
    ``Chi Lăng, ngày      tháng 6 năm 2024`` when the signing date is blank."""
    place = nfc(place) or DOTS
    if d:
        return f"{place}, {long_date(d)}"
    m = month_nd30(month) if month else DRAFT_GAP
    y = str(year) if year else DRAFT_GAP
    return f"{place}, ngày{DRAFT_GAP}tháng {m} năm {y}"


def number_text(number) -> str:
    """The document number as written: zero-padded below 10; '' when blank."""
    s = nfc(number).strip()
    if not s:
        return ""
    if re.fullmatch(r"\d+(\.0)?", s):
        n = int(float(s))
        return f"{n:02d}"
    return s


def number_line(number, type_code: str, issuer_code: str) -> str:
    """Ô 3: ``Số: 21/TB-HĐTĐKT``; draft ``Số:      /TB-HĐTĐKT``."""
    n = number_text(number)
    code = f"{type_code}-{issuer_code}" if type_code else issuer_code
    return f"Số: {n}/{code}" if n else f"Số:{DRAFT_GAP}/{code}"


def clock(t: Optional[dt.time], minutes_word: bool = True) -> str:
    """``08 giờ 00 phút`` (or ``08 giờ 00``); dotted when unknown."""
    if not t:
        return f"{DOTS} giờ {DOTS} phút" if minutes_word else f"{DOTS} giờ {DOTS}"
    s = f"{t.hour:02d} giờ {t.minute:02d}"
    return s + " phút" if minutes_word else s


weekday = weekday_word      # ``thứ Ba`` inside a sentence


def lines(text) -> list[str]:
    """A clerk's multi-line cell as paragraphs (blank lines dropped)."""
    return [nfc(x).strip() for x in re.split(r"[\r\n]+", nfc(text)) if x.strip()]


def one_line(text) -> str:
    return " ".join(lines(text))
