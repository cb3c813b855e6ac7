"""The VBA project of the master workbook: taken byte for byte from the
installed, pinned xlwings wheel (never compiled or edited here).

We use ``quickstart_standalone.xlsm``: its project embeds the xlwings VBA
module, so the buttons work without the xlwings Excel add-in (one thing less
to install on a clerk's PC).  Its one macro ``SampleCall`` runs
``import <workbook name>; <workbook name>.main()``.  The project holds the
document modules ThisWorkbook, Sheet1 and Sheet2.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

SOURCE_WORKBOOK = "quickstart_standalone.xlsm"
VBA_PART = "xl/vbaProject.bin"
# Document modules present in the project (code names the workbook may use).
WORKBOOK_CODENAME = "ThisWorkbook"
PROJECT_SHEET_CODENAMES = ("Sheet1", "Sheet2")


class VbaSourceError(RuntimeError):
    pass


def source_path() -> Path:
    try:
        import xlwings
    except ImportError as e:  # pragma: no cover - xlwings is a pinned dependency
        raise VbaSourceError("Chưa cài gói xlwings (pip install -r requirements.txt).") from e
    return Path(xlwings.__file__).resolve().parent / SOURCE_WORKBOOK


def vba_project_bytes() -> bytes:
    """vbaProject.bin of the xlwings standalone quickstart, as shipped."""
    p = source_path()
    try:
        with zipfile.ZipFile(p) as z:
            return z.read(VBA_PART)
    except (OSError, KeyError, zipfile.BadZipFile) as e:
        raise VbaSourceError(
            f"Không lấy được dự án VBA từ '{p}' của gói xlwings: {e}. "
            "Hãy cài lại xlwings đúng phiên bản trong requirements.txt.") from None
