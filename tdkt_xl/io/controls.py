"""The contract between the workbook's buttons and ``main()``.

Each working sheet has one button (bound to the VBA macro ``SampleCall``,
which runs ``<workbook>.main()``).  Where a sheet offers several jobs, a cell
labelled JOB_LABEL (the dropdown is the cell right of the label, within the
first rows of the sheet) picks the job.  ``main()`` finds the job from the
sheet the clerk clicked on and that cell, never from fixed addresses.
"""
from __future__ import annotations

from dataclasses import dataclass

from tdkt_xl.vocabulary import doc_kinds as DK, schema as S

JOB_VALIDATE = "Kiểm tra dữ liệu"
# the documents' jobs are the buttons of the document kinds table, in its order
DOCUMENT_JOBS = tuple(DK.grouped("button"))
JOB_DECISION, JOB_NOTICES, JOB_MINUTES = DK.DECISION.button, DK.NOTICE.button, DK.MINUTES.button
JOB_REPORT = DK.REPORT.button
JOB_FORMS = "Tạo phụ lục gửi đơn vị"
JOB_MERGE = "Gộp phụ lục"
JOB_FOLLOWUP = DK.REMINDER.button
JOB_CHECK_ROUND = "Kiểm tra văn bản"    # read back every generated document (tdkt check-round)
JOB_OPEN_OUTPUT = "Mở thư mục kết quả"
ALL_JOBS = (JOB_VALIDATE, *DOCUMENT_JOBS, JOB_REPORT, JOB_FORMS, JOB_MERGE, JOB_FOLLOWUP,
            JOB_CHECK_ROUND, JOB_OPEN_OUTPUT)

JOB_LABEL = "Việc cần làm"          # label of the job dropdown cell
BUTTON_CAPTION = "Thực hiện"        # caption of a sheet's button when it has a dropdown
MACRO = "SampleCall"                 # the one macro of the xlwings quickstart VBA project


@dataclass(frozen=True)
class SheetControl:
    sheet: str
    jobs: tuple                      # jobs offered on this sheet (first = default)
    caption: str = ""                # button caption when the sheet has a single job

    @property
    def default(self) -> str:
        return self.jobs[0]


# Which jobs each sheet offers (every job ships; excel/jobs.py runs them).
SHEET_CONTROLS = (
    SheetControl(S.UNITS.name, (JOB_VALIDATE, JOB_FORMS)),
    SheetControl(S.MEMBERS.name, (JOB_VALIDATE, JOB_DECISION)),
    SheetControl(S.SCHEDULE.name, (JOB_VALIDATE, JOB_NOTICES, JOB_DECISION)),
    SheetControl(S.DELEGATION.name, (JOB_VALIDATE, JOB_DECISION)),
    SheetControl(S.RESULTS.name, (JOB_VALIDATE, JOB_MINUTES)),
    SheetControl(S.EVALUATIONS.name, (JOB_MINUTES, JOB_VALIDATE)),
    SheetControl(S.RECOMMENDATIONS.name, (JOB_FOLLOWUP, JOB_VALIDATE, JOB_REPORT)),
    SheetControl(S.DOCUMENTS.name, tuple(dict.fromkeys((JOB_NOTICES, JOB_MINUTES, JOB_DECISION,
                                                         *DOCUMENT_JOBS, JOB_REPORT,
                                                         JOB_CHECK_ROUND)))),
)

# The control sheet "Điều khiển": label in column A, value in column B.
CONTROL_SHEET = S.CONTROL.name
OPT_JOB = JOB_LABEL
OPT_UNIT = "Đơn vị"                  # "Tất cả" or a unit code
OPT_UNIT_ALL = "Tất cả"
OPT_PDF = "Tạo bản PDF"              # Có / Không
OPT_OVERWRITE = "Ghi đè tệp đã sửa"  # Có / Không
CONTROL_OPTIONS = (OPT_JOB, OPT_UNIT, OPT_PDF, OPT_OVERWRITE)

# Validation marks: a hidden sheet lists, per model sheet, the A1 addresses of
# flagged cells (one column per sheet, header = sheet name, addresses from row
# 2 down to MARKS_ROWS+1).  Conditional formatting built into each sheet
# highlights the cells listed in its column (defined name MARKS_NAME_PREFIX+i),
# so validation rewrites marks in one batch and never touches the clerk's formats.
MARKS_SHEET = "Đánh dấu"
MARKS_ROWS = 2000
MARKS_NAME_PREFIX = "tdkt_marks_"
MARKED_SHEETS = tuple(s.name for s in S.MODEL_SHEETS)
