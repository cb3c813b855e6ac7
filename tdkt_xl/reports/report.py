"""The summary report ``Báo cáo kết quả kiểm tra công tác thi đua, khen thưởng``
(…/BC-HĐTĐKT), its charts and the consolidated results workbook.

``make_report(rnd, out_dir, appendices=None, as_of=None)`` is the service
function (CLI ``tdkt report``, the lead's ``tdkt demo``, the Excel button).
Every figure of the text and of the attached table comes from one
``ResultSummary`` (see ``aggregate``).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from tdkt_xl import gate, model as m
from tdkt_xl.documents.carried import TITLE as CARRIED_TITLE, carried, items as carried_items
from tdkt_xl.documents.marker import marker
from tdkt_xl.documents.output import OutputFolder
from tdkt_xl.documents.render import load_template, templates_dir
from tdkt_xl.documents.text import nfc, short_date
from tdkt_xl.model.index import key
from tdkt_xl.model.vocab import STATUS_DONE
from tdkt_xl.vocabulary import style
from tdkt_xl.vocabulary.doc_kinds import REPORT
from tdkt_xl.vocabulary.findings import JOB_REPORT
from tdkt_xl.reports import charts as ch
from tdkt_xl.reports.aggregate import ResultSummary, summarize
from tdkt_xl.reports.appendix_stats import AppendixStats, load_appendix_stats, percent
from tdkt_xl.reports.context import report_common
from tdkt_xl.reports.excel_stats import workbook_bytes
from tdkt_xl.reports.legal_words import laws_context
from tdkt_xl.reports.word_charts import word_chart
from tdkt_xl.model.tracking import status_at
from tdkt_xl.reports.vi_words import format_decimal, format_int, money_with_words
from tdkt_xl.vocabulary.errors import NeedsDate

REPORT_FILE = "BC_ket_qua_kiem_tra.docx"
WORKBOOK_FILE = "tong_hop_ket_qua.xlsx"
CHART_WIDTH_MM = 160


@dataclass
class ReportResult:
    """What ``make_report`` wrote and the figures it reported."""
    docx: Path
    workbook: Path
    charts: list                    # the charts' captions (Biểu đồ 1. …), in the report
    as_of: dt.date
    summary: ResultSummary
    with_appendices: bool
    files: list = field(default_factory=list)
    kept: list = field(default_factory=list)     # clerk-edited files left in place
    notes: list = field(default_factory=list)    # read in part (a damaged manifest)

    def text(self) -> str:
        s = self.summary
        lines = [
            f"Đã lập báo cáo kết quả kiểm tra: {self.docx}",
            f"- {s.n_units} đơn vị ({style.units_count_phrase(r.unit for r in s.rows)}), "
            f"trong đó {s.n_by_files} đơn vị kiểm tra qua hồ sơ.",
            f"- {s.n_items} lượt nội dung: {s.n_pass} Đạt, {s.n_fail} Chưa đạt; {s.n_recs} kiến "
            f"nghị, {s.n_remedied} đã khắc phục (tính đến ngày {short_date(self.as_of)}).",
            f"- Biểu đồ trong báo cáo (biểu đồ Word, sửa được số liệu): "
            f"{'; '.join(self.charts)}.",
            f"- Sổ tính thống kê (cùng các biểu đồ, trang Thống kê): {self.workbook}",
        ]
        for k in self.kept:
            lines.append(f"- Tệp {k.name} đã được sửa sau lần tạo trước nên được giữ nguyên; "
                         "bản mới ghi bên cạnh (thêm '(mới)' vào tên).")
        lines += [f"- Lưu ý: {n}." for n in self.notes]
        if not self.with_appendices:
            lines.append("- Chưa kèm số liệu tổng hợp phụ lục: phần số liệu khen thưởng, quỹ thi "
                         "đua ghi rõ là chưa có số liệu.")
        return "\n".join(lines)


# ------------------------------------------------------------------ context
def report_record(rnd: m.Round) -> Optional[m.DocumentRecord]:
    return rnd.document(REPORT.doc_kind)


def default_as_of(rnd: m.Round) -> Optional[dt.date]:
    """The report's signing date (Văn bản sheet); else the last inspection."""
    rec = report_record(rnd)
    if rec and rec.date:
        return rec.date
    dates = [i.date for i in rnd.inspections if i.date]
    return max(dates) if dates else None


