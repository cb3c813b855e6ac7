"""Follow-up of the delegation's recommendations.

``make_followup(rnd, out_dir, as_of)`` writes
- ``theo_doi_khac_phuc.xlsx``: sheet ``Kiến nghị chưa khắc phục`` (every open
  recommendation at ``as_of`` with status, deadline, days overdue) and sheet
  ``Tổng hợp theo đơn vị`` (per unit: recommendations, remedied, open, overdue);
- one ``CV_don_doc_<code>.docx`` (Công văn đôn đốc báo cáo kết quả khắc phục,
  ``Số: …/HĐTĐKT-PNV``) per unit with overdue items.
The reply deadline of the letters is a number of days after the letter's date
(``tdkt_xl/reports/data/followup.csv``).  Nothing reads the system clock.
"""
from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from xlsxwriter.utility import xl_col_to_name

from tdkt_xl import gate, model as m
from tdkt_xl.documents.carried import former_name, former_unit
from tdkt_xl.documents.marker import mark_xlsx, marker
from tdkt_xl.io.xlsx import new_workbook, print_setup
from tdkt_xl.documents.output import OutputFolder, safe_part
from tdkt_xl.documents.render import load_template, templates_dir
from tdkt_xl.documents.contexts import office_code
from tdkt_xl.documents.text import nfc, number_text, short_date
from tdkt_xl.vocabulary import style
from tdkt_xl.vocabulary.doc_kinds import MINUTES, REMINDER
from tdkt_xl.reports.aggregate import inspected_units
from tdkt_xl.reports.context import Blocked, reminder_common
from tdkt_xl.model.tracking import track
from tdkt_xl.reports.xlsx_util import row_height
from tdkt_xl.vocabulary.errors import NeedsDate
from tdkt_xl.vocabulary.findings import JOB_FOLLOWUP

CONFIG_FILE = Path(__file__).resolve().parent / "data" / "followup.csv"
TRACKER_FILE = "theo_doi_khac_phuc.xlsx"
LETTER_FILE = "CV_don_doc_{code}.docx"
SHEET_OPEN = "Kiến nghị chưa khắc phục"
SHEET_UNITS = "Tổng hợp theo đơn vị"
OPEN_HEADERS = ("STT", "Mã đơn vị", "Tên đơn vị", "Ngày kiểm tra", "Nội dung kiến nghị",
                "Hạn khắc phục", "Tình trạng", "Quá hạn", "Số ngày quá hạn", "Kiến nghị năm")
UNIT_HEADERS = ("STT", "Mã đơn vị", "Tên đơn vị", "Số kiến nghị", "Đã khắc phục",
                "Chưa khắc phục xong", "Quá hạn", "Công văn đôn đốc")


def load_config(path: Path = CONFIG_FILE) -> dict:
    with open(path, newline="", encoding="utf-8") as fh:
        return {r["Khóa"]: r["Giá trị"] for r in csv.DictReader(fh)}


@dataclass
class FollowupResult:
    as_of: dt.date
    tracker: Path
    letters: list                        # list[Path]
    n_recs: int
    n_remedied: int
    n_open: int
    n_overdue: int
    overdue_units: list                  # unit codes with a letter
    files: list = field(default_factory=list)
    kept: list = field(default_factory=list)     # clerk-edited files left in place
    skipped: list = field(default_factory=list)  # (unit code, reason) letters not made
    notes: list = field(default_factory=list)    # read in part (a damaged manifest)

    def text(self) -> str:
        lines = [f"Theo dõi khắc phục kiến nghị, tính đến ngày {short_date(self.as_of)}:",
                 f"- {self.n_recs} kiến nghị: {self.n_remedied} đã khắc phục, {self.n_open} chưa "
                 f"khắc phục xong, trong đó {self.n_overdue} quá hạn.",
                 f"- Bảng theo dõi: {self.tracker}"]
        if self.letters:
            lines.append(f"- {len(self.letters)} công văn đôn đốc: "
                         + ", ".join(p.name for p in self.letters))
        elif not self.skipped:
            lines.append("- Không có đơn vị nào quá hạn khắc phục: không lập công văn đôn đốc.")
        for code, why in self.skipped:
            lines.append(f"- Chưa lập công văn đôn đốc cho {code}: {why}")
        for k in self.kept:
            lines.append(f"- Tệp {k.name} đã được sửa sau lần tạo trước nên được giữ nguyên; "
                         "bản mới ghi bên cạnh (thêm '(mới)' vào tên).")
        lines += [f"- Lưu ý: {n}." for n in self.notes]
        return "\n".join(lines)


