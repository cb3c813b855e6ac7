"""The summary report: totals in the text equal the sums of the attached table
(parsed back from the rendered DOCX), units inspected only by file, appendix
statistics present / absent, layout checker, charts (native Word and Excel)."""
from __future__ import annotations

import datetime as dt
import re
import zipfile
from types import SimpleNamespace

import openpyxl
import pytest
from docx import Document

from tdkt_xl.io.reader import read_round
from tdkt_xl.model.vocab import SCOPE_ALL

# the example round's blocks (its Đơn vị sheet)
BLOCK_DISTRICT, BLOCK_COMMUNE = "Khối cơ quan, tổ chức, đơn vị cấp huyện", "Khối xã, thị trấn"
from tdkt_xl.reports.appendix_stats import from_consolidated
from tdkt_xl.gate import Blocked
from tdkt_xl.reports.report import (REPORT_FILE, WORKBOOK_FILE, make_report)

REPORT_DATE = dt.date(2024, 10, 15)


def _round(sheets):
    rr = read_round(sheets)
    assert rr.findings == []
    return rr.round


def _int(text: str) -> int:
    return int(text.replace(".", "").strip())


def parse_report(path):
    """(body text, data rows, total row) of the rendered report."""
    doc = Document(path)
    text = "\n".join(p.text for p in doc.paragraphs)
    table = next(t for t in doc.tables
                 if t.rows[0].cells[0].text == "STT" and "Chưa đạt" in
                 [c.text for c in t.rows[0].cells] and "Hình thức kiểm tra" in
                 [c.text for c in t.rows[0].cells])
    rows, total = [], None
    for row in table.rows[1:]:
        cells = [c.text.strip() for c in row.cells]
        if cells[0].isdigit():
            rows.append(cells)
        elif cells[1] == "Tổng cộng":
            total = cells
    return text, rows, total


@pytest.fixture
def report(example_sheets, tmp_path):
    rnd = _round(example_sheets)
    res = make_report(rnd, tmp_path)
    return res, parse_report(res.docx)


def test_text_totals_equal_table_sums(report):
    res, (text, rows, total) = report
    assert len(rows) == 14
    sums = {c: sum(_int(r[c]) for r in rows) for c in (4, 5, 6, 8, 9)}
    assert [_int(total[c]) for c in (4, 5, 6, 8, 9)] == [sums[c] for c in (4, 5, 6, 8, 9)]
    m = re.search(r"Tổng số (\d+) lượt nội dung kiểm tra, trong đó (\d+) lượt đạt yêu cầu "
                  r"\(([\d,]+)%\), (\d+) lượt chưa đạt yêu cầu", text)
    assert m, text[:2000]
    assert (int(m.group(1)), int(m.group(2)), int(m.group(4))) == (sums[4], sums[5], sums[6])
    assert m.group(3) == total[7] == f"{100 * sums[5] / sums[4]:.1f}".replace(".", ",")
    m = re.search(r"kiến nghị (\d+) nội dung đối với (\d+) đơn vị\. Đến ngày ([\d/]+), (\d+) nội "
                  r"dung đã được đơn vị báo cáo khắc phục; còn (\d+) nội dung", text)
    assert m
    assert int(m.group(1)) == sums[8] and int(m.group(4)) == sums[9]
    assert int(m.group(5)) == sums[8] - sums[9]
    assert m.group(3) == "15/10/2024"                     # counted at the report's date
    # the figures of the one aggregation object
    s = res.summary
    assert (s.n_items, s.n_pass, s.n_fail, s.n_recs, s.n_remedied) == \
        (sums[4], sums[5], sums[6], sums[8], sums[9])
    # each row: Đạt + Chưa đạt = số nội dung (nothing unassessed in the example)
    assert all(_int(r[5]) + _int(r[6]) == _int(r[4]) for r in rows)


def test_units_per_block_and_by_file(report):
    _, (text, rows, _) = report
    m = re.search(r"đã kiểm tra (\d+) đơn vị, gồm (\d+) cơ quan, tổ chức, đơn "
                  r"vị cấp huyện và (\d+) xã; trong đó kiểm tra trực tiếp tại (\d+) đơn vị, "
                  r"kiểm tra qua hồ sơ (\d+) đơn vị \(([^)]*)\)", text)
    assert m
    assert [int(m.group(i)) for i in (1, 2, 3, 4, 5)] == [14, 6, 8, 12, 2]
    by_file = [r[1] for r in rows if r[3] == "Qua hồ sơ"]
    assert by_file == ["Công an huyện", "Xã Vân Thủy"]
    assert m.group(6) == "Công an huyện, xã Vân Thủy"          # lower case inside a sentence


