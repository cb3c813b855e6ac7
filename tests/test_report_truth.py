"""The summary report says only what is true (issue 9): units whose
appendices were not merged are named, overdue recommendations are marked,
praise is not an open recommendation, no area claims that every unit did
what some did not, the women ratio is not presented as the plan's, the
amount in words is given once, and counts name only the kinds inspected."""
from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest
from docx import Document

from tdkt_xl.appendices import merge
from tdkt_xl.builder.example import example_sheets
from tdkt_xl.io.reader import read_round
from tdkt_xl.reports.report import make_report

INBOX = Path(__file__).resolve().parents[1] / "examples" / "phu_luc_gui_ve"


@pytest.fixture(scope="module")
def text(tmp_path_factory):
    rnd = read_round(example_sheets()).round
    out = tmp_path_factory.mktemp("r")
    res = merge(copy.deepcopy(rnd), INBOX, out / "merged")
    cons = next(p for p in res.outputs if str(p).endswith(".xlsx"))
    rep = make_report(rnd, out / "report", appendices=cons)
    return "\n".join(p.text for p in Document(rep.docx).paragraphs)


def test_units_whose_appendices_were_rejected_are_named(text):
    assert ("Phụ lục của 2 đơn vị chưa được tổng hợp: xã Bằng Mạc (bị trả lại do sai số liệu, "
            "mã lỗi PL30); xã Hòa Bình (bị trả lại do sai số liệu, mã lỗi PL15).") in text


def test_overdue_recommendations_are_marked(text):
    assert ("- Xã Hòa Bình: Gửi báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2024 "
            "về Phòng Nội vụ; thực hiện đúng chế độ báo cáo (hạn khắc phục: 15/7/2024, đã quá hạn).") in text
    # 24/01/2025 is after the report date (15/10/2024): not overdue
    assert "(hạn khắc phục: 24/01/2025)." in text
    assert "(6 nội dung đã quá hạn)" in text


def test_praise_is_not_an_open_recommendation(text):
    open_part = text[text.index("IV. KIẾN NGHỊ"):]
    lines = [l for l in open_part.splitlines() if l.startswith("- ")]
    assert not [l for l in lines if "Tiếp tục duy trì" in l or "Tiếp tục nhân rộng" in l]
    assert "kiến nghị 19 nội dung đối với 12 đơn vị" in text
    assert "Ngoài ra, Đoàn kiểm tra đề nghị 2 đơn vị tiếp tục duy trì" in text


def test_no_area_claims_all_units_did_what_some_did_not(text):
    intro = next(l for l in text.splitlines() if l.startswith("Các cơ quan, đơn vị, xã đã ban hành"))
    assert intro.endswith(", trừ các trường hợp nêu dưới đây.")


def test_women_ratio_not_presented_as_the_plans(text):
    plan = text[text.index("Các tỷ lệ theo yêu cầu của Kế hoạch"):]
    plan = plan[:plan.index("Để tham khảo")]
    assert "nữ" not in plan
    assert "Để tham khảo (Kế hoạch không yêu cầu):\n- Tỷ lệ nữ" in text


def test_amount_in_words_once(text):
    assert text.count("Bằng chữ") == 1


def test_counts_name_only_the_kinds_inspected(text):
    assert "gồm 06 cơ quan, tổ chức, đơn vị cấp huyện và 08 xã;" in text
    assert "xã, thị trấn;" not in text.split("I. KHÁI QUÁT CHUNG")[1].split("\n")[3]


def test_charts_in_a_serif_face_with_full_labels_and_caption_apart_from_note(text):
    from tdkt_xl.reports import charts as ch
    assert ch.FONT == "Times New Roman" and ch.FONT_PT >= 8      # every chart text (test_word_charts)
    from tdkt_xl.reports.appendix_stats import AwardLine, AppendixStats
    stats = AppendixStats(1, ["X"], [AwardLine("GK_XA", "Giấy khen của Chủ tịch UBND xã",
                                               "Hình thức khen thưởng", "GK cấp xã", 1, 2, 3)],
                          {}, {}, {})
    assert ch.awards_chart(stats).categories == ["Giấy khen của Chủ tịch UBND xã"]
    # before: a round of schools showed 'Hộ gia đình' in the legend, a kind no school awards
    schools = AppendixStats(1, ["X"], [AwardLine("LDTT", "Lao động tiên tiến", "Danh hiệu thi đua", "LĐTT", 0, 0, 9),
                                       AwardLine("TTLDTT", "Tập thể lao động tiên tiến", "Danh hiệu thi đua",
                                                 "TTLĐTT", 3, 0, 0)], {}, {}, {})
    assert [s.name for s in ch.awards_chart(schools).series] == ["Tập thể", "Cá nhân"]
    only = AppendixStats(1, ["X"], [AwardLine("LDTT", "Lao động tiên tiến", "Danh hiệu thi đua", "LĐTT", 0, 0, 9)],
                         {}, {}, {})
    assert [s.name for s in ch.awards_chart(only).series] == ["Tập thể", "Hộ gia đình", "Cá nhân"]   # stacked
    lines = text.splitlines()
    cap = next(l for l in lines if l.startswith("Biểu đồ 1."))
    assert "(*)" not in cap and "qua hồ sơ" not in cap       # the chart's labels say it
    assert not lines[lines.index(cap) + 1].startswith("Ghi chú")