def _pct(v: float) -> str:
    return format_decimal(v, 1)


def _names(units) -> str:
    """Unit names inside a sentence (``xã Vân Thủy``)."""
    return ", ".join(style.in_sentence(u.name) for u in units)


def _overview(rnd: m.Round, s: ResultSummary) -> dict:
    by_files = s.rows_by_files
    if by_files and s.n_direct:     # counted as the sentence's lead counts them (``units_text``)
        noun = style.unit_noun(r.unit for r in s.rows)
        mode = (f"; trong đó kiểm tra trực tiếp tại {style.count2(s.n_direct)} {noun}, kiểm tra qua hồ sơ "
                f"{style.count2(s.n_by_files)} {noun} ({_names(r.unit for r in by_files)})")
    elif by_files:
        mode = "; tất cả các đơn vị được kiểm tra qua hồ sơ"
    else:
        mode = "; tất cả các đơn vị được kiểm tra trực tiếp"
    return {
        "first_date": short_date(s.first_date), "last_date": short_date(s.last_date),
        "period_start": short_date(rnd.settings.period_start),
        "n_units": s.n_units, "n_district": s.n_district, "n_commune": s.n_commune,
        "units_text": _units_text(s),
        "n_direct": s.n_direct, "n_by_files": s.n_by_files, "mode_text": mode,
        "n_checklist": len(rnd.checklist), "n_items": s.n_items, "n_pass": s.n_pass,
        "n_fail": s.n_fail, "pass_share": _pct(s.pass_share), "n_all_pass": len(s.rows_all_pass),
        "unassessed_text": _unassessed(s), "applies_text": _applies(rnd),
        "not_inspected_text": _not_inspected(rnd, s),
    }


def _units_text(s: ResultSummary) -> str:
    """'06 trường học' (units of one kind); '14 đơn vị, gồm 06 cơ quan, tổ chức,
    đơn vị cấp huyện và 08 xã' (several kinds)."""
    units = [r.unit for r in s.rows]
    phrase = style.units_count_phrase(units)
    kinds = {style.block_noun(u.block) for u in units if not u.is_commune}
    if len(kinds) + any(u.is_commune for u in units) > 1:
        return f"{s.n_units} đơn vị, gồm {phrase}"
    return phrase


def _not_inspected(rnd: m.Round, s: ResultSummary) -> str:
    """Units selected in the plan but without an inspection in the schedule."""
    done = {r.unit.code for r in s.rows}
    missing = [u for u in rnd.selected_units() if u.code not in done]
    if not missing:
        return ""
    return (f" Còn {len(missing)} đơn vị được chọn kiểm tra nhưng chưa có lịch kiểm tra "
            f"({_names(missing)}).")


def _applies(rnd: m.Round) -> str:
    """' (trong đó 02 nội dung chỉ áp dụng đối với khối xã, thị trấn)'."""
    parts = []
    for b in rnd.blocks:
        n = sum(1 for i in rnd.checklist if key(i.applies_to) == key(b))
        if n:
            parts.append(f"{n:02d} nội dung chỉ áp dụng đối với {b[0].lower() + b[1:]}")
    return f" (trong đó {'; '.join(parts)})" if parts else ""


def _unassessed(s: ResultSummary) -> str:
    rows = [r for r in s.rows if r.n_unassessed]
    if not rows:
        return ""
    n = sum(r.n_unassessed for r in rows)
    return (f" Còn {n} lượt nội dung chưa được đánh giá ("
            + "; ".join(f"{r.unit.name}: {r.n_unassessed}" for r in rows)
            + "), chưa tính vào kết quả.")


