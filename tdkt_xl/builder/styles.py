"""Cell formats of the master workbook (one place for fonts and colours)."""
from __future__ import annotations

HEADER_BG, HEADER_FG = "#1F4E79", "#FFFFFF"
DERIVED_BG, INPUT_BG, MARK_BG, BORDER = "#EDEDED", "#FFF2CC", "#FFC7CE", "#BFBFBF"


def formats(wb) -> dict:
    """Named XlsxWriter formats of one workbook."""
    base = {"font_name": "Times New Roman", "font_size": 12, "valign": "top"}

    def fmt(**kw):
        return wb.add_format({**base, **kw})

    cell = dict(border=1, border_color=BORDER)
    return {
        "header": fmt(bold=True, text_wrap=True, valign="vcenter", align="center",
                      font_color=HEADER_FG, bg_color=HEADER_BG, border=1, border_color=BORDER),
        "text": fmt(**cell),
        "wrap": fmt(text_wrap=True, **cell),
        "date": fmt(num_format="dd/mm/yyyy", align="center", **cell),
        "time": fmt(num_format="hh:mm", align="center", **cell),
        "datetime": fmt(num_format="dd/mm/yyyy hh:mm", align="center", **cell),
        "int": fmt(num_format="0", align="left", **cell),
        "center": fmt(align="center", **cell),
        "d_text": fmt(bg_color=DERIVED_BG, text_wrap=True, **cell),
        "d_date": fmt(num_format="dd/mm/yyyy", align="center", bg_color=DERIVED_BG, **cell),
        "d_center": fmt(align="center", bg_color=DERIVED_BG, **cell),
        "col_date": fmt(num_format="dd/mm/yyyy", align="center"),
        "col_time": fmt(num_format="hh:mm", align="center"),
        "col_datetime": fmt(num_format="dd/mm/yyyy hh:mm", align="center"),
        "col_wrap": fmt(text_wrap=True),
        "col": fmt(),
        "bar_label": fmt(bold=True, valign="vcenter", align="right"),
        "bar_input": fmt(bold=True, valign="vcenter", bg_color=INPUT_BG, border=1,
                         border_color="#7F7F7F"),
        "bar_note": fmt(italic=True, valign="vcenter", font_color="#595959"),
        "title": fmt(bold=True, font_size=16, font_color=HEADER_BG, valign="vcenter"),
        "subtitle": fmt(bold=True, font_size=13, valign="vcenter"),
        "head": fmt(bold=True, font_size=13, font_color=HEADER_BG, valign="bottom"),
        "para": fmt(text_wrap=True),
        "item": fmt(text_wrap=True, indent=1),
        "opt_label": fmt(bold=True, valign="vcenter", border=1, border_color=BORDER),
        "opt_input": fmt(bold=True, valign="vcenter", bg_color=INPUT_BG, border=1,
                         border_color="#7F7F7F"),
        "opt_help": fmt(italic=True, text_wrap=True, valign="vcenter", font_color="#595959"),
        "mark": wb.add_format({"bg_color": MARK_BG, "font_color": "#9C0006"}),
        "plain": wb.add_format({}),
    }
