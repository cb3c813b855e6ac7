"""Catalogue of validation findings of the master workbook.

Codes are stable: never rename or reuse one.  Prefixes: GT values of any
cell, CH settings (Cấu hình), DV units, TV members, LK schedule, TD
delegation, KQ results/evaluations, KN recommendations, VB documents, KT the
unit succession table (Đơn vị kế thừa), CC the register of legal bases (Căn cứ pháp lý).
"""
from tdkt_xl.vocabulary import schema as S
from tdkt_xl.vocabulary.findings import (ERROR, WARNING, JOB_ALL, JOB_NOTICE, JOB_MINUTES,
                                    JOB_DECISION, JOB_REPORT, JOB_FORMS, JOB_MERGE, JOB_PLAN, define)

# What findings of other sheets are drawn from (``needs``): with that column renamed
# or deleted the sheet's GT01 is said, not every lookup that fails without it.
_UNIT_CODE = (S.UNITS.ref("code"),)
_MEMBER_NAME = (S.MEMBERS.ref("name"),)
_MEMBER_ROLE = _MEMBER_NAME + (S.MEMBERS.ref("pnv_role"),)
_ITEM_CODE = (S.CHECKLIST.ref("code"),)
_SCHEDULE_UNIT = (S.SCHEDULE.ref("unit_code"),)
_DELEGATION_UNIT = (S.DELEGATION.ref("unit_code"),)
_DELEGATE = (S.DELEGATION.ref("member_name"),)
# ... and the other columns a rule reads: 'Khối' renamed is its GT01, not every
# result of a block's item 'not applicable' (KQ04)
_COUNCIL_ROLE = _MEMBER_NAME + (S.MEMBERS.ref("council_role"),)
_SELECTED = _UNIT_CODE + (S.UNITS.ref("selected"),)
_BLOCKS = (S.UNITS.ref("block"), S.CHECKLIST.ref("applies_to"))
_TASK = (S.DELEGATION.ref("task"),)
_BY_FILES = (S.SCHEDULE.ref("mode"), S.SCHEDULE.ref("review_date"))
_ASSESSMENT = (S.RESULTS.ref("assessment"),)
_RESULT_ROW = (S.RESULTS.ref("unit_code"), S.RESULTS.ref("item_code"))
_EVALUATION = tuple(S.EVALUATIONS.ref(f) for f in ("unit_code", "end_time", "chair", "secretary",
                                                   "strengths", "shortcomings"))
_DEADLINE = (S.RECOMMENDATIONS.ref("deadline"),)
_STATUS = (S.RECOMMENDATIONS.ref("status"),)
_DOC_UNIT = (S.DOCUMENTS.ref("unit_code"),)
_LEGAL_CODE = (S.LEGAL.ref("code"),)

# ---- values in any cell (raised by the reader)
MISSING_COLUMN = define("GT01", ERROR, "Thiếu cột",
                        "Trang '{sheet_name}' thiếu cột '{column}' (tiêu đề ở dòng đầu bảng).",
                        blocks=(JOB_ALL,), area="Giá trị")
MISSING_SHEET = define("GT09", ERROR, "Thiếu trang tính",
                       "Sổ tính không có trang '{sheet_name}' (trang đã bị xóa hoặc đổi tên) nên chưa lập được "
                       "{jobs}. Hãy chép lại trang này từ sổ tính mẫu, hoặc đổi lại đúng tên trang.",
                       area="Giá trị")
REQUIRED = define("GT02", ERROR, "Thiếu dữ liệu bắt buộc",
                  "Cột '{column}' không được để trống{key}.", area="Giá trị")
BAD_DATE = define("GT03", ERROR, "Không phải ngày",
                  "Cột '{column}': {reason}.", area="Giá trị")
BAD_TIME = define("GT04", ERROR, "Không phải giờ",
                  "Cột '{column}': {reason}.", area="Giá trị")
BAD_NUMBER = define("GT05", ERROR, "Không phải số",
                    "Cột '{column}': {reason}.", area="Giá trị")
BAD_CHOICE = define("GT06", ERROR, "Giá trị ngoài danh sách",
                    "Cột '{column}': {reason}.", area="Giá trị")
CONTROL_CHARS = define("GT07", WARNING, "Ký tự điều khiển không in được",
                       "Cột '{column}' có ký tự điều khiển không nhìn thấy: '{value}'. Các ký tự này bị bỏ "
                       "khi đọc và khi tạo văn bản; nên xóa khỏi ô (thường do dán từ phần mềm khác).",
                       area="Giá trị")
FORMULA_ERROR = define("GT08", ERROR, "Ô có lỗi công thức",
                       "Cột '{column}': ô có lỗi công thức {error}; hãy sửa công thức hoặc nhập giá trị.",
                       area="Giá trị")

# ---- settings
SETTING_MISSING = define("CH01", ERROR, "Thiếu thiết lập",
                         "Thiết lập '{label}' chưa có giá trị trong trang Cấu hình.",
                         blocks=(JOB_ALL,), area="Cấu hình")