def _intro(area, words: dict) -> str:
    """An area's general finding (areas.csv): its ``{units}`` the inspected units'
    collective noun, its ``{laws}`` the register's texts in force."""
    text = area.intro
    for name, value in words.items():
        text = text.replace("{" + name + "}", value)
    return text


def _areas(s: ResultSummary, words: dict) -> list:
    """``words``: the values of the areas' placeholders (``units``, ``laws``)."""
    out = []
    for a in s.areas:
        intro = _intro(a.area, words)
        if a.n_fail:
            fail = (f"; {a.n_fail} lượt chưa đạt yêu cầu tại {len(a.units_failing)} đơn vị, "
                    "cụ thể:")
        else:
            fail = "; không có nội dung chưa đạt yêu cầu."
        out.append({
            "no": a.area.no, "title": a.area.title,
            # no claim that all units did what some did not
            "intro": (intro.rstrip(". ") + ", trừ các trường hợp nêu dưới đây."
                      if a.n_fail and intro else intro),
            "n_units": len(a.units), "n_units_all_pass": a.n_units_all_pass,
            "n_assessed": a.n_assessed, "n_pass": a.n_pass, "n_fail": a.n_fail, "fail_text": fail,
            "shortcomings": [{"unit": x.unit.name, "remark": nfc(x.remark).rstrip(".") + "."}
                             for x in a.shortcomings],
            "awards": a.area.stats == "awards", "fund": a.area.stats == "fund",
        })
    return out


# ratios the plan asks for (Mục III.1.2.c); others are shown for information only
INFORMATIVE_RATIOS = ("r_women",)


def _stats(stats: Optional[AppendixStats], rnd: Optional[m.Round] = None) -> tuple[Optional[dict], list]:
    if stats is None:
        return None, []
    rows = [{"no": i, "label": a.label, "collectives": format_int(a.collectives),
             "households": format_int(a.households), "individuals": format_int(a.individuals),
             "total": format_int(a.total)} for i, a in enumerate(stats.awards, start=1)]
    ratios, other_ratios = [], []
    for key, (label, value) in list(stats.ratios.items()) + list(stats.commune_ratios.items()):
        p = percent(value)
        if p is not None:
            (other_ratios if key in INFORMATIVE_RATIOS else ratios).append(
                {"label": label, "value": f"{_pct(p)}%"})
    fund = None
    ft = stats.fund_total
    if stats.funds and (ft.get("fund_total") or ft.get("spent_total")):
        # the amount in words once, for the total; the parts as figures
        fund = {"n_communes": len(stats.funds),
                "total": money_with_words(ft["fund_total"]),
                "spent": f"{format_int(ft['spent_total'])} đồng",
                "prizes": f"{format_int(ft['spent_prizes'])} đồng",
                "organising": f"{format_int(ft['spent_organising'])} đồng",
                "balance": f"{format_int(ft['fund_balance'])} đồng"}
    return ({"n_units": stats.n_units, "total": format_int(stats.total),
             "other_ratios": other_ratios, "not_merged": _not_merged(stats, rnd),
             "collectives": format_int(stats.total_collectives),
             "households": format_int(stats.total_households),
             "individuals": format_int(stats.total_individuals),
             "ratios": ratios, "fund": fund, "source": stats.source}, rows)


def _not_merged(stats: AppendixStats, rnd: Optional[m.Round]) -> str:
    """' Phụ lục của xã Bằng Mạc (bị trả lại, lỗi PL30), … chưa được tổng hợp.'"""
    if rnd is None:
        return ""
    merged = set(stats.unit_codes)
    parts = []
    for u in rnd.selected_units():
        if u.code in merged:
            continue
        why = (f"bị trả lại do sai số liệu, mã lỗi {', '.join(stats.rejected[u.code])}"
               if u.code in stats.rejected else "chưa gửi")
        parts.append(f"{style.in_sentence(u.name)} ({why})")
    return (f" Phụ lục của {len(parts)} đơn vị chưa được tổng hợp: {'; '.join(parts)}."
            if parts else "")


