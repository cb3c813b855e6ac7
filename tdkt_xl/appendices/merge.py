"""The one merge engine: every file of the inbox -> MergeResult (no output).

Recomputed from the whole inbox each time (idempotent): files are identified
by the hidden template id and unit code, a unit's newest file (saved time in
docProps/core.xml, then modification time) wins and the others are reported;
the CLI, the demo and the Excel merge button all call ``merge_inbox``.
"""
from __future__ import annotations

import datetime as dt
import os
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Optional

from tdkt_xl.appendices import codes as K
from tdkt_xl.appendices.cache import MergeCache, fingerprint
from tdkt_xl.appendices.examine import IDENT, examine, examine_all, hashed, unexpected
from tdkt_xl.appendices.returned import (MERGED, REJECTED, SKIPPED, SUPERSEDED, STATUS_VI, FileOutcome, UnitReturn,
                                         display_name, remembering)
from tdkt_xl.appendices.spec import Spec, round_spec
from tdkt_xl.vocabulary.cells import fmt_date
from tdkt_xl.io.reader import WorkbookError


@dataclass
class MissingUnit:
    code: str
    name: str
    block: str
    report_due: Optional[dt.date]

    def as_dict(self) -> dict:
        return {"unit": self.code, "name": self.name, "report_due": fmt_date(self.report_due) or None}


@dataclass
class UnitInfo:
    code: str
    name: str
    block: str
    selected: bool


@dataclass
class MergeResult:
    spec: Spec
    inbox: str
    unit_info: dict                                   # code -> UnitInfo (the round's units, in order)
    files: list = field(default_factory=list)         # FileOutcome
    units: dict = field(default_factory=dict)         # code -> UnitReturn (merged)
    findings: list = field(default_factory=list)      # Finding
    missing: list = field(default_factory=list)       # MissingUnit
    outputs: list = field(default_factory=list)       # files written by merge()
    cache: object = field(default=None, repr=False)   # MergeCache: saved by merge() once the outputs are written
    rows: dict = field(default_factory=dict, repr=False)  # code -> its rows of the workbook rendered ahead (unit_rows)
    _stats: object = field(default=None, repr=False)
    _rejected_by_unit: Optional[dict] = field(default=None, repr=False)

    # ---- views
    @property
    def merged_files(self) -> list:
        return [f for f in self.files if f.status == MERGED]

    @property
    def read_files(self) -> list:
        """Files the merge tried to read (every file but the skipped ones)."""
        return [f for f in self.files if f.status != SKIPPED]

    @property
    def rejected_files(self) -> list:
        return [f for f in self.files if f.status in (REJECTED, SUPERSEDED)]

    def unit_status(self, code: str) -> str:
        if code in self.units:
            return STATUS_VI[MERGED]
        if self._rejected_by_unit is None:
            self._rejected_by_unit = {}
            for f in self.files:
                if f.status == REJECTED and f.unit_code:
                    self._rejected_by_unit.setdefault(f.unit_code, []).append(f)
        files = self._rejected_by_unit.get(code, [])
        if files:
            codes = sorted({x.code for f in files for x in f.findings if x.is_error})
            return f"{STATUS_VI[REJECTED]} ({', '.join(codes)})"
        for m in self.missing:
            if m.code == code:
                due = fmt_date(m.report_due)
                return f"Chưa gửi (hạn {due})" if due else "Chưa gửi"
        return ""

    def stats(self):
        """Consolidated statistics (computed once; the result is not changed after the merge)."""
        if self._stats is None:
            from tdkt_xl.appendices.stats import from_result
            self._stats = from_result(self)
        return self._stats

    def frames(self) -> dict:
        from tdkt_xl.appendices.stats import frames
        return frames(self)

    def records(self, units: bool = True) -> dict:
        """``frames()`` as lists of dicts (``units=False``: without the per-unit rows of every key)."""
        from tdkt_xl.appendices.stats import records
        return records(self, units)

    def summary_table(self) -> list:
        from tdkt_xl.appendices.stats import summary_table
        return summary_table(self)

    def as_dict(self) -> dict:
        merged = []
        for f in self.merged_files:
            u = self.units[f.unit_code]
            merged.append({**f.as_dict(), "name": self.unit_info[f.unit_code].name,
                           "figures": {k: u.values.get(k) for k in KEY_FIGURES if k in u.values}})
        rejected = []
        for f in self.rejected_files:
            if f.status == SKIPPED:
                continue
            d = f.as_dict()
            d["reasons"] = [x.message for x in f.findings if x.is_error or f.status == SUPERSEDED]
            rejected.append(d)
        skipped = [{"file": f.name, "reason": f.findings[0].message if f.findings else ""}
                   for f in self.files if f.status == SKIPPED]
        return {"merged": merged, "rejected": rejected, "skipped": skipped,
                "findings": [x.as_dict() for x in self.findings],
                "missing": [m.as_dict() for m in self.missing]}


