"""Write a unit's Phụ lục I-III form (.xlsx, XlsxWriter) from the spec.

Labels, formulas and identification are locked (sheet protection without a
password unless the spec sets one); input cells are unlocked, yellow, with
data validation.  Totals and ratios are formulas; their cached values are
those of an empty form (0, or empty for a ratio), which is right.  The
template id, version and unit code live in the hidden sheet's cells, so they
survive LibreOffice, WPS and Google Sheets.
"""
from __future__ import annotations

import datetime as dt

from xlsxwriter.utility import xl_rowcol_to_cell

from tdkt_xl.appendices.context import UnitContext
from tdkt_xl.io.xlsx import print_setup
from tdkt_xl.documents.marker import mark_xlsx
from tdkt_xl.appendices.spec import (CHOICE, COL_LABEL, COL_NOTE, COL_STT, COL_UNIT, COL_VALUE, DATE,
                                     HEAD_ROWS, INT, MONEY, RATIO, SIGN_TITLE, TEXT, Spec, info_columns,
                                     layout)
from tdkt_xl.io.xlsx import new_workbook, set_properties

# id sheet cells (label in A, value in B); lists start in column D
ID_ROWS = (("template_id", "Mã mẫu"), ("version", "Phiên bản"), ("unit_code", "Mã đơn vị"),
           ("unit_name", "Tên đơn vị"), ("variant", "Loại biểu"), ("year", "Năm"))
VARIANT_COMMUNE, VARIANT_DISTRICT = "Xã, thị trấn", "Cơ quan, đơn vị"
LIST_COL0 = 3
MAX_INT = 10_000_000
MAX_MONEY = 1_000_000_000_000


def _abs(sheet: str, row: int, col: int) -> str:
    return f"'{sheet}'!{xl_rowcol_to_cell(row, col, row_abs=True, col_abs=True)}"


class _Formats:
    def __init__(self, wb, colors: dict):
        base = {"font_name": "Times New Roman", "font_size": 11, "valign": "vcenter"}
        inp = colors.get("input", "#FFF2CC")
        grey = colors.get("formula", "#E7E6E6")
        head = colors.get("header", "#DDEBF7")

        def f(**kw):
            return wb.add_format({**base, **kw})
        self.title = f(bold=True, font_size=14, align="center_across")
        self.title2 = f(bold=True, font_size=13, align="center_across")
        self.italic_c = f(italic=True, align="center_across")
        self.unit = f(bold=True, font_size=12)
        self.text = f()
        self.guide = f(italic=True, font_color="#C00000")
        self.section = f(bold=True, font_size=12)
        self.header = f(bold=True, text_wrap=True, align="center", border=1, bg_color=head, locked=True)
        self.label = f(text_wrap=True, border=1, locked=True)
        self.label_b = f(text_wrap=True, border=1, locked=True, bold=True)
        self.stt = f(align="center", border=1, locked=True)
        self.unit_c = f(align="center", border=1, locked=True, font_color="#595959")
        self.note = f(italic=True, font_color="#595959", locked=True)
        self.in_int = f(num_format="#,##0", border=1, bg_color=inp, locked=False)
        self.in_text = f(text_wrap=True, border=1, bg_color=inp, locked=False)
        self.in_choice = f(border=1, bg_color=inp, locked=False, text_wrap=True)
        self.in_date = f(num_format="dd/mm/yyyy", border=1, bg_color=inp, locked=False, align="center")
        self.fx_int = f(num_format="#,##0", border=1, bg_color=grey, locked=True)
        self.fx_int_b = f(num_format="#,##0", border=1, bg_color=grey, locked=True, bold=True)
        self.fx_pct = f(num_format="0.0%", border=1, bg_color=grey, locked=True)
        self.id_label = f(bold=True)
        self.sign_title = f(bold=True, align="center", locked=True)
        self.sign_hint = f(italic=True, align="center", locked=True)