MOST_NAMED = 3          # areas named as where the shortcomings are concentrated


def _weak_areas(areas: list) -> str:
    """Where the items Chưa đạt lie, every area with its count, the most first,
    ties in the checklist's order: ', tập trung ở các lĩnh vực: A (7 lượt); B
    (3 lượt); C (3 lượt)' names the areas with the most (whole ties, at most
    ``MOST_NAMED``) when others have fewer ('nhiều nhất ở' when they hold
    less than half the items); else every area is named
    (', thuộc các lĩnh vực: …'; ', ở 05 lĩnh vực, mỗi lĩnh vực 1 lượt: …')."""
    failing = sorted((a for a in areas if a.n_fail), key=lambda a: (-a.n_fail, a.area.no))
    if not failing:
        return ""
    counts = sorted({a.n_fail for a in failing}, reverse=True)
    top: list = []
    for n in counts:
        tied = [a for a in failing if a.n_fail == n]
        if len(top) + len(tied) > MOST_NAMED:
            break
        top += tied
    def name(a) -> str:
        return a.area.short[:1].lower() + a.area.short[1:]

    def counted(some) -> str:
        return "; ".join(f"{name(a)} ({a.n_fail} lượt)" for a in some)

    if len(failing) == 1:
        return f", thuộc lĩnh vực {name(failing[0])}"
    if top and len(top) < len(failing):
        # 'tập trung' only when those areas hold half the items or more
        lead = ("tập trung ở" if 2 * sum(a.n_fail for a in top) >= sum(a.n_fail for a in failing)
                else "nhiều nhất ở")
        if len(top) == 1:
            return f", {lead} lĩnh vực {counted(top)}"
        return f", {lead} các lĩnh vực: {counted(top)}"
    if len(counts) == 1:
        return (f", ở {style.count2(len(failing))} lĩnh vực, mỗi lĩnh vực {counts[0]} lượt: "
                + "; ".join(name(a) for a in failing))
    return ", thuộc các lĩnh vực: " + counted(failing)


def _good_bad(s: ResultSummary) -> tuple[dict, dict]:
    best = s.rows_all_pass
    good_summary = (f"Tỷ lệ nội dung đạt yêu cầu chung là {_pct(s.pass_share)}%; "
                    f"{len(best)}/{s.n_units} đơn vị đạt yêu cầu ở tất cả các nội dung kiểm tra"
                    + (f" ({_names(r.unit for r in best)})." if best else "."))
    good_units = [{"name": r.unit.name, "text": nfc(r.evaluation.strengths).rstrip(".") + "."}
                  for r in best if r.evaluation and r.evaluation.strengths]
    failing = s.rows_with_fail
    bad_summary = (f"Còn {len(failing)}/{s.n_units} đơn vị có nội dung chưa đạt yêu cầu "
                   f"({s.n_fail} lượt nội dung){_weak_areas(s.areas)}. Cụ thể:")
    if not failing:
        bad_summary = "Qua kiểm tra, không có đơn vị nào có nội dung chưa đạt yêu cầu."
    bad_units = []
    for r in failing:
        text = nfc(r.evaluation.shortcomings) if r.evaluation and r.evaluation.shortcomings \
            else "; ".join(nfc(x.remark).rstrip(".") for x in r.shortcomings)
        bad_units.append({"name": r.unit.name, "text": text.rstrip(".") + "."})
    return ({"summary": good_summary, "units": good_units},
            {"summary": bad_summary, "units": bad_units})


