"""Dates written inside the example's typed texts (remarks, opinions) follow the house style
of every generated document ('ngày 14/6/2024', not 'ngày 14/06/2024'): the minutes print them
next to generated dates."""
from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

from tdkt_xl.vocabulary.style import body_date

DATA = Path(__file__).resolve().parents[1] / "tdkt_xl" / "data" / "example_2024"
DATE = re.compile(r"ngày (\d{1,2})/(\d{1,2})/(\d{4})")


def test_dates_in_typed_texts_follow_the_house_style():
    bad = []
    for name in ("Đánh giá chung.csv", "Kết quả kiểm tra.csv"):
        with open(DATA / name, encoding="utf-8", newline="") as f:
            for row in csv.reader(f):
                for cell in row:
                    for m in DATE.finditer(cell):
                        d = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
                        if m.group(0) != f"ngày {body_date(d)}":
                            bad.append((name, m.group(0)))
    assert not bad, bad
