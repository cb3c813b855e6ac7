"""Sources of sheet values: 2-D arrays anchored at A1, one per sheet.

Headless: python-calamine reads the file (read-only; ``skip_empty_area=False``
keeps addresses A1-anchored).  In Excel: xlwings reads each sheet's used range
in one batch.  Both give the same arrays to the one reader.
"""
from __future__ import annotations

import os
import zipfile
from pathlib import Path
from typing import Iterable

from tdkt_xl.io.reader import WorkbookError, ReadResult, read_round


def _why_unreadable(path: Path) -> str:
    name = path.name
    if not path.exists():
        return f"Không tìm thấy tệp '{path}'."
    if path.is_dir():
        return f"'{path}' là một thư mục, không phải sổ tính Excel."
    if path.stat().st_size == 0:
        return f"Tệp '{name}' rỗng (0 byte)."
    with open(path, "rb") as fh:
        head = fh.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return (f"Tệp '{name}' là sổ tính Excel cũ (.xls) hoặc đã đặt mật khẩu; "
                "hãy mở bằng Excel, bỏ mật khẩu và lưu lại dạng .xlsx/.xlsm.")
    if not head.startswith(b"PK"):
        return f"Tệp '{name}' không phải sổ tính Excel (.xlsx/.xlsm)."
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
    except zipfile.BadZipFile:
        return f"Tệp '{name}' bị hỏng (không giải nén được)."
    if "word/document.xml" in names:
        return f"Tệp '{name}' là văn bản Word (.docx) bị đổi đuôi, không phải sổ tính Excel."
    if "xl/workbook.xml" not in names:
        return f"Tệp '{name}' không phải sổ tính Excel (.xlsx/.xlsm)."
    return ""


def read_file_arrays(path, sheets: Iterable[str] | None = None) -> dict:
    """All (or the named) sheets of a workbook file as A1-anchored arrays."""
    from python_calamine import CalamineWorkbook

    path = Path(path)
    why = _why_unreadable(path)
    if why:
        raise WorkbookError(why)
    try:
        wb = CalamineWorkbook.from_path(os.fspath(path))
        names = wb.sheet_names
        wanted = names if sheets is None else [n for n in names if n in set(sheets)]
        return {n: wb.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in wanted}
    except WorkbookError:
        raise
    except Exception as e:  # calamine raises its own error types for broken parts
        raise WorkbookError(f"Không đọc được sổ tính '{path.name}': {e}") from None


def read_workbook(path) -> ReadResult:
    """Read the master workbook file into the model (never modifies it)."""
    path = Path(path)
    return read_round(read_file_arrays(path), source=path.name)


def book_arrays(book, sheet_names: Iterable[str] | None = None) -> dict:
    """Sheets of an open xlwings Book as A1-anchored arrays: one batch read
    per sheet (its used range, widened to start at A1)."""
    out = {}
    for sh in book.sheets:
        if sheet_names is not None and sh.name not in set(sheet_names):
            continue
        used = sh.used_range
        last = used.last_cell
        rng = sh.range((1, 1), (last.row, last.column))
        values = rng.options(ndim=2, err_to_str=True).value    # '#REF!', as read_file_arrays gives it
        out[sh.name] = values or []
    return out
