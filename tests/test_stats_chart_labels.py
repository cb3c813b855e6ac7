"""The statistics workbook's native charts label a bar segment only when it has a value:
a '0' label drawn over the next bar of a stacked chart reads as a figure."""
from __future__ import annotations

import re
import zipfile

from tdkt_xl.io.reader import read_round
from tdkt_xl.reports.report import make_report


def test_zero_segments_carry_no_label(example_sheets, tmp_path):
    res = make_report(read_round(example_sheets).round, tmp_path)
    with zipfile.ZipFile(res.workbook) as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert charts
    for xml in charts:
        labels = re.findall(r"<c:dLbls>.*?</c:dLbls>", xml, re.S)
        assert labels and all('formatCode="0;-0;;@"' in d for d in labels)