def _validation(kind: str, source: str | None = None) -> dict | None:
    if kind == INT:
        return {"validate": "integer", "criteria": "between", "minimum": 0, "maximum": MAX_INT,
                "error_title": "Số liệu không hợp lệ",
                "error_message": "Nhập số nguyên không âm (0, 1, 2, ...). Không có thì để trống."}
    if kind == MONEY:
        return {"validate": "integer", "criteria": "between", "minimum": 0, "maximum": MAX_MONEY,
                "error_title": "Số tiền không hợp lệ",
                "error_message": "Nhập số tiền bằng đồng, số nguyên không âm, không ghi chữ 'đồng'."}
    if kind == DATE:
        return {"validate": "date", "criteria": "between", "minimum": dt.date(2000, 1, 1),
                "maximum": dt.date(2100, 12, 31), "error_title": "Ngày không hợp lệ",
                "error_message": "Nhập ngày dạng dd/mm/yyyy, ví dụ 15/03/2024.",
                "input_title": "Ngày", "input_message": "Dạng dd/mm/yyyy, ví dụ 15/03/2024."}
    if kind == CHOICE and source:
        return {"validate": "list", "source": source, "error_title": "Giá trị không có trong danh sách",
                "error_message": "Bấm mũi tên ở góc ô để chọn một giá trị trong danh sách.",
                "input_title": "Chọn trong danh sách", "input_message": "Bấm mũi tên ở góc ô để chọn."}
    return None


