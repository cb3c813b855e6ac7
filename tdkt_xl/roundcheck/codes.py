"""Problem codes of ``tdkt check-round`` (stable: never rename or reuse one).

Each problem is reported at a document (file, kind, unit); the codes are in
the one catalogue of findings, listed by ``tdkt codes``.
"""
from tdkt_xl.vocabulary.findings import ERROR, WARNING, define

AREA = "Rà soát văn bản"

UNREADABLE = define("RS01", ERROR, "Không đọc được tệp",
                    "Không mở được tệp: {reason}.", area=AREA)
UNKNOWN = define("RS02", WARNING, "Không nhận ra văn bản",
                 "Không nhận ra đây là văn bản nào của đợt kiểm tra (không có dấu nhận diện, "
                 "nội dung không khớp loại văn bản nào).", area=AREA)
PLACEHOLDER = define("RS03", ERROR, "Còn chỗ trống chưa điền",
                     "Còn chỗ trống chưa điền ({what}): «{snippet}».", area=AREA)
EXAMPLE_DATA = define("RS04", WARNING, "Còn dữ liệu ví dụ",
                      "Còn giá trị của dữ liệu ví dụ đi kèm công cụ: {values}. Hãy thay bằng "
                      "thông tin thật trong sổ tính rồi tạo lại văn bản.", area=AREA)
ROLE_DIFFERS = define("RS05", ERROR, "Vai trò trong Đoàn khác nhau",
                      "{name} được ghi là «{here}»{scope}, trong khi {there} ghi là «{other}».",
                      area=AREA)
DEADLINE_OFF_DAY = define("RS06", ERROR, "Hạn vào ngày nghỉ",
                          "Hạn «{snippet}» rơi vào {weekday} {date}, ngày không làm việc.",
                          area=AREA)
DATE_DIFFERS = define("RS07", ERROR, "Ngày khác với sổ tính",
                      "{what} trong văn bản là {here}, sổ tính ghi {other}.", area=AREA)
LATER_THAN_DOC = define("RS08", ERROR, "Sự việc ghi sau ngày của văn bản",
                        "Văn bản ngày {doc_date} ghi việc đã xảy ra ngày {date}: «{snippet}».",
                        area=AREA)
LAYOUT = define("RS09", ERROR, "Sai thể thức (Nghị định 30)",
                "{message}", area=AREA)
FIGURE_DIFFERS = define("RS10", ERROR, "Số liệu khác sổ tính hoặc phụ lục",
                        "{what}: văn bản ghi {here}, {source} ghi {other}.", area=AREA)
MISSING = define("RS11", ERROR, "Thiếu văn bản",
                 "Sổ tính cần {label}{unit_part} nhưng thư mục không có tệp nào là văn bản này.",
                 area=AREA)
DUPLICATE = define("RS12", WARNING, "Hai tệp cho cùng một văn bản",
                   "Cùng là {label}{unit_part} với tệp '{other}': chỉ gửi một bản.", area=AREA)
OTHER_ROUND = define("RS13", ERROR, "Văn bản của đợt khác",
                     "Tệp thuộc đợt kiểm tra '{found}', sổ tính là đợt '{expected}'.", area=AREA)
UNIT_UNKNOWN = define("RS14", ERROR, "Đơn vị không có trong sổ tính",
                      "Văn bản dành cho đơn vị '{code}', sổ tính không có đơn vị này (hoặc "
                      "đơn vị không được chọn kiểm tra).", area=AREA)

ALL = (UNREADABLE, UNKNOWN, PLACEHOLDER, EXAMPLE_DATA, ROLE_DIFFERS, DEADLINE_OFF_DAY,
       DATE_DIFFERS, LATER_THAN_DOC, LAYOUT, FIGURE_DIFFERS, MISSING, DUPLICATE, OTHER_ROUND,
       UNIT_UNKNOWN)
