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