WINDOW_ORDER = define("CH02", ERROR, "Thời gian kiểm tra sai",
                     "Ngày bắt đầu kiểm tra {start} sau ngày kết thúc {end}.",
                     blocks=(JOB_ALL,), area="Cấu hình")
NEGATIVE_LEAD = define("CH03", ERROR, "Số ngày không hợp lệ",
                       "'{label}' là {value}: phải là số ngày từ 0 đến {most}.",
                       blocks=(JOB_ALL,), area="Cấu hình")
YEAR_MISMATCH = define("CH04", WARNING, "Ngày không thuộc năm kiểm tra",
                       "'{label}' là {value}, không thuộc năm {year}.", area="Cấu hình")
PERIOD_AFTER_WINDOW = define("CH05", ERROR, "Kỳ kiểm tra sai",
                             "Kỳ kiểm tra từ ngày {period} sau ngày bắt đầu kiểm tra {start}.",
                             blocks=(JOB_ALL,), area="Cấu hình")
SIGNER_UNKNOWN = define("CH06", WARNING, "Người ký không có trong danh sách",
                        "Người ký '{name}' không có trong trang Thành viên.", area="Cấu hình",
                        needs=_MEMBER_NAME)
SIGNER_NOT_LEADER = define("CH07", ERROR, "Người ký không đủ thẩm quyền",
                           "Người ký '{name}' có vai trò '{role}' trong Hội đồng; người ký văn bản "
                           "của Hội đồng phải là Chủ tịch hoặc Phó Chủ tịch.",
                           blocks=(JOB_DECISION, JOB_NOTICE, JOB_REPORT), area="Cấu hình",
                           basis=("ND30_2020",),
                           needs=_COUNCIL_ROLE)
LAW_CHANGES = define("CH08", WARNING, "Thời gian kiểm tra qua hai văn bản pháp luật",
                     "Thời gian kiểm tra {start}–{end} nằm trong hai giai đoạn: {first} "
                     "(đến {first_end}) và {second} (từ {second_start}); kiểm tra lại căn cứ.",
                     area="Cấu hình", basis=("ND98_2023",))
SETTING_UNCONFIRMED = define("CH10", WARNING, "Thiết lập chuyển từ năm trước chưa xác nhận",
                             "'{label}' là {value}: giá trị gợi ý khi tạo đợt mới từ đợt trước, "
                             "chưa được xác nhận. Hãy kiểm tra, sửa nếu cần, rồi xóa cụm "
                             "'{mark}' ở cột Ghi chú.", area="Cấu hình")
SIGNATURE_MISMATCH = define("CH09", ERROR, "Thẩm quyền và hình thức chữ ký không khớp",
                            "Người ký '{name}' ghi '{said}' ở mục '{label}' nhưng trang Thành viên "
                            "ghi vai trò '{role}': văn bản {authority} phải ký '{form}'.",
                            blocks=(JOB_DECISION, JOB_NOTICE, JOB_REPORT), area="Cấu hình",
                            basis=("ND30_2020",),
                            needs=_COUNCIL_ROLE)

# ---- example data (any sheet): the shipped example's values left in the workbook
EXAMPLE_DATA = define("VD01", WARNING, "Còn dữ liệu ví dụ",
                      "{column}: '{value}' là dữ liệu ví dụ của bộ mẫu; thay bằng thông tin thật "
                      "trước khi ban hành văn bản.", area="Dữ liệu ví dụ")

# ---- units (Đơn vị)
UNIT_DUP_CODE = define("DV01", ERROR, "Trùng mã đơn vị",
                       "Mã đơn vị '{code}' đã có ở dòng {first_row}.",
                       blocks=(JOB_NOTICE, JOB_MINUTES, JOB_FORMS, JOB_MERGE), area="Đơn vị")
UNIT_DUP_NAME = define("DV02", ERROR, "Trùng tên đơn vị",
                       "Tên đơn vị '{name}' đã có ở dòng {first_row} (mã {first_code}).",
                       blocks=(JOB_NOTICE, JOB_MINUTES, JOB_FORMS), area="Đơn vị")
UNIT_INCHARGE_UNKNOWN = define("DV03", ERROR, "Thành viên phụ trách không có trong danh sách",
                               "Thành viên phụ trách '{name}' của đơn vị {unit_name} không có "
                               "trong trang Thành viên.",
                               blocks=(JOB_DECISION, JOB_MINUTES), area="Đơn vị",
                               basis=("plan:III.1",),
                               needs=_MEMBER_NAME)
UNIT_INCHARGE_NOT_COUNCIL = define("DV04", WARNING, "Người phụ trách không là thành viên Hội đồng",
                                   "'{name}' phụ trách đơn vị {unit_name} nhưng không có vai trò "
                                   "trong Hội đồng (cột Vai trò trong Hội đồng để trống).",
                                   area="Đơn vị", basis=("plan:III.1",),
                                   needs=_COUNCIL_ROLE)
