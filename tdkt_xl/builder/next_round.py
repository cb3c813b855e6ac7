"""Next year's round (or another plan of the same year) from last round's
master workbook: `tdkt new-round`.

The old workbook is read as sheet arrays (never saved back); the new one is
made by the same XlsxWriter builder as `tdkt build-workbook`, so it has the
same parts, VBA project, buttons, validations and tables.  Carried over:
units, members, checklist, the plan's paragraphs, the register of legal bases, settings (dates
and year-bearing texts moved to the
new year, each marked 'Chưa xác nhận' in its Ghi chú until the clerk
confirms it), the unit succession table and the recommendations not remedied
at the end of the old round (with the year that made them in 'Kiến nghị từ
năm', to re-check).  Schedule, delegation, results,
evaluations, documents and log start empty.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from tdkt_xl import model as m
from tdkt_xl.builder import workbook as W
from tdkt_xl.io import sources
from tdkt_xl.io.reader import find_layout, read_round, sheet_lookup
from tdkt_xl.model.tracking import remedied_at
from tdkt_xl.vocabulary import cells, schema as S
from tdkt_xl.vocabulary.errors import InputError

# the council's standing content: its units, people, checklist, the plan's paragraphs
# (year-free: {năm} and the other placeholders), where merged units went and the
# register of legal bases
CARRIED_SHEETS = (S.UNITS, S.MEMBERS, S.CHECKLIST, S.PLAN_TEXT, S.SUCCESSION, S.LEGAL)
# Settings that belong to one round's paperwork: cleared, not carried.
CLEARED = ("plan_number", "proposal_number")
# Settings kept as they are (the council's standing rules).
KEPT_DATES = ("rules_date",)


class NewRoundError(InputError):
    """The new round cannot be made (exit 2, Vietnamese message)."""


def new_round(source, year: int, out, plan: str | None = None, jobs=None) -> Path:
    """Write the next round's master workbook ``out`` (and its .py) from the
    master workbook ``source``.  Writes nothing when it cannot complete."""
    from tdkt_xl.io import controls as K
    out = Path(out)
    if out.exists():
        raise NewRoundError(f"Tệp '{out}' đã có; không ghi đè. Hãy chọn tên tệp khác."
                            )
    W.check_target(out)
    arrays = sources.read_file_arrays(source)
    data = W.build_from_sheets(next_round_sheets(arrays, year, plan, Path(source).name),
                               K.ALL_JOBS if jobs is None else jobs)
    return W.write_master(out, data)


def next_round_sheets(arrays: dict, year: int, plan: str | None = None,
                      source: str = "") -> dict:
    """The new round's sheets (header row first) from the old round's arrays."""
    rnd = read_round(arrays, source=source).round
    old = rnd.settings.year
    if old is None:
        raise NewRoundError(f"Sổ tính '{source}': trang '{S.SETTINGS.name}' chưa ghi 'Năm', "
                            "không biết đợt cũ thuộc năm nào.")
    if year < old:
        raise NewRoundError(f"Năm {year} trước năm của đợt cũ ({old}); đợt mới phải từ năm {old} "
                            "trở đi.")
    if year == old and not (plan or "").strip():
        raise NewRoundError(f"Năm {year} trùng năm của đợt cũ: muốn lập một kế hoạch khác trong "
                            "cùng năm thì phải ghi tên của kế hoạch mới.")
    lookup = sheet_lookup(arrays, source)
    out = {S.SETTINGS.name: _settings(lookup.get(cells.key_text(S.SETTINGS.name), []),
                                      old, year, plan)}
    for sh in CARRIED_SHEETS:
        rows = lookup.get(cells.key_text(sh.name))
        if rows is not None or sh is not S.LEGAL:   # no register sheet: the builder's shipped one
            out[sh.name] = _table(sh, rows or [])
    out[S.RECOMMENDATIONS.name] = _carried(rnd, old)
    for sh in S.TABLE_SHEETS:                  # the rest start empty
        if sh is not S.LEGAL:
            out.setdefault(sh.name, [[c.header for c in sh.columns if not c.derived]])
    return out


def _table(sh: S.Sheet, rows: list) -> list:
    """Header-first rows in schema column order (derived columns left out)."""
    cols = [c for c in sh.columns if not c.derived]
    if not rows:
        return [[c.header for c in cols]]
    layout = find_layout(sh, rows, [])
    out = [[c.header for c in cols]]
    for row in rows[layout.header_row + 1:]:
        vals = [row[i] if (i := layout.index.get(c.field)) is not None and i < len(row) else None
                for c in cols]
        if any(not cells.is_blank(v) for v in vals):
            out.append(vals)
    return out


def _carried(rnd: m.Round, old: int) -> list:
    """Recommendations not remedied at the end of the old round, to re-check."""
    end = dt.date(old, 12, 31)
    rows = [[c.header for c in S.RECOMMENDATIONS.columns]]
    for rec in rnd.recommendations:
        if remedied_at(rec, end):
            continue
        values = {"unit_code": rec.original_unit_code or rec.unit_code,   # as typed: the table
                  "text": rec.text, "deadline": rec.deadline,               # is carried too
                  "remedy_report_date": rec.remedy_report_date, "status": rec.status,
                  "from_year": rec.from_year or old}         # carried twice: still its own year
        rows.append([values[c.field] for c in S.RECOMMENDATIONS.columns])
    return rows


def shift_year(d: dt.date, years: int) -> dt.date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:                        # 29/02 -> 28/02
        return d.replace(year=d.year + years, day=28)


def _settings(rows: list, old: int, year: int, plan: str | None) -> list:
    """Cấu hình rows: the year set, dates and texts naming the old year moved
    to the new one and marked unconfirmed, one-round paperwork cleared."""
    header = [c.header for c in S.SETTINGS.columns]
    layout = find_layout(S.SETTINGS, rows, [])
    li, vi, ni = (layout.index.get(f) for f in ("label", "value", "note"))
    specs = S.setting_specs()
    years = year - old
    mark = f"{S.UNCONFIRMED} (gợi ý chuyển từ đợt năm {old}; xác nhận xong thì xóa cụm này)."
    out = [header]
    seen = set()
    for row in rows[layout.header_row + 1:]:
        get = (lambda i: row[i] if i is not None and i < len(row) else None)
        label, value, note = get(li), get(vi), cells.norm_text(get(ni))
        if cells.is_blank(label):
            continue
        spec = specs.get(cells.key_text(label))
        field = spec.field if spec else ""
        seen.add(field)
        changed = False
        if field == "year":
            value = year
        elif field == "plan_title":
            value = plan.strip() if plan else value
        elif field in CLEARED:
            value = None
        elif spec and spec.kind == S.DATE and field not in KEPT_DATES:
            d = _date(value)
            if d is not None:
                value, changed = shift_year(d, years), True
        elif field == "extra_holidays" and not cells.is_blank(value):
            value, changed = _shift_days(value, years), True
        elif spec and spec.kind == S.TEXT and str(old) in cells.norm_text(value):
            value = re.sub(rf"\b{old}\b", str(year), cells.norm_text(value))
            changed = True
        if changed:
            note = f"{mark} {note}".strip()
        out.append([label, value, note])
    if plan and "plan_title" not in seen:
        spec = next(s for s in S.SETTING_KEYS if s.field == "plan_title")
        out.append([spec.label, plan.strip(), spec.note])
    return out


def _date(v):
    try:
        return cells.to_date(v)
    except cells.BadValue:
        return None


def _shift_days(value, years: int) -> str:
    parts = []
    for part in cells.norm_text(value).replace(",", ";").split(";"):
        d = _date(part.strip())
        parts.append(cells.fmt_date(shift_year(d, years)) if d else part.strip())
    return "; ".join(p for p in parts if p)