def _row_height(text: str, width: float, base: float = 15.0) -> float:
    chars = max(8.0, width * 1.15)
    lines = max(1, -(-len(text) // int(chars)))
    return base * lines


def form_bytes(spec: Spec, ctx: UnitContext) -> bytes:
    """The unit's form (.xlsx) as bytes."""
    lay = layout(spec, ctx.commune)
    wb, buf = new_workbook()
    set_properties(wb, {"title": f"Phụ lục kiểm tra công tác thi đua, khen thưởng năm {ctx.year} - {ctx.name}",
                       "subject": f"{spec.template_id} v{spec.version}", "author": ctx.council_name or "",
                       "company": ctx.council_name or "", "created": ctx.stamp,
                       "comments": f"{spec.template_id};{spec.version};{ctx.code}"})
    mark_xlsx(wb, {"tdkt_kind": "forms", "tdkt_unit": ctx.code, "tdkt_round": ctx.round_id})
    fm = _Formats(wb, spec.colors)
    sheets = {sl.spec.key: wb.add_worksheet(sl.spec.name) for sl in lay.sheets.values()}
    idws = wb.add_worksheet(spec.id_sheet)

    # ---- identification and lists (hidden sheet)
    values = {"template_id": spec.template_id, "version": spec.version, "unit_code": ctx.code,
              "unit_name": ctx.name, "variant": VARIANT_COMMUNE if ctx.commune else VARIANT_DISTRICT,
              "year": ctx.year}
    for r, (key, label) in enumerate(ID_ROWS):
        idws.write_string(r, 0, label, fm.id_label)
        v = values[key]
        if isinstance(v, int):
            idws.write_number(r, 1, v)
        else:
            idws.write_string(r, 1, str(v))
    list_sources: dict = {}
    col = LIST_COL0

    def list_source(choices: tuple) -> str:
        nonlocal col
        if choices not in list_sources:
            idws.write_string(0, col, "Danh sách", fm.id_label)
            for i, c in enumerate(choices):
                idws.write_string(i + 1, col, c)
            list_sources[choices] = (f"={_abs(spec.id_sheet, 1, col)}:"
                                     f"{xl_rowcol_to_cell(len(choices), col, row_abs=True, col_abs=True)}")
            col += 1
        return list_sources[choices]
    idws.set_column(0, 0, 14)
    idws.set_column(1, 1, 40)
    idws.protect(spec.protection_password)
    idws.hide()

    for skey, sl in lay.sheets.items():
        ws = sheets[skey]
        last_col = max(sl.width, 5) - 1
        widths = {COL_STT: 5, COL_LABEL: 50, COL_VALUE: 16, COL_UNIT: 12, COL_NOTE: 14}
        for c, w in sl.col_widths.items():
            widths[c] = max(widths.get(c, 0), w) if c != COL_LABEL else max(50, w)
        for c in range(last_col + 1):
            ws.set_column(c, c, widths.get(c, 12))

        def across(row, text, fmt):
            ws.write_string(row, 0, text, fmt)
            for c in range(1, last_col + 1):
                ws.write_blank(row, c, None, fmt)
        across(0, sl.spec.name, fm.title)
        across(1, sl.spec.title, fm.title2)
        across(2, ctx.plan_line, fm.italic_c)
        ws.write_string(3, 0, f"Đơn vị: {ctx.name} (mã đơn vị: {ctx.code})", fm.unit)
        ws.write_string(4, 0, ctx.period_text, fm.text)
        for i, line in enumerate(spec.instructions[:HEAD_ROWS - 6]):    # rows 6..8; row 9 stays blank
            ws.write_string(5 + i, 0, line.format(due=ctx.due_text, year=ctx.year,
                                                 office=ctx.office or "cơ quan thường trực Hội đồng",
                                                 max_rows=spec.limits.get("max_table_rows", "")), fm.guide)

        for sec, title_row, rows in sl.sections:
            ws.write_string(title_row, 0, sec.title, fm.section)
            if sec.type == "fields":
                hr = title_row + 1
                for c, text in ((COL_STT, "STT"), (COL_LABEL, "Nội dung"), (COL_VALUE, "Số liệu"),
                                (COL_UNIT, "Đơn vị tính"), (COL_NOTE, "Ghi chú")):
                    ws.write_string(hr, c, text, fm.header)
                stt = {k: i + 1 for i, (_r, k) in enumerate(rows)}
                for i, (r, key) in enumerate(rows):
                    f = sl.kinds[key]
                    ws.write_number(r, COL_STT, i + 1, fm.stt)
                    ws.write_string(r, COL_LABEL, f.label, fm.label_b if (f.sum or f.minus) else fm.label)
                    ws.set_row(r, _row_height(f.label, widths[COL_LABEL]))
                    ws.write_string(r, COL_UNIT, "%" if f.kind == RATIO else f.unit, fm.unit_c)
                    note = ""
                    if f.kind == RATIO:
                        num = ",".join(_ref(lay, skey, k) for k in f.num)
                        den = ",".join(_ref(lay, skey, k) for k in f.den)
                        ws.write_formula(r, COL_VALUE, f"=IF(SUM({den})=0,\"\",SUM({num})/SUM({den}))",
                                         fm.fx_pct, "")
                        note = "Tự tính " + f.definition
                    elif f.sum or f.minus:
                        plus = ",".join(_ref(lay, skey, k) for k in f.sum)
                        expr = f"SUM({plus})" + "".join(f"-{_ref(lay, skey, k)}" for k in f.minus)
                        ws.write_formula(r, COL_VALUE, "=" + expr, fm.fx_int_b, 0)
                        note = "Tự tính = " + " + ".join(f"({stt[k]})" for k in f.sum if k in stt)
                        note += "".join(f" - ({stt[k]})" for k in f.minus if k in stt)
                    elif f.kind in (INT, MONEY):
                        ws.write_blank(r, COL_VALUE, None, fm.in_int)
                        ws.data_validation(r, COL_VALUE, r, COL_VALUE, _validation(f.kind))
                    elif f.kind == CHOICE:
                        ws.write_blank(r, COL_VALUE, None, fm.in_choice)
                        ws.data_validation(r, COL_VALUE, r, COL_VALUE, _validation(CHOICE, list_source(f.choices)))
                    else:
                        ws.write_blank(r, COL_VALUE, None, fm.in_text)
                    if f.max and f.max in stt:
                        note = (note + "; " if note else "") + f"không lớn hơn số ở dòng ({stt[f.max]})"
                    if note:
                        ws.write_string(r, COL_NOTE, note, fm.note)
            elif sec.type == "table":
                tl = sl.tables[sec.table]
                ws.write_string(tl.header_row, 0, "STT", fm.header)
                longest = 1
                for c in sec.columns:
                    ws.write_string(tl.header_row, tl.cols[c.key], c.label, fm.header)
                    longest = max(longest, _row_height(c.label, widths.get(tl.cols[c.key], 12)))
                ws.set_row(tl.header_row, longest)
                # room for two lines where a row holds long text (trích yếu, thành tích…)
                tall = any(c.kind == TEXT and c.width >= 30 for c in sec.columns)
                for i in range(sec.rows):
                    r = tl.first_row + i
                    if tall:
                        ws.set_row(r, 30)
                    ws.write_number(r, 0, i + 1, fm.stt)
                    for c in sec.columns:
                        cc = tl.cols[c.key]
                        if c.sum:
                            parts = ",".join(xl_rowcol_to_cell(r, tl.cols[p]) for p in c.sum)
                            ws.write_formula(r, cc, f"=IF(COUNT({parts})=0,\"\",SUM({parts}))", fm.fx_int, "")
                        elif c.kind in (INT, MONEY):
                            ws.write_blank(r, cc, None, fm.in_int)
                        elif c.kind == DATE:
                            ws.write_blank(r, cc, None, fm.in_date)
                        elif c.kind == CHOICE:
                            ws.write_blank(r, cc, None, fm.in_choice)
                        else:
                            ws.write_blank(r, cc, None, fm.in_text)
                for c in sec.columns:
                    if c.sum or c.kind == TEXT:
                        continue
                    cc = tl.cols[c.key]
                    src = list_source(c.choices) if c.kind == CHOICE else None
                    v = _validation(c.kind, src)
                    if v:
                        ws.data_validation(tl.first_row, cc, tl.last_row, cc, v)
            elif sec.type == "summary":
                tl = sl.tables[sec.table]
                hr = title_row + 1
                ws.write_string(hr, 0, "STT", fm.header)
                ws.write_string(hr, 1, tl.section.columns[0].label, fm.header)
                for c in range(2, last_col + 1):
                    ws.write_blank(hr, c, None, fm.header)
                for ck in sec.columns:
                    ws.write_string(hr, tl.cols[ck], next(c.label for c in tl.section.columns if c.key == ck),
                                    fm.header)
                infos = info_columns(sec, tl)
                for col, info in infos:
                    ws.write_string(hr, col, info.label, fm.header)
                choices = {c.code: c for c in spec.choices(sec.choices)}
                ws.set_row(hr, 45)
                by_col = tl.cols[sec.by]
                rng_by = (f"{xl_rowcol_to_cell(tl.first_row, by_col, True, True)}:"
                          f"{xl_rowcol_to_cell(tl.last_row, by_col, True, True)}")
                first = rows[0][0]
                for i, (r, code) in enumerate(rows):
                    is_total = code == "total"
                    label = "Cộng" if is_total else dict(sec.groups)[code]
                    ws.write(r, 0, "" if is_total else i + 1, fm.stt)
                    ws.write_string(r, 1, label, fm.label_b if is_total else fm.label)
                    for c in range(2, last_col + 1):
                        ws.write_blank(r, c, None, fm.label)
                    height = _row_height(label, widths.get(1, 12))
                    for col, info in infos:
                        if not is_total and code in choices:
                            text = info.text(choices[code])
                            ws.write_string(r, col, text, fm.label)
                            height = max(height, _row_height(text, widths.get(col, 12)))
                    if height > 15:
                        ws.set_row(r, height)
                    for ck in sec.columns:
                        cc = tl.cols[ck]
                        if is_total:
                            formula = (f"=SUM({xl_rowcol_to_cell(first, cc)}:"
                                       f"{xl_rowcol_to_cell(r - 1, cc)})")
                        else:
                            rng = (f"{xl_rowcol_to_cell(tl.first_row, cc, True, True)}:"
                                   f"{xl_rowcol_to_cell(tl.last_row, cc, True, True)}")
                            formula = f"=SUMIFS({rng},{rng_by},{xl_rowcol_to_cell(r, 1, False, True)})"
                        ws.write_formula(r, cc, formula, fm.fx_int_b if is_total else fm.fx_int, 0)
        bottom = max([HEAD_ROWS] + [r for _s, _t, rows in sl.sections for r, _k in rows]
                     + [tl.last_row for tl in sl.tables.values()])
        bottom = _signatures(ws, fm, bottom + 2, last_col)
        print_setup(ws, 3, bottom, [widths.get(c, 12) for c in range(last_col + 1)])
        ws.protect(spec.protection_password, {"format_rows": True, "format_columns": True,
                                              "select_locked_cells": True, "select_unlocked_cells": True,
                                              "insert_rows": True})
        ws.set_column(last_col + 1, last_col + 1, 12)
        if skey == spec.sheets[0].key:
            ws.activate()
    wb.close()
    return buf.getvalue()


SIGNERS = ((SIGN_TITLE, "(Ký, ghi rõ họ tên)"),
           ("THỦ TRƯỞNG ĐƠN VỊ", "(Ký tên, đóng dấu)"))


def _signatures(ws, fm, row: int, last_col: int) -> int:
    """The form's signature block: who made it (left), the head of the unit (right,
    signed and stamped).  Returns the last row used."""
    # single cells (a merged or centred-across range is refused by the merge, PL14)
    for col, (title, hint) in zip((COL_LABEL, max(last_col - 1, COL_VALUE)), SIGNERS):
        ws.write_string(row, col, title, fm.sign_title)
        ws.write_string(row + 1, col, hint, fm.sign_hint)
    return row + 6            # room to sign


def _ref(lay, sheet_key: str, key: str) -> str:
    """A1 reference of a scalar key as seen from sheet ``sheet_key``."""
    for sk, sl in lay.sheets.items():
        if key in sl.cells:
            r, c = sl.cells[key]
            cell = xl_rowcol_to_cell(r, c)
            return cell if sk == sheet_key else f"'{sl.spec.name}'!{cell}"
    return "0"