NO_UNIT_SELECTED = define("DV05", WARNING, "Chưa chọn đơn vị nào",
                          "Chưa có đơn vị nào được chọn kiểm tra (cột Được chọn kiểm tra).",
                          area="Đơn vị", basis=("plan:IV.2",),
                          needs=_SELECTED)
APPLIES_UNKNOWN_BLOCK = define("DV06", ERROR, "Khối áp dụng không có trong trang Đơn vị",
                               "Nội dung {item}: 'Áp dụng cho' ghi '{block}', không phải 'Tất cả' "
                               "và không là khối nào ở cột Khối của trang Đơn vị ({known}).",
                               blocks=(JOB_MINUTES, JOB_FORMS, JOB_REPORT), area="Nội dung kiểm tra",
                               needs=_BLOCKS)

# ---- members (Thành viên)
MEMBER_DUP = define("TV01", ERROR, "Trùng họ tên thành viên",
                    "Họ và tên '{name}' đã có ở dòng {first_row}; thêm chữ đệm hoặc ghi chú để phân biệt.",
                    blocks=(JOB_DECISION,), area="Thành viên")
NO_CHAIR = define("TV02", ERROR, "Chưa có Chủ tịch Hội đồng",
                  "Trang Thành viên chưa có người giữ vai trò 'Chủ tịch' Hội đồng.",
                  blocks=(JOB_DECISION, JOB_REPORT), area="Thành viên",
                  needs=_COUNCIL_ROLE)
TWO_CHAIRS = define("TV03", ERROR, "Nhiều Chủ tịch Hội đồng",
                    "'{name}' là Chủ tịch Hội đồng, nhưng '{first}' (dòng {first_row}) cũng là Chủ tịch.",
                    blocks=(JOB_DECISION, JOB_REPORT), area="Thành viên",
                    needs=_COUNCIL_ROLE)

# ---- schedule (Lịch kiểm tra)
NOT_SCHEDULED = define("LK01", ERROR, "Đơn vị được chọn chưa có lịch",
                       "Đơn vị {unit_name} ({code}) được chọn kiểm tra nhưng chưa có dòng nào "
                       "trong trang Lịch kiểm tra.",
                       blocks=(JOB_NOTICE, JOB_MINUTES), area="Lịch kiểm tra", basis=("plan:IV.2",),
                       needs=_SCHEDULE_UNIT)
SCHEDULED_TWICE = define("LK02", ERROR, "Đơn vị kiểm tra hai lần",
                         "Đơn vị {unit_name} ({code}) đã có lịch kiểm tra ở dòng {first_row} "
                         "(ngày {first_date}).",
                         blocks=(JOB_NOTICE, JOB_MINUTES), area="Lịch kiểm tra")
SCHEDULE_UNKNOWN_UNIT = define("LK03", ERROR, "Mã đơn vị không có trong danh sách",
                               "Mã đơn vị '{code}' không có trong trang Đơn vị.",
                               blocks=(JOB_NOTICE, JOB_MINUTES), area="Lịch kiểm tra",
                               needs=_UNIT_CODE)
SCHEDULE_NOT_SELECTED = define("LK04", ERROR, "Đơn vị không được chọn kiểm tra",
                               "Đơn vị {unit_name} ({code}) có lịch kiểm tra nhưng cột 'Được chọn "
                               "kiểm tra' ở trang Đơn vị là 'Không'.",
                               blocks=(JOB_NOTICE, JOB_MINUTES), area="Lịch kiểm tra",
                               basis=("plan:IV.2",),
                               needs=_SELECTED)
OUTSIDE_WINDOW = define("LK05", ERROR, "Ngày kiểm tra ngoài thời gian kiểm tra",
                        "Ngày kiểm tra {date} nằm ngoài thời gian kiểm tra {start}–{end} ({label}).{swap}",
                        blocks=(JOB_NOTICE, JOB_MINUTES), area="Lịch kiểm tra",
                        basis=("plan:IV.1",))
WEEKEND = define("LK06", ERROR, "Ngày kiểm tra là ngày nghỉ cuối tuần",
                 "Ngày kiểm tra {date} là {weekday}, ngày nghỉ (không phải ngày làm bù).",
                 blocks=(JOB_NOTICE, JOB_MINUTES), area="Lịch kiểm tra", basis=("BLLD45_2019",))
HOLIDAY = define("LK07", ERROR, "Ngày kiểm tra là ngày nghỉ lễ",
                 "Ngày kiểm tra {date} ({weekday}) là ngày nghỉ: {holiday}.",
                 blocks=(JOB_NOTICE, JOB_MINUTES), area="Lịch kiểm tra", basis=("BLLD45_2019",))
NOTICE_LATE = define("LK08", ERROR, "Thông báo gửi chưa đủ số ngày",
                     "Thông báo gửi ngày {notice}, chưa đủ {days} {counting} trước ngày kiểm tra "
                     "{date}: phải gửi chậm nhất ngày {latest}.",
                     blocks=(JOB_NOTICE, JOB_MINUTES), area="Lịch kiểm tra", basis=("plan:IV.2",))
