"""Text of the sheets ``Hướng dẫn`` and ``Điều khiển`` (Vietnamese, for clerks).

Sheet, column and job names come from schema/controls, never spelled here.
``guide_blocks`` returns (style, text) lines; the builder only lays them out.
"""
from __future__ import annotations

from tdkt_xl.io import controls as K
from tdkt_xl.vocabulary import doc_kinds as DK, schema as S
from tdkt_xl.vocabulary.style import plan_subject

# What each job does (shown on Hướng dẫn, only for the jobs offered).
JOB_HELP = {
    K.JOB_VALIDATE: (f"kiểm tra toàn bộ dữ liệu của sổ tính; ghi từng lỗi vào trang "
                     f"'{S.FINDINGS.name}' (bấm vào ô trong cột '{S.FINDINGS.col('cell').header}' "
                     "để đến chỗ sai) và tô đỏ nhạt các ô có lỗi. Chạy lại sau khi sửa: "
                     "dấu cũ tự mất."),
    K.JOB_DECISION: "tạo Quyết định thành lập Đoàn kiểm tra (tệp Word) vào thư mục kết quả.",
    K.JOB_NOTICES: ("tạo Thông báo lịch kiểm tra gửi từng đơn vị và bản tổng hợp "
                    "(tệp Word) vào thư mục kết quả."),
    K.JOB_MINUTES: "tạo Biên bản kiểm tra của từng đơn vị đã kiểm tra (tệp Word).",
    K.JOB_REPORT: "tạo Báo cáo kết quả kiểm tra của Hội đồng (tệp Word, kèm biểu đồ).",
    K.JOB_FORMS: "tạo các phụ lục (tệp Excel) gửi từng đơn vị để đơn vị điền và gửi về.",
    K.JOB_MERGE: ("đọc các phụ lục đơn vị gửi về (trong thư mục phụ lục gửi về, xem trang "
                  f"'{S.SETTINGS.name}'), kiểm tra và gộp số liệu; bảng tổng hợp ghi vào thư "
                  "mục kết quả và vào một trang tổng hợp của sổ tính."),
    K.JOB_FOLLOWUP: ("lập bảng theo dõi khắc phục kiến nghị (tệp Excel) và công văn đôn đốc "
                     "các đơn vị có kiến nghị quá hạn chưa khắc phục."),
    K.JOB_OPEN_OUTPUT: "mở thư mục chứa các tệp đã tạo.",
}

def _kinds_help(job: str) -> str:
    """A document job the text above does not describe: from the document kinds table."""
    kinds = [DK.KINDS[k] for k in DK.grouped("button").get(job, ())]
    return (f"tạo {'; '.join(k.doc_kind for k in kinds)} (tệp Word) vào thư mục kết quả."
            if kinds else "")