def default_as_of(rnd: m.Round) -> Optional[dt.date]:
    """The latest date of a reminder letter in the Văn bản sheet, if any."""
    dates = [d.date for d in rnd.documents if d.kind == REMINDER.doc_kind and d.date]
    return max(dates) if dates else None


# ------------------------------------------------------------------ tracker
def tracker_bytes(rnd: m.Round, tracked: list, as_of: dt.date, letters: dict) -> bytes:
    wb, buf = new_workbook()
    wb.set_properties({"title": "Theo dõi khắc phục kiến nghị", "author": rnd.settings.council_name or "tdkt_xl",
                       "created": dt.datetime.combine(as_of, dt.time())})
    mark_xlsx(wb, marker("followup", "", rnd))
    base = {"font_name": "Times New Roman", "valign": "vcenter"}
    f_title = wb.add_format({**base, "bold": True, "font_size": 13})
    f_note = wb.add_format({**base, "italic": True})
    f_head = wb.add_format({**base, "bold": True, "border": 1, "text_wrap": True,
                            "align": "center", "bg_color": "#DDEBF7"})
    f_cell = wb.add_format({**base, "border": 1, "text_wrap": True})
    f_num = wb.add_format({**base, "border": 1, "align": "center"})
    f_late = wb.add_format({**base, "border": 1, "align": "center", "bold": True,
                            "font_color": "#C00000"})
    f_total = wb.add_format({**base, "border": 1, "bold": True, "align": "center"})

    ws = wb.add_worksheet(SHEET_OPEN)
    ws.write(0, 0, "KIẾN NGHỊ CHƯA KHẮC PHỤC XONG", f_title)
    ws.write(1, 0, f"Tính đến ngày {short_date(as_of)}; quá hạn = chưa nhận báo cáo khắc phục "
                   "và đã qua hạn khắc phục.", f_note)
    open_widths = (5, 11, 34, 12, 70, 12, 16, 9, 10, 10)
    for c, (h, w) in enumerate(zip(OPEN_HEADERS, open_widths)):
        ws.write(3, c, h, f_head)
        ws.set_column(c, c, w)
    rows = [t for t in tracked if not t.remedied]
    rows.sort(key=lambda t: (not t.overdue, -t.days_overdue, t.rec.unit_code, t.index))
    ws.set_row(3, 32)
    for i, t in enumerate(rows):
        r = 4 + i
        ws.set_row(r, row_height([(t.unit_name, 34), (nfc(t.rec.text), 70)]))
        ws.write(r, 0, i + 1, f_num)
        ws.write(r, 1, t.rec.unit_code, f_num)
        ws.write(r, 2, t.unit_name, f_cell)
        ws.write(r, 3, short_date(t.inspection.date) if t.inspection else "", f_num)
        ws.write(r, 4, nfc(t.rec.text), f_cell)
        ws.write(r, 5, short_date(t.rec.deadline) if t.rec.deadline else "Chưa có hạn", f_num)
        ws.write(r, 6, t.status, f_num)
        ws.write(r, 7, "Có" if t.overdue else "Không", f_late if t.overdue else f_num)
        ws.write(r, 8, t.days_overdue, f_late if t.overdue else f_num)
        ws.write(r, 9, t.rec.from_year or "", f_num)       # an earlier round's, carried
    if rows:
        ws.autofilter(3, 0, 3 + len(rows), len(OPEN_HEADERS) - 1)
    else:
        ws.write(4, 0, "Tất cả kiến nghị đã được khắc phục.", f_note)
    ws.freeze_panes(4, 3)
    print_setup(ws, 3, 3 + max(len(rows), 1), open_widths)

    us = wb.add_worksheet(SHEET_UNITS)
    us.write(0, 0, "TỔNG HỢP TÌNH HÌNH KHẮC PHỤC THEO ĐƠN VỊ", f_title)
    us.write(1, 0, f"Tính đến ngày {short_date(as_of)}.", f_note)
    us.set_row(3, 32)
    unit_widths = (5, 11, 40, 11, 11, 13, 9, 34)
    for c, (h, w) in enumerate(zip(UNIT_HEADERS, unit_widths)):
        us.write(3, c, h, f_head)
        us.set_column(c, c, w)
    r = 4
    for i, unit in enumerate(followed_units(rnd)):
        mine = [t for t in tracked if t.rec.unit_code == unit.code]
        late = sum(1 for t in mine if t.overdue)
        us.set_row(r, row_height([(unit.name, 40), (letters.get(unit.code, ""), 34)]))
        values = [i + 1, unit.code, unit.name, len(mine), sum(1 for t in mine if t.remedied),
                  sum(1 for t in mine if not t.remedied), late,
                  letters.get(unit.code, "")]
        for c, v in enumerate(values):
            us.write(r, c, v, f_cell if c in (2, 7) else (f_late if c == 6 and late else f_num))
        r += 1
    us.merge_range(r, 0, r, 2, "Tổng cộng", f_total)
    for c in (3, 4, 5, 6):
        col = xl_col_to_name(c)
        total = sum(1 for t in tracked if (c == 3 or (c == 4 and t.remedied)
                                          or (c == 5 and not t.remedied) or (c == 6 and t.overdue)))
        us.write_formula(r, c, f"=SUM({col}5:{col}{r})", f_total, total)
    print_setup(us, 3, r, unit_widths)
    wb.close()
    return buf.getvalue()


