"""Each rule's violation, planted in the example round, is found at the right
cell with the right code; the clean example yields no error.  The same cases
run on a copy of the built workbook saved by openpyxl (no cached formula
values: the reader recomputes derived columns)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest

from rules_plant import apply_to_arrays, apply_to_openpyxl, cell
from tdkt_xl.gate import validate_arrays, validate_workbook

from conftest import AS_OF

ST, DV, TV, LK, TD = "Cấu hình", "Đơn vị", "Thành viên", "Lịch kiểm tra", "Thành phần đoàn"
KQ, DG, KN, VB = "Kết quả kiểm tra", "Đánh giá chung", "Kiến nghị", "Văn bản"
CC = "Căn cứ pháp lý"


def setting(label, value):
    return ("set", ST, {"Mục": label}, "Giá trị", value)


def unit(code, header, value):
    return ("set", DV, {"Mã đơn vị": code}, header, value)


def sched(code, header, value):
    return ("set", LK, {"Mã đơn vị": code}, header, value)


def deleg(code, name, header, value):
    return ("set", TD, {"Mã đơn vị": code, "Họ và tên": name}, header, value)


def result(code, item, header, value):
    return ("set", KQ, {"Mã đơn vị": code, "Mã nội dung": item}, header, value)


def law(code, header, value):
    return ("set", CC, {"Mã văn bản": code}, header, value)


def doc(kind, code, header, value):
    return ("set", VB, {"Loại văn bản": kind, "Mã đơn vị": code}, header, value)


NOTICE, MINUTES, DECISION = ("Thông báo lịch kiểm tra", "Biên bản kiểm tra",
                             "Quyết định thành lập Đoàn kiểm tra")
BTCHU_REC = {"Mã đơn vị": "BTCHU"}


@dataclass
class Case:
    id: str
    ops: list
    code: str
    at: tuple | None = None        # (sheet, where, header); None: the cell of the last op
    unit: str | None = None
    as_of: dt.date = AS_OF
    blocks: tuple | None = None

    def expected(self, sheets):
        if self.at is None:
            _, sheet, where, header, _ = self.ops[-1]
        else:
            sheet, where, header = self.at
        return sheet, cell(sheets, sheet, where, header)


CASES = [
    # ---- settings
    Case("CH01 missing", [setting("Tên Hội đồng", "")], "CH01"),
    Case("CH02 window order", [setting("Kiểm tra từ ngày", "01/10/2024")], "CH02"),
    Case("CH03 negative lead", [setting("Số ngày thông báo trước", "-1")], "CH03"),
    Case("CH03 absurd lead", [setting("Số ngày nộp báo cáo trước", "1000000000")], "CH03"),
    Case("CH04 year", [setting("Kiểm tra đến ngày", "30/09/2025")], "CH04"),
    Case("CH05 period", [setting("Kỳ kiểm tra từ ngày", "01/05/2024")], "CH05"),
    Case("CH06 signer unknown", [setting("Người ký", "Nguyễn Văn Z")], "CH06"),
    Case("CH07 signer role", [setting("Người ký", "Lê Văn C")], "CH07"),
    Case("CH08 two decrees", [setting("Kiểm tra đến ngày", "30/09/2025")], "CH08"),
    # ---- the register of legal bases (a clerk's rows)
    Case("CC01 two rows of one code in force the same day",
         [law("ND152_2025", "Hiệu lực từ ngày", "01/06/2025"),
          law("ND152_2025", "Mã văn bản", "ND98_2023")], "CC01",
         at=(CC, {"Mã văn bản": "ND152_2025"}, "Hiệu lực từ ngày"), blocks=("decision", "plan")),
    Case("CC02 in force from after until", [law("ND98_2023", "Hiệu lực từ ngày", "01/07/2025")],
         "CC02"),
    Case("CC03 replaced by an unknown code", [law("TT01_2024", "Thay thế bởi", "TT99_2025")], "CC03"),
    Case("CC04 cited in an unknown kind", [law("ND98_2023", "Trích dẫn trong", "QĐ; KHX")], "CC04"),
    Case("CC05 an unknown level", [law("LUAT06_2022", "Cấp áp dụng", "thôn")], "CC05"),
    Case("CC06 a text the rules cite deleted", [("drop", CC, {"Mã văn bản": "BLLD45_2019"})], "CC06",
         at=(CC, "next", "Mã văn bản")),
    Case("CH10 a value carried from last year, not yet confirmed",
         [("set", ST, {"Mục": "Kiểm tra từ ngày"}, "Ghi chú", "Chưa xác nhận (gợi ý).")], "CH10",
         at=(ST, {"Mục": "Kiểm tra từ ngày"}, "Giá trị")),
    Case("CH09 signer's council post contradicts the members sheet",
         [setting("Chức vụ trong Hội đồng của người ký", "Phó Chủ tịch Hội đồng")], "CH09"),
    Case("GT06 issuing authority", [setting("Thẩm quyền ban hành Quyết định thành lập Đoàn",
                                            "Ủy ban")], "GT06"),
    Case("GT03 setting date", [setting("Kiểm tra từ ngày", "32/13/2024")], "GT03"),
    Case("GT05 setting number", [setting("Năm", "hai nghìn")], "GT05"),
    # ---- units
    Case("DV01 dup code", [unit("HLHPN", "Mã đơn vị", "BTCHU")], "DV01", unit="BTCHU"),
    Case("DV02 dup name", [unit("HLHPN", "Tên đơn vị", "Ban Tổ chức Huyện ủy")], "DV02"),
    Case("GT02 in charge blank", [unit("HLHPN", "Thành viên phụ trách", "")], "GT02",
         unit="HLHPN"),
    Case("DV03 in charge unknown", [unit("HLHPN", "Thành viên phụ trách", "Người Lạ")], "DV03",
         unit="HLHPN"),
    Case("DV04 in charge not council", [unit("HLHPN", "Thành viên phụ trách", "Phạm Thị D")],
         "DV04"),
    Case("DV05 no unit selected", [("column", DV, "Mã đơn vị", "Được chọn kiểm tra", "Không")],
         "DV05", at=(DV, BTCHU_REC, "Được chọn kiểm tra")),
    Case("DV06 checklist item for a block no unit is in",
         [("set", "Nội dung kiểm tra", {"Mã nội dung": "1.2.c.6"}, "Áp dụng cho", "Khối trường học")],
         "DV06"),
    # ---- members
    Case("TV01 dup", [("set", TV, {"Họ và tên": "Lê Văn C"}, "Họ và tên", "Nguyễn Văn A")],
         "TV01"),
    Case("TV02 no chair", [("set", TV, {"Họ và tên": "Vi Nông Trường"},
                            "Vai trò trong Hội đồng", "Thành viên")], "TV02",
         at=(TV, {"Họ và tên": "Vi Nông Trường"}, "Vai trò trong Hội đồng")),
    Case("TV03 two chairs", [("set", TV, {"Họ và tên": "Nguyễn Văn A"},
                              "Vai trò trong Hội đồng", "Chủ tịch")], "TV03"),
    Case("TD12 deputy recorded as member elsewhere",
         [deleg("CAH", "Lê Văn C", "Nhiệm vụ trong Đoàn", "Thành viên")], "TD12", unit="CAH"),
    # ---- schedule
    Case("LK01 not scheduled", [("drop", LK, {"Mã đơn vị": "XVT"})], "LK01",
         at=(DV, {"Mã đơn vị": "XVT"}, "Được chọn kiểm tra"), unit="XVT",
         blocks=("notice", "minutes")),
    Case("LK02 twice", [sched("XVT", "Mã đơn vị", "XHB")], "LK02", unit="XHB"),
    Case("LK03 unknown unit", [sched("XVT", "Mã đơn vị", "XYZ")], "LK03"),
    Case("LK04 not selected", [unit("XVT", "Được chọn kiểm tra", "Không")], "LK04",
         at=(LK, {"Mã đơn vị": "XVT"}, "Mã đơn vị")),
    Case("LK05 outside window", [sched("XVT", "Ngày kiểm tra", "15/10/2024")], "LK05",
         unit="XVT", blocks=("notice", "minutes")),
    Case("LK06 weekend", [sched("XVT", "Ngày kiểm tra", "06/07/2024")], "LK06"),
    Case("LK07 holiday", [sched("XVT", "Ngày kiểm tra", "02/09/2024")], "LK07"),
    Case("LK07 swapped day off", [sched("XVT", "Ngày kiểm tra", "29/04/2024")], "LK07"),
    Case("LK08 notice late", [sched("XVT", "Ngày gửi thông báo", "30/06/2024")], "LK08"),
    Case("LK09 report late", [sched("BTCHU", "Ngày nhận báo cáo", "08/06/2024")], "LK09"),
    Case("LK10 notice on Sunday", [sched("BTCHU", "Ngày gửi thông báo", "02/06/2024")], "LK10"),
    Case("LK11 session time", [sched("BTCHU", "Giờ bắt đầu", "14:00")], "LK11"),
    Case("LK13 file review without date", [sched("CAH", "Ngày xem xét xong hồ sơ", "")], "LK13",
         unit="CAH"),
    Case("LK14 review before the file came", [sched("CAH", "Ngày xem xét xong hồ sơ", "05/06/2024")],
         "LK14", unit="CAH"),
    Case("KQ16 opinion dated after the minutes",
         [("set", DG, {"Mã đơn vị": "CAH"}, "Ý kiến của đơn vị",
           "Đơn vị thống nhất (ý kiến bằng văn bản gửi Phòng Nội vụ ngày 20/06/2024).")],
         "KQ16", unit="CAH"),
    Case("KQ16 direct inspection, opinion after the day",
         [("set", DG, {"Mã đơn vị": "XQS"}, "Ý kiến của đơn vị",
           "UBND xã gửi ý kiến bằng văn bản ngày 19/6/2024.")], "KQ16", unit="XQS"),
    Case("GT03 text date", [sched("XVT", "Ngày kiểm tra", "32/13/2024")], "GT03", unit="XVT"),
    Case("GT04 bad time", [sched("XVT", "Giờ bắt đầu", "25:00")], "GT04"),
    # ---- delegation
    Case("TD01 no delegation", [("drop", TD, {"Mã đơn vị": "XVT"})], "TD01",
         at=(LK, {"Mã đơn vị": "XVT"}, "Mã đơn vị"), blocks=("decision", "notice", "minutes")),
    Case("TD02 no head", [deleg("XVT", "Trần Thị B", "Nhiệm vụ trong Đoàn", "Thành viên")],
         "TD02", at=(TD, {"Mã đơn vị": "XVT"}, "Nhiệm vụ trong Đoàn")),
    Case("TD03 two heads", [deleg("XVT", "Ngô Văn L", "Nhiệm vụ trong Đoàn", "Trưởng đoàn")],
         "TD03"),
    Case("TD04 head not leader", [deleg("XVT", "Trần Thị B", "Họ và tên", "Lê Văn C")], "TD04",
         blocks=("decision", "notice", "minutes")),
    Case("TD05 in charge absent", [deleg("XVT", "Ngô Văn L", "Họ và tên", "Đinh Văn M")],
         "TD05", at=(TD, {"Mã đơn vị": "XVT"}, "Họ và tên")),
    Case("TD06 no PNV leader", [deleg("XVT", "Trần Thị B", "Họ và tên", "Nguyễn Văn A")],
         "TD06", at=(TD, {"Mã đơn vị": "XVT"}, "Họ và tên")),
    Case("TD07 no PNV specialist", [deleg("XVT", "Trịnh Thị N", "Họ và tên", "Hoàng Văn E")],
         "TD07", at=(TD, {"Mã đơn vị": "XVT"}, "Họ và tên")),
    Case("TD08 unknown person", [deleg("XVT", "Trịnh Thị N", "Họ và tên", "Người Lạ")], "TD08"),
    Case("TD09 same session", [sched("HLHPN", "Buổi", "Sáng")], "TD09",
         at=(TD, {"Mã đơn vị": "HLHPN", "Họ và tên": "Nguyễn Văn A"}, "Họ và tên")),
    Case("TD09 full day overlaps", [sched("HLHPN", "Buổi", "Cả ngày")], "TD09",
         at=(TD, {"Mã đơn vị": "HLHPN", "Họ và tên": "Nguyễn Văn A"}, "Họ và tên")),
    Case("TD10 no inspection", [deleg("XVT", "Ngô Văn L", "Mã đơn vị", "XYZ")], "TD10"),
    Case("TD11 twice", [deleg("XVT", "Ngô Văn L", "Họ và tên", "Trịnh Thị N")], "TD11",
         at=(TD, {"Mã đơn vị": "XVT", "Họ và tên": "Trịnh Thị N"}, "Họ và tên")),
    Case("GT06 task", [deleg("XVT", "Ngô Văn L", "Nhiệm vụ trong Đoàn", "Trưởng nhóm")], "GT06"),
    # ---- results, evaluations
    Case("KQ01 unknown unit", [result("BTCHU", "1.1.a", "Mã đơn vị", "XYZ")], "KQ01"),
    Case("KQ02 not inspected", [("drop", LK, {"Mã đơn vị": "XVT"})], "KQ02",
         at=(KQ, {"Mã đơn vị": "XVT"}, "Mã đơn vị")),
    Case("KQ03 unknown item", [result("BTCHU", "1.1.a", "Mã nội dung", "9.9")], "KQ03"),
    Case("KQ04 not applicable", [result("BTCHU", "1.1.a", "Mã nội dung", "1.2.c.6")], "KQ04"),
    Case("KQ05 twice", [result("BTCHU", "1.1.b", "Mã nội dung", "1.1.a")], "KQ05"),
    Case("KQ06 item missing", [("drop", KQ, {"Mã đơn vị": "BTCHU", "Mã nội dung": "1.1.a"})],
         "KQ06", at=(KQ, "next", "Mã đơn vị"), unit="BTCHU", blocks=("minutes",)),
    Case("KQ07 blank assessment", [result("BTCHU", "1.1.a", "Đánh giá", "")], "KQ07",
         blocks=("minutes",)),
    Case("KQ08 assessed early", [], "KQ08", at=(KQ, {"Mã đơn vị": "XVT"}, "Đánh giá"),
         as_of=dt.date(2024, 7, 1)),
    Case("KQ09 fail without remark", [result("BTCHU", "1.1.c", "Nhận xét", "")], "KQ09"),
    Case("KQ10 fail without recommendation", [("drop", KN, BTCHU_REC)], "KQ10",
         at=(KQ, {"Mã đơn vị": "BTCHU", "Mã nội dung": "1.1.c"}, "Đánh giá")),
    Case("KQ11 no evaluation", [("drop", DG, BTCHU_REC)], "KQ11", at=(DG, "next", "Mã đơn vị"),
         unit="BTCHU", blocks=("minutes",)),
    Case("KQ12 strengths blank", [("set", DG, BTCHU_REC, "Ưu điểm", "")], "KQ12"),
    Case("KQ12 secretary blank", [("set", DG, BTCHU_REC, "Thư ký", "")], "KQ12"),
    Case("KQ12 end time blank", [("set", DG, BTCHU_REC, "Giờ kết thúc", "")], "KQ12"),
    Case("KQ13 two evaluations", [("set", DG, {"Mã đơn vị": "HLHPN"}, "Mã đơn vị", "BTCHU")],
         "KQ13"),
    Case("KQ14 end before start", [("set", DG, BTCHU_REC, "Giờ kết thúc", "07:00")], "KQ14"),
    Case("KQ15 chair not in delegation", [("set", DG, BTCHU_REC, "Chủ trì", "Đinh Văn M")],
         "KQ15"),
    # ---- recommendations
    Case("KN01 no deadline", [("set", KN, BTCHU_REC, "Hạn khắc phục", "")], "KN01"),
    Case("KN07 deadline on a Sunday", [("set", KN, BTCHU_REC, "Hạn khắc phục", "28/07/2024")],
         "KN07", unit="BTCHU"),
    Case("KN07 deadline in Tết", [("set", KN, BTCHU_REC, "Hạn khắc phục", "31/01/2025")], "KN07"),
    Case("KN02 deadline on inspection day", [("set", KN, BTCHU_REC, "Hạn khắc phục",
                                              "10/06/2024")], "KN02"),
    Case("KN03 overdue", [("set", KN, BTCHU_REC, "Tình trạng", "Đang khắc phục"),
                          ("set", KN, BTCHU_REC, "Ngày nhận báo cáo khắc phục", "")], "KN03",
         at=(KN, BTCHU_REC, "Hạn khắc phục"), unit="BTCHU"),
    Case("KN04 done without date", [("set", KN, BTCHU_REC, "Ngày nhận báo cáo khắc phục", "")],
         "KN04"),
    Case("KN05 remedy before inspection", [("set", KN, BTCHU_REC, "Ngày nhận báo cáo khắc phục",
                                            "01/06/2024")], "KN05"),
    Case("KN06 remedy in future", [("set", KN, BTCHU_REC, "Ngày nhận báo cáo khắc phục",
                                    "15/01/2025")], "KN06"),
    # ---- documents
    Case("VB01 signer role", [doc(NOTICE, "BTCHU", "Người ký", "Lê Văn C")], "VB01",
         blocks=("notice",)),
    Case("VB02 signer unknown", [doc(NOTICE, "BTCHU", "Người ký", "Người Lạ")], "VB02"),
    Case("VB03 same number", [doc(NOTICE, "HLHPN", "Số", "21")], "VB03"),
    Case("VB03 council series", [doc(NOTICE, "HLHPN", "Số", "15")], "VB03"),
    Case("VB03 minutes 1 = 01", [doc(MINUTES, "HLHPN", "Số", "1")], "VB03"),
    Case("VB04 unknown unit", [doc(NOTICE, "BTCHU", "Mã đơn vị", "XYZ")], "VB04"),
    Case("VB05 unit expected", [doc(MINUTES, "BTCHU", "Mã đơn vị", "")], "VB05"),
    Case("VB06 twice", [doc(NOTICE, "HLHPN", "Mã đơn vị", "BTCHU")], "VB06"),
    Case("VB07 notice date", [doc(NOTICE, "BTCHU", "Ngày ký", "04/06/2024")], "VB07"),
    Case("VB08 unit unexpected", [doc(DECISION, "", "Mã đơn vị", "BTCHU")], "VB08"),
]


def check_found(report, expected, case: Case):
    sheet, where = expected
    hits = [f for f in report.findings if f.code == case.code]
    assert any(f.sheet == sheet and f.cell == where for f in hits), (
        f"{case.code} expected at {sheet}!{where}; found "
        f"{[(f.sheet, f.cell, f.message) for f in hits] or 'nothing'}")
    f = next(f for f in hits if f.sheet == sheet and f.cell == where)
    if case.unit is not None:
        assert f.unit == case.unit
    if case.blocks is not None:
        assert set(f.blocks) == set(case.blocks)
    assert f.message and f.severity in ("error", "warning")


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_planted_in_arrays(example_sheets, case):
    expected = case.expected(example_sheets)       # located before the change
    apply_to_arrays(example_sheets, case.ops)
    report = validate_arrays(example_sheets, "ví dụ", case.as_of)
    check_found(report, expected, case)


def test_clean_example_has_no_error(example_sheets):
    report = validate_arrays(example_sheets, "ví dụ", AS_OF)
    assert report.errors == []
    # the warnings of the example are real: one late report, overdue remediation,
    # and its example data
    assert {f.code for f in report.warnings} <= {"LK09", "KN03", "VD01"}


@pytest.fixture(scope="module")
def workbook_arrays():
    from conftest import WORKBOOK
    if not WORKBOOK.exists():
        pytest.skip("workbook/tdkt_2024.xlsm chưa được tạo (tdkt build-workbook)")
    from tdkt_xl.io.sources import read_file_arrays
    return WORKBOOK, read_file_arrays(WORKBOOK)


@pytest.fixture(scope="module")
def openpyxl_copy(workbook_arrays, tmp_path_factory):
    """The workbook saved by openpyxl (formulas without cached values)."""
    import openpyxl
    path, _ = workbook_arrays
    out = tmp_path_factory.mktemp("wb") / "copy.xlsx"
    wb = openpyxl.load_workbook(path)
    wb.save(out)
    return out


def test_built_workbook_clean(workbook_arrays):
    path, _ = workbook_arrays
    report = validate_workbook(path, AS_OF)
    assert report.errors == [], [(f.code, f.cell, f.message) for f in report.errors]


def test_openpyxl_copy_same_findings(workbook_arrays, openpyxl_copy):
    path, _ = workbook_arrays
    original = validate_workbook(path, AS_OF).findings
    copy_ = validate_workbook(openpyxl_copy, AS_OF).findings
    assert [f.as_dict() for f in copy_] == [f.as_dict() for f in original]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_planted_in_workbook_copy(workbook_arrays, openpyxl_copy, tmp_path, case):
    import openpyxl
    _, arrays = workbook_arrays
    wb = openpyxl.load_workbook(openpyxl_copy)
    apply_to_openpyxl(wb, arrays, case.ops)
    out = tmp_path / "planted.xlsx"
    wb.save(out)
    report = validate_workbook(out, case.as_of)
    check_found(report, case.expected(arrays), case)


def test_garbage_never_crashes(_example_sheets):
    """Seeded random garbage in random cells: findings, never an exception."""
    import copy
    import random
    rnd = random.Random(7)
    values = ["", None, "32/13/2024", "abc", 0, -5, 3.7, 1e9, dt.date(1, 1, 2),
              dt.date(9999, 12, 31), dt.time(8), dt.datetime(2024, 9, 2), True, "Cả ngày",
              "Chủ tịch", "Trưởng đoàn", "BTCHU", "1.1.a", "Đã khắc phục", "Chưa đạt",
              "Ngày làm việc", "Nguyễn Văn A"]
    for _ in range(150):
        sheets = copy.deepcopy(_example_sheets)
        for _ in range(rnd.randint(1, 40)):
            rows = sheets[rnd.choice(list(sheets))]
            row = rows[rnd.randrange(len(rows))]
            row[rnd.randrange(len(row))] = rnd.choice(values)
        report = validate_arrays(sheets, "rác", dt.date(2024, rnd.randint(1, 12), 1))
        assert all(f.code and f.message for f in report.findings)


# codes planted by the tests of their own feature (they need more than a changed cell)
PLANTED_ELSEWHERE = {
    "GT01": "test_reader.py (a column header removed)",
    "GT09": "test_missing_sheets.py (a sheet deleted)",
    "GT07": "test_hostile_outputs.py (control characters in a cell)",
    "GT08": "test_hostile_outputs.py (a cached formula error)",
    "LK12": "test_deadlines.py (a typed due date against the calendar)",
    "KQ17": "test_appendix_crosscheck.py (needs a consolidated appendices file)",
    "KQ18": "test_appendix_crosscheck.py (needs a consolidated appendices file)",
    "VD01": "test_example_data.py (needs a round whose example values are replaced)",
    "KN08": "test_succession.py (a carried recommendation of a unit gone, no successor)",
    "KT01": "test_succession.py (rows of Đơn vị kế thừa, empty in the example)",
    "KT02": "test_succession.py (rows of Đơn vị kế thừa, empty in the example)",
    "KT03": "test_succession.py (rows of Đơn vị kế thừa, empty in the example)",
    "KT04": "test_succession.py (a unit with a successor still selected in Đơn vị)",
}


def test_every_code_of_the_catalogue_has_a_planted_case():
    """Each finding type of the master workbook is proved by a planted case
    (here, or in the test named in PLANTED_ELSEWHERE)."""
    from tdkt_xl.cli.codes import finding_types
    planted = {c.code for c in CASES}
    elsewhere = set(PLANTED_ELSEWHERE)
    missing = [ft.code for ft in finding_types(validate_only=True)
               if ft.code not in planted | elsewhere]
    assert not missing, f"no planted case for {missing}"
