"""Finding codes of returned appendices (prefix PL).  Stable: never rename or
reuse a code.  Every instance is raised with ``file=`` (the returned file's
name), the sheet, the cell and the unit."""
from tdkt_xl.vocabulary.findings import ERROR, WARNING, define

AREA = "Phụ lục"

# ---- the file cannot be read or identified: rejected
UNREADABLE = define("PL01", ERROR, "Không đọc được tệp",
                    "Không đọc được tệp: {reason}. Đề nghị đơn vị gửi lại tệp biểu mẫu đã phát.", area=AREA)
EMPTY_FILE = define("PL02", ERROR, "Tệp rỗng",
                    "Tệp rỗng (0 byte). Đề nghị đơn vị gửi lại.", area=AREA)
OLD_XLS = define("PL03", ERROR, "Sổ tính Excel cũ (.xls)",
                 "Tệp là định dạng Excel cũ (.xls). Đề nghị đơn vị điền vào biểu mẫu .xlsx đã phát và gửi lại.",
                 area=AREA)
PASSWORD = define("PL04", ERROR, "Tệp có mật khẩu",
                  "Tệp đã đặt mật khẩu mở tệp nên không đọc được. Đề nghị đơn vị bỏ mật khẩu và gửi lại.",
                  area=AREA)
CORRUPT = define("PL05", ERROR, "Tệp bị hỏng",
                 "Tệp bị hỏng hoặc có cấu trúc không hợp lệ: {reason}. Đề nghị đơn vị gửi lại.", area=AREA)
WORD_FILE = define("PL06", ERROR, "Văn bản Word đổi đuôi",
                   "Tệp là văn bản Word (.docx) bị đổi đuôi, không phải biểu mẫu Excel.", area=AREA)
TOO_BIG = define("PL07", ERROR, "Tệp quá lớn",
                 "Tệp lớn {size} byte, vượt giới hạn {limit} byte của biểu mẫu phụ lục.", area=AREA)
TOO_MANY_CELLS = define("PL08", ERROR, "Quá nhiều ô dữ liệu",
                        "Tệp có quá nhiều dữ liệu so với biểu mẫu phụ lục: {detail}. Đề nghị đơn vị xóa phần "
                        "thừa (hoặc điền lại vào biểu mẫu đã phát) rồi gửi lại.",
                        area=AREA)
NOT_IDENTIFIED = define("PL09", ERROR, "Không nhận diện được biểu mẫu",
                        "Không nhận diện được biểu mẫu: {reason}. Chỉ nhận tệp tạo bằng lệnh 'tdkt forms' "
                        "(trang ẩn {id_sheet}).", area=AREA)
OLD_VERSION = define("PL10", ERROR, "Biểu mẫu phiên bản cũ",
                     "Biểu mẫu phiên bản {found}, phiên bản hiện hành là {current}. "
                     "Đề nghị đơn vị điền vào biểu mẫu mới.", area=AREA)
UNKNOWN_UNIT = define("PL11", ERROR, "Đơn vị không có trong danh sách",
                      "Mã đơn vị '{code}' ghi trong tệp không có trong trang Đơn vị của sổ tính.", area=AREA)
SUPERSEDED = define("PL12", WARNING, "Tệp cũ hơn của cùng đơn vị",
                    "Đơn vị đã gửi tệp mới hơn: {newer} ({newer_time}); tệp này ({time}) "
                    "không được tổng hợp.", area=AREA)
MOVED = define("PL13", ERROR, "Cấu trúc biểu bị thay đổi",
               "Ô {addr} phải là '{expected}' nhưng đang là '{found}': biểu đã bị chèn, xóa hoặc di chuyển "
               "dòng/cột. Đề nghị đơn vị điền lại vào biểu mẫu gốc.", area=AREA)
MERGED = define("PL14", ERROR, "Có ô bị gộp",
                "Các ô {range} đã bị gộp (merge). Biểu mẫu không được gộp ô; đề nghị đơn vị bỏ gộp và gửi lại.",
                area=AREA)
TEXT_IN_NUMBER = define("PL15", ERROR, "Chữ trong ô số",
                        "'{label}': ô phải là số nhưng đang là chữ '{value}'.", area=AREA)
LOGICAL_IN_NUMBER = define("PL42", ERROR, "Giá trị logic trong ô số",
                           "'{label}': ô có giá trị logic TRUE/FALSE, không phải số. Đề nghị đơn vị nhập "
                           "số liệu (ghi 0 nếu không có).", area=AREA)
NEGATIVE = define("PL16", ERROR, "Số âm",
                  "'{label}': số liệu không được âm ({value}).", area=AREA)
NOT_WHOLE = define("PL17", ERROR, "Không phải số nguyên",
                   "'{label}': phải là số nguyên ({value}).", area=AREA)
BAD_CHOICE = define("PL18", ERROR, "Giá trị ngoài danh sách",
                    "'{label}': '{value}' không thuộc danh sách chọn.", area=AREA)
BAD_DATE = define("PL19", ERROR, "Không phải ngày",
                  "'{label}': '{value}' không phải là ngày (dd/mm/yyyy).", area=AREA)
PART_EXCEEDS = define("PL20", ERROR, "Số chi tiết vượt tổng",
                      "'{part}' ({part_value}) lớn hơn '{whole}' ({whole_value}).", area=AREA)
