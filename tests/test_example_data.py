"""VD01 "Còn dữ liệu ví dụ": a value equal to the shipped example's (people,
phones, the Cấu hình values marked "ví dụ") is reported at its cell; the same
values replaced: nothing.  One definition (rules.examples) serves the
validator and check-round's RS04."""
from __future__ import annotations

from example_replace import replaced
from rules_plant import apply_to_arrays, cell
from tdkt_xl.gate import validate_arrays

from conftest import AS_OF


def _vd01(report):
    return {(f.sheet, f.cell) for f in report.findings if f.code == "VD01"}


def test_shipped_example_reports_its_example_values(example_sheets):
    found = _vd01(validate_arrays(example_sheets, "ví dụ", AS_OF))
    for where, header in (({"Mục": "Người ký"}, "Giá trị"),
                          ({"Mục": "Số Kế hoạch kiểm tra"}, "Giá trị"),
                          ({"Mục": "Ngày ban hành Kế hoạch"}, "Giá trị"),
                          ({"Mục": "Số Quyết định ban hành Quy chế hoạt động của Hội đồng"}, "Giá trị"),
                          ({"Mục": "Ngày Tờ trình đề nghị thành lập Đoàn"}, "Giá trị"),
                          ({"Mục": "Điện thoại liên hệ"}, "Giá trị")):
        assert ("Cấu hình", cell(example_sheets, "Cấu hình", where, header)) in found, where
    assert ("Thành viên", cell(example_sheets, "Thành viên", {"Họ và tên": "Nguyễn Văn A"},
                               "Họ và tên")) in found


def test_replaced_values_are_not_reported(example_sheets):
    clean = replaced(example_sheets)
    report = validate_arrays(clean, "thật", AS_OF)
    assert _vd01(report) == set()
    assert report.errors == [], [(f.code, f.cell, f.message) for f in report.errors]


def test_one_kept_value_is_reported_at_its_cell(example_sheets):
    clean = replaced(example_sheets)
    where = {"Mục": "Số Tờ trình đề nghị thành lập Đoàn"}
    apply_to_arrays(clean, [("set", "Cấu hình", where, "Giá trị", "38/TTr-PNV")])
    found = _vd01(validate_arrays(clean, "thật", AS_OF))
    assert found == {("Cấu hình", cell(clean, "Cấu hình", where, "Giá trị"))}


def test_kept_person_in_attendees_is_reported(example_sheets):
    from tdkt_xl.gate.examples import reference
    clean = replaced(example_sheets)
    rows = clean["Đánh giá chung"]
    hdr = rows[0].index("Người dự phía đơn vị")
    person = sorted(v for k, v in reference().values if k == "person")[0]
    rows[1][hdr] = f"{person} - Chủ tịch UBND"
    found = _vd01(validate_arrays(clean, "thật", AS_OF))
    assert {s for s, _ in found} == {"Đánh giá chung"} and len(found) == 1


def test_check_round_uses_the_same_definition():
    from tdkt_xl.gate.examples import reference
    from tdkt_xl.roundcheck.examples import example_values
    from tdkt_xl.rules.examples import texts
    assert set(example_values()) == {v for v in texts(reference(), with_dates=False) if len(v) >= 6}
    assert "215/QĐ-UBND" in example_values() and "25/01/2024" not in example_values()