KEY_FIGURES = ("mv_total", "awards.LDTT.individuals", "awards.CSTDCS.individuals", "r_cstdcs_ldtt",
               "awards.TTLDTT.collectives", "awards.TTLDXS.collectives", "awards.total.total",
               "r_nonleader", "r_workers", "r_family", "models_total", "fund_total", "spent_total",
               "fund_balance")


LOCK_PREFIX = "~$"


def _skip(path: Path, reason: str) -> FileOutcome:
    out = FileOutcome(path, display_name(path), status=SKIPPED)
    out.findings.append(K.SKIPPED.at("", "", "", file=out.name, reason=reason))
    return out


def inbox_entries(inbox: Path, exclude: tuple = ()) -> tuple:
    """(files to read, skipped FileOutcomes with their reason), in name order.
    Walks without following links; a link is read only when its target is a
    regular file inside the inbox; hidden files, Office lock files and
    anything that is not a regular file are reported, never silently dropped."""
    root = inbox.resolve()
    skip = [Path(e).resolve() for e in exclude]
    files, skipped = [], []
    for folder, dirs, names in os.walk(inbox, followlinks=False):
        base = Path(folder)
        for d in sorted(dirs):
            p = base / d
            if d.startswith(".") or p.is_symlink():
                skipped.append(_skip(p, "thư mục ẩn" if d.startswith(".") else
                                     "liên kết (shortcut/symlink) tới thư mục khác; chỉ đọc tệp nằm trong thư mục "
                                     "gửi về"))
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not (base / d).is_symlink())
        for n in sorted(names):
            p = base / n
            if skip and any(s == p.resolve() or s in p.resolve().parents for s in skip):
                continue
            if n.startswith(LOCK_PREFIX):
                skipped.append(_skip(p, "tệp khóa tạm của Office (tệp gốc đang được mở bằng Excel)"))
                continue
            if n.startswith("."):
                skipped.append(_skip(p, "tệp ẩn (tên bắt đầu bằng dấu chấm)"))
                continue
            try:
                st = p.lstat()
                if stat.S_ISLNK(st.st_mode):
                    target = p.resolve(strict=True)
                    if root not in target.parents:
                        skipped.append(_skip(p, f"liên kết (symlink) tới tệp nằm ngoài thư mục gửi về "
                                                f"({display_name(target.parent)}{os.sep}{display_name(target)})"))
                        continue
                    st = target.stat()
            except (OSError, RuntimeError):
                skipped.append(_skip(p, "liên kết (symlink) hỏng, không trỏ tới tệp nào"))
                continue
            if not stat.S_ISREG(st.st_mode):
                skipped.append(_skip(p, "không phải tệp thông thường"))
                continue
            files.append(p)
    return files, skipped


