"""``main()``: the one entry point behind every button of the workbook.

``SampleCall`` (the xlwings VBA macro every button is bound to) runs
``import <workbook>; <workbook>.main()``; ``workbook/<workbook>.py`` forwards
here.  main() reads the click (sheet, dropdown or control sheet options),
runs the job on the open workbook, appends to Nhật ký and ends with a
Vietnamese alert.  No exception ever reaches Excel as a traceback.
"""
from __future__ import annotations

import datetime as dt
import os
import tempfile
import traceback
from pathlib import Path
from typing import Callable

from tdkt_xl.excel import alarm, logbook
from tdkt_xl.excel.bookio import BookIO
from tdkt_xl.excel.choice import ChoiceError, choose
from tdkt_xl.excel.context import Context, JobError, Outcome, refusal
from tdkt_xl.gate import Blocked
from tdkt_xl.vocabulary.errors import InputError, NeedsDate
from tdkt_xl.excel.jobs import job_names, registry

ERROR_LOG = "tdkt_loi.txt"
NEEDS_DATE_HINT = "Hãy nhập ngày ở trang 'Văn bản' rồi bấm lại."
NO_JOB = "Bấm nút"          # Nhật ký's "what" when the click named no job


def _caller():
    from tdkt_xl.excel.xlimport import xlwings
    return xlwings().Book.caller()


def main(book=None, *, folder: Path | str | None = None,
         clock: Callable[[], dt.datetime] | None = None) -> Outcome:
    """Run the job the clerk clicked for.  ``book`` defaults to the calling
    workbook (``xw.Book.caller()``); ``folder`` overrides the workbook's folder
    and ``clock`` the time of the click (tests)."""
    now = (clock or dt.datetime.now)()
    if book is None:
        try:
            book = _caller()
        except Exception as e:  # the workbook cannot be reached: no Excel alert to use
            msg = alarm.cannot_start(e)
            alarm.stop_click(msg)      # from Excel: message box, exit non-zero
            return Outcome(msg, ok=False)
    io = BookIO(book, Path(folder) if folder else None)
    job_name = NO_JOB
    try:
        offered = job_names()
        sheet = io.active_sheet()
        choice = choose(sheet, io.array(sheet) or [], offered)
        job_name = choice.job
        ctx = Context(io, choice, as_of=now.date(), now=now)
        ctx.progress(f"{job_name}…")
        outcome = registry()[choice.job].run(ctx)
    except Blocked as e:                 # the gate refused: the findings, where to see them
        outcome = Outcome(refusal(e), ok=False, log=str(e))
    except (ChoiceError, InputError, JobError) as e:
        prefix = "" if job_name == NO_JOB else f"Chưa thực hiện được việc '{job_name}': "
        text = f"{e} {NEEDS_DATE_HINT}" if isinstance(e, NeedsDate) else str(e)
        outcome = Outcome(f"{prefix}{text}", ok=False, log=text)
    except Exception as e:  # last resort: a Vietnamese message, never a traceback
        outcome = _crash(e, job_name, io)
    finally:
        io.status(None)
    try:
        logbook.append(io, now, job_name, ("" if outcome.ok else "Lỗi: ") + outcome.log_text)
    except Exception as e:  # the log must never hide the outcome
        outcome = Outcome(outcome.message + f" (Không ghi được trang Nhật ký: {e}.)",
                          outcome.ok, outcome.log)
    try:
        io.alert(outcome.message, critical=not outcome.ok)
    except Exception:  # no Excel alert (e.g. Excel busy): Windows' own box, the Nhật ký row
        if not (alarm.from_excel() and alarm.message_box(outcome.message)):
            print(outcome.message)
    return outcome


def _crash(e: Exception, job_name: str, io: BookIO) -> Outcome:
    where = _save_traceback(io)
    known = {PermissionError: "một tệp kết quả đang mở hoặc không có quyền ghi "
                              "(hãy đóng tệp Word/Excel/PDF kết quả đang mở rồi bấm lại)",
             FileNotFoundError: "không tìm thấy tệp hoặc thư mục cần dùng",
             ImportError: "máy thiếu thư viện Python (hãy chạy lệnh: tdkt doctor)",
             MemoryError: "máy không đủ bộ nhớ"}
    reason = next((v for k, v in known.items() if isinstance(e, k)), None)
    detail = f"{type(e).__name__}: {e}"
    what = "Nút bấm" if job_name == NO_JOB else f"Việc '{job_name}'"
    msg = f"{what} bị lỗi: {reason or 'lỗi không mong đợi'} ({detail}). "
    msg += (f"Nếu lỗi lặp lại, hãy gửi tệp {where} cho bộ phận CNTT." if where
            else "Nếu lỗi lặp lại, hãy báo bộ phận CNTT kèm nội dung thông báo này.")
    return Outcome(msg, ok=False, log=f"{reason or 'lỗi không mong đợi'} ({detail})")


def _save_traceback(io: BookIO) -> str:
    text = traceback.format_exc()
    for folder in (lambda: io.folder(), lambda: Path(tempfile.gettempdir())):
        try:
            p = folder() / ERROR_LOG
            with open(p, "a", encoding="utf-8") as fh:
                fh.write(f"--- {dt.datetime.now():%Y-%m-%d %H:%M:%S} ({os.getpid()})\n{text}\n")
            return str(p)
        except Exception:
            continue
    return ""
