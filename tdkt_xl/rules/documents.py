"""Rules on the Văn bản sheet (the register of documents issued in the round)."""
from __future__ import annotations

from tdkt_xl.vocabulary import cells, schema as S
from tdkt_xl.vocabulary import catalogue as C
from tdkt_xl.rules.context import Context, cell_of, key, row_of
from tdkt_xl.vocabulary.doc_kinds import KINDS, NOTICE, REMINDER

SHEET = S.DOCUMENTS.name
JOB_OF_KIND = {k.doc_kind: k.job for k in KINDS.values() if k.job}
PER_UNIT = tuple(k.doc_kind for k in KINDS.values() if k.per_unit)
# per-unit documents about this round's inspection of the unit (a reminder may go to a
# unit not inspected this round: recommendations carried from an earlier round)
OF_INSPECTION = tuple(k for k in PER_UNIT if k != REMINDER.doc_kind)
ROUND_LEVEL = tuple(k.doc_kind for k in KINDS.values() if not k.per_unit)
# Numbering systems (NĐ 30/2020): the minutes are numbered by the delegation
# (…/BB-ĐKT), every other document by the council (…/xx-HĐTĐKT), in one series.
DELEGATION_SERIES = tuple(k.doc_kind for k in KINDS.values() if k.by_delegation)


def number_key(number: str) -> str:
    n = cells.norm_text(number)
    return str(int(n)) if n.isdigit() else key(n)


def check(ctx: Context):
    seen_number, seen_doc = {}, {}
    for doc in ctx.round.documents:
        if not doc.kind:
            continue
        code = doc.unit_code
        job = JOB_OF_KIND.get(doc.kind)
        blocks = (job,) if job else ()
        unit = ctx.unit(code) if code else None
        if code and unit is None:
            yield C.DOC_UNKNOWN_UNIT.at(SHEET, cell_of(doc, "unit_code"), code, blocks=blocks, code=code,
                                        kind=doc.kind, why="không có trong trang Đơn vị")
        elif code and ctx.inspection(code) is None and doc.kind in OF_INSPECTION:
            yield C.DOC_UNKNOWN_UNIT.at(SHEET, cell_of(doc, "unit_code"), code, blocks=blocks, code=code,
                                        kind=doc.kind, why="không có lịch kiểm tra")
        if doc.kind in PER_UNIT and not code:
            yield C.DOC_UNIT_EXPECTED.at(SHEET, cell_of(doc, "unit_code"), blocks=blocks, kind=doc.kind)
        if doc.kind in ROUND_LEVEL and code:
            yield C.DOC_UNIT_UNEXPECTED.at(SHEET, cell_of(doc, "unit_code"), code, kind=doc.kind,
                                           code=code)
        dk = (doc.kind, key(code))
        if dk in seen_doc:
            yield C.DOC_DUP.at(SHEET, cell_of(doc, "unit_code" if code else "kind"), code, blocks=blocks, kind=doc.kind,
                               of_unit=f" của đơn vị {ctx.unit_name(code)}" if code else "",
                               first_row=row_of(seen_doc[dk]))
        else:
            seen_doc[dk] = doc
        if doc.number:
            series = doc.kind in DELEGATION_SERIES
            nk = (series, number_key(doc.number))
            if nk in seen_number:
                first = seen_number[nk]
                issuer = ("Đoàn kiểm tra" if series else "Hội đồng")
                yield C.DOC_DUP_NUMBER.at(SHEET, cell_of(doc, "number"), code, blocks=blocks,
                                          number=doc.number, kind=doc.kind,
                                          first_row=row_of(first), first_kind=first.kind,
                                          issuer=issuer)
            else:
                seen_number[nk] = doc
        if doc.signer:
            signer = ctx.member(doc.signer)
            number = doc.number or "(chưa có số)"
            if signer is None:
                yield C.DOC_SIGNER_UNKNOWN.at(SHEET, cell_of(doc, "signer"), code, blocks=blocks,
                                              name=doc.signer, kind=doc.kind, number=number)
            elif not signer.can_lead:
                yield C.DOC_SIGNER_NOT_LEADER.at(SHEET, cell_of(doc, "signer"), code, blocks=blocks,
                                                 kind=doc.kind, number=number, name=doc.signer,
                                                 role=signer.council_role or "không có")
        if doc.kind == NOTICE.doc_kind and code and doc.date:
            insp = ctx.inspection(code)
            if insp and insp.notice_date and insp.notice_date != doc.date:
                yield C.DOC_NOTICE_DATE.at(SHEET, cell_of(doc, "date"), code,
                                           unit_name=ctx.unit_name(code),
                                           signed=cells.fmt_date(doc.date),
                                           notice=cells.fmt_date(insp.notice_date))
