"""Example data still present: the one definition of what *example data* is.

A value is example data when it equals a value of the shipped example round
(``tdkt_xl/data/example_2024``) in a field that carries one: the people
(council members, delegation, unit heads, attendees, chair and secretary, the
signer and the contact person), the phone numbers, and every ``Cấu hình``
value the example marks as an example ("ví dụ" in its note: plan number and
date, Quy chế and Tờ trình numbers and dates…).  Whatever marker notes remain
in the clerk's workbook: a clerk who replaces a value gets no notice, one who
keeps it does.

``entries(rnd, marked)`` lists those fields of any round; the validator
compares the clerk's round with the example's (``check``), ``check-round``
searches documents for ``texts(reference)``.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterator

from tdkt_xl import model as m
from tdkt_xl.vocabulary import cells, schema as S
from tdkt_xl.vocabulary import catalogue as C

_PERSON, _PHONE = "person", "phone"


@dataclass(frozen=True)
class Entry:
    sheet: str
    cell: str
    unit: str
    kind: str            # "person", "phone" or a Settings field name
    label: str           # the column or setting a clerk sees
    value: object        # text (NFC, stripped) or date


@dataclass(frozen=True)
class Reference:
    """The example round's values, by kind (built once from the shipped CSV)."""
    values: frozenset    # {(kind, value)}
    marked: tuple        # Settings fields the example marks "ví dụ"


def _nfc(s) -> str:
    return unicodedata.normalize("NFC", str(s or "")).strip()


def attendee_names(text: str) -> list[str]:
    """Names in an attendees cell ("Name - post; Name - post")."""
    out = []
    for part in re.split(r"[;\r\n]+", text or ""):
        name = re.split(r"\s+-\s+|,", part)[0].strip()
        if name:
            out.append(_nfc(name))
    return out


def marked_fields(settings_rows) -> tuple:
    """Settings fields whose note in the example's ``Cấu hình`` says "ví dụ"
    and whose value is filled."""
    by_label = {k: s.field for k, s in S.setting_specs().items()}
    out = []
    for row in settings_rows[1:]:
        if len(row) > 2 and "ví dụ" in _nfc(row[2]).casefold() and _nfc(row[1]):
            f = by_label.get(cells.key_text(row[0]))
            if f:
                out.append(f)
    return tuple(out)


def _value(v):
    return v if isinstance(v, dt.date) else _nfc(v)


def entries(rnd: m.Round, marked: tuple = ()) -> Iterator[Entry]:
    """Every filled field of the round that can hold example data."""
    st = rnd.settings
    labels = {s.field: s.label for s in S.SETTING_KEYS}
    for f, kind in (("signer_name", _PERSON), ("contact_name", _PERSON), ("contact_phone", _PHONE),
                    *((f, f) for f in marked)):
        v = getattr(st, f, None)
        if v:
            yield Entry(S.SETTINGS.name, st.cell(f), "", kind, labels.get(f, f), _value(v))

    def rec(sheet, r, field, kind, unit="", value=None):
        v = getattr(r, field) if value is None else value
        if v:
            cell = r.origin.cell(field) if r.origin else ""
            return Entry(sheet.name, cell, unit, kind, sheet.col(field).header, _value(v))
        return None

    found = []
    for mb in rnd.members:
        found += [rec(S.MEMBERS, mb, "name", _PERSON), rec(S.MEMBERS, mb, "phone", _PHONE)]
    for u in rnd.units:
        found += [rec(S.UNITS, u, "head_name", _PERSON, u.code), rec(S.UNITS, u, "phone", _PHONE, u.code)]
    for d in rnd.delegation:
        found.append(rec(S.DELEGATION, d, "member_name", _PERSON, d.unit_code))
    for ev in rnd.evaluations:
        found += [rec(S.EVALUATIONS, ev, "chair", _PERSON, ev.unit_code),
                  rec(S.EVALUATIONS, ev, "secretary", _PERSON, ev.unit_code)]
        found += [rec(S.EVALUATIONS, ev, "unit_attendees", _PERSON, ev.unit_code, name)
                  for name in attendee_names(ev.unit_attendees)]
    yield from (e for e in found if e is not None)


def reference(rnd: m.Round, marked: tuple) -> Reference:
    """The example round's values (``rnd`` is the shipped example)."""
    return Reference(frozenset((e.kind, e.value) for e in entries(rnd, marked)), tuple(marked))


def texts(ref: Reference, with_dates: bool = True) -> set:
    """The example values as a document prints them (dates dd/mm/yyyy).
    ``with_dates=False`` leaves the dates out: in running text a date equal to
    an example date is as often another fact of the same day (a unit's own
    decision, a remark) — the validator reports a kept example date at its
    ``Cấu hình`` cell."""
    return {v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else v for _, v in ref.values
            if with_dates or not isinstance(v, dt.date)}


def _shown(v) -> str:
    return v.strftime("%d/%m/%Y") if isinstance(v, dt.date) else str(v)


def check(ctx):
    ref = getattr(ctx, "examples", None)
    if ref is None:
        return
    for e in entries(ctx.round, ref.marked):
        if (e.kind, e.value) in ref.values:
            yield C.EXAMPLE_DATA.at(e.sheet, e.cell, e.unit, column=e.label, value=_shown(e.value))
