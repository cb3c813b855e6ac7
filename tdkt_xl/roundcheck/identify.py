"""Which document a file is: kind and unit.

The hidden marker the tool writes (``documents.marker``) decides; a file
without it (saved by another program, or an older run) is recognised by its
content: the document's title line, then the unit named in it.  The file name
is never trusted, so a renamed file is still recognised.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Optional

from tdkt_xl import model as m
from tdkt_xl.roundcheck.reading import FileText
from tdkt_xl.vocabulary import doc_kinds as DK


@dataclass(frozen=True)
class OutputKind:
    key: str              # marker value (documents.marker)
    label: str            # Vietnamese, for messages
    per_unit: bool
    family: str           # files expected together (see service.expected)
    layout: str = ""      # profile of the ND 30 checker ("" = not a DOCX)


OUTPUT_KINDS = {k.key: k for k in (
    # the official documents: one per row of the document kinds table (family: the documents
    # service's files, else the command that writes them: report, followup)
    *(OutputKind(d.key, d.label, d.per_unit,
                 "documents" if d.service == DK.DOCUMENTS_SERVICE else d.command, d.key)
      for d in DK.KINDS.values()),
    OutputKind("outline", "đề cương báo cáo gửi đơn vị", True, "forms", "attachment"),
    OutputKind("forms", "biểu mẫu phụ lục gửi đơn vị", True, "forms"),
    OutputKind("merged", "sổ tính tổng hợp phụ lục", False, "merged"),
    OutputKind("stats", "sổ tính thống kê kết quả", False, "report"),
    OutputKind("followup", "bảng theo dõi khắc phục", False, "followup"),
)}


@dataclass
class Identity:
    kind: Optional[OutputKind]
    unit: str = ""
    round_id: str = ""
    by_marker: bool = False


def _fold(s: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s or "")).strip().casefold()


def _kind_by_content(ft: FileText) -> Optional[str]:
    if ft.ext == "xlsx":
        sheets = set(ft.sheets)
        if {"Tổng hợp", "Dữ liệu"} <= sheets:
            return "merged"
        if {"Phụ lục I", "Phụ lục II"} <= sheets:
            return "forms"
        title = _fold(ft.title)
        if "theo dõi khắc phục" in title:
            return "followup"
        if any("thống kê" in _fold(s) or "tổng hợp kết quả" in _fold(s) for s in ft.sheets):
            return "stats"
        return None
    lines = [p.strip() for p in ft.paras if p.strip()][:14]
    folded = [_fold(x) for x in lines]
    if any(x.startswith("v/v") and "đôn đốc" in x for x in folded):
        return "reminder"
    for x in folded:
        if x == "đề cương báo cáo":
            return "outline"
        if x == "quyết định":
            return "decision"
        if x == "biên bản":
            return "minutes"
        if x == "báo cáo":
            return "report"
        if x == "thông báo":
            return "notice_all" if len(ft.rows) > 3 and _schedule_table(ft) else "notice"
    return None


def _schedule_table(ft: FileText) -> bool:
    return any(_fold(c).startswith("đơn vị được kiểm tra") for row in ft.rows for c in row)


def unit_by_content(ft: FileText, rnd: m.Round, kind: str) -> str:
    """The unit a per-unit document is for: the longest unit name in its title
    lines ("… đối với Công an huyện", "Đơn vị báo cáo: …", "Kính gửi: …")."""
    head = " ".join(_fold(p) for p in ft.paras if p.strip())
    head = head[:1500] if kind != "forms" else head[:3000]
    found = []
    for u in rnd.units:
        for name in (u.name, u.code if kind == "forms" else ""):
            n = _fold(name)
            if n and re.search(rf"(?<!\w){re.escape(n)}(?!\w)", head):
                found.append((len(n), u.code))
    return max(found)[1] if found else ""


def identify(ft: FileText, rnd: m.Round) -> Identity:
    mk = ft.marker or {}
    kind = OUTPUT_KINDS.get(mk.get("tdkt_kind", ""))
    if kind is not None:
        return Identity(kind, mk.get("tdkt_unit", "") if kind.per_unit else "",
                        mk.get("tdkt_round", ""), True)
    key = _kind_by_content(ft)
    kind = OUTPUT_KINDS.get(key or "")
    if kind is None:
        return Identity(None)
    unit = unit_by_content(ft, rnd, key) if kind.per_unit else ""
    return Identity(kind, unit)
