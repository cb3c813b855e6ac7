"""Charts of the summary report.

A chart is first described as data (``ChartSpec``: categories and series,
built from the one ``ResultSummary`` / ``AppendixStats``), then drawn by one
definition, ``add_chart`` (an XlsxWriter chart over the chart's data table,
``write_table``), which serves both outputs: the native Excel charts of the
statistics workbook (``excel_stats``) and the native Word charts of the report
(``word_charts``: the same chart part, with its data in an embedded
workbook), so both show the same figures.  Text is Times New Roman, 8 pt or
more.  Labels are the full names a reader knows (``Giấy khen của Chủ tịch
UBND xã``), never a short code.
"""
from __future__ import annotations

import io
import re
import textwrap
import zipfile
from dataclasses import dataclass, field
from typing import Optional

from lxml import etree

from tdkt_xl.reports.aggregate import ResultSummary
from tdkt_xl.reports.appendix_stats import AppendixStats

PASS_COLOR, FAIL_COLOR, OTHER_COLOR = "#2E7D32", "#C62828", "#1565C0"
FONT, FONT_PT, TITLE_PT = "Times New Roman", 8, 11
# Chart height: the chart never splits across pages, so it is as short as its text
# allows (all text 8 pt or more, at the size it is placed: 160 mm wide in the report).
LABEL_WRAP = 50        # characters of a category label per line (the longest unit names fit)
ROW_MM = 3.7           # per category: an 8 pt label (9.7 pt a line) and the gap between bars
                       # (the least at which LibreOffice draws every label of Chart 1)
EXTRA_LINE_MM = 2.8    # per further line of a wrapped label
AXIS_MM = 7.0          # value axis: tick labels
AXIS_TITLE_MM = 5.7    # and its title, when it has one
LEGEND_MM = 7.6        # the legend under a stacked chart
MIN_MM = 55
TITLE_MM = 10        # a title drawn in the chart (the workbook's)
PX_PER_MM = 96 / 25.4  # XlsxWriter sizes a chart in pixels at 96 dpi


@dataclass
class Series:
    name: str
    values: list
    color: str


@dataclass
class ChartSpec:
    key: str                     # a short name of the chart (ASCII)
    title: str
    categories: list
    series: list                 # list[Series]
    kind: str = "barh"           # "barh" (one series, percent) / "barh_stacked" / "col_stacked"
    value_axis: str = ""
    percent: bool = False
    note: str = ""               # caption line under the chart in the report
    extra: dict = field(default_factory=dict)


# a unit inspected on its files, said in its label (in the report and the statistics
# workbook alike): no '(*)' needing a note under the caption, which made the block of
# heading, chart, caption and note too tall for the rest of a page
BY_FILES_LABEL = " (qua hồ sơ)"


def pass_share_chart(summary: ResultSummary) -> ChartSpec:
    rows = summary.rows
    return ChartSpec(
        "ty_le_dat", "Tỷ lệ nội dung kiểm tra được đánh giá Đạt của từng đơn vị",
        [r.unit.name + (BY_FILES_LABEL if r.by_files else "") for r in rows],
        [Series("Tỷ lệ Đạt (%)", [round(r.pass_share, 1) for r in rows], PASS_COLOR)],
        kind="barh", percent=True,          # the labels say %; the caption what of
        extra={"labels": [f"{r.n_pass}/{r.n_items}" for r in rows]})


def areas_chart(summary: ResultSummary) -> ChartSpec:
    areas = summary.areas
    return ChartSpec(
        "co_cau_danh_gia", "Kết quả đánh giá theo lĩnh vực kiểm tra (số lượt nội dung)",
        [f"{a.area.no}. {a.area.short}" for a in areas],
        [Series("Đạt", [a.n_pass for a in areas], PASS_COLOR),
         Series("Chưa đạt", [a.n_fail for a in areas], FAIL_COLOR)],
        kind="barh_stacked", value_axis="Số lượt nội dung được đánh giá")


