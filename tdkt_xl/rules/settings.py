"""Rules on the Cấu hình sheet (missing settings are reported by the reader)."""
from __future__ import annotations

from tdkt_xl.vocabulary import cells, schema as S
from tdkt_xl.model.vocab import ROLE_CHAIR, ROLE_VICE
from tdkt_xl.vocabulary import catalogue as C
from tdkt_xl.model.calendar import MAX_LEAD_DAYS, valid_lead
from tdkt_xl.rules.context import Context

SHEET = S.SETTINGS.name
_LABEL = {s.field: s.label for s in S.SETTING_KEYS}


def check(ctx: Context):
    st = ctx.settings
    if st.window_start and st.window_end and st.window_start > st.window_end:
        yield C.WINDOW_ORDER.at(SHEET, st.cell("window_start"),
                                start=cells.fmt_date(st.window_start),
                                end=cells.fmt_date(st.window_end))
    for f in ("notice_lead_days", "report_lead_days"):
        v = getattr(st, f)
        if v is not None and not valid_lead(v):
            yield C.NEGATIVE_LEAD.at(SHEET, st.cell(f), label=_LABEL[f], value=v,
                                     most=MAX_LEAD_DAYS)
    if st.year:
        for f in ("window_start", "window_end", "period_start"):
            d = getattr(st, f)
            if d and d.year != st.year:
                yield C.YEAR_MISMATCH.at(SHEET, st.cell(f), label=_LABEL[f],
                                         value=cells.fmt_date(d), year=st.year)
    if st.period_start and st.window_start and st.period_start > st.window_start:
        yield C.PERIOD_AFTER_WINDOW.at(SHEET, st.cell("period_start"),
                                       period=cells.fmt_date(st.period_start),
                                       start=cells.fmt_date(st.window_start))
    if st.signer_name:
        signer = ctx.member(st.signer_name)
        if signer is None:
            yield C.SIGNER_UNKNOWN.at(SHEET, st.cell("signer_name"), name=st.signer_name)
        elif signer.council_role not in (ROLE_CHAIR, ROLE_VICE):
            yield C.SIGNER_NOT_LEADER.at(SHEET, st.cell("signer_name"), name=st.signer_name,
                                         role=signer.council_role or "không có")
        else:
            yield from _signature_form(st, signer)
    yield from _law_changes(ctx)
    yield from _unconfirmed(st)


def _unconfirmed(st):
    """Values `tdkt new-round` carried from last year stay warnings until the
    clerk deletes the 'Chưa xác nhận' phrase from their Ghi chú."""
    fields = {k: s.field for k, s in S.setting_specs().items()}
    for label, cell in st.unconfirmed.items():
        f = fields.get(cells.key_text(label))
        value = getattr(st, f, None) if f else st.extra.get(label)
        if isinstance(value, tuple):
            value = "; ".join(cells.fmt_date(d) for d in value)
        elif hasattr(value, "year") and not isinstance(value, int):
            value = cells.fmt_date(value)
        yield C.SETTING_UNCONFIRMED.at(SHEET, cell, label=label, value=value or "để trống",
                                       mark=S.UNCONFIRMED)


def _signature_form(st, signer):
    """The signature form follows the issuing authority and the signer's role
    in the council (domain §2.1): the settings' wording of that role must not
    say otherwise, or the printed title (CHỦ TỊCH / PHÓ CHỦ TỊCH) would not be
    the signer's."""
    said = (st.signer_council_role or "").strip()
    if not said:
        return
    says_vice = "phó" in said.lower()
    if says_vice == (signer.council_role == ROLE_VICE):
        return
    own = not st.decision_by_council
    if signer.council_role == ROLE_VICE:
        form = "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH" if own else "TM. HỘI ĐỒNG / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
    else:
        form = "CHỦ TỊCH" if own else "TM. HỘI ĐỒNG / CHỦ TỊCH"
    authority = "do Chủ tịch Hội đồng ban hành" if own else "do Hội đồng ban hành"
    yield C.SIGNATURE_MISMATCH.at(SHEET, st.cell("signer_council_role"), name=st.signer_name,
                                  said=said, label="Chức vụ trong Hội đồng của người ký",
                                  role=signer.council_role, authority=authority, form=form)


def _law_changes(ctx: Context):
    st = ctx.settings
    if not (st.window_start and st.window_end) or st.window_start > st.window_end:
        return
    for first, second in ctx.legal.changes(st.window_start, st.window_end):
        yield C.LAW_CHANGES.at(SHEET, st.cell("window_end"),
                               start=cells.fmt_date(st.window_start),
                               end=cells.fmt_date(st.window_end), first=first.name,
                               first_end=cells.fmt_date(first.end), second=second.name,
                               second_start=cells.fmt_date(second.start))
