"""The shipped example round's values that must not reach a real document.

*Example data* means a value equal to one of the repository's example values
(``tdkt_xl/data/example_2024``), whatever notes the clerk's workbook still
carries: the people (council members, delegation, unit heads, attendees, the
signer and the contact person), the phone numbers, and every ``Cấu hình``
value the example marks as an example ("ví dụ" in its note).  A clerk who
replaces a value gets no notice for it; one who keeps it does.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from tdkt_xl.builder.example import example_sheets
from tdkt_xl.io.reader import read_round
from tdkt_xl.vocabulary import schema as S

_MIN_LEN = 6          # shorter values ("2024", "HĐTĐKT") are not telling


def _nfc(s) -> str:
    return unicodedata.normalize("NFC", str(s or "")).strip()


def _attendee_names(text: str) -> list[str]:
    out = []
    for part in re.split(r"[;\r\n]+", text or ""):
        name = re.split(r"\s+-\s+|,", part)[0].strip()
        if name:
            out.append(name)
    return out


@lru_cache(maxsize=1)
def example_values() -> tuple:
    """Example values, longest first (so a longer value is reported, not its part)."""
    sheets = example_sheets()
    rnd = read_round(sheets, "example").round
    vals = set()
    st = rnd.settings
    vals |= {st.signer_name, st.contact_name, st.contact_phone, st.plan_number}
    for mb in rnd.members:
        vals |= {mb.name, mb.phone}
    for u in rnd.units:
        vals |= {u.head_name, u.phone}
    for d in rnd.delegation:
        vals.add(d.member_name)
    for ev in rnd.evaluations:
        vals |= {ev.chair, ev.secretary, *_attendee_names(ev.unit_attendees)}
    for row in sheets.get(S.SETTINGS.name, [])[1:]:
        if len(row) > 2 and "ví dụ" in _nfc(row[2]).casefold() and _nfc(row[1]):
            vals.add(_nfc(row[1]))
    vals = {_nfc(v) for v in vals if v}
    return tuple(sorted((v for v in vals if len(v) >= _MIN_LEN), key=len, reverse=True))


@lru_cache(maxsize=1)
def _pattern():
    vals = example_values()
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(v) for v in vals) + r")(?!\w)") if vals else None


def found_in(text: str) -> list[str]:
    """The example values the text contains (each once, in the order of the text;
    a longer value wins over a value it contains)."""
    rx = _pattern()
    out: list = []
    for mm in (rx.finditer(_nfc(text)) if rx else ()):
        if mm.group(0) not in out:
            out.append(mm.group(0))
    return out