REPORT_LATE = define("LK09", WARNING, "Đơn vị nộp báo cáo muộn",
                     "Đơn vị {unit_name} nộp báo cáo ngày {received}, sau hạn {due} "
                     "({days} {counting} trước ngày kiểm tra {date}).",
                     area="Lịch kiểm tra", basis=("plan:IV.3",))
NOTICE_NON_WORKING = define("LK10", WARNING, "Ngày gửi thông báo là ngày nghỉ",
                            "Ngày gửi thông báo {notice} là {what}.", area="Lịch kiểm tra")
SESSION_TIME = define("LK11", WARNING, "Giờ bắt đầu không khớp buổi",
                      "Giờ bắt đầu {time} không khớp buổi '{session}'.", area="Lịch kiểm tra")
DUE_CELL_DIFFERS = define("LK12", WARNING, "Hạn nộp báo cáo trong ô khác lịch làm việc",
                          "Ô 'Hạn nộp báo cáo' hiện {shown}, còn theo lịch làm việc của công cụ "
                          "(tính cả thứ Bảy làm bù) hạn là {due}; các văn bản ghi {due}. Hàm "
                          "WORKDAY của Excel không biết ngày làm bù nên có thể tính sớm hơn.",
                          area="Lịch kiểm tra")
NO_REVIEW_DATE = define("LK13", WARNING, "Chưa có ngày xem xét xong hồ sơ",
                        "Đơn vị {unit_name} kiểm tra qua hồ sơ nhưng chưa có 'Ngày xem xét xong "
                        "hồ sơ'; biên bản ghi ngày là ngày ấy, đang để trống.",
                        area="Lịch kiểm tra",
                        needs=_BY_FILES)
REVIEW_BEFORE_FILE = define("LK14", WARNING, "Ngày xem xét xong hồ sơ trước ngày nhận hồ sơ",
                            "Ngày xem xét xong hồ sơ {review} của đơn vị {unit_name} trước ngày "
                            "nhận báo cáo, hồ sơ {received}.", area="Lịch kiểm tra",
                            needs=_BY_FILES)

# ---- delegation (Thành phần đoàn)
NO_DELEGATION = define("TD01", ERROR, "Chưa có thành phần đoàn",
                       "Đơn vị {unit_name} ({code}) có lịch kiểm tra ngày {date} nhưng chưa có ai "
                       "trong trang Thành phần đoàn.",
                       blocks=(JOB_DECISION, JOB_NOTICE, JOB_MINUTES), area="Thành phần đoàn",
                       basis=("plan:III.1",),
                       needs=_DELEGATION_UNIT)
NO_HEAD = define("TD02", ERROR, "Đoàn chưa có Trưởng đoàn",
                 "Đoàn kiểm tra đơn vị {unit_name} ({code}) chưa có Trưởng đoàn.",
                 blocks=(JOB_DECISION, JOB_NOTICE, JOB_MINUTES), area="Thành phần đoàn",
                 basis=("plan:III.1", "ND98_2023"),
                 needs=_TASK)
TWO_HEADS = define("TD03", ERROR, "Đoàn có hai Trưởng đoàn",
                   "Đoàn kiểm tra đơn vị {unit_name} ({code}) đã có Trưởng đoàn '{first}' "
                   "(dòng {first_row}); '{name}' cũng được ghi là Trưởng đoàn.",
                   blocks=(JOB_DECISION, JOB_NOTICE, JOB_MINUTES), area="Thành phần đoàn",
                   basis=("plan:III.1", "ND98_2023"),
                   needs=_TASK)
HEAD_NOT_LEADER = define("TD04", ERROR, "Trưởng đoàn không đúng vai trò trong Hội đồng",
                         "Trưởng đoàn '{name}' (vai trò trong Hội đồng: {role}) không phải {allowed} "
                         "Hội đồng (mục 'Trưởng đoàn là' ở trang Cấu hình).",
                         blocks=(JOB_DECISION, JOB_NOTICE, JOB_MINUTES), area="Thành phần đoàn",
                         basis=("plan:III.1", "ND98_2023"),
                         needs=_COUNCIL_ROLE + _TASK)
INCHARGE_ABSENT = define("TD05", ERROR, "Thiếu thành viên phụ trách đơn vị",
                         "Thành viên phụ trách đơn vị {unit_name} ({name}) không có trong Đoàn "
                         "kiểm tra đơn vị này.",
                         blocks=(JOB_DECISION, JOB_MINUTES), area="Thành phần đoàn",
                         basis=("plan:III.1",),
                         needs=_DELEGATE)
NO_PNV_LEADER = define("TD06", ERROR, "Thiếu lãnh đạo cơ quan thường trực",
                       "Đoàn kiểm tra đơn vị {unit_name} ({code}) chưa có lãnh đạo cơ quan "
                       "thường trực Hội đồng (cột Cơ quan thường trực ở trang Thành viên là "
                       "'Lãnh đạo'; mục 'Đoàn kiểm tra phải có lãnh đạo cơ quan thường trực' ở "
                       "trang Cấu hình là Có).",
                       blocks=(JOB_DECISION, JOB_MINUTES), area="Thành phần đoàn",
                       basis=("plan:III.1",),
                       needs=_MEMBER_ROLE + _DELEGATE)
