"""Section II of the report starts on the page where section I's table ends when
the block that never splits (heading II, Chart 1, its caption) fits there: in
huyen-2024 heading, chart, caption and the note '(*) Đơn vị kiểm tra qua hồ sơ.'
(about 83 mm) did not fit the 76 mm left under the table, so the block went to
page 3 and left a third of page 2 blank.  The units inspected on their files are
now said in the chart's labels ('Công an huyện (qua hồ sơ)', in the statistics
workbook too, where '(*)' was never explained), so no note; and the chart's
paragraph has single line spacing (Word multiplies an inline picture's line)."""
from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import pytest

from tdkt_xl.documents.pdf import find_soffice, to_pdf
from tdkt_xl.io.example import example_round, example_sheets
from tdkt_xl.io.reader import read_round
from tdkt_xl.reports import charts as ch
from tdkt_xl.reports.aggregate import summarize
from tdkt_xl.reports.make_templates import REPO_TEMPLATES, REPORT_TEMPLATE
from tdkt_xl.reports.report import make_report


def _huyen():
    return read_round(example_sheets(example_round("huyen-2024").data_dir)).round


def test_chart_1_labels_say_which_units_were_inspected_on_their_files():
    rnd = _huyen()
    s = summarize(rnd, rnd.inspections[-1].date)
    spec = ch.pass_share_chart(s)
    by_files = [c for c in spec.categories if c.endswith(" (qua hồ sơ)")]
    assert by_files == ["Công an huyện (qua hồ sơ)", "Xã Vân Thủy (qua hồ sơ)"]
    assert not spec.note and not any("(*)" in c for c in spec.categories)


def test_the_charts_paragraph_has_single_line_spacing():
    with zipfile.ZipFile(REPO_TEMPLATES / REPORT_TEMPLATE) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    chart = re.search(r"<w:p>(?:(?!<w:p>).)*?\{\{ c\.chart \}\}", xml, re.S).group(0)
    assert re.search(r'<w:spacing [^>]*w:line="240"[^>]*w:lineRule="auto"', chart)


@pytest.mark.skipif(find_soffice() is None or shutil.which("pdftotext") is None,
                    reason="LibreOffice (soffice) hoặc pdftotext chưa cài")
def test_section_ii_starts_under_the_table_and_chart_1_shows_every_label(tmp_path):
    res = make_report(_huyen(), tmp_path / "bc")
    pdf = to_pdf([res.docx], tmp_path / "pdf")[0]
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout.split("\f")
    end_of_table = next(i for i, p in enumerate(pages) if "Tổng cộng" in p)
    heading = next(i for i, p in enumerate(pages) if "II. KẾT QUẢ KIỂM TRA" in p)
    assert heading == end_of_table == 1
    chart_page = pages[heading]
    # LibreOffice leaves labels out when the rows are too narrow: all 14 drawn
    assert len(re.findall(r"\d+,\d% \(\d+/\d+\)", chart_page)) == 14
    assert chart_page.count("(qua hồ sơ)") == 2
    assert "Biểu đồ 1. Tỷ lệ nội dung kiểm tra được đánh giá Đạt" in chart_page