SHEET_HELP = {
    S.CONTROL.name: "chạy mọi việc, với lựa chọn đơn vị, bản PDF, ghi đè.",
    S.SETTINGS.name: ("thông tin chung của đợt kiểm tra: năm, tên Hội đồng, người ký, số ngày "
                      "thông báo trước, cách tính ngày, thư mục kết quả. Chỉ sửa cột "
                      f"'{S.SETTINGS.col('value').header}'."),
    S.UNITS.name: "danh sách đơn vị, khối thi đua, thành viên Hội đồng phụ trách, đơn vị được chọn kiểm tra.",
    S.MEMBERS.name: "thành viên Hội đồng và những người có thể tham gia Đoàn kiểm tra.",
    S.SCHEDULE.name: "mỗi dòng một cuộc kiểm tra: ngày, buổi, giờ, địa điểm, ngày gửi thông báo.",
    S.DELEGATION.name: "mỗi dòng một người của Đoàn tại một đơn vị, với nhiệm vụ trong Đoàn.",
    S.CHECKLIST.name: "các nội dung kiểm tra theo Kế hoạch và khối áp dụng.",
    S.RESULTS.name: "đánh giá Đạt / Chưa đạt và nhận xét từng nội dung tại từng đơn vị.",
    S.EVALUATIONS.name: "đánh giá chung của mỗi cuộc kiểm tra (dùng cho biên bản).",
    S.RECOMMENDATIONS.name: "kiến nghị của Đoàn, hạn khắc phục và tình trạng khắc phục.",
    S.DOCUMENTS.name: "số, ngày ký, người ký của các văn bản đã ban hành.",
    S.PLAN_TEXT.name: ("các đoạn văn của Kế hoạch kiểm tra (mục đích, yêu cầu; phương thức; thành "
                       "phần; chuẩn bị; kinh phí; nơi nhận), mỗi dòng một đoạn."),
    S.SUCCESSION.name: ("đơn vị đã giải thể, sáp nhập: mã đơn vị cũ, mã đơn vị kế thừa, ngày, văn bản; "
                        "kiến nghị và theo dõi khắc phục của đơn vị cũ được tính cho đơn vị kế thừa."),
    S.LEGAL.name: ("các văn bản làm căn cứ (mã, câu căn cứ, thời gian hiệu lực, văn bản thay thế, cấp "
                   "và loại văn bản trích dẫn): chương trình chọn các dòng 'Căn cứ …' theo ngày ký. "
                   "Có thể thêm dòng khi có văn bản mới."),
    S.FINDINGS.name: "kết quả lần kiểm tra dữ liệu gần nhất (chương trình tự ghi).",
    S.LOG.name: "nhật ký mỗi lần bấm nút: thời gian, người thực hiện, việc, kết quả (chương trình tự ghi).",
}