def test_more_units_by_file(example_sheets, tmp_path):
    sched = example_sheets["Lịch kiểm tra"]
    col = sched[0].index("Hình thức")
    for r in sched[1:]:
        if r[0] in ("XQS", "PVHTT"):
            r[col] = "Qua hồ sơ"
    res = make_report(_round(example_sheets), tmp_path)
    text, rows, _ = parse_report(res.docx)
    assert "kiểm tra trực tiếp tại 10 đơn vị, kiểm tra qua hồ sơ 04 đơn vị" in text
    assert sum(1 for r in rows if r[3] == "Qua hồ sơ") == 4


def test_incomplete_assessment_blocks_that_units_minutes_only(example_sheets, tmp_path):
    from tdkt_xl.gate import validate
    res_rows = example_sheets["Kết quả kiểm tra"]
    example_sheets["Kết quả kiểm tra"] = [r for r in res_rows
                                          if not (r[0] == "XBM" and r[1] == "1.2.d.2")]
    rnd = _round(example_sheets)
    report = validate(rnd, dt.date(2024, 12, 31))
    assert report.blocking("minutes", "XBM")
    assert not report.blocking("minutes", "XQS")
    assert not report.blocking("report")
    res = make_report(rnd, tmp_path)                       # the report is still made
    text, rows, total = parse_report(res.docx)
    xbm = next(r for r in rows if r[1] == "Xã Bằng Mạc")
    assert (_int(xbm[4]), _int(xbm[5]) + _int(xbm[6])) == (15, 14)
    assert "Còn 1 lượt nội dung chưa được đánh giá (Xã Bằng Mạc: 1)" in text


def test_blocking_error_refuses_the_report(example_sheets, tmp_path):
    example_sheets["Kết quả kiểm tra"].append(["ZZZ", "1.1.a", "Đạt", "Không có đơn vị này"])
    rnd = read_round(example_sheets).round
    with pytest.raises(Blocked) as e:
        make_report(rnd, tmp_path)
    assert "ZZZ" in str(e.value)
    assert not (tmp_path / REPORT_FILE).exists()


def test_without_appendices_no_invented_figures(report):
    res, (text, _, _) = report
    assert "chưa có bản tổng hợp phụ lục nên chưa nêu số liệu" in text
    assert "Bằng chữ" not in text
    assert len(Document(res.docx).tables) == 3            # header, summary table, signature
    assert res.charts == ["Biểu đồ 1. Tỷ lệ nội dung kiểm tra được đánh giá Đạt của từng đơn vị",
                          "Biểu đồ 2. Kết quả đánh giá theo lĩnh vực kiểm tra (số lượt nội dung)"]


def _fake_consolidated():
    def awards(**per_title):
        out = {}
        for code, (col, ind) in per_title.items():
            out[f"awards.{code}.collectives"] = col
            out[f"awards.{code}.individuals"] = ind
        return out
    district = {**awards(LDTT=(0, 40), CSTDCS=(0, 6), TTLDTT=(3, 0)), "r_cstdcs_ldtt": 0.15}
    total = {**awards(LDTT=(0, 100), CSTDCS=(0, 12), TTLDTT=(5, 0), GK_XA=(4, 30)),
             "r_cstdcs_ldtt": 0.12, "r_nonleader": 0.75, "r_workers": 0.4, "r_women": 0.3}
    communes = {"r_family": 0.86, "r_village": None, "fund_total": 2_005_000,
                "spent_total": 1_015_000, "spent_prizes": 1_000_000, "spent_organising": 15_000,
                "fund_balance": 990_000}
    return SimpleNamespace(
        units={"XQS": {"fund_total": 2_005_000}, "BTCHU": {}},
        names={"XQS": "Xã Quan Sơn", "BTCHU": "Ban Tổ chức Huyện ủy"},
        blocks={"XQS": BLOCK_COMMUNE, "BTCHU": BLOCK_DISTRICT},
        totals={SCOPE_ALL: total, BLOCK_DISTRICT: district, BLOCK_COMMUNE: communes},
        labels={"r_cstdcs_ldtt": "Tỷ lệ CSTĐCS so với LĐTT", "r_nonleader": "Tỷ lệ không giữ "
                "chức vụ", "r_workers": "Tỷ lệ người lao động trực tiếp", "r_women": "Tỷ lệ nữ",
                "r_family": "Tỷ lệ Gia đình văn hóa"})


SPEC = {"lists": {"titles": [
    {"code": "LDTT", "label": "Lao động tiên tiến", "group": "Danh hiệu thi đua", "short": "LĐTT"},
    {"code": "CSTDCS", "label": "Chiến sĩ thi đua cơ sở", "group": "Danh hiệu thi đua",
     "short": "CSTĐCS"},
    {"code": "TTLDTT", "label": "Tập thể lao động tiên tiến", "group": "Danh hiệu thi đua",
     "short": "TTLĐTT"},
    {"code": "GK_XA", "label": "Giấy khen của Chủ tịch UBND xã", "group": "Hình thức khen thưởng",
     "short": "GK cấp xã"},
    {"code": "BK_TTG", "label": "Bằng khen của Thủ tướng", "group": "Hình thức khen thưởng"},
]}}


