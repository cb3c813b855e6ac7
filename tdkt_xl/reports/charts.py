"""Charts of the summary report.

A chart is first described as data (``ChartSpec``: categories and series,
built from the one ``ResultSummary`` / ``AppendixStats``); the same spec is
drawn as a PNG by matplotlib (for the DOCX) and as a native Excel chart by
XlsxWriter (``excel_stats``), so both show the same figures.  PNGs are
deterministic: Agg backend, a serif face like the documents' (Times New
Roman, else Liberation Serif, else the bundled DejaVu Serif; all have the
Vietnamese glyphs), no timestamp or version in the PNG metadata.  Labels are
the full names a reader knows (``Giấy khen của Chủ tịch UBND xã``), never a
short code.
"""
from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass, field
from typing import Optional

from tdkt_xl.reports.aggregate import ResultSummary
from tdkt_xl.reports.appendix_stats import AppendixStats

PASS_COLOR, FAIL_COLOR, OTHER_COLOR = "#2E7D32", "#C62828", "#1565C0"
SERIF_FONTS = ("Times New Roman", "Liberation Serif", "DejaVu Serif")
# Figure height: the picture never splits across pages, so it is as short as its text
# allows (all text 8 pt or more, drawn at the size it is placed: 6.3 in = 160 mm wide).
LABEL_WRAP = 50        # characters of a category label per line (the longest unit names fit)
ROW_IN = 0.135         # per category: an 8 pt label at single spacing (9.7 pt)
EXTRA_LINE_IN = 0.11   # per further line of a wrapped label
AXIS_IN = 0.5          # value axis: tick labels and its title
LEGEND_IN = 0.3        # the legend under a stacked chart


@dataclass
class Series:
    name: str
    values: list
    color: str


@dataclass
class ChartSpec:
    key: str                     # file stem: chart_<key>.png
    title: str
    categories: list
    series: list                 # list[Series]
    kind: str = "barh"           # "barh" (one series, percent) / "barh_stacked" / "col_stacked"
    value_axis: str = ""
    percent: bool = False
    note: str = ""               # caption line under the chart in the report
    extra: dict = field(default_factory=dict)