NO_PNV_SPECIALIST = define("TD07", ERROR, "Thiếu chuyên viên cơ quan thường trực",
                           "Đoàn kiểm tra đơn vị {unit_name} ({code}) chưa có chuyên viên cơ quan "
                           "thường trực Hội đồng (cột Cơ quan thường trực ở trang Thành viên là "
                           "'Chuyên viên'; mục 'Đoàn kiểm tra phải có chuyên viên cơ quan thường "
                           "trực' ở trang Cấu hình là Có).",
                           blocks=(JOB_DECISION, JOB_MINUTES), area="Thành phần đoàn",
                           basis=("plan:III.1",),
                           needs=_MEMBER_ROLE + _DELEGATE)
DELEGATE_UNKNOWN = define("TD08", ERROR, "Người trong đoàn không có trong danh sách",
                          "'{name}' không có trong trang Thành viên.",
                          blocks=(JOB_DECISION, JOB_MINUTES), area="Thành phần đoàn",
                          needs=_MEMBER_NAME)
DOUBLE_BOOKED = define("TD09", ERROR, "Một người ở hai đoàn cùng buổi",
                       "'{name}' đi kiểm tra đơn vị {unit_name} ngày {date} buổi {session}, trùng "
                       "với đơn vị {other_name} buổi {other_session} (dòng {other_row}).",
                       blocks=(JOB_DECISION, JOB_NOTICE), area="Thành phần đoàn")
DELEGATION_NO_INSPECTION = define("TD10", ERROR, "Thành phần đoàn của đơn vị không có lịch",
                                  "Mã đơn vị '{code}' {why}.",
                                  blocks=(JOB_DECISION,), area="Thành phần đoàn",
                                  needs=_UNIT_CODE + _SCHEDULE_UNIT)
DELEGATE_TWICE = define("TD11", WARNING, "Một người ghi hai lần trong một đoàn",
                        "'{name}' đã có trong đoàn kiểm tra đơn vị {unit_name} ở dòng {first_row}; "
                        "quyết định chỉ ghi nhiệm vụ cao nhất.", area="Thành phần đoàn")
DEPUTY_AS_MEMBER = define("TD12", WARNING, "Phó Trưởng đoàn ghi là Thành viên ở đoàn khác",
                          "'{name}' là Phó Trưởng đoàn trong quyết định (đoàn kiểm tra {deputy_at}) "
                          "nhưng dòng này ghi '{task}'; thông báo, biên bản ghi 'Phó Trưởng đoàn' "
                          "ở mọi đoàn người này tham gia.", area="Thành phần đoàn",
                          needs=_TASK)

# ---- results (Kết quả kiểm tra, Đánh giá chung)
RESULT_UNKNOWN_UNIT = define("KQ01", ERROR, "Mã đơn vị không có trong danh sách",
                             "Mã đơn vị '{code}' không có trong trang Đơn vị.",
                             blocks=(JOB_MINUTES, JOB_REPORT), area="Kết quả kiểm tra",
                             needs=_UNIT_CODE)
RESULT_NOT_INSPECTED = define("KQ02", ERROR, "Kết quả của đơn vị không có lịch kiểm tra",
                              "Đơn vị {unit_name} ({code}) không có lịch kiểm tra nên không thể có "
                              "{what}.", blocks=(JOB_MINUTES, JOB_REPORT), area="Kết quả kiểm tra",
                              needs=_SCHEDULE_UNIT)
ITEM_UNKNOWN = define("KQ03", ERROR, "Mã nội dung không có trong danh sách",
                      "Mã nội dung '{item}' không có trong trang Nội dung kiểm tra.",
                      blocks=(JOB_MINUTES, JOB_REPORT), area="Kết quả kiểm tra",
                      needs=_ITEM_CODE)
ITEM_NOT_APPLICABLE = define("KQ04", ERROR, "Nội dung không áp dụng cho đơn vị",
                             "Nội dung {item} chỉ áp dụng cho {applies_to}; đơn vị {unit_name} "
                             "thuộc {block}.", blocks=(JOB_MINUTES, JOB_REPORT),
                             area="Kết quả kiểm tra", basis=("plan:III.1",),
                             needs=_BLOCKS)
RESULT_DUP = define("KQ05", ERROR, "Nội dung đánh giá hai lần",
                    "Nội dung {item} của đơn vị {unit_name} đã được đánh giá ở dòng {first_row}.",
                    blocks=(JOB_MINUTES, JOB_REPORT), area="Kết quả kiểm tra")
RESULTS_MISSING = define("KQ06", ERROR, "Chưa đánh giá đủ nội dung",
                         "Đơn vị {unit_name} đã kiểm tra ngày {date} nhưng chưa đánh giá "
                         "{count} nội dung: {items}.", blocks=(JOB_MINUTES,),
                         area="Kết quả kiểm tra", basis=("plan:III.1",),
                         needs=_RESULT_ROW + _ITEM_CODE + _BLOCKS)