def _examined(files: list, spec: Spec, rnd, info: dict, as_of, cache: MergeCache) -> list:
    """One FileOutcome per file, identified (from the cache when the same
    bytes were examined before, in any name); parse records go to the cache."""
    outcomes: dict = {}
    # a first merge has nothing to look up: each file is read once, by the workers
    pending = [] if cache.entries else list(files)
    for out in (hashed(files, spec, cache.seen) if cache.entries else ()):
        p = out.path
        entry = cache.get(out.digest) if out.status != REJECTED else None
        if entry and "ident" in entry:
            for k in IDENT:
                setattr(out, k, entry["ident"][k])
            out.findings = [replace(f, file=out.name) for f in out.findings]
        elif out.status != REJECTED:
            pending.append(p)
        outcomes[p] = out
    names = {code: (u.name, u.block) for code, u in info.items()}
    for out, ident, parsed, line, rows in examine_all(pending, spec, rnd, names, as_of, encode=cache.kept):
        outcomes[out.path] = out
        if ident is not None:
            cache.put(out.digest, "ident", ident)
        if parsed is not None:
            cache.put(out.digest, "parsed", parsed, line, rows)
    if cache.kept:      # what the next merge need not read again (a file's size, times and inode unchanged)
        cache.files = {os.path.abspath(o.path): [*o.stat, o.digest] for o in outcomes.values()
                       if o.digest and len(o.stat) == 4}
    result = []
    for p in files:
        out = outcomes[p]
        if out.status != REJECTED and out.unit_code not in info:
            out.findings.append(K.UNKNOWN_UNIT.at(spec.id_sheet, "B3", out.unit_code, file=out.name,
                                                  code=out.unit_code))
            out.status = REJECTED
        result.append(out)
    return result


def _parse_newest(out: FileOutcome, spec: Spec, rnd, as_of, cache: MergeCache):
    """The unit's figures from its newest file (from the cache when its bytes
    were parsed before, in this run or an earlier one)."""
    entry = cache.get(out.digest)
    if not (entry and "parsed" in entry):          # identified from the cache, never parsed: do it now
        fresh, _ident, parsed = examine(out.path, spec, rnd, {out.unit_code}, as_of)
        if parsed is None or fresh.digest != out.digest:      # changed since it was identified
            out.status, out.findings = REJECTED, fresh.findings
            if fresh.status != REJECTED:
                out.findings.append(K.UNREADABLE.at("", "", out.unit_code, file=out.name,
                                                    reason="tệp đã thay đổi trong lúc tổng hợp; hãy chạy lại"))
            return None
        cache.put(out.digest, "parsed", parsed)
        entry = cache.get(out.digest)
    got = entry["parsed"]
    out.status = got["status"]
    out.findings.extend(replace(f, file=out.name) for f in got["findings"])
    return UnitReturn(**{**got["ret"], "file": out.name}) if got["ret"] else None


FUTURE_SLACK = dt.timedelta(days=1)


def _rank(f: FileOutcome, now: dt.datetime) -> tuple:
    """(time, how it was found) deciding which file of a unit is newest: the
    save time written in the file by Excel, else the file's modification time;
    a time after the merge cannot be true and is not used (a warning says so)."""
    if f.saved_at and f.saved_at <= now + FUTURE_SLACK:
        return f.saved_at, "thời điểm lưu ghi trong tệp"
    mtime = _mtime(f)
    if f.saved_at:
        f.findings.append(K.FUTURE_TIME.at("", "", f.unit_code, file=f.name, what="Thời điểm lưu ghi trong tệp",
                                           time=_fmt_time(f.saved_at)))
    if mtime and mtime <= now + FUTURE_SLACK:
        return mtime, "ngày giờ sửa đổi của tệp"
    if mtime:
        f.findings.append(K.FUTURE_TIME.at("", "", f.unit_code, file=f.name, what="Ngày giờ sửa đổi của tệp",
                                           time=_fmt_time(mtime)))
    return dt.datetime.min, ""


def _basis(when: dt.datetime, basis: str) -> str:
    return f"{basis} {_fmt_time(when)}" if basis else "không có thời điểm lưu hợp lệ"


