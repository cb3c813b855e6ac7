"""Build the report templates in ``templates/`` (run once; the output is committed).

    python -m tdkt_xl.reports.make_templates [OUT_DIR]

``bao_cao_ket_qua.docx`` (Báo cáo kết quả kiểm tra, Mẫu 1.4 of NĐ 30 with the
attached table ``Tổng hợp kết quả kiểm tra`` on a landscape page) and
``cong_van_don_doc.docx`` (công văn đôn đốc báo cáo kết quả khắc phục).  The
page set-up, styles, header and signature blocks come from the documents
engineer's builder (``tdkt_xl.documents.make_templates``) so every document of
the round looks the same.  Texts that are not data (the causes, the
proposals to the district and the province) are ordinary template text that
the clerk may reword in Word.
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING

from tdkt_xl.documents import make_templates as base
from tdkt_xl.vocabulary.doc_kinds import REMINDER, REPORT
from tdkt_xl.documents.make_templates import (
    C, HEAD, TITLE, header_table, loop_lines, new_document, para,
    signature_table, table, title_block)

REPO_TEMPLATES = base.REPO_TEMPLATES
REPORT_TEMPLATE = REPORT.template          # the kinds table names every template
REMINDER_TEMPLATE = REMINDER.template
R = WD_ALIGN_PARAGRAPH.RIGHT


def _document(title: str):
    doc = new_document(title)
    # docxtpl also renders the core properties: no tag-like text there
    doc.core_properties.comments = "Mẫu văn bản tdkt_xl (docxtpl). Giữ nguyên các thẻ Jinja."
    return doc


def _h(doc, text):
    para(doc, [(text, "b")], keep=True)


def _if(doc, cond):
    para(doc, f"{{%p if {cond} %}}")


def _endif(doc):
    para(doc, "{%p endif %}")


def report():
    doc = _document("Báo cáo kết quả kiểm tra công tác thi đua, khen thưởng")
    header_table(doc, "{{ header.supervising }}", "{{ header.issuer }}", "{{ number_line }}")
    title_block(doc, "BÁO CÁO", [
        ("Kết quả {{ plan_subject }}", "b")])
    loop_lines(doc, "legal_basis", "line", "{{ line }}")
    para(doc, "Thực hiện {{ plan_ref }} về {{ plan_subject }}, "
              "{{ council }} báo cáo kết quả kiểm tra như sau:")

    # ---------------------------------------------------------------- I
    _h(doc, "I. KHÁI QUÁT CHUNG")
    para(doc, "Căn cứ {{ plan_basis }}, {{ council }} ban hành {{ plan_ref_short }} về {{ plan_subject }}; "
              "{{ decision_ref }} thành lập Đoàn kiểm tra {{ inspection_of }}.")
    para(doc, "Thời gian kiểm tra: từ ngày {{ ov.first_date }} đến ngày {{ ov.last_date }}. Kỳ kiểm "
              "tra: từ ngày {{ ov.period_start }} đến thời điểm kiểm tra.")
    para(doc, "Đoàn kiểm tra đã kiểm tra {{ ov.units_text }}{{ ov.mode_text }}."
              "{{ ov.not_inspected_text }}")
    para(doc, "Nội dung kiểm tra gồm {{ ov.n_checklist }} nội dung theo Mục III.1 của Kế hoạch"
              "{{ ov.applies_text }}. Tổng số {{ ov.n_items }} lượt nội dung kiểm "
              "tra, trong đó {{ ov.n_pass }} lượt đạt yêu cầu ({{ ov.pass_share }}%), {{ ov.n_fail }} "
              "lượt chưa đạt yêu cầu; {{ ov.n_all_pass }} đơn vị đạt yêu cầu ở tất cả các nội dung."
              "{{ ov.unassessed_text }} Kết quả của từng đơn vị như sau:")
    para(doc, [("Bảng tổng hợp kết quả kiểm tra", "b")], style=TITLE, size=13, before=6, after=6,
         keep=True)
    table(doc, (12, 35, 22, 18, 13, 11, 14, 14, 12, 14),
          ("STT", "Đơn vị", "Ngày kiểm tra", "Hình thức kiểm tra", "Số nội dung",
           "Đạt", "Chưa đạt", "Tỷ lệ Đạt (%)", "Số kiến nghị", "Đã khắc phục"), [
        ["{%tr for b in table.blocks %}"] + [""] * 9,
        [("{{ b.name }}", "b")],
        ["{%tr for r in b.rows %}"] + [""] * 9,
        [("{{ r.stt }}", "", C), "{{ r.name }}", ("{{ r.date }}", "", C),
         ("{{ r.mode }}", "", C), ("{{ r.n_items }}", "", C), ("{{ r.n_pass }}", "", C),
         ("{{ r.n_fail }}", "", C), ("{{ r.share }}", "", C), ("{{ r.n_recs }}", "", C),
         ("{{ r.n_remedied }}", "", C)],
        ["{%tr endfor %}"] + [""] * 9,
        ["{%tr endfor %}"] + [""] * 9,
        [("", "", C), ("Tổng cộng", "b"), "", "", ("{{ table.total.n_items }}", "b", C),
         ("{{ table.total.n_pass }}", "b", C), ("{{ table.total.n_fail }}", "b", C),
         ("{{ table.total.share }}", "b", C), ("{{ table.total.n_recs }}", "b", C),
         ("{{ table.total.n_remedied }}", "b", C)],
    ], size=11)
    para(doc, "Ghi chú: số kiến nghị đã khắc phục tính đến ngày {{ recs.as_of }}; hình thức "
              "“Qua hồ sơ”: Đoàn kiểm tra xem xét hồ sơ do đơn vị gửi về, không làm việc trực tiếp "
              "tại đơn vị.", before=6)

    # ---------------------------------------------------------------- II
    _h(doc, "II. KẾT QUẢ KIỂM TRA")
    para(doc, "{%p for c in charts %}")
    # single line spacing: Word multiplies the line of an inline picture too (1.1 x the
    # chart's height), LibreOffice does not; the chart is as tall in both
    para(doc, "{{ c.chart }}", align=C, first=0, after=0, keep=True
         ).paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    # a note under the caption stays on its page: the caption is kept with it
    para(doc, "{%p if c.note %}")
    para(doc, [("{{ c.caption }}", "b")], align=C, first=0, after=6, size=13, keep=True)
    para(doc, [("Ghi chú: {{ c.note }}", "i")], after=6)
    para(doc, "{%p else %}")
    para(doc, [("{{ c.caption }}", "b")], align=C, first=0, after=6, size=13)
    para(doc, "{%p endif %}")
    para(doc, "{%p endfor %}")
    para(doc, "{%p for a in areas %}")
    _h(doc, "{{ a.no }}. {{ a.title }}")
    _if(doc, "a.n_pass")
    para(doc, "{{ a.intro }}")
    _endif(doc)
    para(doc, "Kết quả: {{ a.n_units_all_pass }}/{{ a.n_units }} đơn vị đạt yêu cầu ở tất cả các "
              "nội dung của lĩnh vực này; {{ a.n_pass }}/{{ a.n_assessed }} lượt nội dung đạt yêu "
              "cầu{{ a.fail_text }}")
    loop_lines(doc, "a.shortcomings", "s", "- {{ s.unit }}: {{ s.remark }}")
    # appendix figures: awards
    _if(doc, "a.awards and stats")
    para(doc, "Theo số liệu tổng hợp từ Phụ lục II của {{ stats.n_units }} đơn vị, tổng số "
              "{{ stats.total }} lượt tập thể, hộ gia đình, cá nhân được tặng danh hiệu thi đua, "
              "hình thức khen thưởng ({{ stats.collectives }} lượt tập thể, {{ stats.households }} "
              "lượt hộ gia đình, {{ stats.individuals }} lượt cá nhân).{{ stats.not_merged }} Cụ thể:")
    _endif(doc)
    _if(doc, "a.awards and stats")      # the table sits between two paragraph tags
    table(doc, (12, 71, 22, 22, 22, 16), ("STT", "Danh hiệu thi đua, hình thức khen thưởng",
                                          "Tập thể", "Hộ gia đình", "Cá nhân", "Tổng"), [
        ["{%tr for w in award_rows %}", "", "", "", "", ""],
        [("{{ w.no }}", "", C), "{{ w.label }}", ("{{ w.collectives }}", "", C),
         ("{{ w.households }}", "", C), ("{{ w.individuals }}", "", C), ("{{ w.total }}", "", C)],
        ["{%tr endfor %}", "", "", "", "", ""],
    ], size=12)
    para(doc, "Các tỷ lệ theo yêu cầu của Kế hoạch (Mục III.1, điểm 1.2.c):", before=6)
    loop_lines(doc, "stats.ratios", "r", "- {{ r.label }}: {{ r.value }}.")
    para(doc, "{%p if stats.other_ratios %}")
    para(doc, "Để tham khảo (Kế hoạch không yêu cầu):")
    loop_lines(doc, "stats.other_ratios", "r", "- {{ r.label }}: {{ r.value }}.")
    para(doc, "{%p endif %}")
    _endif(doc)
    _if(doc, "a.awards and not stats")
    para(doc, "Số liệu khen thưởng (danh hiệu thi đua, hình thức khen thưởng và các tỷ lệ theo yêu "
              "cầu của Kế hoạch) được tổng hợp từ Phụ lục II do các đơn vị gửi về; báo cáo này "
              "được lập khi chưa có bản tổng hợp phụ lục nên chưa nêu số liệu.")
    _endif(doc)
    # appendix figures: fund
    _if(doc, "a.fund and stats and stats.fund")
    para(doc, "Theo số liệu tổng hợp từ Phụ lục III của {{ stats.fund.n_communes }} đơn vị cấp xã, "
              "tổng nguồn quỹ thi đua, khen thưởng năm {{ year }} là {{ stats.fund.total }}; "
              "đã chi {{ stats.fund.spent }}, trong đó chi tiền thưởng {{ stats.fund.prizes }}, "
              "chi tổ chức, chỉ đạo phong trào {{ stats.fund.organising }}; số dư "
              "{{ stats.fund.balance }}.")
    _endif(doc)
    _if(doc, "a.fund and not stats")
    para(doc, "Số liệu trích lập, sử dụng quỹ thi đua, khen thưởng của các đơn vị cấp xã được tổng "
              "hợp từ Phụ lục III do các đơn vị gửi về; báo cáo này được lập khi chưa có bản tổng "
              "hợp phụ lục nên chưa nêu số liệu.")
    _endif(doc)
    para(doc, "{%p endfor %}")
    _if(doc, "carried")
    _h(doc, "{{ carried.no }}. {{ carried.title }}")
    para(doc, "{{ carried.intro }}")
    loop_lines(doc, "carried.rows", "c", "- {{ c.unit }}: {{ c.text }} (kiến nghị năm {{ c.year }}"
                                          "{{ c.formerly }}; hạn khắc phục: {{ c.deadline }}): "
                                          "{{ c.status }}.")
    _endif(doc)

    # ---------------------------------------------------------------- III
    _h(doc, "III. ĐÁNH GIÁ CHUNG")
    _h(doc, "1. Ưu điểm")
    # the inspected units are named as the round's other documents name them (bodies)
    para(doc, "Các {{ bodies }} được kiểm tra cơ bản quan tâm lãnh đạo, chỉ đạo "
              "công tác thi đua, khen thưởng; các phong trào thi đua được triển khai gắn với nhiệm "
              "vụ chính trị của từng đơn vị. "
              "{{ good.summary }}")
    loop_lines(doc, "good.units", "u", "- {{ u.name }}: {{ u.text }}")
    _h(doc, "2. Tồn tại, hạn chế")
    para(doc, "{{ bad.summary }}")
    loop_lines(doc, "bad.units", "u", "- {{ u.name }}: {{ u.text }}")
    _h(doc, "3. Nguyên nhân")
    # the texts of law are the round's register's, in force on the report's date
    para(doc, "- Nguyên nhân khách quan: khối lượng công việc chuyên môn lớn; cán bộ làm công tác "
              "thi đua, khen thưởng ở cơ sở chủ yếu kiêm nhiệm, thường xuyên thay đổi"
              "{{ laws.new_text }}.")
    para(doc, "- Nguyên nhân chủ quan: một số {{ bodies }} chưa thực sự quan tâm "
              "chỉ đạo công tác thi đua, khen thưởng; việc cập nhật quy định mới, lưu trữ hồ sơ và "
              "thực hiện chế độ báo cáo chưa được chú trọng.")

    # ---------------------------------------------------------------- IV
    _h(doc, "IV. KIẾN NGHỊ, ĐỀ XUẤT")
    _h(doc, "1. Đối với các {{ bodies }} được kiểm tra")
    para(doc, "Đoàn kiểm tra đã kiến nghị {{ recs.n_recs }} nội dung đối với {{ recs.n_units }} "
              "đơn vị. Đến ngày {{ recs.as_of }}, {{ recs.remedied_text }}{{ recs.open_text }}")
    loop_lines(doc, "recs.open", "r", "- {{ r.unit }}: {{ r.text }} (hạn khắc phục: {{ r.deadline }}).")
    para(doc, "{%p if recs.praise_text %}")
    para(doc, "{{ recs.praise_text }}")
    para(doc, "{%p endif %}")
    para(doc, "Các {{ bodies }} tiếp tục phát huy ưu điểm, khắc phục ngay những "
              "tồn tại, hạn chế đã được Đoàn kiểm tra chỉ ra và gửi báo cáo kết quả khắc phục về "
              "{{ council }} (qua {{ office }}) đúng thời hạn.")
    _h(doc, "2. Đối với {{ ubnd_full }}, {{ council_level_full }}")
    para(doc, "Chỉ đạo các {{ bodies }} khắc phục tồn tại, hạn chế sau kiểm tra; "
              "tổ chức tập huấn nghiệp vụ thi đua, khen thưởng cho cán bộ làm công tác thi đua, "
              "khen thưởng ở cơ sở; đưa kết quả khắc phục sau kiểm tra vào tiêu chí xét thi đua "
              "cuối năm.")
    para(doc, "{%p if upper_office %}")
    _h(doc, "3. Đối với {{ upper_office }}")
    para(doc, "Quan tâm mở các lớp tập huấn, hướng dẫn nghiệp vụ thi đua, khen thưởng theo "
              "{{ laws.with_guidance }} cho cán bộ làm công "
              "tác thi đua, khen thưởng của các {{ bodies }}.")
    para(doc, "{%p endif %}")
    # the closing sentence (two lines at most) goes to the page of the signature
    para(doc, "Trên đây là báo cáo kết quả kiểm tra công tác thi đua, khen thưởng năm {{ year }} "
              "của {{ council }}./.", keep=True)
    signature_table(doc, ["{%p if upper_office %}", "- {{ upper_office }} (b/c);", "{%p endif %}",
                          "- {{ standing_bodies }} (b/c);",
                          "- Chủ tịch, các Phó Chủ tịch {{ ubnd }};",
                          "- Thành viên {{ council_level }};",
                          "- Các {{ bodies }} được kiểm tra;",
                          "- Lưu: VT, {{ office_code }}."])

    return doc


def reminder():
    doc = _document("Công văn đôn đốc báo cáo kết quả khắc phục")
    t = header_table(doc, "{{ header.supervising }}", "{{ header.issuer }}", "{{ number_line }}")
    cell = t.rows[1].cells[0]
    para(cell, "V/v đôn đốc báo cáo kết quả khắc phục sau kiểm tra công tác thi đua, khen thưởng "
               "năm {{ rec_year }}", style=HEAD, size=12, before=6)
    para(doc, "", after=6)
    para(doc, "Kính gửi: {{ recipient }}.", left=25, after=12)
    para(doc, "{%p if earlier %}")
    para(doc, "Qua kiểm tra công tác thi đua, khen thưởng năm {{ earlier.years }}, Đoàn kiểm tra đã "
              "kiến nghị {{ earlier.units }}{% if earlier.merged %}, nay thuộc {{ unit_place }},"
              "{% endif %} khắc phục các tồn tại, hạn chế. Thực hiện {{ plan_ref }} về "
              "{{ plan_subject }}, {{ council }} tiếp tục theo dõi kết quả khắc phục các kiến nghị "
              "này.")
    para(doc, "{%p else %}")
    para(doc, "Thực hiện {{ plan_ref }} về {{ plan_subject }}, "
              "ngày {{ inspection_date }}, Đoàn kiểm tra của {{ council }} đã {{ inspection_verb }} "
              "tại {{ unit_place }} ({{ minutes_ref }}) và kiến nghị đơn vị khắc phục các tồn tại, "
              "hạn chế, gửi báo cáo kết quả khắc phục về {{ council }} (qua {{ office }}) theo thời "
              "hạn ghi trong biên bản.")
    para(doc, "{%p endif %}")
    para(doc, "Đến ngày {{ as_of }}, {{ council }} chưa nhận được báo cáo kết quả khắc phục của "
              "đơn vị đối với {{ n_overdue }} nội dung đã quá hạn, cụ thể:")
    loop_lines(doc, "overdue", "o", "{{ o.no }}. {{ o.text }} ({{ o.year }}hạn khắc phục: "
                                    "{{ o.deadline }}; "
                                    "quá hạn {{ o.days }} ngày; tình trạng: {{ o.status }}).")
    para(doc, "{{ council }} đề nghị {{ recipient }} khẩn trương chỉ đạo khắc phục dứt điểm các nội "
              "dung trên, gửi báo cáo kết quả khắc phục (kèm tài liệu chứng minh) về {{ council }} "
              "(qua {{ office }}) trước ngày {{ reply_by }}. Mọi vướng mắc xin liên hệ "
              "{{ contact }}./.")
    signature_table(doc, ["- Như trên;", "- Chủ tịch {{ council_level }} (b/c);",
                          "- Lưu: VT, {{ office_code }}."])
    return doc


TEMPLATES = {REPORT_TEMPLATE: report, REMINDER_TEMPLATE: reminder}


def build_all(out_dir: Path = REPO_TEMPLATES) -> list[Path]:
    return base.build_all(out_dir, TEMPLATES)


if __name__ == "__main__":
    for p in build_all(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO_TEMPLATES):
        print(p)
