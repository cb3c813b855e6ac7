"""One row per unit: notice, the unit's report, the inspection, the minutes,
the appendices, the recommendations — with counts for the whole round.

Inputs are the model, ``as_of``, and optionally the output folder (only its
``manifest.json`` files are read) and the merge summary (the ``Tổng hợp``
table the merge writes into its consolidated workbook and into the master's
``Tổng hợp phụ lục`` sheet).  No clock, no document re-read: a click stays fast.
"""
from __future__ import annotations

import datetime as dt
import json
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from tdkt_xl import model as m
from tdkt_xl.vocabulary import doc_kinds as DK
from tdkt_xl.vocabulary import schema as S, style
from tdkt_xl.vocabulary.cells import fmt_date, norm_text

# words that mark a cell a person must look at (the sheet colours them)
LATE_WORDS = ("Trễ hạn", "Quá hạn", "Bị từ chối")
HEADERS = tuple(S.OVERVIEW.headers)
MERGED_OK, REJECTED_PREFIX = "Đã tổng hợp", "Bị từ chối"


@dataclass
class UnitStatus:
    code: str
    name: str
    date: Optional[dt.date]
    notice: str
    report: str
    inspected: str
    minutes: str
    appendices: str
    open_recs: int = 0
    overdue_recs: int = 0
    remedied_recs: int = 0
    flags: set = field(default_factory=set)     # what is late: report, appendices, recs…

    def row(self) -> list:
        return [self.code, self.name, fmt_date(self.date), self.notice, self.report,
                self.inspected, self.minutes, self.appendices, self.open_recs,
                self.overdue_recs, self.remedied_recs]


@dataclass
class RoundStatus:
    as_of: dt.date
    units: list = field(default_factory=list)
    counts: dict = field(default_factory=dict)
    sources: list = field(default_factory=list)   # what besides the workbook was read
    notes: list = field(default_factory=list)     # Vietnamese: inputs read only in part (a damaged manifest)

    def summary_lines(self) -> list[str]:
        c = self.counts
        return [f"{c['units']} đơn vị; thông báo đã gửi {c['notice_sent']}; báo cáo đã nhận "
                f"{c['report_received']} (trễ hạn {c['report_late']}, quá hạn chưa nộp "
                f"{c['report_missing']}); đã kiểm tra {c['inspected']}; biên bản đã ký "
                f"{c['minutes_signed']}.",
                f"Phụ lục: đã tổng hợp {c['appendices_merged']}, bị từ chối "
                f"{c['appendices_rejected']}. Kiến nghị: đang mở {c['recs_open']} (quá hạn "
                f"{c['recs_overdue']}), đã khắc phục {c['recs_remedied']}."]

    def summary(self) -> str:
        return f"Tình hình đợt kiểm tra đến ngày {fmt_date(self.as_of)}: " + " ".join(self.summary_lines())

    def title(self) -> str:
        return f"TỔNG QUAN ĐỢT KIỂM TRA (đến ngày {fmt_date(self.as_of)})"

    def rows(self, width: int = len(HEADERS)) -> list:
        """The sheet's block (rectangular): title, counts, blank, header, one row per unit."""
        def pad(r):
            return list(r) + [""] * (width - len(r))
        top = [pad([self.title()])] + [pad([line]) for line in self.summary_lines()]
        assert len(top) + 1 == S.OVERVIEW_HEADER_ROW
        return top + [pad(HEADERS)] + [pad(u.row()) for u in self.units]

    def as_dict(self) -> dict:
        return {"as_of": self.as_of.isoformat(), "counts": self.counts, "notes": list(self.notes),
                "units": [dict(zip(("code", "name", "date", "notice", "report", "inspected",
                                    "minutes", "appendices", "recommendations_open",
                                    "recommendations_overdue", "recommendations_remedied"),
                                   u.row())) for u in self.units]}

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=1)

    def table(self) -> str:
        rows = [list(HEADERS)] + [[str(x) for x in u.row()] for u in self.units]
        widths = [min(max(len(str(r[i])) for r in rows), 34) for i in range(len(HEADERS))]
        return "\n".join(" | ".join(str(c)[:widths[i]].ljust(widths[i]) for i, c in enumerate(r))
                         for r in rows)


# ------------------------------------------------------------------ cheap inputs
def manifest_entries(folder, notes: Optional[list] = None) -> list[dict]:
    """Every file the tool recorded in the manifests under ``folder`` ({kind, unit, …});
    a damaged manifest gives what can be read of it and a Vietnamese line in ``notes``."""
    from tdkt_xl.io.manifest import MANIFEST, read_manifest
    out = []
    if not folder:
        return out
    for mf in sorted(Path(folder).rglob(MANIFEST)):
        found = read_manifest(mf)
        if found.problem and notes is not None:
            notes.append(found.say("tình trạng các văn bản ghi trong tệp này có thể chưa đầy đủ"))
        for name, meta in found.files.items():
            if (mf.parent / name).exists():
                out.append({"file": name, **meta})
    return out


def merge_states(rows) -> dict:
    """{unit code: 'Đã tổng hợp' / 'Bị từ chối (PL30)' …} from a merge summary table
    (rows of the 'Tổng hợp' sheet: code, name, block, state, …)."""
    out = {}
    head = None
    for r in rows or ():
        cells = [norm_text(x) for x in r]
        if head is None:
            if cells and cells[0] == "Mã đơn vị":
                head = cells
            continue
        if not cells or not cells[0]:
            continue
        try:
            state = cells[head.index("Tình trạng phụ lục")]
        except (ValueError, IndexError):
            state = ""
        if state:
            out[cells[0]] = state
    return out


