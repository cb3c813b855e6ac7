"""Closed lists of the domain (the words clerks pick from dropdowns)."""

# ---------------------------------------------------------------- closed lists
# The blocks of units (Khối) are the round's data: the Đơn vị sheet names them,
# in its order (Round.blocks).  A unit is of commune level when its name starts
# with one of these common nouns (general vocabulary, any round).
COMMUNE_KINDS = ("xã", "phường", "thị trấn", "đặc khu")

# the level of a council ('Cấp' in Cấu hình); huyện only for rounds before 01/07/2025
LEVEL_PROVINCE, LEVEL_DISTRICT, LEVEL_COMMUNE = "tỉnh", "huyện", "xã"
LEVELS = (LEVEL_PROVINCE, LEVEL_COMMUNE, LEVEL_DISTRICT)

YES, NO = "Có", "Không"
YES_NO = (YES, NO)

SESSION_MORNING, SESSION_AFTERNOON, SESSION_FULL = "Sáng", "Chiều", "Cả ngày"
SESSIONS = (SESSION_MORNING, SESSION_AFTERNOON, SESSION_FULL)

MODE_DIRECT, MODE_FILES = "Trực tiếp", "Qua hồ sơ"
MODES = (MODE_DIRECT, MODE_FILES)

ROLE_CHAIR, ROLE_VICE, ROLE_MEMBER = "Chủ tịch", "Phó Chủ tịch", "Thành viên"
COUNCIL_ROLES = (ROLE_CHAIR, ROLE_VICE, ROLE_MEMBER)

PNV_LEADER, PNV_SPECIALIST = "Lãnh đạo", "Chuyên viên"
PNV_ROLES = (PNV_LEADER, PNV_SPECIALIST)

TASK_HEAD, TASK_DEPUTY, TASK_MEMBER, TASK_SECRETARY = (
    "Trưởng đoàn", "Phó Trưởng đoàn", "Thành viên", "Thư ký")
DELEGATION_TASKS = (TASK_HEAD, TASK_DEPUTY, TASK_MEMBER, TASK_SECRETARY)
# rank for "highest role" (lower is higher)
TASK_RANK = {TASK_HEAD: 0, TASK_DEPUTY: 1, TASK_MEMBER: 2, TASK_SECRETARY: 3}

# the scope of the appendices' totals over every unit (the blocks are the other scopes)
SCOPE_ALL, SCOPE_ALL_LABEL = "Tổng cộng", "TỔNG CỘNG"

APPLIES_ALL = "Tất cả"          # 'Áp dụng cho' of a checklist item: every block (else a block's name)

PASS, FAIL = "Đạt", "Chưa đạt"
ASSESSMENTS = (PASS, FAIL)

STATUS_OPEN, STATUS_IN_PROGRESS, STATUS_DONE = (
    "Chưa khắc phục", "Đang khắc phục", "Đã khắc phục")
REMEDY_STATUSES = (STATUS_OPEN, STATUS_IN_PROGRESS, STATUS_DONE)

# who issues the decision setting up the delegation (domain §2.1): the
# chairman in his own power (signed CHỦ TỊCH) or the council as a body (TM. HỘI ĐỒNG)
AUTHORITY_CHAIR, AUTHORITY_COUNCIL = "Chủ tịch Hội đồng", "Hội đồng"
DECISION_AUTHORITIES = (AUTHORITY_CHAIR, AUTHORITY_COUNCIL)

DAYS_CALENDAR, DAYS_WORKING = "Ngày lịch", "Ngày làm việc"
DAY_COUNTINGS = (DAYS_CALENDAR, DAYS_WORKING)

# Parts of the Kế hoạch kiểm tra ('Phần' of the Nội dung kế hoạch sheet), in the plan's order
PLAN_PURPOSE = "Mục đích, yêu cầu"
PLAN_SUBJECTS = "Đối tượng kiểm tra"
PLAN_CONTENT = "Nội dung kiểm tra"
PLAN_METHOD = "Phương thức kiểm tra"
PLAN_COMPOSITION = "Thành phần"
# who from an inspected unit attends: one row each, 'Tiêu đề' its block (blank: every block)
PLAN_UNIT_TEAM = "Thành phần đơn vị"
PLAN_TIMING = "Thời gian kiểm tra"
PLAN_SELECTED = "Đơn vị được chọn kiểm tra"
PLAN_PREPARATION = "Công tác chuẩn bị"
PLAN_FUNDING = "Kinh phí thực hiện"
PLAN_ATTACHMENTS = "Tài liệu kèm theo"
PLAN_CLOSING = "Phần kết"
PLAN_RECIPIENTS = "Nơi nhận"
PLAN_PARTS = (PLAN_PURPOSE, PLAN_SUBJECTS, PLAN_CONTENT, PLAN_METHOD, PLAN_COMPOSITION, PLAN_UNIT_TEAM,
              PLAN_TIMING, PLAN_SELECTED, PLAN_PREPARATION, PLAN_FUNDING, PLAN_ATTACHMENTS, PLAN_CLOSING,
              PLAN_RECIPIENTS)

# Document kinds ('Loại văn bản' of the Văn bản sheet): the table in vocabulary/doc_kinds.py.

WEEKDAYS_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")