def pass_share_chart(summary: ResultSummary) -> ChartSpec:
    rows = summary.rows
    return ChartSpec(
        "ty_le_dat", "Tỷ lệ nội dung kiểm tra được đánh giá Đạt của từng đơn vị",
        [r.unit.name + (" (*)" if r.by_files else "") for r in rows],
        [Series("Tỷ lệ Đạt (%)", [round(r.pass_share, 1) for r in rows], PASS_COLOR)],
        kind="barh", value_axis="Tỷ lệ nội dung Đạt (%)", percent=True,
        note="(*) Đơn vị kiểm tra qua hồ sơ.",
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
    lines = stats.awards
    return ChartSpec(
        "co_cau_khen_thuong", "Cơ cấu danh hiệu thi đua, hình thức khen thưởng",
        [a.label for a in lines],
        [Series("Tập thể", [a.collectives for a in lines], OTHER_COLOR),
         Series("Hộ gia đình", [a.households for a in lines], "#F9A825"),
         Series("Cá nhân", [a.individuals for a in lines], PASS_COLOR)],
        kind="barh_stacked", value_axis="Số lượng")


def chart_specs(summary: ResultSummary, stats: Optional[AppendixStats] = None) -> list:
    """The report's charts: share of items Đạt per unit, then the award
    structure (with appendices) or else the assessment structure per area."""
    specs = [pass_share_chart(summary)]
    if stats is not None and stats.awards:
        specs.append(awards_chart(stats))
    specs.append(areas_chart(summary))
    return specs


# ------------------------------------------------------------------ matplotlib
RC = {
    # the documents' face: Times New Roman where installed, else its metric twin
    # Liberation Serif, else matplotlib's own DejaVu Serif (always there)
    "font.family": "serif", "font.serif": list(SERIF_FONTS),
    "font.size": 9, "axes.titlesize": 11,
    "axes.spines.top": False, "axes.spines.right": False,
    "svg.hashsalt": "tdkt", "path.simplify": False,
}


def _matplotlib():
    """matplotlib with the chart settings, without pyplot: no backend discovery,
    no figure manager; a figure is drawn by the Agg canvas directly."""
    import matplotlib
    matplotlib.rcdefaults()
    matplotlib.rcParams.update(RC)
    return matplotlib


def render_png(spec: ChartSpec, width_in: float = 6.3) -> bytes:
    """The chart's PNG: from the chart cache when the same spec was drawn
    before by the same code and matplotlib, else drawn (and stored)."""
    from tdkt_xl.reports import chart_cache
    key = chart_cache.key(spec, width_in)
    png = chart_cache.load(spec.key, key)
    if png is None:
        fig = figure(spec, width_in=width_in)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", metadata={"Software": None})
        png = buf.getvalue()
        chart_cache.store(spec.key, key, png)
    return png


def figure(spec: ChartSpec, width_in: float = 6.3):
    """The matplotlib figure of a chart (an Agg canvas, no pyplot).  It carries no
    title: the report captions the image with a Word paragraph in Times New Roman
    (``Biểu đồ N. <title>``), which the NĐ 30 checker can read; text drawn in the
    image is in the plotting face."""
    _matplotlib()
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    n = len(spec.categories)
    wrapped = [textwrap.wrap(c, LABEL_WRAP) or [c] for c in spec.categories]
    legend = LEGEND_IN if spec.kind != "barh" else 0
    height = max(1.6, AXIS_IN + ROW_IN * n + legend
                 + EXTRA_LINE_IN * sum(len(lines) - 1 for lines in wrapped))
    fig = Figure(figsize=(width_in, height), dpi=150)
    FigureCanvasAgg(fig)
    ax = fig.subplots()
    ys = list(range(n))[::-1]             # first category on top
    if spec.kind == "barh":
        s = spec.series[0]
        bars = ax.barh(ys, s.values, color=s.color, height=0.7)
        labels = spec.extra.get("labels") or [""] * n
        for bar, v, lab in zip(bars, s.values, labels):
            text = f"{v:.1f}".replace(".", ",") + "%" + (f" ({lab})" if lab else "")
            ax.text(bar.get_width() + 1, bar.get_y() + bar.get_height() / 2, text,
                    va="center", fontsize=8)
        ax.set_xlim(0, 150 if spec.percent else max(s.values or [1]) * 1.3)
        if spec.percent:
            ax.set_xticks([0, 20, 40, 60, 80, 100])
    else:
        left = [0] * n
        totals = [sum(vals) for vals in zip(*(s.values for s in spec.series))] or [0]
        wide = max(totals + [1]) * 0.06          # label a segment only when it has room
        for s in spec.series:
            bars = ax.barh(ys, s.values, left=left, color=s.color, height=0.7, label=s.name)
            for bar, v, l0 in zip(bars, s.values, left):
                if v and v >= wide:
                    ax.text(l0 + v / 2, bar.get_y() + bar.get_height() / 2, str(v),
                            ha="center", va="center", fontsize=8, color="white")
            left = [a + b for a, b in zip(left, s.values)]
        for y, total in zip(ys, left):
            ax.text(total + max(left or [1]) * 0.01, y, str(total), va="center", fontsize=8)
        ax.set_xlim(0, max(left or [1]) * 1.12)
        fig.legend(loc="lower center", ncol=len(spec.series), fontsize=8, frameon=False)
    ax.set_yticks(ys)
    ax.set_yticklabels(["\n".join(lines) for lines in wrapped], fontsize=8)
    ax.set_xlabel(spec.value_axis)
    ax.grid(axis="x", color="#DDDDDD", linewidth=0.6)
    ax.set_axisbelow(True)
    bottom = legend / height
    fig.tight_layout(rect=(0, bottom, 1, 1))
    return fig


def file_name(spec: ChartSpec) -> str:
    return f"bieu_do_{spec.key}.png"


def render_all(specs: list) -> dict:
    """key -> PNG bytes."""
    return {s.key: render_png(s) for s in specs}
