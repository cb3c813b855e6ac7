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


def project_dir(workbook: Path) -> Path:
    """The project folder is the workbook's folder's parent (workbook/..)."""
    return Path(workbook).resolve().parent.parent


def default_workbook() -> Path:
    here = Path.cwd() / "workbook" / "tdkt_2024.xlsm"
    if here.exists():
        return here
    return Path(__file__).resolve().parents[2] / "workbook" / "tdkt_2024.xlsm"