def guide_blocks(settings, jobs) -> list[tuple[str, str]]:
    """Lines of the guide sheet: (style, text); style is title/subtitle/head/text/item."""
    year = settings.year or ""
    council = settings.council_name
    out = [
        ("title", (f"SỔ TÍNH {plan_subject(settings, cited=False).upper()}" if settings.plan_title.strip() else
                   f"SỔ TÍNH KIỂM TRA CÔNG TÁC THI ĐUA, KHEN THƯỞNG NĂM {year}".strip())),
        ("subtitle", council),
        ("head", "1. Sổ tính này dùng để làm gì"),
        ("text", "Sổ tính chứa toàn bộ dữ liệu của đợt kiểm tra: đơn vị, thành viên, lịch kiểm tra, "
                 "thành phần Đoàn, nội dung kiểm tra, kết quả, đánh giá chung, kiến nghị và các văn "
                 "bản đã ban hành. Các nút trên các trang tính gọi chương trình tdkt (viết bằng Python) "
                 "để kiểm tra dữ liệu và tạo văn bản vào thư mục kết quả; chương trình không bao giờ "
                 "sửa dữ liệu bạn đã nhập."),
        ("head", "2. Các trang tính"),
    ]
    for name, help_text in SHEET_HELP.items():
        out.append(("item", f"{name}: {help_text}"))
    out += [
        ("head", "3. Thứ tự công việc"),
        ("item", f"Bước 1. '{S.SETTINGS.name}': kiểm tra năm, tên Hội đồng, người ký, số ngày thông báo "
                 "và nộp báo cáo trước, cách tính ngày (ngày lịch hay ngày làm việc)."),
        ("item", f"Bước 2. '{S.MEMBERS.name}': thay các tên ví dụ (ghi chú 'Tên ví dụ') "
                 "bằng người thật."),
        ("item", f"Bước 3. '{S.UNITS.name}': đơn vị, khối, thành viên phụ trách; cột "
                 f"'{S.UNITS.col('selected').header}' chọn đơn vị được kiểm tra."),
        ("item", f"Bước 4. '{S.SCHEDULE.name}': ngày, buổi, giờ, địa điểm, ngày gửi thông báo. Các cột "
                 f"'{S.SCHEDULE.col('unit_name').header}', '{S.SCHEDULE.col('weekday').header}', "
                 f"'{S.SCHEDULE.col('report_due').header}' tự tính (nền xám), không gõ vào."),
        ("item", f"Bước 5. '{S.DELEGATION.name}': mỗi đơn vị có đúng một Trưởng đoàn (vai trò trong "
                 f"Hội đồng theo mục 'Trưởng đoàn là' ở trang '{S.SETTINGS.name}'), có thành viên phụ "
                 "trách đơn vị và, nếu trang Cấu hình yêu cầu, lãnh đạo, chuyên viên cơ quan thường "
                 "trực Hội đồng."),
        ("item", f"Bước 6. Bấm '{K.JOB_VALIDATE}', sửa các lỗi trong trang '{S.FINDINGS.name}' "
                 "cho đến khi không còn lỗi."),
        ("item", f"Bước 7. '{K.JOB_DECISION}', '{K.JOB_NOTICES}', '{K.JOB_FORMS}'; ghi số, ngày ký "
                 f"vào trang '{S.DOCUMENTS.name}' khi văn bản đã ký."),
        ("item", f"Bước 8. Sau mỗi cuộc kiểm tra: nhập '{S.RESULTS.name}', '{S.EVALUATIONS.name}', "
                 f"'{S.RECOMMENDATIONS.name}' rồi '{K.JOB_MINUTES}'."),
        ("item", f"Bước 9. Kết thúc đợt: '{K.JOB_REPORT}'; sau đó '{K.JOB_FOLLOWUP}' theo hạn "
                 "khắc phục."),
        ("head", "4. Các nút"),
        ("text", f"Trang có ô '{K.JOB_LABEL}' ở dòng đầu: chọn việc trong ô bên phải rồi bấm nút "
                 f"'{K.BUTTON_CAPTION}'. Trang '{S.CONTROL.name}' có đủ mọi việc, kèm lựa chọn đơn vị, "
                 "bản PDF và ghi đè. Khi chạy xong, chương trình báo kết quả bằng tiếng Việt và ghi "
                 f"một dòng vào trang '{S.LOG.name}'."),
    ]
    for job in jobs:
        out.append(("item", f"{job}: {JOB_HELP.get(job) or _kinds_help(job)}"))
    out += [
        ("head", "5. Điều kiện để nút chạy được"),
        ("item", "Máy có cài Python và chương trình tdkt (lệnh: pip install -r requirements.txt trong "
                 "thư mục dự án; gói xlwings được cài kèm). Không cần cài add-in xlwings: mã VBA "
                 "của xlwings đã nằm sẵn trong sổ tính."),
        ("item", "Cho phép macro của sổ tính (Enable Content), hoặc đặt thư mục chứa sổ tính vào "
                 "Trusted Locations của Excel."),
        ("item", "Lệnh 'tdkt doctor' kiểm tra máy đã cài đủ chưa và nói rõ còn thiếu gì."),
        ("item", f"Nút bấm chạy lệnh python trên PATH. Máy có nhiều bản Python: ghi đường dẫn đầy đủ "
                 f"tới python.exe ở trang '{S.SETTINGS.name}', mục 'Python cho nút bấm' (đường dẫn "
                 "không có chữ có dấu). Trang ẩn 'xlwings.conf' giữ các thiết lập khác của nút bấm: "
                 "không sửa, không xóa."),
        ("item", "Nếu máy chưa có Python hoặc chương trình tdkt, bấm nút sẽ hiện thông báo lỗi "
                 "tiếng Anh của xlwings (ví dụ báo không tìm thấy Python, hoặc 'ModuleNotFoundError'): "
                 "nghĩa là máy chưa cài đủ; hãy nhờ bộ phận CNTT chạy 'tdkt doctor'."),
        ("item", "Nếu Excel chặn macro của sổ tính, nút 'Run main' trên thẻ xlwings (nếu có cài "
                 "add-in) chạy cùng chương trình; hoặc dùng lệnh tdkt trên máy có Python."),
        ("head", "6. Quy tắc đặt tên tệp"),
        ("item", "Tên sổ tính phải là tên mô-đun Python: chỉ chữ cái không dấu, chữ số, dấu gạch "
                 "dưới, không bắt đầu bằng chữ số (ví dụ tdkt_2024.xlsm, tdkt_2025.xlsm)."),
        ("item", "Bên cạnh sổ tính phải có tệp .py cùng tên (ví dụ tdkt_2024.py). Khi sao chép "
                 "hoặc đổi tên sổ tính, sao chép và đổi tên cả tệp .py cho khớp; lệnh "
                 "'tdkt build-workbook --out tdkt_2025.xlsm' tạo sẵn cả hai tệp."),
        ("item", "Tên như 'tdkt_2024 (1).xlsm' hay 'Bản sao tdkt_2024.xlsm' không dùng được: bấm "
                 "nút sẽ báo lỗi. Hãy đổi lại tên hợp lệ."),
        ("head", "7. Người không cài Python"),
        ("text", "Thành viên Hội đồng không cài Python vẫn mở sổ tính (kể cả khi tắt macro) và đọc "
                 "được toàn bộ dữ liệu; chỉ các nút không chạy."),
        ("head", "8. Lưu ý khi nhập liệu"),
        ("item", "Ngày nhập theo dạng ngày/tháng/năm (dd/mm/yyyy). Cột Thứ bên cạnh ngày kiểm tra "
                 "giúp phát hiện ngày gõ nhầm tháng trước ngày."),
        ("item", "Máy đặt định dạng vùng tiếng Anh (Mỹ) hiểu 10/06/2024 là ngày 6 tháng 10: mỗi cột "
                 "ngày chỉ nhận ngày hợp với thời gian kiểm tra ở trang 'Cấu hình', nên ngày hiểu "
                 "nhầm bị từ chối ngay khi gõ."),
        ("item", "Trên máy như vậy hãy gõ năm-tháng-ngày (2024-06-10); ngày dán vào không được "
                 f"kiểm tra khi gõ, nhưng '{K.JOB_VALIDATE}' báo ngày có thể nhầm ngày/tháng."),
        ("item", "Các cột có mũi tên là danh sách chọn: chọn từ danh sách thay vì gõ."),
        ("item", "Có thể chèn thêm cột, thêm dòng; không đổi tên tiêu đề cột và tên trang tính."),
        ("item", f"Hai trang ẩn '{S.LISTS.name}' (các danh sách chọn) và '{K.MARKS_SHEET}' (các ô "
                 "cần tô đỏ) do chương trình dùng; không sửa, không xóa."),
        ("item", f"Cột '{S.SCHEDULE.col('report_due').header}' tính theo '{S.SETTINGS.name}'. Khi "
                 "tính theo ngày làm việc, công thức trong ô không biết các thứ Bảy làm bù; "
                 f"'{K.JOB_VALIDATE}' luôn tính lại đầy đủ."),
    ]
    return out


CONTROL_TITLE = "ĐIỀU KHIỂN"
CONTROL_HINT = (f"Chọn việc và các lựa chọn ở cột B rồi bấm nút '{K.BUTTON_CAPTION}'. "
                f"Việc chỉ làm cho một đơn vị khi chọn mã đơn vị thay cho '{K.OPT_UNIT_ALL}'.")
OPTION_HELP = {
    K.OPT_JOB: "Việc sẽ chạy khi bấm nút.",
    K.OPT_UNIT: f"'{K.OPT_UNIT_ALL}' hoặc mã một đơn vị (trang '{S.UNITS.name}').",
    K.OPT_PDF: "Có: tạo thêm bản PDF của mỗi văn bản.",
    K.OPT_OVERWRITE: "Có: ghi đè cả tệp kết quả đã sửa tay. Không: giữ nguyên tệp đã sửa.",
}
