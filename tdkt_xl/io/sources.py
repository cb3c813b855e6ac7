"""Sources of sheet values: 2-D arrays anchored at A1, one per sheet.

Headless: python-calamine reads the file (read-only; ``skip_empty_area=False``
keeps addresses A1-anchored).  In Excel: xlwings reads each sheet's used range
in one batch.  Both give the same arrays to the one reader.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Iterable

from tdkt_xl.io.cell_errors import error_cells, overlay
from tdkt_xl.io.extent import ExtentError, check_sheets, sheet_parts
from tdkt_xl.io.package import Package, PackageError
from tdkt_xl.io.reader import WorkbookError, ReadResult, read_round
from tdkt_xl.vocabulary.cells import fmt_int


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


# bounds of a master workbook (a real one: a few MB, sheets of a few thousand rows)
MAX_WORKBOOK_BYTES = 200_000_000
MAX_WORKBOOK_XML = 1_000_000_000
MAX_SHEET_CELLS = 5_000_000
_CALAMINE_PARTS = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/styles.xml")


def _too_far(cell: str, rows: int, cols: int) -> str:
    return (f"có dữ liệu hoặc định dạng tới ô {cell} ({fmt_int(rows)} dòng × {fmt_int(cols)} cột), vượt giới hạn "
            f"{fmt_int(MAX_SHEET_CELLS)} ô của một trang. Hãy xóa các dòng, cột thừa ở cuối trang rồi lưu lại.")


def _bounded_sheets(path: Path, data: bytes, wanted) -> tuple[list, dict]:
    """Check, before calamine opens anything, every part it will read and the
    real extent of every wanted sheet.  Raises WorkbookError naming the sheet
    and the far cell (or the damaged part).  Returns the sheets to read and
    their formula error cells ({sheet: {(row, col): '#REF!'}}), which
    calamine would hand over as blanks."""
    try:
        pkg = Package.open(data, MAX_WORKBOOK_XML)
        names = pkg.names()
        for part in _CALAMINE_PARTS:
            if part in names:
                pkg.xml(part)
        parts = sheet_parts(pkg)
        present = list(parts)
        chosen = present if wanted is None else [n for n in present if n in set(wanted)]
        check_sheets(pkg, chosen, MAX_SHEET_CELLS)
        errors = {n: error_cells(pkg.xml(parts[n])) for n in chosen}
    except ExtentError as e:
        raise WorkbookError(f"Sổ tính '{path.name}', trang '{e.sheet}': {_too_far(e.cell, e.extent.rows, e.extent.cols)}"
                            ) from None
    except PackageError as e:
        raise WorkbookError(f"Sổ tính '{path.name}' bị hỏng hoặc có cấu trúc không hợp lệ: {e.message}.") from None
    return chosen, errors


def read_file_arrays(path, sheets: Iterable[str] | None = None) -> dict:
    """All (or the named) sheets of a workbook file as A1-anchored arrays.
    Every sheet's real extent is bounded before python-calamine sees it.
    A formula error cell holds its error text ('#REF!'), as xlwings gives it."""
    from python_calamine import CalamineWorkbook

    path = Path(path)
    why = _why_unreadable(path)
    if why:
        raise WorkbookError(why)
    if path.stat().st_size > MAX_WORKBOOK_BYTES:
        raise WorkbookError(f"Tệp '{path.name}' lớn bất thường ({fmt_int(path.stat().st_size)} byte), không phải "
                            "sổ tính của chương trình.")
    data = path.read_bytes()
    chosen, errors = _bounded_sheets(path, data, sheets)
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = wb.sheet_names
        unscanned = [n for n in names if n not in set(chosen) and (sheets is None or n in set(sheets))]
        if unscanned:
            raise WorkbookError(f"Sổ tính '{path.name}': không tìm thấy phần dữ liệu của trang '{unscanned[0]}' "
                                "(cấu trúc tệp không chuẩn). Hãy mở bằng Excel và lưu lại.")
        wanted = [n for n in names if n in set(chosen)]
        return {n: overlay(wb.get_sheet_by_name(n).to_python(skip_empty_area=False), errors.get(n, {}))
                for n in wanted}
    except WorkbookError:
        raise
    except Exception as e:  # calamine raises its own error types for broken parts
        raise WorkbookError(f"Không đọc được sổ tính '{path.name}': {str(e)[:300]}") from None


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
        if last.row * last.column > MAX_SHEET_CELLS:
            raise WorkbookError(f"Trang '{sh.name}': {_too_far(last.get_address(False, False), last.row, last.column)}")
        rng = sh.range((1, 1), (last.row, last.column))
        values = rng.options(ndim=2, err_to_str=True).value    # '#REF!', as read_file_arrays gives it
        out[sh.name] = values or []
    return out
