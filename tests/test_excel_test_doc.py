"""docs/excel-test.md stays true: what its manual script tells the tester to
expect is what the code says, and the facts about xlwings it relies on hold
for the pinned xlwings."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOC = (ROOT / "docs" / "excel-test.md").read_text(encoding="utf-8")
SOURCES = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tdkt_xl").rglob("*.py"))

# What part B tells the tester a screen will say (each must be in the code).
SHOWN = [
    "Cài đặt đầy đủ",
    "Excel sẽ chạy Python",
    "Thư mục ghi tạm của nút bấm",
    "Thư mục sổ tính có chữ ngoài bảng mã ANSI",
    "Ngày không hợp lệ",
    "Có thể đã nhập nhầm ngày/tháng",
    "Windows đang đặt ngày dạng ngắn",
    "tháng đứng trước ngày",
    "Ngày dạng ngắn của Windows",
    "không có trong trang",
    "Chưa khởi động được tdkt",
    "Python chưa kết nối được với sổ tính Excel",
    "Chưa khởi động được tdkt: Python không nạp được",
    "gói chương trình tdkt_xl",
    "tdkt – Kiểm tra thi đua, khen thưởng",
    "Thiếu tệp",
    "Chưa xác nhận",
]


@pytest.mark.parametrize("text", SHOWN)
def test_what_the_script_expects_is_what_the_code_says(text):
    flat = re.sub(r"\s+", " ", DOC)
    assert text in flat, f"no longer in docs/excel-test.md: {text}"
    assert text in SOURCES, f"docs/excel-test.md expects «{text}», which no module says"


def test_script_steps_are_numbered_in_order_and_add_up_to_under_30_minutes():
    part = DOC[DOC.index("## B."):DOC.index("## C.")]
    steps = [int(n) for n in re.findall(r"^(\d+)\. ", part, re.M)]
    assert steps == list(range(1, len(steps) + 1))
    minutes = [int(m) for m in re.findall(r"^### B\d+\. .*\((\d+) min", part, re.M)]
    assert len(minutes) == len(re.findall(r"^### B\d+\. ", part, re.M))
    assert sum(minutes) < 30 and f"add up to {sum(minutes)}" in re.sub(r"\s+", " ", part)


def test_hidden_sheets_named_by_the_script_are_the_builders():
    from tdkt_xl.io import controls as K
    from tdkt_xl.vocabulary import schema as S
    for name in (S.LISTS.name, K.MARKS_SHEET, S.XLWINGS_CONF.name):
        assert f"`{name}`" in DOC


def test_runpython_starts_python_without_writing_bytecode():
    """The doc (and the click benchmark) rely on RunPython's ``python -B -c``:
    a click never compiles tdkt_xl for the next one."""
    import xlwings
    bas = (Path(xlwings.__file__).parent / "xlwings.bas").read_text(encoding="utf-8", errors="replace")
    assert ' -B -c ""import xlwings.utils;xlwings.utils.prepare_sys_path(' in bas
    assert "python -B -c" in DOC and "compileall -q tdkt_xl" in DOC
