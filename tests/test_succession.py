"""The unit succession table (Đơn vị kế thừa): a dissolved or merged unit's
carried recommendations land on its successor (transitively, by date), and a
bad table is a finding at its cell: a cycle (KT01), two successors on one day
(KT02), a successor that is not a unit (KT03), a carried recommendation whose
unit is gone without a successor (KN08)."""
from __future__ import annotations

import datetime as dt

import pytest

from tdkt_xl import model as m
from tdkt_xl.builder.next_round import next_round_sheets
from tdkt_xl.gate import validate_arrays
from tdkt_xl.model.succession import Successions
from tdkt_xl.vocabulary import cells, schema as S

from conftest import WORKBOOK

SU, KN, DV = S.SUCCESSION.name, S.RECOMMENDATIONS.name, S.UNITS.name
AS_OF = dt.date(2026, 3, 1)


def row(old, new, date, act="Nghị quyết số 1672/NQ-UBTVQH15", name=""):
    return m.Succession(old, new, cells.to_date(date), act, name)


def test_chain_is_transitive_and_follows_the_dates():
    t = Successions([row("A", "B", "01/07/2025"), row("B", "C", "01/01/2026")])
    assert t.successor("A") == "C" and t.successor("b") == "C" and t.successor("C") is None
    # B's row dated before A merged into B: B had already gone on when A arrived
    t = Successions([row("A", "B", "01/07/2025"), row("B", "C", "01/01/2024")])
    assert t.successor("A") == "B"
    # of two rows of a code, the earliest date first; a cycle stops the walk
    t = Successions([row("A", "D", "01/01/2027"), row("A", "B", "01/07/2025"),
                     row("B", "A", "01/01/2026")])
    assert [r.new_code for r in t.chain("A")] == ["B"]
    # a row without a date is not followed (the reader reports the blank)
    assert Successions([m.Succession("A", "B", None)]).successor("A") is None


@pytest.fixture(scope="module")
def _next_year():
    if not WORKBOOK.exists():
        pytest.skip("workbook/tdkt_2024.xlsm chưa được tạo (tdkt build-workbook)")
    from tdkt_xl.io.sources import read_file_arrays
    return next_round_sheets(read_file_arrays(WORKBOOK), 2026, source=WORKBOOK.name)


@pytest.fixture
def merged(_next_year):
    """The 2026 round made from 2024's, after the communes merged: XBM and XHB
    gone from Đơn vị, a new commune XMOI; XBM -> XMOI directly, XHB -> XMID
    (itself gone) -> XMOI."""
    import copy
    sheets = copy.deepcopy(_next_year)
    units = sheets[DV]
    code = units[0].index(S.UNITS.col("code").header)
    template = next(r for r in units[1:] if r[code] == "XBM")
    units[:] = [r for r in units if r[code] not in ("XBM", "XHB")]
    new = list(template)
    new[code], new[units[0].index(S.UNITS.col("name").header)] = "XMOI", "Xã Mới"
    units.append(new)
    sheets[SU] = [S.SUCCESSION.headers,
                  ["XBM", "Xã Bằng Mạc", "XMOI", "01/07/2025", "Nghị quyết số 1672/NQ-UBTVQH15"],
                  ["XHB", "Xã Hòa Bình", "XMID", "01/07/2025", "Nghị quyết số 1672/NQ-UBTVQH15"],
                  ["XMID", "", "XMOI", "01/01/2026", "Quyết định đổi tên"]]
    return sheets


def _carried_units(sheets):
    header = sheets[KN][0]
    i = header.index(S.RECOMMENDATIONS.col("unit_code").header)
    return [r[i] for r in sheets[KN][1:]]


def test_carried_recommendations_land_on_the_successor(merged):
    assert {"XBM", "XHB"} <= set(_carried_units(merged))
    report = validate_arrays(merged, "2026", AS_OF)
    rnd = report.round
    landed = rnd.recommendations_of("XMOI")
    assert sorted(r.original_unit_code for r in landed) == ["XBM", "XBM", "XHB"]
    assert not [r for r in rnd.recommendations if r.unit_code in ("XBM", "XHB")]
    bad = {"KN08", "KQ01", "KT01", "KT02", "KT03"}
    assert not [f for f in report.findings if f.code in bad], \
        [(f.code, f.cell, f.message) for f in report.findings if f.code in bad]


def _at(report, code):
    return [(f.sheet, f.cell) for f in report.findings if f.code == code]


def test_a_carried_recommendation_of_a_unit_gone_without_successor(merged):
    sheets = merged
    sheets[SU] = sheets[SU][:2]                       # XHB's rows removed
    units = _carried_units(sheets)
    report = validate_arrays(sheets, "2026", AS_OF)
    col = cells.col_letter(sheets[KN][0].index(S.RECOMMENDATIONS.col("unit_code").header))
    assert _at(report, "KN08") == [(KN, f"{col}{units.index('XHB') + 2}")]
    f = next(f for f in report.findings if f.code == "KN08")
    assert "XHB" in f.message and SU in f.message and f.severity == "error"
    assert not _at(report, "KQ01")