def _mtime(f: FileOutcome) -> Optional[dt.datetime]:
    try:
        return dt.datetime.fromtimestamp(f.mtime) if f.mtime else None
    except (OverflowError, OSError, ValueError):
        return dt.datetime.max


def _fmt_time(t: dt.datetime) -> str:
    return t.strftime("%H:%M %d/%m/%Y") if t not in (dt.datetime.min, dt.datetime.max) else "không rõ"


def merge_inbox(rnd, inbox_dir, spec: Optional[Spec] = None, as_of: Optional[dt.date] = None,
                exclude: tuple = (), now: Optional[dt.datetime] = None, cache_dir=None) -> MergeResult:
    """Read every file of ``inbox_dir`` (never modifies them) into a MergeResult.
    ``exclude``: files or folders inside the inbox not to read.  ``now``: the
    time of the merge (default: the clock); a file time after it is not used
    to decide which file of a unit is the newest.  ``cache_dir``: a folder
    (the output folder) where what each file gave is kept, so that a re-merge
    parses only the files whose bytes changed (``res.cache.save()`` writes it;
    ``merge`` does so once the outputs are written)."""
    with remembering():
        return _merge_inbox(rnd, inbox_dir, spec, as_of, exclude, now, cache_dir)


def _merge_inbox(rnd, inbox_dir, spec, as_of, exclude, now, cache_dir) -> MergeResult:
    spec = spec or round_spec(rnd)
    cache = MergeCache(cache_dir, fingerprint(spec, rnd, as_of))
    now = now or dt.datetime.now()
    inbox = Path(inbox_dir)
    if not inbox.is_dir():
        raise WorkbookError(f"Không tìm thấy thư mục phụ lục gửi về '{inbox}'.")
    info = {u.code: UnitInfo(u.code, u.name, u.block, u.selected) for u in rnd.units}
    res = MergeResult(spec, str(inbox), info)

    files, skipped = inbox_entries(inbox, exclude)
    candidates: dict = {}
    for out in _examined(files, spec, rnd, info, as_of, cache):
        res.files.append(out)
        if out.status != REJECTED:
            candidates.setdefault(out.unit_code, []).append(out)

    for code in [c for c in info if c in candidates]:
        ranked = sorted(((_rank(f, now), f.name, f) for f in candidates[code]), key=lambda t: (t[0][0], t[1]))
        (when, basis), _n, newest = ranked[-1]
        if len(ranked) > 1:
            newest.chosen_by = _basis(when, basis)
        for (old_when, old_basis), _n, old in ranked[:-1]:
            old.close()
            old.status = SUPERSEDED
            old.findings.append(K.SUPERSEDED.at("", "", code, file=old.name, newer=newest.name,
                                                newer_time=_basis(when, basis), time=_basis(old_when, old_basis)))
        try:
            ret = _parse_newest(newest, spec, rnd, as_of, cache)
        except Exception as e:      # noqa: BLE001
            unexpected(newest.path, newest, e)
            ret = None
        if ret is not None:
            res.units[code] = ret
            rows = cache.rows.get(newest.digest)
            if rows is not None:
                res.rows[code] = rows
            if not info[code].selected:
                newest.findings.append(K.NOT_SELECTED.at(spec.id_sheet, "B3", code, file=newest.name, code=code))

    res.cache = cache
    res.files.extend(skipped)
    for f in res.files:
        res.findings.extend(f.findings)
    seen = {f.unit_code for f in res.files if f.unit_code}
    for u in rnd.units:
        if u.selected and u.code not in seen:
            insp = rnd.inspection(u.code)
            due = insp.report_due if insp else None
            res.missing.append(MissingUnit(u.code, u.name, u.block, due))
            res.findings.append(K.MISSING.at("", "", u.code, code=u.code, name=u.name,
                                             due=fmt_date(due) or "chưa xác định"))
    return res
