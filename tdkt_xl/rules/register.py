"""Rules on the register of legal bases (the Căn cứ pháp lý sheet): each
code's rows must not be in force on the same day, a row's dates must be in
order, 'Thay thế bởi' must name a code of the register, and the level and
document-type lists must use words the tool knows."""
from __future__ import annotations

import datetime as dt

from tdkt_xl.vocabulary import catalogue as C, cells, schema as S
from tdkt_xl.vocabulary.doc_kinds import KINDS
from tdkt_xl.rules.context import Context, key
from tdkt_xl.rules.legal import PLAN_PREFIX, ROUND_LEVELS, TDKT_DECREE, TDKT_LAW, span
from tdkt_xl.vocabulary.findings import CATALOGUE

SHEET = S.LEGAL.name
TYPE_CODES = tuple(dict.fromkeys(k.profile for k in KINDS.values()))


def _bounds(law):
    return law.start or dt.date.min, law.end or dt.date.max


FRAMEWORK = (TDKT_LAW, TDKT_DECREE)     # the report's framework texts (no finding of their own)


def needed(cited=None) -> dict:
    """Register code -> the finding codes that cite it (and the report's framework
    texts), with ``cited``: the codes the services' data rests on (code -> finding
    codes; the Phụ lục spec's, handed in by the gate: rules never read it)."""
    out: dict = {code: [] for code in FRAMEWORK}
    for ft in CATALOGUE.values():
        for code in ft.basis:
            if not code.startswith(PLAN_PREFIX):
                out.setdefault(code, []).append(ft.code)
    for code, users in (cited or {}).items():
        out.setdefault(code, []).extend(u for u in users if u not in out[code])
    return out


def _missing(laws, codes, cited):
    """Codes the tool's rules or ``cited`` rest on with no row of the register (a clerk's deletion)."""
    if not laws:
        return
    below = f"A{max(l.origin.row for l in laws) + 1}"
    for code, users in needed(cited).items():
        if key(code) not in codes:
            parts = [f"các lỗi {', '.join(sorted(users))}"] if users else []
            if code in FRAMEWORK:
                parts.append("dòng 'Căn cứ pháp lý theo ngày của Kế hoạch' của kết quả kiểm tra dữ liệu")
            uses = " và ".join(parts)
            yield C.LEGAL_CODE_MISSING.at(SHEET, below, code=code, uses=uses)


def check(ctx: Context):
    laws = [l for l in ctx.round.legal if l.origin is not None and l.origin.sheet == SHEET]
    codes = {key(l.code) for l in laws if l.code}
    ordered = []
    for law in laws:
        if law.start and law.end and law.start > law.end:
            yield C.LEGAL_DATES.at(SHEET, law.cell("start"), code=law.code,
                                   start=cells.fmt_date(law.start), end=cells.fmt_date(law.end))
        else:
            ordered.append(law)
        if law.replaced_by and key(law.replaced_by) not in codes:
            yield C.LEGAL_UNKNOWN_SUCCESSOR.at(SHEET, law.cell("replaced_by"), code=law.code,
                                               target=law.replaced_by)
        for value in law.cited_in:
            if key(value) not in {key(t) for t in TYPE_CODES}:
                yield C.LEGAL_UNKNOWN_KIND.at(SHEET, law.cell("cited_in"), code=law.code, value=value,
                                              known=", ".join(TYPE_CODES))
        for value in law.levels:
            if key(value) not in {key(t) for t in ROUND_LEVELS}:
                yield C.LEGAL_UNKNOWN_LEVEL.at(SHEET, law.cell("levels"), code=law.code, value=value,
                                               known=", ".join(ROUND_LEVELS))
    yield from _missing(laws, codes, ctx.cited)
    seen: dict = {}
    for law in ordered:
        if not law.code:
            continue
        start, end = _bounds(law)
        for other in seen.get(key(law.code), ()):
            o_start, o_end = _bounds(other)
            if start <= o_end and o_start <= end:
                yield C.LEGAL_OVERLAP.at(SHEET, law.cell("start"), code=law.code,
                                         row=law.origin.row, span=span(law) or "không giới hạn",
                                         other=other.origin.row,
                                         other_span=span(other) or "không giới hạn")
                break
        seen.setdefault(key(law.code), []).append(law)
