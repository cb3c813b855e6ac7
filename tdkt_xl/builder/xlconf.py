"""The hidden ``xlwings.conf`` sheet of the master workbook: the settings
xlwings' VBA reads for every button, through cells (Unicode-safe) rather than
through a settings file opened with the ANSI file API.  What each key does
and why it is there: tdkt_xl/io/xlwings_conf.py."""
from __future__ import annotations

from tdkt_xl.io import xlwings_conf as XC


def write_conf_sheet(ws, setting_cells: dict, settings, text_format) -> None:
    """Keys in column A from A1 down (no header row: VBA reads from A1),
    values in B, a Vietnamese note in C.  A value taken from a Cấu hình row
    is a formula on that cell, with its cached value."""
    ws.set_column(0, 0, 30)
    ws.set_column(1, 1, 40)
    ws.set_column(2, 2, 90)
    for r, e in enumerate(XC.ENTRIES):
        ws.write_string(r, 0, e.key, text_format)
        if e.from_setting:
            ws.write_formula(r, 1, XC.interpreter_formula(setting_cells[e.from_setting]), text_format,
                             XC.interpreter_value(getattr(settings, e.from_setting, "")))
        elif e.value:
            ws.write_string(r, 1, e.value, text_format)
        ws.write_string(r, 2, e.note, text_format)
    ws.hide()
