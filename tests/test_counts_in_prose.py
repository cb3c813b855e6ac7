"""Counts inside the sentences of a document follow the one house rule
(``vocabulary.style.count2``: two digits, ``01 nội dung``, ``05 ngày``), in every
document that states one: the reminder letters said ``đối với 1 nội dung`` while the
plan, the notices and the minutes write ``05 ngày``, ``02 bản``."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from docx import Document

from tdkt_xl.io.example import example_rounds
from tdkt_xl.io.reader import read_round
from tdkt_xl.reports.followup import make_followup

END_2024 = dt.date(2024, 12, 31)
# a one-digit count before the noun it counts (not a date, a number or an amount)
BARE_COUNT = re.compile(r"(?<![\d/.,])\d (nội dung|ngày|đơn vị|kiến nghị|bản)\b")


def _text(path) -> str:
    return "\n".join(p.text for p in Document(path).paragraphs)


def test_reminder_letters_write_counts_with_two_digits(example_sheets, tmp_path):
    rnd = read_round(example_sheets).round
    res = make_followup(rnd, tmp_path, END_2024)
    texts = {p.name: _text(p) for p in res.letters}
    # XQS has one overdue item: 'đối với 01 nội dung', never '1 nội dung'
    xqs = texts["CV_don_doc_XQS.docx"]
    assert "đối với 01 nội dung đã quá hạn" in xqs, xqs
    for name, text in texts.items():
        assert not BARE_COUNT.search(text), (name, BARE_COUNT.search(text).group(0))


def test_reminder_days_overdue_below_ten_are_padded(example_sheets, tmp_path):
    rnd = read_round(example_sheets).round
    # 24/01/2025 is XCT's deadline: five days later its item is 05 days overdue
    res = make_followup(rnd, tmp_path, dt.date(2025, 1, 29))
    text = "\n".join(_text(p) for p in res.letters if p.name.endswith("_XCT.docx"))
    assert "quá hạn 05 ngày" in text, text
    assert not BARE_COUNT.search(text)


@pytest.mark.parametrize("name", [r.name for r in example_rounds()])
def test_every_document_of_every_example_round_writes_counts_with_two_digits(name):
    """The plan, the decision, the notices and the minutes of each example round."""
    from tdkt_xl.documents import contexts as X
    from tdkt_xl.io.example import example_sheets
    from tdkt_xl.io.register import shipped_rows
    from tdkt_xl.vocabulary import doc_kinds as K
    from tdkt_xl.vocabulary.schema import LEGAL
    from docx_render import render_document, text_of
    r = next(r for r in example_rounds() if r.name == name)
    rnd = read_round({**example_sheets(r.data_dir), LEGAL.name: shipped_rows()}).round
    units, _ = X.scheduled_units(rnd)
    for key in K.GENERATED:
        kind = K.KINDS[key]
        for unit in (units if kind.per_unit else [None]):
            text = text_of(render_document(kind.template, X.build_context(key, rnd, unit)))
            found = BARE_COUNT.search(text)
            assert not found, (key, unit and unit.code, text[max(0, found.start() - 60):found.end()])