def awards_chart(stats: AppendixStats) -> ChartSpec:
    """Awards by title, stacked by who received them; a kind nobody received
    (households, in a round of schools) is left out of the chart and its
    legend while two others remain."""
    lines = stats.awards
    series = [Series("Tập thể", [a.collectives for a in lines], OTHER_COLOR),
              Series("Hộ gia đình", [a.households for a in lines], "#F9A825"),
              Series("Cá nhân", [a.individuals for a in lines], PASS_COLOR)]
    given = [s for s in series if any(s.values)]
    return ChartSpec(
        "co_cau_khen_thuong", "Cơ cấu danh hiệu thi đua, hình thức khen thưởng",
        [a.label for a in lines], given if len(given) >= 2 else series,
        kind="barh_stacked", value_axis="Số lượng")


def chart_specs(summary: ResultSummary, stats: Optional[AppendixStats] = None) -> list:
    """The report's charts: share of items Đạt per unit, then the award
    structure (with appendices) or else the assessment structure per area."""
    specs = [pass_share_chart(summary)]
    if stats is not None and stats.awards:
        specs.append(awards_chart(stats))
    specs.append(areas_chart(summary))
    return specs


# ------------------------------------------------------------------ drawing
def height_mm(spec: ChartSpec) -> float:
    """The chart's height for its categories (a wrapped label takes more lines)."""
    wrapped = [textwrap.wrap(c, LABEL_WRAP) or [c] for c in spec.categories]
    legend = LEGEND_MM if len(spec.series) > 1 else 0
    axis = AXIS_MM + (AXIS_TITLE_MM if spec.value_axis else 0)
    return round(max(MIN_MM, axis + ROW_MM * len(spec.categories) + legend
                     + EXTRA_LINE_MM * sum(len(lines) - 1 for lines in wrapped)), 1)


def write_table(ws, spec: ChartSpec, row: int, formats: dict) -> tuple[int, int]:
    """The chart's data at ``row`` of ``ws`` (column A the categories, then one column
    per series, a header row first); ``formats``: head, cell, num.  Returns the
    rows (first, last) of the categories."""
    ws.write(row, 0, "Nội dung", formats.get("head"))
    for j, s in enumerate(spec.series):
        ws.write(row, 1 + j, s.name, formats.get("head"))
    for i, cat in enumerate(spec.categories):
        ws.write(row + 1 + i, 0, cat, formats.get("cell"))
        for j, s in enumerate(spec.series):
            ws.write(row + 1 + i, 1 + j, s.values[i], formats.get("num"))
    return row + 1, row + len(spec.categories)


def _font(size: float = FONT_PT, **more) -> dict:
    return {"name": FONT, "size": size, **more}


def _percent_label(value: float, extra: str) -> str:
    return f"{value:.1f}".replace(".", ",") + "%" + (f" ({extra})" if extra else "")


