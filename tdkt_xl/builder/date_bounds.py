"""The range of dates each date column of the master accepts when typed.

Excel compares the serial number of what it understood, so bounds that fit a
column refuse a date whose day and month were read the wrong way round (a
PC with English (US) regional format reads ``10/06/2024`` as 6 October, and
refuses ``25/06/2024`` outright) whatever the regional settings.  The bounds
follow the round's own ``Cấu hình`` (its inspection window), as formulas of
two named cells, so changing the window there moves them.  Pasted values
bypass validation: the validator checks too (LK05 and its day/month hint).
"""
from __future__ import annotations

from dataclasses import dataclass

from tdkt_xl.vocabulary import schema as S

START_NAME, END_NAME = "tdkt_tu_ngay", "tdkt_den_ngay"   # Cấu hình › Kiểm tra từ/đến ngày
WEEKS_BEFORE = 8         # notices, the unit's report, file reviews: up to 8 weeks before the window

# Without a window in Cấu hình: any date from 2000 to 2100.
_START = f"IF(ISNUMBER({START_NAME}),{START_NAME},DATE(2000,1,1))"
_END = f"IF(ISNUMBER({END_NAME}),{END_NAME},DATE(2100,12,31))"


@dataclass(frozen=True)
class Bounds:
    minimum: str             # formulas (without "=") over the two named cells
    maximum: str
    what: str                # Vietnamese: which dates the column takes


WINDOW = Bounds(_START, _END, "trong thời gian kiểm tra")
BEFORE = Bounds(f"{_START}-{WEEKS_BEFORE * 7}", _END,
                f"từ {WEEKS_BEFORE} tuần trước thời gian kiểm tra đến hết thời gian kiểm tra")
AFTER = Bounds(_START, f"DATE(YEAR({_END})+1,12,31)",
               "từ đầu thời gian kiểm tra đến hết năm sau")
ANY_OF_ROUND = Bounds(BEFORE.minimum, AFTER.maximum,
                      f"từ {WEEKS_BEFORE} tuần trước thời gian kiểm tra đến hết năm sau")
# a unit's dissolution or merger: any earlier round's, up to the year after this one's
HISTORY = Bounds("DATE(2000,1,1)", AFTER.maximum, "từ năm 2000 đến hết năm sau thời gian kiểm tra")
# The register of legal bases: any date of a law in force in our time.
LAW = Bounds("DATE(1945,9,2)", "DATE(2100,12,31)", "từ 02/09/1945 đến 31/12/2100")

COLUMN_BOUNDS = {
    (S.SCHEDULE.name, "date"): WINDOW,
    (S.SCHEDULE.name, "notice_date"): BEFORE,
    (S.SCHEDULE.name, "report_received"): BEFORE,
    (S.SCHEDULE.name, "review_date"): BEFORE,
    (S.RECOMMENDATIONS.name, "deadline"): AFTER,
    (S.RECOMMENDATIONS.name, "remedy_report_date"): AFTER,
    (S.DOCUMENTS.name, "date"): ANY_OF_ROUND,
    (S.SUCCESSION.name, "date"): HISTORY,
    (S.LEGAL.name, "start"): LAW,
    (S.LEGAL.name, "end"): LAW,
}


def bounds(sheet: str, field: str) -> Bounds | None:
    return COLUMN_BOUNDS.get((sheet, field))


def rule(label: str, b: Bounds) -> dict:
    """XlsxWriter ``data_validation`` options for a column with bounds ``b``."""
    message = (f"'{label}' phải là ngày {b.what} (trang '{S.SETTINGS.name}'). Gõ ngày/tháng/năm; "
               "máy đặt ngày kiểu Mỹ (tháng/ngày) thì gõ năm-tháng-ngày, ví dụ 2024-06-10.")
    return {"validate": "date", "criteria": "between",
            "minimum": "=" + b.minimum, "maximum": "=" + b.maximum,
            "error_title": "Ngày không hợp lệ", "error_message": message[:255]}
