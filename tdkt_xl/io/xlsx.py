"""The one factory of XlsxWriter workbooks: every .xlsx the tool writes is
made here, so text from a workbook or a returned file is always written as
text — never turned into a live formula (``=cmd|' /C calc'!A0``), a
hyperlink (``http://…``) or a number.  Deliberate formulas and links are
written explicitly (``write_formula``, ``write_url``)."""
from __future__ import annotations

import io

import xlsxwriter

from tdkt_xl.vocabulary.text import core_property

SAFE_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}


def new_workbook(target=None, **options) -> tuple[xlsxwriter.Workbook, io.BytesIO]:
    """``(workbook, buffer)``: a workbook built in memory into ``target``
    (a new BytesIO by default); after ``wb.close()`` the file's bytes are
    ``buffer.getvalue()``, to be written with ``tdkt_xl.io.atomic``."""
    buf = target if target is not None else io.BytesIO()
    return xlsxwriter.Workbook(buf, {"in_memory": True, **options, **SAFE_OPTIONS}), buf



def set_properties(wb: xlsxwriter.Workbook, props: dict) -> None:
    """``wb.set_properties`` with text fit for Office (see ``core_property``)."""
    wb.set_properties({k: core_property(v) if isinstance(v, str) else v for k, v in props.items()})


PAGE_WIDTH = 190     # column-width units that still print readably on a landscape A4 page


def print_setup(ws, header_row: int, last_row: int, widths, landscape: bool = True) -> None:
    """How a table sheet prints: A4 (landscape by default), as many pages wide as
    its columns need to stay readable (then the first two columns, code and
    name, repeat on each page), the header row repeated on every page, the
    print area the table itself (title rows included), page numbers."""
    widths = list(widths)
    wide = max(1, -(-int(sum(widths)) // PAGE_WIDTH))
    ws.set_paper(9)
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.fit_to_pages(wide, 0)
    ws.repeat_rows(header_row)
    if wide > 1:
        ws.repeat_columns(0, 1)
    ws.print_area(0, 0, last_row, len(widths) - 1)
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    ws.set_footer("&CTrang &P/&N")
