"""House style of the text typed in the shipped data (every example round's CSV
files and the shipped register of legal bases): documents print these texts next
to generated ones, so they follow the same rules (vocabulary.style):
- a date inside a text is written as every document writes it ('ngày 14/6/2024',
  'từ 01/7/2025': days below 10 and months 1–2 zero-padded, months 3–12 not);
  a cell that is only a date is a value, read as a date, not text;
- a quarter inside a sentence is a common noun: 'quý II', never 'Quý II' after a
  word; the round's 'Thời gian kiểm tra (theo Kế hoạch)' is always printed inside
  a sentence ('Thực hiện trong quý II, III năm 2024'), so it starts in lower case;
- the field is 'thi đua, khen thưởng' (a comma); the hyphen belongs only to the
  council's name ('Hội đồng Thi đua - Khen thưởng')."""
from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

import pytest

from tdkt_xl.vocabulary import schema as S
from tdkt_xl.vocabulary.style import body_date

DATA = Path(__file__).resolve().parents[1] / "tdkt_xl" / "data"
FILES = sorted(DATA.rglob("*.csv"))
DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
QUARTER_MID = re.compile(r"[\w,)] Quý (?=(?:I{1,3}|IV)\b)")
FIELD_HYPHEN = re.compile(r"thi đua - khen thưởng")          # case-sensitive: not the council's name


def _cells(path: Path):
    with open(path, encoding="utf-8", newline="") as f:
        for i, row in enumerate(csv.reader(f), start=1):
            for j, cell in enumerate(row, start=1):
                yield f"{path.relative_to(DATA)} dòng {i} cột {j}", cell


def test_the_data_files_are_found():
    assert len(FILES) > 30 and any(p.name == "legal_basis.csv" for p in FILES)


def _faults(where, cell):
    if DATE.fullmatch(cell.strip()):
        return                              # a date value, not text
    for m in DATE.finditer(cell):
        try:
            d = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            yield where, m.group(0), "ngày không có thật"
            continue
        if m.group(0) != body_date(d):
            yield where, m.group(0), body_date(d)
    for m in QUARTER_MID.finditer(cell):
        yield where, cell[max(0, m.start() - 20):m.end() + 3], "quý (chữ thường giữa câu)"
    for m in FIELD_HYPHEN.finditer(cell):
        yield where, m.group(0), "thi đua, khen thưởng"


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(DATA)))
def test_texts_in_the_data_follow_the_house_style(path):
    bad = [f for where, cell in _cells(path) for f in _faults(where, cell)]
    assert not bad, bad


def test_the_inspection_window_reads_inside_a_sentence():
    label = next(s.label for s in S.SETTING_KEYS if s.field == "window_label")
    for path in DATA.glob(f"*/{S.SETTINGS.name}.csv"):
        with open(path, encoding="utf-8", newline="") as f:
            value = next(r[1] for r in csv.reader(f) if r and r[0].strip() == label).strip()
        assert value and not value[:1].isupper(), (str(path.relative_to(DATA)), value)


def test_the_lint_catches_each_fault():
    faults = [f[2] for cell in ("ý kiến gửi ngày 21/05/2026", "Thực hiện trong Quý II năm 2026",
                                "Chi từ nguồn quỹ thi đua - khen thưởng", "ngày 4/3/2024")
              for f in _faults("x", cell)]
    assert faults == ["21/5/2026", "quý (chữ thường giữa câu)", "thi đua, khen thưởng", "04/3/2024"]
    clean = ("Hội đồng Thi đua - Khen thưởng tỉnh", "Nông Văn Quý, Chủ tịch", "12/04/2024",
             "Quý II, III năm 2024 (đầu câu)", "ngày 09/01/2024 và 13/4/2022", "hồ sơ quý IV năm 2025")
    assert [f for cell in clean for f in _faults("x", cell)] == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(DATA)))
def test_every_row_has_the_columns_of_its_header(path):
    """A comma typed into an unquoted field splits it: the reader keeps the header's
    columns and silently drops the rest of the sentence (the plan printed 'Chi từ nguồn
    quỹ thi đua' for '…quỹ thi đua, khen thưởng theo quy định hiện hành.')."""
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    bad = [(i, row) for i, row in enumerate(rows[1:], start=2) if len(row) != len(rows[0])]
    assert not bad, bad