ROW_INCOMPLETE = define("PL21", ERROR, "Dòng thiếu thông tin bắt buộc",
                        "Dòng {row} có số liệu nhưng chưa ghi '{label}'.", area=AREA)
TOTAL_OVERWRITTEN = define("PL22", WARNING, "Ô tổng bị ghi đè",
                           "Ô tự tính '{label}' đang ghi {typed}, khác với tổng tính lại từ các ô chi tiết "
                           "({computed}); đã dùng số tính lại.", area=AREA)
BLANK_FORM = define("PL24", ERROR, "Biểu chưa điền",
                    "Biểu mẫu chưa có số liệu nào (đơn vị gửi lại biểu trắng); không tổng hợp.", area=AREA)
TOO_LARGE = define("PL25", ERROR, "Số quá lớn",
                   "'{label}': số '{value}' vượt mọi giá trị có thể có (tối đa {limit}); kiểm tra lại ô này.",
                   area=AREA)
SKIPPED = define("PL26", WARNING, "Tệp không được đọc",
                 "Bỏ qua: {reason}.", area=AREA)
FUTURE_TIME = define("PL27", WARNING, "Thời điểm của tệp ở tương lai",
                     "{what} là {time}, sau thời điểm tổng hợp: không thể đúng nên không dùng để chọn tệp mới "
                     "nhất của đơn vị.", area=AREA)
TOO_MANY_ROWS = define("PL28", ERROR, "Danh sách quá số dòng cho phép",
                       "Mục '{section}' có {rows} dòng (tính cả dòng chèn thêm), nhiều hơn {limit} dòng cho "
                       "phép; từ ô {addr} trở xuống không được đọc. Đề nghị đơn vị gộp bớt hoặc gửi phần "
                       "còn lại bằng văn bản kèm theo.", area=AREA)
FORMULA_ERROR = define("PL29", ERROR, "Ô có lỗi công thức",
                       "'{label}': ô có lỗi công thức {error}, không có số liệu để tổng hợp. Đề nghị đơn vị "
                       "sửa công thức hoặc nhập lại số liệu vào ô này.", area=AREA)
TOTAL_ERROR = define("PL37", WARNING, "Ô tự tính có lỗi công thức",
                     "Ô tự tính '{label}' có lỗi công thức {error}; đã dùng số tính lại từ các ô chi tiết "
                     "({computed}).", area=AREA)
NOT_SELECTED = define("PL23", WARNING, "Đơn vị không thuộc danh sách kiểm tra",
                      "Đơn vị {code} không được chọn kiểm tra trong đợt này; số liệu vẫn được tổng hợp.",
                      area=AREA)

# ---- figures (domain rules)
CSTDCS_OVER_LDTT = define("PL30", ERROR, "CSTĐCS nhiều hơn LĐTT",
                          "Số Chiến sĩ thi đua cơ sở ({left}) lớn hơn số Lao động tiên tiến ({right}); "
                          "mỗi CSTĐCS phải đồng thời đạt LĐTT.", area=AREA)
LDTT_OVER_HEADCOUNT = define("PL31", WARNING, "LĐTT nhiều hơn tổng số người",
                             "Số Lao động tiên tiến ({left}) lớn hơn tổng số CBCCVC và người lao động ({right}).",
                             area=AREA)
CSTDCS_SHARE = define("PL32", WARNING, "Tỷ lệ CSTĐCS/LĐTT vượt mức",
                      "Tỷ lệ CSTĐCS/LĐTT là {ratio}, vượt mức {cap} {source}.", area=AREA)
ORGANISING_SHARE = define("PL33", WARNING, "Chi tổ chức phong trào vượt mức",
                          "Chi tổ chức, chỉ đạo phong trào chiếm {ratio} tổng nguồn quỹ, vượt mức {cap} "
                          "{source}.",
                          area=AREA)
ULTRA_VIRES = define("PL34", WARNING, "Quyết định không đúng thẩm quyền",
                     "Dòng {row}: '{title}' do '{level}' quyết định ngày {date} là không đúng thẩm quyền "
                     "({basis}: thẩm quyền thuộc {allowed}).", area=AREA)
OUT_OF_PERIOD = define("PL35", WARNING, "Quyết định ngoài kỳ báo cáo",
                       "Dòng {row}: quyết định ngày {date} nằm ngoài kỳ báo cáo ({start} - {end}).", area=AREA)
WRONG_SUBJECT = define("PL36", WARNING, "Sai đối tượng của danh hiệu",
                       "Dòng {row}: '{title}' chỉ xét tặng cho {subject}, nhưng dòng này ghi {found}.", area=AREA)

# ---- the round
SUCCESSOR = define("PL41", WARNING, "Tệp của đơn vị đã sáp nhập",
                   "Tệp ghi mã đơn vị '{old}', đơn vị không còn trong trang Đơn vị; theo trang Đơn vị "
                   "kế thừa, số liệu được tổng hợp cho {name} ({code}).", area=AREA)
MISSING = define("PL40", WARNING, "Đơn vị chưa gửi phụ lục",
                 "Đơn vị {code} ({name}) chưa gửi phụ lục; hạn nộp báo cáo {due}.", area=AREA)

# check id (spec "checks") -> finding type
CHECK_TYPES = {"PL30": CSTDCS_OVER_LDTT, "PL31": LDTT_OVER_HEADCOUNT,
               "PL32": CSTDCS_SHARE, "PL33": ORGANISING_SHARE}