def _recs(s: ResultSummary) -> dict:
    """Recommendations to fix (praise to keep up good work is not one), the open
    ones with their deadline, marked when it has passed at the report date."""
    open_items, n_recs, n_done, units = [], 0, 0, set()
    n_praise = s.n_praise
    for r in s.rows:
        for rec in r.recommendations:          # the ones to fix (aggregate leaves praise out)
            n_recs += 1
            units.add(r.unit.code)
            if status_at(rec, s.as_of) == STATUS_DONE:
                n_done += 1
                continue
            late = bool(rec.deadline and rec.deadline < s.as_of)
            open_items.append({"unit": r.unit.name, "text": nfc(rec.text).rstrip("."),
                               "deadline": short_date(rec.deadline) + (", đã quá hạn" if late else ""),
                               "overdue": late})
    n_open = n_recs - n_done
    n_late = sum(1 for o in open_items if o["overdue"])
    late_txt = f" ({n_late} nội dung đã quá hạn)" if n_late else ""
    # "0 nội dung đã được … khắc phục" is not said: none yet is
    remedied_text = (f"{n_done} nội dung đã được đơn vị báo cáo khắc phục" if n_done
                     else "chưa có nội dung nào được đơn vị báo cáo khắc phục")
    open_text = (f"; còn {n_open} nội dung đang hoặc chưa khắc phục{late_txt}, gồm:" if n_open
                 else "; tất cả các kiến nghị đã được khắc phục.")
    praise = (f"Ngoài ra, Đoàn kiểm tra đề nghị {n_praise} đơn vị tiếp tục duy trì, nhân rộng "
              "các mô hình, cách làm tốt." if n_praise else "")
    return {"n_recs": n_recs, "n_units": len(units), "n_remedied": n_done, "n_open": n_open,
            "remedied_text": remedied_text, "open_text": open_text, "praise_text": praise, "n_overdue": n_late,
            "as_of": short_date(s.as_of), "open": open_items}


def _carried(rnd: m.Round, s: ResultSummary, areas: list) -> Optional[dict]:
    """The section on an earlier round's recommendations carried to re-check
    (every unit's, inspected this round or not), numbered after the areas."""
    rows = carried_items(rnd, carried(rnd), s.as_of)
    if not rows:
        return None
    n_done = sum(1 for r in rows if r["done"])
    years = ", ".join(str(y) for y in sorted({r["year"] for r in rows}))
    intro = (f"Có {len(rows)} kiến nghị của đợt kiểm tra năm {years} chưa khắc phục xong được "
             f"chuyển sang để kiểm tra lại kết quả khắc phục. Đến ngày {short_date(s.as_of)}, "
             f"{n_done} kiến nghị đã được khắc phục, {len(rows) - n_done} kiến nghị chưa khắc "
             "phục xong, cụ thể:")
    return {"no": max((a["no"] for a in areas), default=0) + 1, "title": CARRIED_TITLE,
            "intro": intro, "rows": rows}


def _table(s: ResultSummary) -> dict:
    blocks = []
    for b in dict.fromkeys(r.unit.block for r in s.rows):       # rows come by block
        rows = [r for r in s.rows if r.unit.block == b]
        if not rows:
            continue
        blocks.append({"name": f"{style.block_name(b)} ({len(rows)} đơn vị)", "rows": [{
            "stt": r.stt, "name": r.unit.name, "block": r.unit.block,
            "date": short_date(r.inspection.date), "mode": r.mode_label, "n_items": r.n_items,
            "n_pass": r.n_pass, "n_fail": r.n_fail, "share": _pct(r.pass_share),
            "n_recs": r.n_recs, "n_remedied": r.n_remedied} for r in rows]})
    total = {"n_items": s.n_items, "n_pass": s.n_pass, "n_fail": s.n_fail,
             "share": _pct(s.pass_share), "n_recs": s.n_recs, "n_remedied": s.n_remedied}
    return {"blocks": blocks, "total": total}


def captions(specs) -> list:
    return [f"Biểu đồ {i}. {sp.title}" for i, sp in enumerate(specs, start=1)]