ASSESSMENT_BLANK = define("KQ07", ERROR, "Chưa ghi đánh giá",
                          "Nội dung {item} của đơn vị {unit_name} (kiểm tra ngày {date}) chưa ghi "
                          "Đánh giá (Đạt / Chưa đạt).", blocks=(JOB_MINUTES,),
                          area="Kết quả kiểm tra",
                          needs=_ASSESSMENT)
ASSESSED_EARLY = define("KQ08", WARNING, "Đánh giá trước ngày kiểm tra",
                        "Đơn vị {unit_name} kiểm tra ngày {date} (sau ngày {as_of}) nhưng đã có "
                        "{what}.", area="Kết quả kiểm tra")
FAIL_NO_REMARK = define("KQ09", ERROR, "'Chưa đạt' thiếu nhận xét",
                        "Nội dung {item} của đơn vị {unit_name} 'Chưa đạt' nhưng chưa có Nhận xét.",
                        blocks=(JOB_MINUTES,), area="Kết quả kiểm tra",
                        needs=_ASSESSMENT + (S.RESULTS.ref("remark"),))
FAIL_NO_RECOMMENDATION = define("KQ10", ERROR, "'Chưa đạt' thiếu kiến nghị",
                                "Nội dung {item} của đơn vị {unit_name} 'Chưa đạt' nhưng đơn vị "
                                "chưa có kiến nghị nào trong trang Kiến nghị.",
                                blocks=(JOB_MINUTES,), area="Kết quả kiểm tra",
                                needs=(S.RECOMMENDATIONS.name,))
EVALUATION_MISSING = define("KQ11", ERROR, "Chưa có đánh giá chung",
                            "Đơn vị {unit_name} ({code}) đã kiểm tra ngày {date} nhưng chưa có dòng "
                            "trong trang Đánh giá chung.", blocks=(JOB_MINUTES,),
                            area="Đánh giá chung",
                            needs=_EVALUATION[:1])
EVALUATION_BLANK = define("KQ12", ERROR, "Đánh giá chung còn thiếu",
                          "Đánh giá chung của đơn vị {unit_name} (kiểm tra ngày {date}) chưa ghi "
                          "'{column}'.", blocks=(JOB_MINUTES,), area="Đánh giá chung",
                          needs=_EVALUATION)
EVALUATION_DUP = define("KQ13", ERROR, "Hai dòng đánh giá chung",
                        "Đơn vị {unit_name} đã có đánh giá chung ở dòng {first_row}.",
                        blocks=(JOB_MINUTES,), area="Đánh giá chung")
END_BEFORE_START = define("KQ14", WARNING, "Giờ kết thúc trước giờ bắt đầu",
                          "Giờ kết thúc {end} không sau giờ bắt đầu {start} (trang Lịch kiểm tra).",
                          area="Đánh giá chung")
CHAIR_NOT_IN_DELEGATION = define("KQ15", WARNING, "Chủ trì/Thư ký không có trong đoàn",
                                 "{role} '{name}' không có trong Đoàn kiểm tra đơn vị {unit_name}.",
                                 area="Đánh giá chung",
                                 needs=_DELEGATE)

DATE_AFTER_MINUTES = define("KQ16", WARNING, "Ngày đã qua nêu sau ngày lập biên bản",
                            "Cột '{column}' của đơn vị {unit_name} nêu ngày {cited} như việc đã "
                            "xảy ra, nhưng biên bản lập ngày {minutes}: biên bản không thể ghi "
                            "việc chưa xảy ra.", area="Đánh giá chung",
                            needs=_BY_FILES)
ASSESSMENT_VS_APPENDIX = define("KQ17", WARNING, "Đánh giá trái với phụ lục đơn vị gửi",
                                "Mục {item} của đơn vị {unit_name} đánh giá '{assessment}', nhưng phụ lục "
                                "đơn vị gửi có cảnh báo {code} ({source}): {note}",
                                area="Kết quả kiểm tra")
FIGURE_VS_APPENDIX = define("KQ18", WARNING, "Số liệu nhận xét khác phụ lục đơn vị gửi",
                            "Nhận xét mục {item} của đơn vị {unit_name} ghi {said} {label}, còn Phụ "
                            "lục II đơn vị gửi ({source}) ghi {got}.", area="Kết quả kiểm tra")

# ---- recommendations (Kiến nghị)
NO_DEADLINE = define("KN01", ERROR, "Kiến nghị chưa có hạn khắc phục",
                     "Kiến nghị '{text}' của đơn vị {unit_name} chưa có Hạn khắc phục.",
                     blocks=(JOB_MINUTES,), area="Kiến nghị",
                     needs=_DEADLINE)
DEADLINE_TOO_EARLY = define("KN02", ERROR, "Hạn khắc phục không sau ngày kiểm tra",
                            "Hạn khắc phục {deadline} của kiến nghị '{text}' không sau ngày kiểm tra "
                            "{date} của đơn vị {unit_name}.", blocks=(JOB_MINUTES,), area="Kiến nghị")
