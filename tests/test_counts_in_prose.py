"""Counts inside the sentences of a document follow the one house rule
(``vocabulary.style.count2``: two digits, ``01 nội dung``, ``05 ngày``), in every
document that states one: the reminder letters said ``đối với 1 nội dung`` while the
plan, the notices and the minutes write ``05 ngày``, ``02 bản``."""
from __future__ import annotations

import datetime as dt
import re

from docx import Document

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