@pytest.mark.parametrize("rows, code, cell", [
    ([["XBM", "", "XMOI", "01/07/2025", ""], ["XMOI", "", "XBM", "01/01/2026", ""]], "KT01", "C2"),
    ([["XMOI", "", "XMOI", "01/07/2025", ""]], "KT01", "C2"),
    ([["XBM", "", "XMOI", "01/07/2025", ""], ["XBM", "", "XCL", "01/07/2025", ""]], "KT02", "C3"),
    ([["XBM", "", "XMOI", "01/07/2025", ""], ["XHB", "", "XKHONG", "01/07/2025", ""]], "KT03", "C3"),
])
def test_a_bad_table_is_a_finding_at_its_cell(merged, rows, code, cell):
    merged[SU] = [S.SUCCESSION.headers] + rows
    report = validate_arrays(merged, "2026", AS_OF)
    assert _at(report, code) == [(SU, cell)], [(f.code, f.cell, f.message) for f in report.findings
                                               if f.sheet == SU]
    f = next(f for f in report.findings if f.code == code)
    assert f.severity == "error" and "report" in f.blocks


def _selected(sheets, code, value):
    units = sheets[DV]
    i, sel = units[0].index(S.UNITS.col("code").header), units[0].index(S.UNITS.col("selected").header)
    row_ = next(r for r in units[1:] if r[i] == code)
    row_[sel] = value
    return f"{cells.col_letter(i)}{units.index(row_) + 1}"


def test_a_unit_with_a_successor_still_selected_is_a_warning_at_its_code(merged):
    """XCL merged into XMOI on 01/07/2025 but is still listed and selected in
    Đơn vị (before: no word; its carried recommendations stayed on it)."""
    merged[SU].append(["XCL", "Xã Chi Lăng", "XMOI", "01/07/2025", "Nghị quyết số 1672/NQ-UBTVQH15"])
    cell = _selected(merged, "XCL", "Có")
    report = validate_arrays(merged, "2026", AS_OF)
    assert _at(report, "KT04") == [(DV, cell)]
    f = next(f for f in report.findings if f.code == "KT04")
    assert f.severity == "warning" and not f.blocks and f.unit == "XCL"
    assert "(XCL)" in f.message and "Xã Mới (XMOI)" in f.message and "01/07/2025" in f.message
    assert "1672/NQ-UBTVQH15" in f.message and SU in f.message
    # not selected: listed for the record only, nothing to say
    _selected(merged, "XCL", "Không")
    assert not _at(validate_arrays(merged, "2026", AS_OF), "KT04")


def test_a_unit_merged_after_the_round_is_inspected_as_it_is(merged):
    merged[SU].append(["XCL", "Xã Chi Lăng", "XMOI", "01/07/2030", "Nghị quyết (dự kiến)"])
    _selected(merged, "XCL", "Có")
    assert not _at(validate_arrays(merged, "2026", AS_OF), "KT04")


def test_a_blank_date_is_reported_and_not_followed(merged):
    merged[SU][1][3] = ""
    report = validate_arrays(merged, "2026", AS_OF)
    assert (SU, "D2") in _at(report, "GT02")
    assert [r.unit_code for r in report.round.recommendations if r.original_unit_code] == \
        ["XMOI"]                                      # XHB only, through XMID


def test_new_round_carries_the_table_and_the_typed_codes(merged):
    sheets = next_round_sheets(merged, 2027, source="2026")
    assert sheets[SU] == merged[SU]
    assert {"XBM", "XHB"} <= set(_carried_units(sheets))   # as typed; the table lands them
    rnd = validate_arrays(sheets, "2027", dt.date(2027, 3, 1)).round
    assert len(rnd.successions) == 3
    assert sorted(r.original_unit_code for r in rnd.recommendations_of("XMOI")) == \
        ["XBM", "XBM", "XHB"]


def test_a_returned_form_of_a_merged_unit_counts_for_its_successor(tmp_path):
    """Appendix history: a Phụ lục form made for XBM, returned after XBM merged
    into XMOI, is merged as XMOI's (PL41 says so); without the table it is a
    form of an unknown unit (PL11)."""
    import copy
    from test_appendices import good_file
    from tdkt_xl.appendices import make_forms, merge_inbox
    from tdkt_xl.builder.example import example_sheets
    from tdkt_xl.io.reader import read_round
    old = read_round(example_sheets()).round
    forms = tmp_path / "forms"
    make_forms(old, forms)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    good_file(forms, inbox, code="XBM")
    sheets = example_sheets()
    units = sheets[DV]
    code = units[0].index(S.UNITS.col("code").header)
    row = next(r for r in units if r[code] == "XBM")
    row[code] = "XMOI"
    gone = read_round(copy.deepcopy(sheets)).round
    res = merge_inbox(gone, inbox, as_of=dt.date(2024, 10, 15))
    assert not res.units and [f.code for f in res.findings if f.code in ("PL11", "PL41")] == ["PL11"]
    sheets[SU] = [S.SUCCESSION.headers, ["XBM", "Xã Bằng Mạc", "XMOI", "01/07/2025", "Nghị quyết"]]
    merged = read_round(sheets).round
    res = merge_inbox(merged, inbox, as_of=dt.date(2024, 10, 15))
    assert list(res.units) == ["XMOI"]
    f = next(f for f in res.findings if f.code == "PL41")
    assert f.unit == "XMOI" and "XBM" in f.message and f.cell == "B3" and f.severity == "warning"
    assert not [f for f in res.findings if f.code == "PL11"]