OVERDUE = define("KN03", WARNING, "Quá hạn khắc phục",
                 "Đơn vị {unit_name} quá hạn khắc phục kiến nghị '{text}': hạn {deadline}, đến "
                 "ngày {as_of} tình trạng '{status}'.", area="Kiến nghị",
                 needs=_DEADLINE + _STATUS)
DONE_NO_DATE = define("KN04", WARNING, "Đã khắc phục nhưng chưa có ngày nhận báo cáo",
                      "Kiến nghị '{text}' của đơn vị {unit_name} ghi 'Đã khắc phục' nhưng chưa có "
                      "Ngày nhận báo cáo khắc phục.", area="Kiến nghị",
                      needs=_STATUS + (S.RECOMMENDATIONS.ref("remedy_report_date"),))
REMEDY_BEFORE_INSPECTION = define("KN05", WARNING, "Ngày báo cáo khắc phục trước ngày kiểm tra",
                                  "Ngày nhận báo cáo khắc phục {remedy} trước ngày kiểm tra {date} "
                                  "của đơn vị {unit_name}.", area="Kiến nghị")
REMEDY_IN_FUTURE = define("KN06", WARNING, "Ngày báo cáo khắc phục sau ngày đối chiếu",
                          "Ngày nhận báo cáo khắc phục {remedy} sau ngày đối chiếu {as_of}.",
                          area="Kiến nghị")
DEADLINE_NON_WORKING = define("KN07", WARNING, "Hạn khắc phục là ngày nghỉ",
                              "Hạn khắc phục {deadline} của kiến nghị '{text}' là {what}; hạn phải "
                              "là ngày làm việc, ví dụ {previous}.", area="Kiến nghị")
CARRIED_NO_SUCCESSOR = define("KN08", ERROR, "Kiến nghị năm trước của đơn vị không còn, chưa có đơn vị kế thừa",
                              "Kiến nghị '{text}' chuyển từ đợt trước là của đơn vị '{code}'; đơn vị này "
                              "không có trong trang Đơn vị và chưa có đơn vị kế thừa trong trang "
                              "'{succession}'. Hãy thêm dòng kế thừa (mã cũ, mã đơn vị kế thừa, ngày, "
                              "văn bản) hoặc sửa mã đơn vị.", blocks=(JOB_REPORT,), area="Kiến nghị",
                              needs=(S.SUCCESSION.name,) + _UNIT_CODE)

# ---- unit succession (Đơn vị kế thừa): where a dissolved or merged unit's
# recommendations and follow-up land; a bad row misplaces them, so the summary
# report (which counts them by unit) waits for the table to be right
SUCCESSION_CYCLE = define("KT01", ERROR, "Đơn vị kế thừa lòng vòng",
                          "Đơn vị '{code}' lại là đơn vị kế thừa của chính nó: {path}. Hãy sửa dòng "
                          "ghi sai để mỗi đơn vị cũ dẫn tới một đơn vị đang có.",
                          blocks=(JOB_REPORT,), area="Đơn vị kế thừa")
SUCCESSION_TWO = define("KT02", ERROR, "Một đơn vị có hai đơn vị kế thừa cùng ngày",
                        "Đơn vị '{code}' có hai đơn vị kế thừa cùng ngày {date}: '{first}' (dòng "
                        "{first_row}) và '{second}'. Chỉ một đơn vị nhận lại kiến nghị và theo dõi "
                        "khắc phục; hãy giữ một dòng (đang tính cho '{first}').",
                        blocks=(JOB_REPORT,), area="Đơn vị kế thừa")
SUCCESSOR_UNKNOWN = define("KT03", ERROR, "Đơn vị kế thừa không có trong danh sách",
                           "Mã đơn vị kế thừa '{code}' (của đơn vị cũ '{old}') không có trong trang "
                           "Đơn vị và cũng không có dòng kế thừa tiếp theo từ ngày {date}.",
                           blocks=(JOB_REPORT,), area="Đơn vị kế thừa",
                           needs=_UNIT_CODE)
SUCCEEDED_STILL_SELECTED = define("KT04", WARNING, "Đơn vị đã có đơn vị kế thừa vẫn được chọn kiểm tra",
                                  "Đơn vị {name} ({code}) đã chuyển sang {new_name} ({new_code}) từ ngày "
                                  "{date} theo trang '{succession}'{act}, nhưng vẫn có trong trang Đơn vị "
                                  "và được chọn kiểm tra. Hãy bỏ chọn đơn vị cũ và chọn đơn vị kế thừa; "
                                  "nếu dòng kế thừa ghi nhầm thì sửa trang '{succession}'.",
                                  area="Đơn vị kế thừa")

# ---- documents (Văn bản): an instance blocks only the job of its document's kind
DOC_JOBS = (JOB_DECISION, JOB_NOTICE, JOB_MINUTES, JOB_REPORT)
DOC_SIGNER_NOT_LEADER = define("VB01", ERROR, "Người ký văn bản không đủ thẩm quyền",
                               "{kind} số {number} do '{name}' ký; vai trò trong Hội đồng là "
                               "'{role}', không phải Chủ tịch hoặc Phó Chủ tịch.",
                               blocks=DOC_JOBS, area="Văn bản", basis=("ND30_2020",),
                               needs=_COUNCIL_ROLE)
