"""Catalogue of validation findings of the master workbook.

Codes are stable: never rename or reuse one.  Prefixes: GT values of any
cell, CH settings (Cấu hình), DV units, TV members, LK schedule, TD
delegation, KQ results/evaluations, KN recommendations, VB documents.
"""
from tdkt_xl.rules.findings import ERROR, WARNING, JOB_ALL, define

# ---- values in any cell (raised by the reader)
MISSING_COLUMN = define("GT01", ERROR, "Thiếu cột",
                        "Trang '{sheet_name}' thiếu cột '{column}' (tiêu đề ở dòng đầu bảng).",
                        blocks=(JOB_ALL,), area="Giá trị")
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

# ---- settings
SETTING_MISSING = define("CH01", ERROR, "Thiếu thiết lập",
                         "Thiết lập '{label}' chưa có giá trị trong trang Cấu hình.",
                         blocks=(JOB_ALL,), area="Cấu hình")
