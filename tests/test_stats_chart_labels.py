"""What the Excel outputs print: the statistics workbook's native charts label a bar segment
only when it has a value (a '0' label over the next bar of a stacked chart reads as a figure);
the consolidated workbook's header rows are tall enough for their longest label."""
from __future__ import annotations

import re
import zipfile

from tdkt_xl.io.reader import read_round
from tdkt_xl.reports.report import make_report


def test_zero_segments_carry_no_label(example_sheets, tmp_path):
    res = make_report(read_round(example_sheets).round, tmp_path)
    with zipfile.ZipFile(res.workbook) as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    stacked = [x for x in charts if '<c:grouping val="stacked"/>' in x]
    assert stacked
    for xml in stacked:                   # (the share chart labels each bar '93,3% (14/15)')
        labels = re.findall(r"<c:dLbls>.*?</c:dLbls>", xml, re.S)
        assert labels and all('formatCode="0;-0;;@"' in d for d in labels)


def test_consolidated_headers_are_tall_enough_for_their_labels():
    """'Tất cả danh hiệu, hình thức - Cá nhân: công nhân, nông dân, người lao động trực tiếp'
    in a 14-wide column needs 6 lines: the header row was a fixed 48 pt (4 lines) and the
    label ran out of its cell."""
    from tdkt_xl.appendices.output import header_height
    label = "Tất cả danh hiệu, hình thức - Cá nhân: công nhân, nông dân, người lao động trực tiếp"
    assert header_height(["Mã đơn vị", label], [10, 14]) >= 6 * 15
    assert header_height(["Mã đơn vị", "Tên"], [10, 30]) == 63


def test_summary_rows_of_one_line_are_one_line_high(example_sheets, tmp_path):
    """The block name 'Khối cơ quan, đơn vị cấp huyện' fits its column: the district rows
    of the statistics workbook were printed twice as tall as the communes' for nothing."""
    import openpyxl
    res = make_report(read_round(example_sheets).round, tmp_path)
    ws = openpyxl.load_workbook(res.workbook).worksheets[0]
    heights = {ws.cell(r, 3).value: ws.row_dimensions[r].height for r in range(5, 19)
               if len(str(ws.cell(r, 2).value or "")) <= 40}
    assert len(set(heights.values())) == 1, heights