DOC_SIGNER_UNKNOWN = define("VB02", ERROR, "Người ký không có trong danh sách",
                            "Người ký '{name}' của {kind} số {number} không có trong trang Thành viên.",
                            blocks=DOC_JOBS, area="Văn bản",
                            needs=_MEMBER_NAME)
DOC_DUP_NUMBER = define("VB03", ERROR, "Trùng số văn bản",
                        "Số {number} ({kind}) đã dùng ở dòng {first_row} ({first_kind}); văn bản "
                        "của {issuer} đánh số chung, liên tục trong năm.",
                        blocks=DOC_JOBS, area="Văn bản", basis=("ND30_2020",))
DOC_UNKNOWN_UNIT = define("VB04", ERROR, "Văn bản của đơn vị không có trong danh sách",
                          "Mã đơn vị '{code}' của {kind} {why}.",
                          blocks=DOC_JOBS, area="Văn bản",
                          needs=_UNIT_CODE + _SCHEDULE_UNIT)
DOC_UNIT_EXPECTED = define("VB05", ERROR, "Văn bản thiếu mã đơn vị",
                           "Loại '{kind}' lập cho từng đơn vị: cần ghi Mã đơn vị.",
                           blocks=DOC_JOBS, area="Văn bản",
                           needs=_DOC_UNIT)
DOC_DUP = define("VB06", ERROR, "Văn bản ghi hai lần",
                 "{kind}{of_unit} đã ghi ở dòng {first_row}.", blocks=DOC_JOBS,
                 area="Văn bản",
                 needs=_DOC_UNIT)
DOC_NOTICE_DATE = define("VB07", WARNING, "Ngày ký thông báo khác ngày gửi",
                         "Thông báo lịch kiểm tra đơn vị {unit_name} ký ngày {signed}, còn trang "
                         "Lịch kiểm tra ghi ngày gửi thông báo {notice}.", area="Văn bản")
DOC_UNIT_UNEXPECTED = define("VB08", WARNING, "Văn bản chung ghi mã đơn vị",
                             "Loại '{kind}' là văn bản chung của đợt kiểm tra; bỏ Mã đơn vị '{code}'.",
                             area="Văn bản")

# ---- the register of legal bases (Căn cứ pháp lý)
_LEGAL_AREA = "Căn cứ pháp lý"
LEGAL_OVERLAP = define("CC01", ERROR, "Hai dòng cùng mã văn bản có hiệu lực chồng nhau",
                       "Mã văn bản '{code}' ở dòng {row} có hiệu lực {span}, chồng với dòng {other} "
                       "({other_span}): cùng một ngày không biết dùng dòng nào làm căn cứ. Hãy sửa "
                       "ngày hết hiệu lực của dòng cũ hoặc xóa một dòng.",
                       blocks=(JOB_DECISION, JOB_PLAN), area=_LEGAL_AREA,
                       needs=_LEGAL_CODE)
LEGAL_DATES = define("CC02", ERROR, "Ngày có hiệu lực sau ngày hết hiệu lực",
                     "Văn bản '{code}': ngày có hiệu lực {start} sau ngày hết hiệu lực {end}.",
                     blocks=(JOB_DECISION, JOB_PLAN), area=_LEGAL_AREA)
LEGAL_UNKNOWN_SUCCESSOR = define("CC03", WARNING, "Văn bản thay thế không có trong danh mục",
                                 "Văn bản '{code}' ghi thay thế bởi '{target}', nhưng không dòng nào "
                                 "có mã văn bản này; thêm dòng cho văn bản thay thế hoặc sửa mã.",
                                 area=_LEGAL_AREA,
                                 needs=_LEGAL_CODE)
LEGAL_UNKNOWN_KIND = define("CC04", WARNING, "Loại văn bản trích dẫn không có",
                            "Văn bản '{code}' ghi trích dẫn trong '{value}', không phải ký hiệu loại "
                            "văn bản của chương trình ({known}); dòng căn cứ sẽ không được in ở đó.",
                            area=_LEGAL_AREA)
LEGAL_UNKNOWN_LEVEL = define("CC05", WARNING, "Cấp áp dụng không có",
                             "Văn bản '{code}' ghi cấp áp dụng '{value}', không phải {known}; dòng căn "
                             "cứ sẽ không được in ở cấp nào.", area=_LEGAL_AREA)
LEGAL_CODE_MISSING = define("CC06", WARNING, "Thiếu văn bản mà quy tắc kiểm tra dựa vào",
                            "Trang Căn cứ pháp lý không có dòng nào mã '{code}', văn bản làm căn cứ của "
                            "{uses}: những chỗ đó sẽ không nêu được căn cứ. Hãy thêm lại dòng "
                            "của văn bản này (mã giữ nguyên).",
                            area=_LEGAL_AREA,
                            needs=_LEGAL_CODE)