def followed_units(rnd: m.Round) -> list:
    """The units of the tracker: those inspected this round (in the report's
    order), then every other unit with a recommendation to follow (carried
    from an earlier round, the unit not selected this time) in Đơn vị order."""
    units = [u for u, _ in inspected_units(rnd)]
    seen = {u.code for u in units}
    for u in rnd.units:
        if u.code not in seen and rnd.recommendations_of(u.code):
            units.append(u)
            seen.add(u.code)
    return units


# ------------------------------------------------------------------ letters
def recipient(unit: m.Unit) -> str:
    """``Ủy ban nhân dân xã Quan Sơn`` for a commune; the unit's name otherwise."""
    if unit.is_commune:
        return f"Ủy ban nhân dân {in_text(unit)}"
    return unit.name


def in_text(unit: m.Unit) -> str:
    """The unit's name inside a sentence: ``xã Bằng Mạc`` (administrative
    level in lower case), agencies as named."""
    if unit.is_commune and unit.name[:1].isupper():
        return unit.name[:1].lower() + unit.name[1:]
    return unit.name


def letter_context(rnd: m.Round, unit: m.Unit, items: list, as_of: dt.date,
                   reply_days: int, drafting_unit: str = "") -> dict:
    """``drafting_unit``: the drafting office's code in the letter's number
    (…/HĐTĐKT-<code>); '' = the standing office's (Cấu hình)."""
    rec = rnd.document(REMINDER.doc_kind, unit.code)
    drafting_unit = drafting_unit or office_code(rnd.settings)
    ctx = reminder_common(rnd, unit, rec, drafting_unit, month_hint=as_of)
    st = rnd.settings
    insp = rnd.inspection(unit.code)
    minutes = rnd.document(MINUTES.doc_kind, unit.code)
    mnum = number_text(minutes.number) if minutes else ""
    minutes_ref = (f"Biên bản kiểm tra số {mnum}/BB-{st.delegation_code}" if mnum
                   else "Biên bản kiểm tra")
    letter_date = rec.date if rec and rec.date else as_of
    reply_by = letter_date + dt.timedelta(days=reply_days)
    by_files = bool(insp and insp.by_files)
    # a unit not inspected this round, with an earlier round's recommendations: the
    # letter cites the inspection of the year that made them
    earlier = None if insp is not None else earlier_round(rnd, unit, items)
    ctx.update({
        "recipient": recipient(unit), "unit_name": unit.name, "unit_place": in_text(unit),
        "inspection_date": short_date(insp.date if insp else None),
        "inspection_verb": ("kiểm tra qua hồ sơ công tác thi đua, khen thưởng" if by_files
                            else "kiểm tra công tác thi đua, khen thưởng"),
        "minutes_ref": minutes_ref, "as_of": short_date(as_of),
        # counts in the letter's prose: the house style's two digits (``01 nội dung``)
        "n_overdue": style.count2(len(items)),
        "overdue": [{"no": i, "text": nfc(t.rec.text).rstrip("."),
                     "deadline": short_date(t.rec.deadline), "days": style.count2(t.days_overdue),
                     "status": t.status.lower(),
                     "year": (f"kiến nghị năm {t.rec.from_year}{former_unit(rnd, t.rec)}; "
                              if t.rec.carried else "")}
                    for i, t in enumerate(items, start=1)],
        "rec_year": earlier["years"] if earlier else ctx.get("year", st.year),
        "reply_by": short_date(reply_by),
        "contact": _mid_sentence(ctx["contact_line"].rstrip(".")),   # after "liên hệ"
        "earlier": earlier,
    })
    return ctx


