"""The consolidated results workbook ``tong_hop_ket_qua.xlsx`` (XlsxWriter):
sheet ``Tổng hợp kết quả`` (one row per unit, totals by formula) and sheet
``Thống kê`` with the data of every chart and the same charts as native
Excel charts."""
from __future__ import annotations

import datetime as dt

from xlsxwriter.utility import xl_rowcol_to_cell

from tdkt_xl.io.xlsx import new_workbook
from tdkt_xl.reports.aggregate import ResultSummary
from tdkt_xl.reports.charts import ChartSpec, add_chart, charts_for_libreoffice, write_table
from tdkt_xl.io.xlsx import print_setup
from tdkt_xl.reports.xlsx_util import row_height
from tdkt_xl.documents.marker import mark_xlsx
from tdkt_xl.documents.text import short_date as date_short

SHEET_TABLE = "Tổng hợp kết quả"
SHEET_STATS = "Thống kê"
TABLE_HEADERS = ("STT", "Đơn vị", "Khối", "Ngày kiểm tra", "Hình thức", "Số nội dung kiểm tra",
                 "Đạt", "Chưa đạt", "Tỷ lệ Đạt (%)", "Số kiến nghị", "Đã khắc phục")


def table_rows(summary: ResultSummary) -> list:
    """One list per unit, in the order and with the values of the report's
    attached table."""
    return [[r.stt, r.unit.name, r.unit.block, date_short(r.inspection.date), r.mode_label,
             r.n_items, r.n_pass, r.n_fail, round(r.pass_share, 1), r.n_recs, r.n_remedied]
            for r in summary.rows]


def workbook_bytes(summary: ResultSummary, specs: list, title: str) -> bytes:
    """The workbook as bytes (deterministic: its creation date is the as-of date)."""
    wb, buf = new_workbook()
    wb.set_properties({"title": title, "author": "tdkt_xl",
                       "created": dt.datetime.combine(summary.as_of, dt.time())})
    mark_xlsx(wb, {"tdkt_kind": "stats"})
    f_title = wb.add_format({"bold": True, "font_size": 13, "font_name": "Times New Roman"})
    f_note = wb.add_format({"italic": True, "font_name": "Times New Roman"})
    f_head = wb.add_format({"bold": True, "border": 1, "text_wrap": True, "align": "center",
                            "valign": "vcenter", "bg_color": "#DDEBF7", "font_name": "Times New Roman"})
    f_cell = wb.add_format({"border": 1, "valign": "vcenter", "text_wrap": True,
                            "font_name": "Times New Roman"})
    f_num = wb.add_format({"border": 1, "align": "center", "valign": "vcenter",
                           "font_name": "Times New Roman"})
    f_pct = wb.add_format({"border": 1, "align": "center", "valign": "vcenter",
                           "num_format": "0.0",
                           "font_name": "Times New Roman"})
    f_total = wb.add_format({"border": 1, "bold": True, "align": "center",
                             "font_name": "Times New Roman"})
    f_total_pct = wb.add_format({"border": 1, "bold": True, "align": "center",
                                 "num_format": "0.0", "font_name": "Times New Roman"})

    # ---- table
    ws = wb.add_worksheet(SHEET_TABLE)
    ws.write(0, 0, f"TỔNG HỢP KẾT QUẢ KIỂM TRA - {title}", f_title)
    ws.write(1, 0, f"Tình trạng khắc phục tính đến ngày {date_short(summary.as_of)}.", f_note)
    rows = table_rows(summary)
    # the Khối column as wide as the round's longest block name (one line, as the unit names)
    block_w = max([26] + [-(-(len(str(r[2] or "")) + 1) // 1.15) + 1 for r in rows])
    widths = (5, 40, int(block_w), 12, 11, 11, 7, 9, 9, 9, 11)
    for c, (h, w) in enumerate(zip(TABLE_HEADERS, widths)):
        ws.write(3, c, h, f_head)
        ws.set_column(c, c, w)
    ws.set_row(3, 32)
    first = 4
    for i, row in enumerate(rows):
        ws.set_row(first + i, row_height([(row[1], widths[1]), (row[2], widths[2])]))
        for c, v in enumerate(row):
            fmt = f_cell if c in (1, 2) else (f_pct if c == 8 else f_num)
            ws.write(first + i, c, v, fmt)
    last = first + len(rows) - 1
    tr = last + 1
    ws.merge_range(tr, 0, tr, 4, "Tổng cộng", f_total)
    for c in (5, 6, 7, 9, 10):
        col_first, col_last = xl_rowcol_to_cell(first, c), xl_rowcol_to_cell(last, c)
        total = sum(r[c] for r in rows)
        ws.write_formula(tr, c, f"=SUM({col_first}:{col_last})", f_total, total)
    ws.write_formula(tr, 8, f"=IF({xl_rowcol_to_cell(tr, 5)}=0,0,ROUND(100*{xl_rowcol_to_cell(tr, 6)}"
                            f"/{xl_rowcol_to_cell(tr, 5)},1))", f_total_pct, round(summary.pass_share, 1))
    ws.freeze_panes(first, 2)
    ws.autofilter(3, 0, last, len(TABLE_HEADERS) - 1)
    print_setup(ws, 3, tr, widths)

    # ---- statistics with native charts
    st = wb.add_worksheet(SHEET_STATS)
    st.set_column(0, 0, 44)
    st.set_column(1, 4, 12)
    row = 0
    for spec in specs:
        row = _chart_block(wb, st, row, spec, f_title, f_head, f_cell, f_num)
    # tables in A:D, each chart beside its table from column E (640 px, about 9 columns)
    st.set_paper(9)
    st.set_landscape()
    st.fit_to_pages(1, 0)
    st.print_area(0, 0, max(row - 1, 0), CHART_LAST_COL)
    st.set_footer("&CTrang &P/&N")
    wb.close()
    return charts_for_libreoffice(buf.getvalue())


CHART_LAST_COL = 13
CHART_WIDTH_MM = 169       # beside its table, from column E to about column N


def _chart_block(wb, st, row: int, spec: ChartSpec, f_title, f_head, f_cell, f_num) -> int:
    st.write(row, 0, spec.title, f_title)
    first, last = write_table(st, spec, row + 1, {"head": f_head, "cell": f_cell, "num": f_num})
    chart = add_chart(wb, SHEET_STATS, spec, first, last, True, CHART_WIDTH_MM)
    st.insert_chart(row, 4, chart)
    rows_used = max(len(spec.categories) + 3, chart.height // 20 + 2)
    return row + rows_used + 1
