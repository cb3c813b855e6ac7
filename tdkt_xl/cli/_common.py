"""Helpers shared by the subcommands."""
from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path


def report_crash(e: Exception) -> int:
    from tdkt_xl.io.reader import WorkbookError
    if isinstance(e, WorkbookError):
        print(f"Lỗi: {e}", file=sys.stderr)
        return 2
    print(f"Lỗi không mong đợi: {type(e).__name__}: {e}. "
          "Hãy gửi thông báo này cho bộ phận CNTT.", file=sys.stderr)
    if os.environ.get("TDKT_DEBUG"):
        traceback.print_exc()
    return 3


def parse_date_arg(text, today_if_blank: bool = False):
    """A date typed on the command line (dd/mm/yyyy or yyyy-mm-dd); blank gives
    None, or today where the command's default is today (the CLI is the only
    place that reads the clock).  Raises BadValue with a Vietnamese reason."""
    import datetime as dt
    from tdkt_xl.vocabulary import cells
    if not text:
        return dt.date.today() if today_if_blank else None
    d = cells.to_date(text)
    if d is None:
        raise cells.BadValue("ngày để trống")
    return d


def project_dir(workbook: Path) -> Path:
    """The project folder is the workbook's folder's parent (workbook/..)."""
    return Path(workbook).resolve().parent.parent


def default_workbook() -> Path:
    here = Path.cwd() / "workbook" / "tdkt_2024.xlsm"
    if here.exists():
        return here
    return Path(__file__).resolve().parents[2] / "workbook" / "tdkt_2024.xlsm"
