"""Context pieces shared by the report and the reminder letters: header
(ô 1–4), signer block (ô 7), references to the plan and the decision.  They
come from the documents engineer's ``tdkt_xl.documents.contexts`` so that
every document of the round is worded the same way."""
from __future__ import annotations

from typing import Optional

from tdkt_xl import model as m
from tdkt_xl.documents import contexts as dc
from tdkt_xl.documents.text import number_line
from tdkt_xl.vocabulary.doc_kinds import REMINDER as REMINDER_KIND, REPORT as REPORT_KIND

Blocked = dc.Blocked

def report_common(rnd: m.Round, rec: Optional[m.DocumentRecord]) -> dict:
    """Header, ``Số: 45/BC-HĐTĐKT``, date line, signature, plan and decision
    references.  Raises ``Blocked`` (Vietnamese reason) when the signer is not
    the council's chair or vice-chair."""
    return dc.common_context(rnd, REPORT_KIND, rec=rec)


def reminder_common(rnd: m.Round, unit: m.Unit, rec: Optional[m.DocumentRecord],
                    drafting_unit: str, month_hint=None) -> dict:
    """As ``report_common`` for a công văn: ``Số: 152/HĐTĐKT-PNV`` (no type
    code, issuer then drafting unit, NĐ 30 Phụ lục III)."""
    ctx = dc.common_context(rnd, REMINDER_KIND, unit=unit, rec=rec, month_hint=month_hint)
    st = rnd.settings
    code = f"{st.issuer_code}-{drafting_unit}" if drafting_unit else st.issuer_code
    ctx["number_line"] = number_line(rec.number if rec else "", "", code)
    return ctx
