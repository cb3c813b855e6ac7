"""Legal basis of the rules and documents, chosen by date from the round's
register (the Căn cứ pháp lý sheet, read into ``Round.legal``).

A finding type names the texts it rests on by register code
(``define(..., basis=...)``: ``ND98_2023`` means "the TĐKT decree": the
chain of texts linked by 'Thay thế bởi' is followed to the one in force on
the date) or ``plan:<section>`` (a section of the inspection plan itself,
named from the Cấu hình settings).  ``LegalBasis`` resolves those codes for
one date (the plan's date, else the start of its inspection window), so a
2024 plan cites NĐ 98/2023 and a plan dated after 30/06/2025 cites NĐ 152/2025.
Rules never read the register's file: the reader puts it in the round.
"""
from __future__ import annotations

import datetime as dt

from tdkt_xl import model as m
from tdkt_xl.model.index import key as _key
from tdkt_xl.vocabulary import cells

PLAN_PREFIX = "plan:"
Law = m.LegalText
# the framework texts a report footer names (any code of their chain)
TDKT_LAW, TDKT_DECREE = "LUAT06_2022", "ND98_2023"


def span(law: m.LegalText) -> str:
    if law.start and law.end:
        return f"{cells.fmt_date(law.start)}–{cells.fmt_date(law.end)}"
    if law.start:
        return f"từ {cells.fmt_date(law.start)}"
    if law.end:
        return f"đến {cells.fmt_date(law.end)}"
    return ""


def chain(laws, code: str) -> list:
    """Every row of the texts linked to ``code`` by 'Thay thế bởi' (either way),
    the rows of ``code`` first, then in register order."""
    links: dict = {}
    for law in laws:
        if law.replaced_by:
            a, b = _key(law.code), _key(law.replaced_by)
            links.setdefault(a, set()).add(b)
            links.setdefault(b, set()).add(a)
    seen, todo = {_key(code)}, [_key(code)]
    while todo:
        for nxt in links.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    first = [l for l in laws if _key(l.code) == _key(code)]
    return first + [l for l in laws if _key(l.code) in seen and _key(l.code) != _key(code)]


ROUND_LEVELS = ("tỉnh", "huyện", "xã")         # the words of the register's 'Cấp áp dụng'


def _within(value: str, listed: tuple) -> bool:
    """Whether a register list ('Cấp áp dụng', 'Trích dẫn trong') takes ``value``; () = all."""
    return not value or not listed or _key(value) in {_key(x) for x in listed}


# administrative noun in the supervising body's name -> the round's level
_LEVELS = (("thị trấn", "xã"), ("thị xã", "huyện"), ("thành phố", ""), ("phường", "xã"),
           ("huyện", "huyện"), ("quận", "huyện"), ("tỉnh", "tỉnh"), ("xã", "xã"))


def level_of(settings) -> str:
    """The round's level: Cấu hình 'Cấp' when set, else from its supervising body
    ('UBND huyện X' -> 'huyện'); '' when the name does not say (a 'thành phố'
    may be either)."""
    if cells.norm_text(getattr(settings, "level", "")):
        return cells.norm_text(settings.level).lower()
    name = cells.key_text(getattr(settings, "supervising_body", ""))
    found = [(name.find(noun), level) for noun, level in _LEVELS if noun in name]
    return min(found)[1] if found else ""


def plan_reference_date(settings) -> dt.date | None:
    """The date that picks the law: the plan's date, else its window start."""
    if settings.plan_date:
        return settings.plan_date
    if settings.window_start:
        return settings.window_start
    if settings.year:
        return dt.date(settings.year, 1, 1)
    return None


def plan_name(settings) -> str:
    if settings.plan_number:
        return f"Kế hoạch kiểm tra số {settings.plan_number}"
    if settings.plan_month:
        return f"Kế hoạch kiểm tra tháng {settings.plan_month}"
    return "Kế hoạch kiểm tra"


class LegalBasis:
    def __init__(self, settings, laws=()):
        self.settings = settings
        self.laws = tuple(laws)
        self.date = plan_reference_date(settings)

    def law(self, code: str, on: dt.date | None = None) -> m.LegalText | None:
        """The row in force on the date of the text ``code`` or of its chain."""
        d = on or self.date
        if d is None:
            return None
        return next((l for l in chain(self.laws, code) if l.applies(d)), None)

    def cite(self, keys, on: dt.date | None = None) -> str:
        """'Kế hoạch kiểm tra tháng 4/2024, mục III.1; Nghị định số 98/2023/NĐ-CP'."""
        parts = []
        for code in keys:
            if code.startswith(PLAN_PREFIX):
                parts.append(f"{plan_name(self.settings)}, mục {code[len(PLAN_PREFIX):]}")
                continue
            law = self.law(code, on)
            if law:
                parts.append(law.name)
        return "; ".join(parts)

    def basis_lines(self, on: dt.date | None = None, level: str = "", type_code: str = "") -> list[str]:
        """The 'Căn cứ …;' lines of a document of NĐ 30 type ``type_code``
        dated ``on`` (default: the plan's date): every register row with a
        citation in force that day, cited at the round's level and in that
        kind of document, in register order."""
        d = on or self.date
        if d is None:
            return []
        return [f"Căn cứ {law.citation};" for law in self.laws
                if law.citation and law.applies(d)
                and _within(level, law.levels) and _within(type_code, law.cited_in)]

    def in_force(self, on: dt.date | None = None) -> tuple:
        """The framework texts in force on the date (for a report footer)."""
        return tuple(l for l in (self.law(TDKT_LAW, on), self.law(TDKT_DECREE, on)) if l)

    def changes(self, start: dt.date, end: dt.date) -> list:
        """(text in force on ``start``, the text replacing it in force on
        ``end``) for every register text replaced between the two dates."""
        out = []
        for law in self.laws:
            if law.replaced_by and law.applies(start) and not law.applies(end):
                nxt = next((l for l in self.laws if _key(l.code) == _key(law.replaced_by)
                            and l.applies(end)), None)
                if nxt is not None:
                    out.append((law, nxt))
        return out


def describe(keys, laws) -> str:
    """All versions of the cited texts with their date ranges (for `tdkt codes`)."""
    parts = []
    for code in keys:
        if code.startswith(PLAN_PREFIX):
            parts.append(f"Kế hoạch kiểm tra, mục {code[len(PLAN_PREFIX):]}")
            continue
        versions = sorted(chain(laws, code), key=lambda l: l.start or dt.date.min)
        parts.append(" / ".join(f"{l.name} ({span(l)})" if span(l) else l.name for l in versions))
    return "; ".join(parts)
