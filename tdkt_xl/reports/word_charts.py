"""The report's charts as native Word charts (DrawingML chart parts).

Each chart is drawn by the one definition (``charts.add_chart``) in a small
workbook holding only its data (sheet ``Dữ liệu``, the table of
``charts.write_table``); its chart part (``xl/charts/chart1.xml``, whose
series carry the figures as cached values, which Word and LibreOffice draw
from) goes into the report, the workbook beside it as the chart's embedded
data (Word's *Edit Data*).  Deterministic: the workbook's creation date is
the report's as-of date, XlsxWriter's zip entries carry a fixed time.
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile

from tdkt_xl.documents.render import Chart
from tdkt_xl.io.xlsx import new_workbook
from tdkt_xl.reports.charts import ChartSpec, FONT, add_chart, for_libreoffice, height_mm, write_table

DATA_SHEET = "Dữ liệu"
CHART_PART = "xl/charts/chart1.xml"


def embedded_workbook(spec: ChartSpec, width_mm: float, as_of: dt.date) -> bytes:
    """The chart's own workbook: its data table and the chart over it."""
    wb, buf = new_workbook()
    wb.set_properties({"title": spec.title, "author": "tdkt_xl",
                       "created": dt.datetime.combine(as_of, dt.time())})
    ws = wb.add_worksheet(DATA_SHEET)
    text = {"font_name": FONT}
    formats = {"head": wb.add_format({**text, "bold": True}), "cell": wb.add_format(text),
               "num": wb.add_format(text)}
    ws.set_column(0, 0, 44)
    ws.set_column(1, len(spec.series), 12)
    first, last = write_table(ws, spec, 0, formats)
    ws.insert_chart(0, len(spec.series) + 2, add_chart(wb, DATA_SHEET, spec, first, last, False,
                                                         width_mm))
    wb.close()
    return buf.getvalue()


def word_chart(spec: ChartSpec, width_mm: float, as_of: dt.date, name: str) -> Chart:
    """The chart for the report's template (``{{ c.chart }}``), ``width_mm`` wide and as
    tall as its categories need; ``name``: the drawing's name and description."""
    book = embedded_workbook(spec, width_mm, as_of)
    part = for_libreoffice(zipfile.ZipFile(io.BytesIO(book)).read(CHART_PART))
    return Chart(part, book, width_mm, height_mm(spec), name)