def read_merge_summary(path) -> dict:
    from tdkt_xl.io.sources import read_file_arrays
    arrays = read_file_arrays(path, ["Tổng hợp"])
    return merge_states(arrays.get("Tổng hợp"))


# ------------------------------------------------------------------ the rows
def _nfc(s) -> str:
    return unicodedata.normalize("NFC", str(s or ""))


def round_status(rnd: m.Round, as_of: dt.date, manifests: Optional[list] = None,
                 merged: Optional[dict] = None, notes: Optional[list] = None) -> RoundStatus:
    from tdkt_xl.model.tracking import track
    manifests = manifests or []
    made = {(_nfc(e.get("kind")), _nfc(e.get("unit"))) for e in manifests}
    tracked = track(rnd, as_of, style.is_praise)      # praise is nothing to remedy
    result = RoundStatus(as_of, notes=list(notes or ()))
    for u in rnd.selected_units():
        insp = rnd.inspection(u.code)
        st = UnitStatus(u.code, u.name, insp.date if insp else None, "", "", "", "", "")
        # notice
        if insp and insp.notice_date and insp.notice_date <= as_of:
            st.notice = f"Đã gửi {fmt_date(insp.notice_date)}"
        elif (DK.NOTICE.doc_kind, u.code) in made:
            st.notice = "Đã tạo, chưa gửi"
        else:
            st.notice = "Chưa gửi"
        # the unit's report
        due = insp.report_due if insp else None
        got = insp.report_received if insp else None
        if got and got <= as_of:
            late = bool(due and got > due)
            st.report = f"{'Trễ hạn' if late else 'Đúng hạn'} ({fmt_date(got)})"
            if late:
                st.flags.add("report")
        elif due and as_of > due:
            st.report = f"Quá hạn, chưa nhận (hạn {fmt_date(due)})"
            st.flags.add("report")
        else:
            st.report = f"Chưa đến hạn ({fmt_date(due)})" if due else "Chưa có hạn"
        # inspection and minutes
        done = bool(insp and insp.date and insp.date <= as_of)
        st.inspected = (f"Đã kiểm tra {fmt_date(insp.date)}" if done else
                        f"Theo lịch {fmt_date(insp.date)}" if insp and insp.date else "Chưa có lịch")
        rec = rnd.document(DK.MINUTES.doc_kind, u.code)
        if rec is not None and rec.number and rec.date and rec.date <= as_of:
            st.minutes = f"Đã ký {fmt_date(rec.date)}"
        elif (DK.MINUTES.doc_kind, u.code) in made:
            st.minutes = "Đã tạo, chưa ký"
        elif rnd.results_of(u.code):
            st.minutes = "Có kết quả, chưa tạo"
        else:
            st.minutes = "Chưa có"
        # appendices
        if merged is None:
            st.appendices = "Chưa gộp phụ lục"
        else:
            st.appendices = merged.get(u.code) or "Chưa nhận"
            if st.appendices.startswith(REJECTED_PREFIX):
                st.flags.add("appendices")
        # recommendations
        mine = [t for t in tracked if t.rec.unit_code == u.code]
        st.remedied_recs = sum(1 for t in mine if t.remedied)
        st.open_recs = len(mine) - st.remedied_recs
        st.overdue_recs = sum(1 for t in mine if t.overdue)
        if st.overdue_recs:
            st.flags.add("recommendations")
        result.units.append(st)
    us = result.units
    result.counts = {
        "units": len(us),
        "notice_sent": sum(u.notice.startswith("Đã gửi") for u in us),
        "report_received": sum(u.report.startswith(("Đúng hạn", "Trễ hạn")) for u in us),
        "report_late": sum(u.report.startswith("Trễ hạn") for u in us),
        "report_missing": sum(u.report.startswith("Quá hạn") for u in us),
        "inspected": sum(u.inspected.startswith("Đã kiểm tra") for u in us),
        "minutes_signed": sum(u.minutes.startswith("Đã ký") for u in us),
        "appendices_merged": sum(u.appendices == MERGED_OK for u in us),
        "appendices_rejected": sum(u.appendices.startswith(REJECTED_PREFIX) for u in us),
        "recs_open": sum(u.open_recs for u in us),
        "recs_overdue": sum(u.overdue_recs for u in us),
        "recs_remedied": sum(u.remedied_recs for u in us),
    }
    return result


def latest_merge_file(folder) -> Optional[Path]:
    """The newest consolidated appendices workbook under ``folder`` (by name, not content)."""
    from tdkt_xl.vocabulary.outputs import CONSOLIDATED
    found = [p for p in Path(folder).rglob(CONSOLIDATED)] if folder else []
    return max(found, key=lambda p: p.stat().st_mtime) if found else None


def build_as_of(rnd: m.Round) -> dt.date:
    """The date a freshly built workbook's overview is computed at (no clock): the
    latest date the round's data holds."""
    dates = [d for i in rnd.inspections for d in (i.date, i.notice_date, i.report_received) if d]
    dates += [d for r in rnd.recommendations for d in (r.remedy_report_date,) if d]
    dates += [d.date for d in rnd.documents if d.date]
    return max(dates) if dates else dt.date(rnd.settings.year or 2000, 12, 31)
