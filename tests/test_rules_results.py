"""Results of inspections: what cannot exist yet is not reported; what is
missing after the visit blocks that unit's minutes only; remediation overdue
relative to a given date."""
from __future__ import annotations

import datetime as dt

import pytest

from rules_plant import apply_to_arrays
from tdkt_xl.gate import validate_arrays

from conftest import AS_OF

D = dt.date
DROP_XVT = [("drop", "Kết quả kiểm tra", {"Mã đơn vị": "XVT"}),
            ("drop", "Đánh giá chung", {"Mã đơn vị": "XVT"}),
            ("drop", "Kiến nghị", {"Mã đơn vị": "XVT"})]


def test_future_inspection_results_not_reported(example_sheets):
    apply_to_arrays(example_sheets, DROP_XVT)
    # XVT is inspected on 04/07/2024: on 01/07/2024 its results cannot exist yet
    report = validate_arrays(example_sheets, "ví dụ", D(2024, 7, 1))
    assert not [f for f in report.findings if f.unit == "XVT" and f.code != "VD01"]  # not example data
    assert report.errors == []


def test_incomplete_past_inspection_blocks_that_units_minutes_only(example_sheets):
    apply_to_arrays(example_sheets, DROP_XVT)
    report = validate_arrays(example_sheets, "ví dụ", AS_OF)
    codes = {f.code for f in report.errors}
    assert codes == {"KQ06", "KQ11"}
    assert all(f.unit == "XVT" and f.blocks == ("minutes",) for f in report.errors)
    assert report.blocking("minutes", "XVT")
    assert not report.blocking("minutes", "BTCHU")
    assert not report.blocking("notice", "XVT") and not report.blocking("decision")
    missing = next(f for f in report.errors if f.code == "KQ06")
    assert "15 nội dung" in missing.message and "1.2.c.6" in missing.message


def test_district_unit_needs_only_its_items(example_sheets):
    apply_to_arrays(example_sheets, [
        ("drop", "Kết quả kiểm tra", {"Mã đơn vị": "BTCHU", "Mã nội dung": "1.2.d.2"})])
    report = validate_arrays(example_sheets, "ví dụ", AS_OF)
    hit = next(f for f in report.errors if f.code == "KQ06")
    assert "13 nội dung" not in hit.message and hit.message.endswith("1 nội dung: 1.2.d.2.")


@pytest.mark.parametrize("as_of,overdue", [(D(2024, 7, 31), False), (D(2024, 8, 1), True)])
def test_overdue_relative_to_as_of(example_sheets, as_of, overdue):
    # TTVHTT's second recommendation: deadline 31/07/2024, still open
    report = validate_arrays(example_sheets, "ví dụ", as_of)
    hits = [f for f in report.findings if f.code == "KN03" and f.unit == "TTVHTT"]
    assert bool(hits) == overdue
    if overdue:
        assert hits[0].severity == "warning"
        assert "Trung tâm Văn hóa, Thể thao và Truyền thông huyện" in hits[0].message
        assert "Bổ sung biên bản họp xét" in hits[0].message
        assert "hạn 31/07/2024, đến ngày 01/08/2024" in hits[0].message


def test_fail_needs_recommendation_of_that_unit(example_sheets):
    apply_to_arrays(example_sheets, [("drop", "Kiến nghị", {"Mã đơn vị": "BTCHU"})])
    report = validate_arrays(example_sheets, "ví dụ", AS_OF)
    assert [f.unit for f in report.errors] == ["BTCHU"]
    assert report.errors[0].code == "KQ10"