def add_chart(wb, sheet: str, spec: ChartSpec, first: int, last: int, title: bool,
              width_mm: float):
    """THE chart of ``spec`` (XlsxWriter), over its table written by ``write_table``
    on ``sheet`` (categories in rows ``first``..``last``): horizontal bars, first
    category on top; one series (a share in percent, labelled ``93,3% (14/15)``) or
    stacked series with a legend (a zero segment carries no label: a '0' over the
    next bar reads as a figure).  ``title``: the spec's title drawn in the chart
    (the workbook); the report captions its charts with a Word paragraph instead."""
    stacked = len(spec.series) > 1
    chart = wb.add_chart({"type": "bar", "subtype": "stacked"} if stacked else {"type": "bar"})
    labels = spec.extra.get("labels") or [""] * len(spec.categories)
    for j, s in enumerate(spec.series):
        if spec.percent and not stacked:
            data_labels = {"value": True, "position": "outside_end", "font": _font(),
                           "custom": [{"value": _percent_label(v, lab), "font": _font()}
                                      for v, lab in zip(s.values, labels)]}
        else:
            data_labels = {"value": True, "num_format": "0;-0;;@",
                           "font": _font(color="white" if stacked else "black")}
        chart.add_series({
            "name": [sheet, first - 1, 1 + j],
            "categories": [sheet, first, 0, last, 0],
            "values": [sheet, first, 1 + j, last, 1 + j],
            "fill": {"color": s.color},
            "data_labels": data_labels,
            "gap": 60,
        })
    if title:
        chart.set_title({"name": spec.title, "name_font": _font(TITLE_PT, bold=True)})
    else:
        chart.set_title({"none": True})
    # first category on top, as in the table; the value axis at the bottom
    # ticks said explicitly: an axis without them is drawn by LibreOffice with crossed
    # major and minor ticks (the schema's default), a comb under every chart
    ticks = {"major_tick_mark": "outside", "minor_tick_mark": "none"}
    chart.set_y_axis({"reverse": True, "crossing": "max", "num_font": _font(),
                      "interval_unit": 1, **ticks})          # every category named
    x_axis = {"num_font": _font(), **ticks, "major_gridlines": {"visible": True,
                                                       "line": {"color": "#D9D9D9"}}}
    if spec.percent:
        # room right of a full bar for its label; no tick beyond 100 %
        x_axis.update({"min": 0, "max": 130, "major_unit": 20, "num_format": '[<=100]0;""'})
    if spec.value_axis:
        x_axis.update({"name": spec.value_axis, "name_font": _font(bold=False)})
    chart.set_x_axis(x_axis)
    chart.set_legend({"position": "bottom", "font": _font()} if stacked else {"none": True})
    chart.set_size({"width": round(width_mm * PX_PER_MM),
                    "height": round((height_mm(spec) + (TITLE_MM if title else 0)) * PX_PER_MM)})
    return chart


_C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_SHOW = ("showLegendKey", "showVal", "showCatName", "showSerName", "showPercent", "showBubbleSize")


def for_libreoffice(part: bytes) -> bytes:
    """What XlsxWriter's chart part leaves to the reader, said explicitly so that
    LibreOffice draws the chart as Word and Excel do:
    - data labels name every flag: XlsxWriter writes only the ones it turns on
      (``c:showVal``) and LibreOffice takes a missing flag as on (it printed the
      category and series names over every bar);
    - the category labels are not wrapped: LibreOffice wraps them within a band
      it picks before laying the chart out, then, the two-line labels no longer
      fitting their bars, leaves every other one out.  It wraps only labels with
      no stated rotation (oox ``AxisConverter``: ``TextBreak``), so they state an
      imperceptible one (``rot="-1"``: 1/60000 of a degree)."""
    root = etree.fromstring(part)
    for lbl in [*root.iter(_C + "dLbls"), *root.iter(_C + "dLbl")]:
        val = lbl.find(_C + "showVal")
        if val is None:
            continue
        before = val
        for name in _SHOW:
            el = lbl.find(_C + name)
            if el is None:
                el = etree.Element(_C + name, val="0")
                (before.addprevious if name == "showLegendKey" else before.addnext)(el)
            if name != "showLegendKey":
                before = el
    for body in root.iterfind(f"{_C}chart/{_C}plotArea/{_C}catAx/{_C}txPr/{_A}bodyPr"):
        body.set("rot", "-1")
    for lbl in [*root.iter(_C + "dLbls"), *root.iter(_C + "dLbl")]:
        for body in lbl.iterfind(f"./{_C}txPr/{_A}bodyPr"):
            body.set("wrap", "none")
        for body in lbl.iterfind(f"./{_C}tx/{_C}rich/{_A}bodyPr"):
            body.set("wrap", "none")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def charts_for_libreoffice(xlsx: bytes) -> bytes:
    """A workbook with its chart parts passed through ``for_libreoffice`` (every other
    part, name, time and order as they were)."""
    src = zipfile.ZipFile(io.BytesIO(xlsx))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            if re.fullmatch(r"xl/charts/chart\d+\.xml", info.filename):
                data = for_libreoffice(data)
            out.writestr(info, data)
    return buf.getvalue()