def test_with_appendices_awards_ratios_and_fund_in_words(example_sheets, tmp_path):
    stats = from_consolidated(_fake_consolidated(), SPEC)
    assert [a.code for a in stats.awards] == ["LDTT", "CSTDCS", "TTLDTT", "GK_XA"]  # zero dropped
    res = make_report(_round(example_sheets), tmp_path, appendices=stats)
    doc = Document(res.docx)
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "tổng số 151 lượt tập thể, hộ gia đình, cá nhân" in text
    assert "- Tỷ lệ CSTĐCS so với LĐTT: 12%." in text
    assert "- Tỷ lệ Gia đình văn hóa: 86%." in text
    assert "2.005.000 đồng (Bằng chữ: Hai triệu không trăm lẻ năm nghìn đồng)" in text
    assert "đã chi 1.015.000 đồng, trong đó" in text          # the amount in words once only
    assert text.count("Bằng chữ") == 1
    assert "chưa nêu số liệu" not in text
    awards = next(t for t in doc.tables if "Danh hiệu thi đua, hình thức khen thưởng" in
                  [c.text for c in t.rows[0].cells])
    body = [[c.text for c in r.cells] for r in awards.rows[1:]]
    assert [r[1] for r in body] == ["Lao động tiên tiến", "Chiến sĩ thi đua cơ sở",
                                    "Tập thể lao động tiên tiến", "Giấy khen của Chủ tịch UBND xã"]
    assert sum(int(r[5]) for r in body) == 151
    assert "Biểu đồ 2. Cơ cấu danh hiệu thi đua, hình thức khen thưởng" in res.charts


def test_report_passes_the_layout_checker(report):
    from tdkt_xl.documents.nd30_check import check_docx
    res, _ = report
    assert check_docx(res.docx, "report") == []


def test_charts_native_excel_and_deterministic(example_sheets, tmp_path):
    rnd = _round(example_sheets)
    a = make_report(rnd, tmp_path / "a")
    b = make_report(rnd, tmp_path / "b")
    for pa, pb in zip(a.files, b.files):
        assert pa.read_bytes() == pb.read_bytes(), pa.name
    names = zipfile.ZipFile(a.workbook).namelist()
    assert "xl/charts/chart1.xml" in names and "xl/charts/chart2.xml" in names
    wb = openpyxl.load_workbook(a.workbook)
    assert wb.sheetnames == ["Tổng hợp kết quả", "Thống kê"]
    ws = wb["Tổng hợp kết quả"]
    data = [r for r in ws.iter_rows(min_row=5, values_only=True) if isinstance(r[0], int)]
    assert len(data) == 14 and sum(r[6] for r in data) == a.summary.n_pass
    parts = [n for n in zipfile.ZipFile(a.docx).namelist() if re.fullmatch(r"word/charts/chart\d+\.xml", n)]
    assert len(parts) == len(a.charts)


def test_cli_report_and_errors(built_workbook, tmp_path, capsys):
    from tdkt_xl.cli import main
    assert main(["report", str(tmp_path / "khong_co.xlsm"), "--out", str(tmp_path)]) == 2
    assert main(["report", str(built_workbook), "--out", str(tmp_path / "o"),
                 "--appendices", str(tmp_path / "khong_co.xlsx")]) == 2
    assert "Không tìm thấy tệp tổng hợp phụ lục" in capsys.readouterr().err
    assert main(["report", str(built_workbook), "--out", str(tmp_path / "o")]) == 0
    assert (tmp_path / "o" / REPORT_FILE).exists() and (tmp_path / "o" / WORKBOOK_FILE).exists()
    assert main(["followup", str(built_workbook), "--out", str(tmp_path / "f"),
                 "--as-of", "31/12/2024"]) == 0
    assert "5 công văn đôn đốc" in capsys.readouterr().out
    assert main(["followup", str(built_workbook), "--out", str(tmp_path / "f"),
                 "--as-of", "31/13/2024"]) == 2


def test_selected_unit_without_schedule_is_named(example_sheets, tmp_path):
    example_sheets["Đơn vị"].append(["XTT", "Thị trấn Đồng Mỏ", BLOCK_COMMUNE, "Hoàng Văn A",
                                     "Chủ tịch UBND thị trấn", "", "", "Bùi Thị K", "Có"])
    res = make_report(_round(example_sheets), tmp_path, check=False)
    text, rows, _ = parse_report(res.docx)
    assert len(rows) == 14
    assert ("Còn 1 đơn vị được chọn kiểm tra nhưng chưa có lịch kiểm tra (thị trấn Đồng Mỏ)."
            in text)