def _mid_sentence(text: str) -> str:
    """The contact line (a paragraph of its own in the notices: ``Đồng chí …``)
    inside a sentence: its first letter in lower case."""
    return text[:1].lower() + text[1:]


def earlier_round(rnd: m.Round, unit: m.Unit, items: list) -> Optional[dict]:
    """For a unit not inspected this round whose overdue items were carried
    from earlier rounds: those rounds' years and the units they were made to
    (a commune since merged into ``unit``: ``xã Chiến Thắng (cũ)``)."""
    carried = [t.rec for t in items if t.rec.carried]
    if not carried:
        return None
    olds = []
    for rec in carried:
        name = former_name(rnd, rec) or in_text(unit)
        if name not in olds:
            olds.append(name)
    years = sorted({r.from_year for r in carried})
    return {"years": ", ".join(str(y) for y in years), "units": ", ".join(olds),
            "merged": any(r.original_unit_code for r in carried)}


def make_followup(source, out_dir, as_of: Optional[dt.date] = None,
                  templates=None, force: bool = False, check: bool = True) -> FollowupResult:
    """Write the tracker and one reminder letter per unit with overdue
    recommendations at ``as_of`` (default: the latest reminder date of the
    Văn bản sheet; raises ``NeedsDate`` when there is none).
    ``source``: a workbook path, a ``ReadResult``, a ``gate.Checked`` or a ``Round``.
    ``check``: refuse (``gate.Blocked``, nothing written) when the gate reports
    errors that block the follow-up (those that block every job)."""
    read = gate.read(source)
    rnd = read.round
    as_of = as_of or default_as_of(rnd)
    if as_of is None:
        raise NeedsDate("Chưa có ngày tính quá hạn (ngày đôn đốc ở trang Văn bản).")
    if check:
        gate.check_read(source, read, as_of).require(JOB_FOLLOWUP)
    tracked = track(rnd, as_of, style.is_praise)      # praise is nothing to remedy
    config = load_config()
    reply_days = int(config.get("reply_days") or 15)
    drafting_unit = (config.get("drafting_unit") or "").strip()
    tpl = load_template(REMINDER.template, Path(templates) if templates else templates_dir())
    out = OutputFolder(out_dir, force=force)
    letters: dict = {}
    written = []
    order = [u.code for u in followed_units(rnd)]
    late_units = sorted({t.rec.unit_code for t in tracked if t.overdue},
                        key=lambda c: order.index(c) if c in order else len(order))
    skipped = []
    for code in late_units:
        unit = rnd.unit(code)
        if unit is None:
            continue
        items = [t for t in tracked if t.rec.unit_code == code and t.overdue]
        try:
            ctx = letter_context(rnd, unit, items, as_of, reply_days, drafting_unit)
        except Blocked as e:
            skipped.append((code, str(e)))
            continue
        w = out.write(LETTER_FILE.format(code=safe_part(code)), tpl.render_bytes(ctx, marker("reminder", code, rnd)))
        letters[code] = f"{ctx['number_line']} ({w.path.name})"
        written.append(w)
    wt = out.write(TRACKER_FILE, tracker_bytes(rnd, tracked, as_of, letters))
    out.save()
    return FollowupResult(as_of, wt.path, [w.path for w in written], len(tracked),
                          sum(1 for t in tracked if t.remedied),
                          sum(1 for t in tracked if not t.remedied),
                          sum(1 for t in tracked if t.overdue), list(letters),
                          [wt.path] + [w.path for w in written],
                          [w.kept for w in written + [wt] if w.kept], skipped, [out.problem] if out.problem else [])
