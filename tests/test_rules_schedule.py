"""Lead times, counted in calendar or working days (Cấu hình), and the
working calendar (VN holidays, swapped days, làm-bù Saturdays)."""
from __future__ import annotations

import datetime as dt

import pytest

from rules_plant import apply_to_arrays
from tdkt_xl.model.calendar import WorkCalendar
from tdkt_xl.gate import validate_arrays

from conftest import AS_OF

D = dt.date


def plan(sheets, counting, date, notice):
    apply_to_arrays(sheets, [
        ("set", "Cấu hình", {"Mục": "Cách tính ngày"}, "Giá trị", counting),
        ("set", "Lịch kiểm tra", {"Mã đơn vị": "BTCHU"}, "Ngày kiểm tra", date),
        ("set", "Lịch kiểm tra", {"Mã đơn vị": "BTCHU"}, "Ngày gửi thông báo", notice),
        ("set", "Lịch kiểm tra", {"Mã đơn vị": "BTCHU"}, "Ngày nhận báo cáo", ""),
    ])
    return validate_arrays(sheets, "ví dụ", AS_OF)


# inspection Mon 10/06/2024, 5 days' notice: calendar -> on or before Wed 05/06,
# working days -> on or before Mon 03/06
@pytest.mark.parametrize("counting,notice,late", [
    ("Ngày lịch", "05/06/2024", False), ("Ngày lịch", "06/06/2024", True),
    ("Ngày làm việc", "03/06/2024", False), ("Ngày làm việc", "04/06/2024", True),
])
def test_notice_lead_time(example_sheets, counting, notice, late):
    report = plan(example_sheets, counting, "10/06/2024", notice)
    hits = [f for f in report.findings if f.code == "LK08" and f.unit == "BTCHU"]
    assert bool(hits) == late
    if late:
        latest = "05/06/2024" if counting == "Ngày lịch" else "03/06/2024"
        assert f"chậm nhất ngày {latest}" in hits[0].message
        assert hits[0].cell == "F2" and hits[0].blocks == ("notice", "minutes")


@pytest.mark.parametrize("counting,due", [("Ngày lịch", D(2024, 6, 7)),
                                          ("Ngày làm việc", D(2024, 6, 5))])
def test_report_due_recomputed(example_sheets, counting, due):
    report = plan(example_sheets, counting, "10/06/2024", "03/06/2024")
    insp = next(i for i in report.round.inspections if i.unit_code == "BTCHU")
    assert insp.report_due == due


def test_working_days_skip_national_day():
    cal = WorkCalendar(working_days=True)
    # Thu 05/09/2024 - 5 working days, skipping the 31/08-03/09 holiday block
    assert cal.days_before(D(2024, 9, 5), 5) == D(2024, 8, 27)
    assert WorkCalendar().days_before(D(2024, 9, 5), 5) == D(2024, 8, 31)


@pytest.mark.parametrize("day,working", [
    (D(2024, 5, 4), True),      # làm-bù Saturday
    (D(2024, 5, 5), False),     # Sunday
    (D(2024, 4, 29), False),    # day off swapped for 04/05/2024
    (D(2024, 4, 18), False),    # Giỗ Tổ Hùng Vương
    (D(2024, 6, 10), True),
])
def test_calendar(day, working):
    assert WorkCalendar().is_working_day(day) is working


def test_make_up_saturday_is_a_working_day(example_sheets):
    report = plan(example_sheets, "Ngày lịch", "04/05/2024", "26/04/2024")
    assert not [f for f in report.findings if f.unit == "BTCHU" and f.code in ("LK06", "LK07")]


def test_extra_local_holiday(example_sheets):
    apply_to_arrays(example_sheets, [
        ("set", "Cấu hình", {"Mục": "Ngày nghỉ bổ sung"}, "Giá trị", "10/06/2024")])
    report = validate_arrays(example_sheets, "ví dụ", AS_OF)
    hit = next(f for f in report.findings if f.code == "LK07" and f.unit == "BTCHU")
    assert "Ngày nghỉ của địa phương" in hit.message


def test_outside_window_message(example_sheets):
    apply_to_arrays(example_sheets, [
        ("set", "Lịch kiểm tra", {"Mã đơn vị": "XVT"}, "Ngày kiểm tra", "15/10/2024")])
    report = validate_arrays(example_sheets, "ví dụ", AS_OF)
    hit = next(f for f in report.findings if f.code == "LK05")
    assert hit.message == ("Ngày kiểm tra 15/10/2024 nằm ngoài thời gian kiểm tra "
                           "01/04/2024–30/09/2024 (quý II, III năm 2024).")
    assert hit.basis.startswith("Kế hoạch kiểm tra số 05, mục IV.1")


@pytest.mark.parametrize("window,decree", [
    (("01/04/2024", "30/09/2024"), "Nghị định số 98/2023/NĐ-CP"),
    (("01/08/2025", "30/09/2025"), "Nghị định số 152/2025/NĐ-CP"),
])
def test_legal_basis_follows_plan_dates(example_sheets, window, decree):
    apply_to_arrays(example_sheets, [
        ("set", "Cấu hình", {"Mục": "Kiểm tra từ ngày"}, "Giá trị", window[0]),
        ("set", "Cấu hình", {"Mục": "Kiểm tra đến ngày"}, "Giá trị", window[1]),
        ("set", "Cấu hình", {"Mục": "Ngày ban hành Kế hoạch"}, "Giá trị", ""),   # dated by the window
        ("set", "Thành phần đoàn", {"Mã đơn vị": "XVT", "Họ và tên": "Trần Thị B"},
         "Nhiệm vụ trong Đoàn", "Thành viên"),
    ])
    report = validate_arrays(example_sheets, "ví dụ", AS_OF)
    assert decree in [law.name for law in report.basis]
    hit = next(f for f in report.findings if f.code == "TD02")
    assert hit.basis == f"Kế hoạch kiểm tra số 05, mục III.1; {decree}"


def test_outside_window_with_day_month_swapped_says_so(example_sheets):
    """Typed 10/06/2024 on a PC with English (US) regional format: Excel holds
    6 October; its swap, 10 June, is inside the window."""
    import datetime as dt
    apply_to_arrays(example_sheets, [
        ("set", "Lịch kiểm tra", {"Mã đơn vị": "XVT"}, "Ngày kiểm tra", dt.date(2024, 10, 6))])
    report = validate_arrays(example_sheets, "ví dụ", AS_OF)
    hit = next(f for f in report.findings if f.code == "LK05")
    assert hit.message.endswith(" Có thể đã nhập nhầm ngày/tháng: 06/10/2024 hay 10/06/2024?")


def test_no_swap_hint_when_the_swap_is_outside_too():
    import datetime as dt
    from tdkt_xl.rules.schedule import swap_hint
    start, end = dt.date(2024, 4, 1), dt.date(2024, 9, 30)
    assert swap_hint(dt.date(2024, 10, 15), start, end) == ""      # 15 is no month
    assert swap_hint(dt.date(2024, 12, 11), start, end) == ""      # 11 November: outside too
    assert swap_hint(dt.date(2024, 10, 10), start, end) == ""      # same either way
    assert swap_hint(dt.date(2024, 3, 5), start, end) == " Có thể đã nhập nhầm ngày/tháng: 05/03/2024 hay 03/05/2024?"
