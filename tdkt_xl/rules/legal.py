"""Legal basis of the rules, chosen by the dates of the plan.

A finding type names the texts it rests on by key (``define(..., basis=...)``):
a key of ``data/legal_basis.csv`` (a law whose row says from when to when it
applies) or ``plan:<section>`` (a section of the inspection plan itself, named
from the Cấu hình settings).  ``LegalBasis`` resolves those keys for one date
(the plan's date, else the start of its inspection window), so a 2024 plan
cites NĐ 98/2023 and a plan dated after 30/06/2025 cites NĐ 152/2025.
"""
from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from tdkt_xl.vocabulary import cells

DATA = Path(__file__).resolve().parent / "data" / "legal_basis.csv"
PLAN_PREFIX = "plan:"


@dataclass(frozen=True)
class Law:
    key: str
    law: str
    start: dt.date | None
    end: dt.date | None
    note: str = ""
    levels: tuple = ()          # round levels the text is cited for ('tỉnh', 'huyện', 'xã'); () = all
    citation: str = ""          # the 'Căn cứ …' wording of a document; '' = not cited there

    def applies(self, d: dt.date) -> bool:
        return (self.start is None or self.start <= d) and (self.end is None or d <= self.end)

    @property
    def span(self) -> str:
        if self.start and self.end:
            return f"{cells.fmt_date(self.start)}–{cells.fmt_date(self.end)}"
        if self.start:
            return f"từ {cells.fmt_date(self.start)}"
        if self.end:
            return f"đến {cells.fmt_date(self.end)}"
        return ""


@lru_cache(maxsize=4)
def load_laws(path: str = str(DATA)) -> tuple:
    with open(path, newline="", encoding="utf-8") as fh:
        return tuple(Law(r["key"], r["law"], cells.to_date(r["from"]), cells.to_date(r["to"]),
                         r.get("note") or "",
                         tuple(x.strip() for x in (r.get("levels") or "").split(";") if x.strip()),
                         cells.norm_text(r.get("citation"))) for r in csv.DictReader(fh))


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
    def __init__(self, settings, laws: tuple | None = None):
        self.settings = settings
        self.laws = load_laws() if laws is None else laws
        self.date = plan_reference_date(settings)

    def law(self, key: str, on: dt.date | None = None) -> Law | None:
        d = on or self.date
        if d is None:
            return None
        for law in self.laws:
            if law.key == key and law.applies(d):
                return law
        return None

    def cite(self, keys, on: dt.date | None = None) -> str:
        """'Kế hoạch kiểm tra tháng 4/2024, mục III.1; Nghị định số 98/2023/NĐ-CP'."""
        parts = []
        for key in keys:
            if key.startswith(PLAN_PREFIX):
                parts.append(f"{plan_name(self.settings)}, mục {key[len(PLAN_PREFIX):]}")
                continue
            law = self.law(key, on)
            if law:
                parts.append(law.law)
        return "; ".join(parts)

    def basis_lines(self, on: dt.date | None = None, level: str = "") -> list[str]:
        """The 'Căn cứ …;' lines of a document dated ``on`` (default: the
        plan's date): every register row with a citation in force that day
        and cited at the round's level, in register order."""
        d = on or self.date
        if d is None:
            return []
        return [f"Căn cứ {law.citation};" for law in self.laws
                if law.citation and law.applies(d)
                and (not level or not law.levels or level in law.levels)]

    def in_force(self, on: dt.date | None = None) -> tuple:
        """The framework texts in force on the date (for a report footer)."""
        return tuple(l for l in (self.law("tdkt_law", on), self.law("tdkt_decree", on)) if l)


def describe(keys) -> str:
    """All versions of the cited texts with their date ranges (for `tdkt codes`)."""
    laws = load_laws()
    parts = []
    for key in keys:
        if key.startswith(PLAN_PREFIX):
            parts.append(f"Kế hoạch kiểm tra, mục {key[len(PLAN_PREFIX):]}")
            continue
        versions = [f"{l.law} ({l.span})" if l.span else l.law for l in laws if l.key == key]
        parts.append(" / ".join(versions))
    return "; ".join(parts)
