"""The contract with clerks: sheet names, column headers, closed lists.

This is the only module that spells sheet and column names.  The workbook
builder writes them, the reader finds columns by these header texts (so a
clerk who inserts a column breaks nothing).  Extend, never rename.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from tdkt_xl.model.vocab import *  # noqa: F401,F403  (closed lists live with the model)
from tdkt_xl.model.vocab import YES_NO, SESSIONS, MODES, COUNCIL_ROLES, PNV_ROLES, DELEGATION_TASKS, ASSESSMENTS, REMEDY_STATUSES, DAY_COUNTINGS, DECISION_AUTHORITIES, PLAN_PARTS, LEVELS
from tdkt_xl.vocabulary.doc_kinds import DOC_KINDS

# ---------------------------------------------------------------- column kinds
TEXT, DATE, TIME, INT, NUMBER, CHOICE, FORMULA, DATETIME = (
    "text", "date", "time", "int", "number", "choice", "formula", "datetime")


@dataclass(frozen=True)
class Column:
    header: str                 # exact header text in the sheet's header row
    field: str                  # attribute name in the model
    kind: str = TEXT
    required: bool = False
    choices: tuple = ()         # for CHOICE
    width: float = 16
    note: str = ""              # shown as a header comment / on Hướng dẫn
    derived: bool = False       # computed by a formula in the workbook; the reader recomputes it
    aliases: tuple = ()         # older header texts the reader still accepts (old workbooks)
    optional: bool = False      # added after workbooks were in use: absent reads as blank


@dataclass(frozen=True)
class Sheet:
    name: str
    columns: tuple = ()
    key: Optional[str] = None   # field that identifies a row in messages
    landscape: bool = False
    note: str = ""

    def col(self, field_name: str) -> Column:
        for c in self.columns:
            if c.field == field_name:
                return c
        raise KeyError(field_name)

    def ref(self, field_name: str) -> tuple:
        """(sheet name, column header) of one of its columns, as findings cite it."""
        return (self.name, self.col(field_name).header)

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


# Header row of a table sheet: row 1, or row 2 under the control bar of a sheet with a
# button (tdkt_xl.builder.layout.header_row).  The reader finds it by header text.
HEADER_ROW = 1

# ---------------------------------------------------------------- sheets
GUIDE = Sheet("Hướng dẫn")
CONTROL = Sheet("Điều khiển")

SETTINGS = Sheet("Cấu hình", (
    Column("Mục", "label", width=42),
    Column("Giá trị", "value", width=60),
    Column("Ghi chú", "note", width=60),
), key="label", note="Mỗi dòng một thiết lập; chỉ sửa cột Giá trị.")

UNITS = Sheet("Đơn vị", (
    Column("Mã đơn vị", "code", required=True, width=12),
    Column("Tên đơn vị", "name", required=True, width=46),
    Column("Khối", "block", required=True, width=30,
           note="Khối thi đua của đơn vị, do Hội đồng đặt tên; văn bản liệt kê các khối theo thứ tự xuất hiện."),
    Column("Thủ trưởng", "head_name", width=22),
    Column("Chức vụ thủ trưởng", "head_title", width=26),
    Column("Địa chỉ", "address", width=30),
    Column("Điện thoại", "phone", width=14),
    Column("Thành viên phụ trách", "member_in_charge", required=True, width=22),
    Column("Được chọn kiểm tra", "selected", CHOICE, required=True, choices=YES_NO, width=12),
), key="code", landscape=True)

MEMBERS = Sheet("Thành viên", (
    Column("Họ và tên", "name", required=True, width=22),
    Column("Chức vụ", "title", required=True, width=34),
    Column("Cơ quan", "agency", width=34),
    Column("Điện thoại", "phone", width=14),
    Column("Vai trò trong Hội đồng", "council_role", CHOICE, choices=COUNCIL_ROLES, width=16),
    Column("Cơ quan thường trực", "pnv_role", CHOICE, choices=PNV_ROLES, width=14,
           note="Lãnh đạo hoặc Chuyên viên của cơ quan thường trực Hội đồng (mục 'Cơ quan "
                "thường trực Hội đồng' ở trang Cấu hình); để trống với người khác.",
           aliases=("Phòng Nội vụ",)),      # the header of workbooks made before 2025
    Column("Ghi chú", "note", width=36),
), key="name", landscape=True)

SCHEDULE = Sheet("Lịch kiểm tra", (
    Column("Mã đơn vị", "unit_code", required=True, width=12),
    Column("Tên đơn vị", "unit_name", FORMULA, width=40, derived=True),
    Column("Ngày kiểm tra", "date", DATE, required=True, width=14),
    Column("Thứ", "weekday", FORMULA, width=10, derived=True),
    Column("Buổi", "session", CHOICE, required=True, choices=SESSIONS, width=10),
    Column("Giờ bắt đầu", "start_time", TIME, required=True, width=11),
    Column("Địa điểm", "place", required=True, width=34),
    Column("Ngày gửi thông báo", "notice_date", DATE, required=True, width=14),
    Column("Hạn nộp báo cáo", "report_due", FORMULA, width=14, derived=True),
    Column("Ngày nhận báo cáo", "report_received", DATE, width=14),
    Column("Hình thức", "mode", CHOICE, required=True, choices=MODES, width=12),
    Column("Ngày xem xét xong hồ sơ", "review_date", DATE, width=16),
), key="unit_code", landscape=True)

DELEGATION = Sheet("Thành phần đoàn", (
    Column("Mã đơn vị", "unit_code", required=True, width=12),
    Column("Tên đơn vị", "unit_name", FORMULA, width=40, derived=True),
    Column("Họ và tên", "member_name", required=True, width=24),
    Column("Nhiệm vụ trong Đoàn", "task", CHOICE, required=True, choices=DELEGATION_TASKS, width=18),
), key="unit_code")

CHECKLIST = Sheet("Nội dung kiểm tra", (
    Column("Mã nội dung", "code", required=True, width=11),
    Column("Nhóm", "group", required=True, width=34),
    Column("Nội dung", "text", required=True, width=80),
    Column("Áp dụng cho", "applies_to", required=True, width=28,
           note="Tất cả, hoặc tên một khối ở cột Khối của trang Đơn vị."),
), key="code", landscape=True)

RESULTS = Sheet("Kết quả kiểm tra", (
    Column("Mã đơn vị", "unit_code", required=True, width=12),
    Column("Mã nội dung", "item_code", required=True, width=11),
    Column("Đánh giá", "assessment", CHOICE, choices=ASSESSMENTS, width=11),
    Column("Nhận xét", "remark", width=70),
), key="unit_code", landscape=True)

EVALUATIONS = Sheet("Đánh giá chung", (
    Column("Mã đơn vị", "unit_code", required=True, width=12),
    Column("Giờ kết thúc", "end_time", TIME, width=11),
    Column("Người dự phía đơn vị", "unit_attendees", width=40),
    Column("Chủ trì", "chair", width=20),
    Column("Thư ký", "secretary", width=20),
    Column("Ưu điểm", "strengths", width=50),
    Column("Tồn tại, hạn chế", "shortcomings", width=50),
    Column("Ý kiến của đơn vị", "unit_opinion", width=40),
), key="unit_code", landscape=True)

RECOMMENDATIONS = Sheet("Kiến nghị", (
    Column("Mã đơn vị", "unit_code", required=True, width=12),
    Column("Nội dung kiến nghị", "text", required=True, width=70),
    Column("Hạn khắc phục", "deadline", DATE, width=14),
    Column("Ngày nhận báo cáo khắc phục", "remedy_report_date", DATE, width=16),
    Column("Tình trạng", "status", CHOICE, choices=REMEDY_STATUSES, width=16),
    Column("Kiến nghị từ năm", "from_year", INT, width=11, optional=True,
           note="Để trống với kiến nghị của đợt này. Kiến nghị của đợt trước chuyển sang để kiểm "
                "tra lại kết quả khắc phục: năm của đợt đã kiến nghị (tdkt new-round tự ghi)."),
), key="unit_code", landscape=True)

DOCUMENTS = Sheet("Văn bản", (
    Column("Loại văn bản", "kind", CHOICE, required=True, choices=DOC_KINDS, width=36),
    Column("Mã đơn vị", "unit_code", width=12),
    Column("Số", "number", width=10),
    Column("Ngày ký", "date", DATE, width=14),
    Column("Người ký", "signer", width=22),
), key="kind")

PLAN_TEXT = Sheet("Nội dung kế hoạch", (
    Column("Phần", "part", CHOICE, required=True, choices=PLAN_PARTS, width=26,
           note="Phần của Kế hoạch kiểm tra mà đoạn văn thuộc về; các phần in theo thứ tự cố định, "
                "số mục, số khoản do chương trình đánh."),
    Column("Tiêu đề", "title", width=30,
           note="Để trống, hoặc tên khoản (in đậm, chương trình đánh số) mở đầu từ dòng này. Phần "
                "'Thành phần đơn vị': tên khối (cột Khối của trang Đơn vị) mà dòng áp dụng; để trống "
                "là mọi khối."),
    Column("Nội dung", "text", width=100,
           note="Một đoạn văn. Có thể dùng {năm}, {kỳ kiểm tra từ}, {thời gian kiểm tra}, "
                "{số ngày thông báo}, {số ngày nộp báo cáo}, {loại ngày}, {mục nội dung}. Phần 'Thành "
                "phần đơn vị': mỗi dòng một người, một nhóm người của đơn vị làm việc với Đoàn (in ở "
                "Kế hoạch và ở thông báo gửi đơn vị); {cấp xã} là xã, phường hoặc thị trấn theo tên "
                "đơn vị."),
), key="part", landscape=True, note="Mỗi dòng một đoạn văn của Kế hoạch kiểm tra.")

SUCCESSION = Sheet("Đơn vị kế thừa", (
    Column("Mã đơn vị cũ", "old_code", required=True, width=14,
           note="Mã của đơn vị đã giải thể, sáp nhập hoặc đổi tên (như ghi ở các đợt trước)."),
    Column("Tên đơn vị cũ", "old_name", width=36,
           note="Tên của đơn vị cũ, dùng trong văn bản khi đơn vị không còn trong trang Đơn vị."),
    Column("Mã đơn vị kế thừa", "new_code", required=True, width=14,
           note="Mã đơn vị nhận lại nhiệm vụ (có trong trang Đơn vị, hoặc lại có dòng kế thừa)."),
    Column("Ngày hiệu lực", "date", DATE, required=True, width=14,
           note="Ngày đơn vị cũ thôi tồn tại, theo văn bản ở cột bên."),
    Column("Văn bản", "act", width=50,
           note="Số, ký hiệu, ngày và trích yếu văn bản sắp xếp, sáp nhập đơn vị."),
), key="old_code", landscape=True,
    note="Mỗi dòng một đơn vị cũ và đơn vị kế thừa: kiến nghị, phụ lục và theo dõi khắc phục "
         "của đơn vị cũ được tính cho đơn vị kế thừa.")

LEGAL = Sheet("Căn cứ pháp lý", (
    Column("Mã văn bản", "code", required=True, width=14,
           note="Mã ngắn của văn bản (ví dụ ND98_2023). Nhiều dòng cùng mã là các giai đoạn lời văn "
                "khác nhau của cùng văn bản: thời gian hiệu lực không được chồng nhau."),
    Column("Tên văn bản", "name", required=True, width=34),
    Column("Câu căn cứ", "citation", width=70,
           note="Lời văn in sau chữ 'Căn cứ' trong văn bản; để trống nếu không trích dẫn."),
    Column("Hiệu lực từ ngày", "start", DATE, width=14),
    Column("Hết hiệu lực ngày", "end", DATE, width=14, note="Để trống nếu văn bản còn hiệu lực."),
    Column("Thay thế bởi", "replaced_by", width=14, note="Mã văn bản của văn bản thay thế."),
    Column("Cấp áp dụng", "levels", width=14,
           note="tỉnh; huyện; xã (cách nhau bởi dấu chấm phẩy); để trống là mọi cấp."),
    Column("Trích dẫn trong", "cited_in", width=14,
           note="Ký hiệu loại văn bản trích dẫn (QĐ; KH; TB; BC), cách nhau bởi dấu chấm phẩy; "
                "để trống là mọi văn bản có phần căn cứ."),
    Column("Ghi chú", "note", width=60,
           note="Ghi rõ điều chưa chắc chắn (ví dụ ngày có hiệu lực chưa đối chiếu văn bản gốc)."),
), key="code", landscape=True,
    note="Danh mục văn bản làm căn cứ: chương trình chọn các dòng 'Căn cứ …' của từng văn bản "
         "theo ngày ký và cấp của Hội đồng. Có thể thêm dòng.")

# Written by the merge button (Gộp phụ lục) from the appendices engine's summary table.
APPENDIX_SUMMARY = Sheet("Tổng hợp phụ lục")

LOG = Sheet("Nhật ký", (
    Column("Thời gian", "when", DATETIME, width=18),
    Column("Người thực hiện", "who", width=18),
    Column("Việc", "job", width=26),
    Column("Kết quả", "outcome", width=80),
))

FINDINGS = Sheet("Lỗi dữ liệu", (
    Column("Mã lỗi", "code", width=10),
    Column("Mức độ", "severity", width=10),
    Column("Trang tính", "sheet", width=18),
    Column("Ô", "cell", width=8),
    Column("Đơn vị", "unit", width=12),
    Column("Nội dung", "message", width=90),
))
# the extra column of findings about other files (returned appendices), after "Mức độ"
FINDING_FILE = Column("Tệp", "file", width=30)

# Sheets the reader needs (in this order); the rest are presentation.
MODEL_SHEETS = (SETTINGS, UNITS, MEMBERS, SCHEDULE, DELEGATION, CHECKLIST,
                RESULTS, EVALUATIONS, RECOMMENDATIONS, DOCUMENTS, PLAN_TEXT, SUCCESSION, LEGAL)
# Sheets that must exist for the workbook to be read at all.
REQUIRED_SHEETS = (SETTINGS, UNITS, MEMBERS, SCHEDULE, DELEGATION, CHECKLIST)
TABLE_SHEETS = MODEL_SHEETS[1:] + (LOG,)

# ---------------------------------------------------------------- settings keys
@dataclass(frozen=True)
class Setting:
    label: str          # text in column "Mục"
    field: str
    kind: str = TEXT
    required: bool = True
    choices: tuple = ()
    note: str = ""
    aliases: tuple = ()         # older labels the reader still accepts (old workbooks)


SETTING_KEYS = (
    Setting("Năm", "year", INT, note="Năm của đợt kiểm tra."),
    Setting("Tên Hội đồng", "council_name"),
    Setting("Cơ quan chủ quản", "supervising_body"),
    Setting("Cấp", "level", CHOICE, required=False, choices=LEVELS,
            note="Cấp của Hội đồng: tỉnh, xã (huyện: chỉ các đợt trước 01/7/2025). Để trống thì "
                 "suy ra từ tên Cơ quan chủ quản."),
    Setting("Cơ quan thường trực Hội đồng", "standing_office", required=False,
            note="Cơ quan tham mưu, giúp việc của Hội đồng về thi đua, khen thưởng; nơi đơn vị "
                 "gửi báo cáo."),
    Setting("Ký hiệu cơ quan thường trực", "standing_office_code", required=False,
            note="Chữ viết tắt ở dòng 'Lưu: VT, …' và trong số Tờ trình (…/TTr-…). Để trống thì "
                 "lấy chữ cái đầu của tên cơ quan thường trực."),
    Setting("Người đứng đầu cơ quan thường trực", "standing_office_head", required=False,
            note="Chức danh người trình Tờ trình thành lập Đoàn. Để trống thì suy ra từ tên cơ "
                 "quan thường trực (Phòng …: Trưởng phòng; Sở …: Giám đốc; Văn phòng …: Chánh Văn "
                 "phòng)."),
    Setting("Cơ quan cấp trên về thi đua, khen thưởng", "upper_office", required=False,
            note="Cơ quan nhận báo cáo kết quả kiểm tra để biết (b/c) và kiến nghị của Hội đồng. "
                 "Để trống thì báo cáo không có mục kiến nghị cấp trên."),
    Setting("Ký hiệu cơ quan ban hành", "issuer_code", note="Dùng trong số, ký hiệu văn bản (…/KH-HĐTĐKT)."),
    Setting("Ký hiệu Đoàn kiểm tra", "delegation_code", note="Dùng trong số biên bản (…/BB-ĐKT)."),
    Setting("Địa danh", "place_name", note="Ghi ở dòng địa danh, ngày tháng của văn bản."),
    Setting("Số Kế hoạch kiểm tra", "plan_number", required=False, note="Để trống nếu chưa có số."),
    Setting("Ngày ban hành Kế hoạch", "plan_date", DATE, required=False, note="Để trống nếu chưa ký."),
    Setting("Tháng ban hành Kế hoạch", "plan_month", note="Dạng tháng/năm, dùng khi chưa có ngày ký."),
    Setting("Căn cứ ban hành Kế hoạch", "plan_basis"),
    Setting("Kỳ kiểm tra từ ngày", "period_start", DATE, note="Kiểm tra từ ngày này đến thời điểm kiểm tra."),
    Setting("Thời gian kiểm tra (theo Kế hoạch)", "window_label",
            note="Viết như ở giữa câu (Kế hoạch in 'Thực hiện trong …'): quý II, III năm 2024."),
    Setting("Kiểm tra từ ngày", "window_start", DATE),
    Setting("Kiểm tra đến ngày", "window_end", DATE),
    Setting("Số ngày thông báo trước", "notice_lead_days", INT, note="Thông báo gửi đơn vị trước ít nhất N ngày."),
    Setting("Số ngày nộp báo cáo trước", "report_lead_days", INT, note="Đơn vị gửi báo cáo trước N ngày."),
    Setting("Cách tính ngày", "day_counting", CHOICE, choices=DAY_COUNTINGS,
            note="Ngày lịch hoặc Ngày làm việc (trừ thứ Bảy, Chủ nhật, ngày lễ; tính ngày làm bù)."),
    Setting("Ngày nghỉ bổ sung", "extra_holidays", required=False,
            note="Các ngày nghỉ riêng của địa phương, dạng dd/mm/yyyy, cách nhau bởi dấu chấm phẩy."),
    Setting("Thẩm quyền ban hành Quyết định thành lập Đoàn", "decision_authority", CHOICE,
            required=False, choices=DECISION_AUTHORITIES,
            note="Chủ tịch Hội đồng: ký CHỦ TỊCH (hoặc KT. CHỦ TỊCH); Hội đồng: ký TM. HỘI ĐỒNG."),
    Setting("Số Quyết định ban hành Quy chế hoạt động của Hội đồng", "rules_number", required=False,
            note="Ghi đủ số, ký hiệu (ví dụ 112/QĐ-UBND); để trống thì in dòng chấm."),
    Setting("Ngày ban hành Quy chế hoạt động của Hội đồng", "rules_date", DATE, required=False),
    Setting("Số Tờ trình đề nghị thành lập Đoàn", "proposal_number", required=False,
            note="Tờ trình của cơ quan thường trực (ví dụ 45/TTr-SNV); để trống thì in dòng chấm."),
    Setting("Ngày Tờ trình đề nghị thành lập Đoàn", "proposal_date", DATE, required=False),
    Setting("Người ký", "signer_name"),
    Setting("Chức vụ chính quyền của người ký", "signer_post"),
    Setting("Chức vụ trong Hội đồng của người ký", "signer_council_role"),
    Setting("Người liên hệ (cơ quan thường trực)", "contact_name",
            aliases=("Người liên hệ (Phòng Nội vụ)",)),     # the label before 2025
    Setting("Điện thoại liên hệ", "contact_phone", required=False),
    Setting("Thư mục kết quả", "output_folder", note="Đường dẫn tương đối tính từ thư mục chứa sổ tính."),
    Setting("Thư mục phụ lục gửi về", "inbox_folder", note="Đường dẫn tương đối tính từ thư mục chứa sổ tính."),
    Setting("Đoàn kiểm tra phải có lãnh đạo cơ quan thường trực", "office_leader_rule", CHOICE,
            required=False, choices=YES_NO,
            note="Có: mỗi Đoàn có người là 'Lãnh đạo' ở cột Cơ quan thường trực (trang Thành viên). "
                 "Để trống là Có."),
    Setting("Đoàn kiểm tra phải có chuyên viên cơ quan thường trực", "office_specialist_rule", CHOICE,
            required=False, choices=YES_NO,
            note="Có: mỗi Đoàn có người là 'Chuyên viên' ở cột Cơ quan thường trực (trang Thành "
                 "viên). Để trống là Có."),
    Setting("Trưởng đoàn là", "head_roles", required=False,
            note="Các vai trò trong Hội đồng được làm Trưởng đoàn, cách nhau bởi dấu phẩy (Chủ tịch, "
                 "Phó Chủ tịch, Thành viên). Để trống là Chủ tịch, Phó Chủ tịch Hội đồng."),
    Setting("Tên kế hoạch", "plan_title", required=False,
            note="Trích yếu của Kế hoạch khi Hội đồng có nhiều kế hoạch kiểm tra trong một năm (ví "
                 "dụ: Kiểm tra công tác thi đua, khen thưởng khối trường học năm 2024): in ở tên Kế "
                 "hoạch, tên Báo cáo và sau 'Kế hoạch số … về'. Để trống: Kiểm tra công tác thi "
                 "đua, khen thưởng năm <Năm>."),
    Setting("Python cho nút bấm", "python_path", required=False,
            note="Để trống: nút bấm chạy lệnh python trên PATH. Chỉ ghi khi máy có nhiều Python: "
                 "đường dẫn đầy đủ tới python.exe, ở thư mục không có chữ có dấu."),
)



def setting_specs() -> dict:
    """THE way to find a Cấu hình row's setting: ``cells.key_text`` of its label
    (or of an older label, ``Setting.aliases``) -> Setting."""
    global _SPECS
    if _SPECS is None:
        from tdkt_xl.vocabulary.cells import key_text
        _SPECS = {key_text(label): s for s in SETTING_KEYS for label in (s.label,) + s.aliases}
    return _SPECS


_SPECS = None

# A Cấu hình value carried from last year's round by `tdkt new-round` has this
# phrase in its Ghi chú until the clerk confirms it (deletes the phrase);
# validation lists every such row as a warning (CH10).
UNCONFIRMED = "Chưa xác nhận"
# Text put before a recommendation carried from the previous round into Kiến nghị
# by the first `tdkt new-round`; the column 'Kiến nghị từ năm' replaced it.  The
# reader still understands it (a workbook made then): the year goes to the
# column's field, the text without the prefix.
CARRIED_PREFIX = "[Kiến nghị năm {year}, kiểm tra lại kết quả khắc phục] "


def split_carried(text) -> tuple:
    """(year, text without the prefix) of a Kiến nghị text carrying the old
    prefix; (None, text) otherwise."""
    import re
    head, tail = CARRIED_PREFIX.split("{year}")
    mt = re.match(r"\s*" + re.escape(head.strip()) + r"\s*(\d{4})\s*" + re.escape(tail.strip()) + r"\s*",
                  str(text or ""), re.IGNORECASE)
    return (int(mt.group(1)), str(text)[mt.end():]) if mt else (None, text)

# The round at a glance (tdkt_xl.overview.status): one row per unit, written by the
# builder and refreshed by the Kiểm tra dữ liệu click; the reader never reads it.
# Rows 1-2: title and counts; row 4: these headers; units from row 5.
OVERVIEW = Sheet("Tổng quan", (
    Column("Mã đơn vị", "code", width=10),
    Column("Tên đơn vị", "name", width=30),
    Column("Ngày kiểm tra", "date", width=12),
    Column("Thông báo", "notice", width=18),
    Column("Báo cáo của đơn vị", "report", width=26),
    Column("Kiểm tra", "inspected", width=21),
    Column("Biên bản", "minutes", width=19),
    Column("Phụ lục", "appendices", width=19),
    Column("Kiến nghị đang mở", "recs_open", INT, width=10),
    Column("Trong đó quá hạn", "recs_overdue", INT, width=10),
    Column("Kiến nghị đã khắc phục", "recs_remedied", INT, width=11),
), landscape=True)
OVERVIEW_HEADER_ROW = 4
OVERVIEW_ROWS = 500             # rows the sheet's colour rules cover below the header

# Hidden helper sheet of the built workbook: the closed lists behind the
# dropdowns (lists whose items hold commas cannot be inline) and the holidays
# used by the report-due formula.  Not read by the reader; not in ALL_SHEETS.
LISTS = Sheet("Danh mục")

# Hidden sheet read by xlwings' VBA for its settings (name fixed by xlwings; key in
# column A from A1 down, value in column B): see tdkt_xl/io/xlwings_conf.py.
XLWINGS_CONF = Sheet("xlwings.conf")

ALL_SHEETS = (GUIDE, CONTROL, OVERVIEW, SETTINGS, UNITS, MEMBERS, SCHEDULE, DELEGATION, CHECKLIST,
              RESULTS, EVALUATIONS, RECOMMENDATIONS, DOCUMENTS, PLAN_TEXT, SUCCESSION, LEGAL, FINDINGS,
              LOG)