def chart_entries(specs, as_of: dt.date) -> list:
    """The context's ``charts``: one native chart (``word_charts.word_chart``, 160 mm
    wide) and its caption (and note) each."""
    return [{"chart": word_chart(sp, CHART_WIDTH_MM, as_of, sp.title), "caption": cap,
             "note": sp.note} for sp, cap in zip(specs, captions(specs))]


def build_context(rnd: m.Round, s: ResultSummary, stats: Optional[AppendixStats],
                  charts: list) -> dict:
    st = rnd.settings
    rec = report_record(rnd)
    ctx = report_common(rnd, rec)
    stats_ctx, award_rows = _stats(stats, rnd)
    good, bad = _good_bad(s)
    laws = laws_context(rnd, rec.date if rec and rec.date else s.as_of)
    bodies = style.bodies_phrase(r.unit for r in s.rows)
    areas = _areas(s, {"units": bodies, "laws": laws["names"]})
    ctx.update({
        "laws": laws,
        "plan_ref_short": ctx["plan_ref"].split(" của ")[0],
        "plan_basis": nfc(st.plan_basis), "ov": _overview(rnd, s), "charts": charts,
        "areas": areas, "carried": _carried(rnd, s, areas), "stats": stats_ctx, "award_rows": award_rows, "good": good,
        "bad": bad, "recs": _recs(s), "table": _table(s),
        "bodies": bodies,
    })
    return ctx


# ------------------------------------------------------------------ service
def make_report(source, out_dir, appendices=None, as_of: Optional[dt.date] = None,
                templates=None, force: bool = False, check: bool = True) -> ReportResult:
    """Write the report (DOCX with native Word charts) and
    ``tong_hop_ket_qua.xlsx`` (sheet Thống kê with the same charts) into
    ``out_dir``.  ``appendices``: an ``AppendixStats``, or the path of the
    consolidated workbook written by ``tdkt merge``, or None.  ``as_of``: the
    date at which remediation is counted (default: the report's date).
    A file the clerk edited since the last run is kept and the new one is
    written beside it (``… (mới).docx``) unless ``force``.
    ``source``: a workbook path, a ``ReadResult``, a ``gate.Checked`` or a ``Round``.
    ``check``: refuse (``gate.Blocked``) when the gate reports errors that
    block the report (the reader's and the rules', as of ``as_of``); a unit
    whose assessment is incomplete does not block it (its row shows the items
    not yet assessed).
    Raises ``gate.Blocked``, ``Blocked`` (signer not allowed), ``AppendixError``,
    ``TemplateProblem`` or ``NeedsDate`` with a Vietnamese message."""
    if appendices is not None and not isinstance(appendices, AppendixStats):
        appendices = load_appendix_stats(Path(appendices))
    read = gate.read(source)
    rnd = read.round
    as_of = as_of or default_as_of(rnd)
    if as_of is None:
        raise NeedsDate("Chưa có ngày ký báo cáo (trang Văn bản) và chưa có ngày kiểm tra nào.")
    if check:
        gate.check_read(source, read, as_of).require(JOB_REPORT)
    s = summarize(rnd, as_of)
    specs = ch.chart_specs(s, appendices)
    tpl = load_template(REPORT.template, Path(templates) if templates else templates_dir())
    ctx = build_context(rnd, s, appendices, chart_entries(specs, as_of))
    docx = tpl.render_bytes(ctx, marker("report", "", rnd))
    title = f"Kiểm tra công tác thi đua, khen thưởng năm {rnd.settings.year}"
    out = OutputFolder(out_dir, force=force)
    written = [out.write(REPORT_FILE, docx)]
    written.append(out.write(WORKBOOK_FILE, workbook_bytes(s, specs, title)))
    out.save()
    paths = [w.path for w in written]
    return ReportResult(paths[0], paths[-1], captions(specs), as_of, s, appendices is not None,
                        paths, [w.kept for w in written if w.kept], [out.problem] if out.problem else [])

