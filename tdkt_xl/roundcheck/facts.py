"""What a document states, read from its text: dates, the report deadline,
the minutes' own date, each person's role in the delegation, and the blanks
(dotted lines) still waiting to be filled.  Pure functions of text."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Iterable, Optional

from tdkt_xl.model import vocab as V

_NUM_DATE = re.compile(r"(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")
_WORD_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.I)
# dotted lines: two ellipsis characters or three dots, possibly spaced
_DOTS = re.compile(r"(?:…\s*){2,}|(?:\.\s*){4,}|…(?=/)|(?<=số )…")
_BLANK_NUMBER = re.compile(r"^Số:\s+/")
_BLANK_DATE = re.compile(r"ngày\s{2,}tháng|tháng\s{2,}năm")
_CITED = (("Kế hoạch", "số, ngày của Kế hoạch"), ("Quyết định", "số, ngày của Quyết định"),
          ("Quy chế", "số, ngày của Quy chế"), ("Tờ trình", "số, ngày của Tờ trình"),
          ("Biên bản", "số của Biên bản"), ("Thông báo", "số, ngày của Thông báo"),
          ("điện thoại", "số điện thoại"))
DEADLINE_RE = re.compile(r"(chậm nhất(?: là)?(?: vào)? ngày|trước ngày|hạn nộp[^:]*:)\s*"
                         r"(\d{1,2}/\d{1,2}/\d{4})", re.I)
_ROLE_WORDS = sorted(V.DELEGATION_TASKS, key=len, reverse=True)
_ROLE_RE = re.compile("|".join(re.escape(r) for r in _ROLE_WORDS), re.I)


def _date(d, mth, y) -> Optional[dt.date]:
    try:
        return dt.date(int(y), int(mth), int(d))
    except ValueError:
        return None


def dates_in(text: str) -> list[tuple[dt.date, int, int]]:
    """Every date written in the text: (date, start, end), in order."""
    out = []
    for rx in (_NUM_DATE, _WORD_DATE):
        for mm in rx.finditer(text):
            d = _date(*mm.groups())
            if d:
                out.append((d, mm.start(), mm.end()))
    return sorted(out, key=lambda t: t[1])


def parse_date(text: str) -> Optional[dt.date]:
    found = dates_in(text)
    return found[0][0] if found else None


def placeholders(paras: Iterable[str]) -> list[tuple[str, str]]:
    """(what, snippet) for each blank still printed: a dotted line, a number
    line without its number, a date line without its day."""
    out, seen = [], set()
    for p in paras:
        t = unicodedata.normalize("NFC", p).strip()
        if not t:
            continue
        hits = []
        if _BLANK_NUMBER.match(t):
            hits.append(("số văn bản", t))
        if _BLANK_DATE.search(t):
            hits.append(("ngày ký", t))
        groups = []                     # dotted lines close together: one citation
        for mm in _DOTS.finditer(t):
            if groups and mm.start() - groups[-1][1] <= 40:
                groups[-1][1] = mm.end()
            else:
                groups.append([mm.start(), mm.end()])
        for start, end in groups:
            before = t[max(0, start - 60):start]
            what = next((w for key, w in _CITED if key.lower() in before.lower()), "nội dung")
            hits.append((what, around(t, start, end, 40, 30)))
        for what, snippet in hits:
            key = (what, snippet)
            if key not in seen:
                seen.add(key)
                out.append((what, _short(snippet)))
    return out


def around(text: str, start: int, end: int, before: int = 50, after: int = 30) -> str:
    """The words around text[start:end] (cut at spaces, never inside a word)."""
    a = max(0, start - before)
    if a > 0:
        a = text.find(" ", a, start) + 1 or a
    b = min(len(text), end + after)
    if b < len(text):
        sp = text.rfind(" ", end, b)
        b = sp if sp > end else b
    return ("…" if a > 0 else "") + text[a:b].strip() + ("…" if b < len(text) else "")


def _short(s: str, n: int = 110) -> str:
    s = re.sub(r"\s+", " ", s)
    return s if len(s) <= n else s[:n - 1] + "…"


def deadlines(paras: Iterable[str]) -> list[tuple[dt.date, str]]:
    """(date, snippet) of each deadline phrase ('chậm nhất ngày 09/6/2024')."""
    out = []
    for p in paras:
        for mm in DEADLINE_RE.finditer(p):
            d = parse_date(mm.group(2))
            if d:
                out.append((d, around(p, mm.start(), mm.end(), 50, 0)))
    return out


def _fold(s: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip().casefold()


def canonical_role(word: str) -> str:
    f = _fold(word)
    return next((r for r in V.DELEGATION_TASKS if r.casefold() == f), word)


def roles_in_lines(lines: Iterable[str], names: Iterable[str]) -> dict:
    """{name: role} from lines that name a person then their role
    ('- Lê Văn C, Phó Trưởng phòng Nội vụ - Thành viên;'): the last role word
    between the name and the next person named on the line."""
    names = sorted(set(n for n in names if n), key=len, reverse=True)
    out = {}
    for line in lines:
        spans = []
        for n in names:
            for mm in re.finditer(rf"(?<!\w){re.escape(n)}(?!\w)", line):
                if not any(s <= mm.start() < e for s, e, _ in spans):
                    spans.append((mm.start(), mm.end(), n))
        spans.sort()
        for i, (s, e, n) in enumerate(spans):
            stop = spans[i + 1][0] if i + 1 < len(spans) else len(line)
            seg = line[e:stop]
            found = list(_ROLE_RE.finditer(seg))
            if found:
                out.setdefault(n, canonical_role(found[-1].group(0)))
    return out


def team_cell_roles(cell: str, names: Iterable[str]) -> dict:
    """{name: role} from a schedule cell 'Nguyễn Văn A (trưởng đoàn), Lê Văn C,
    Phạm Thị D (thư ký)': a name without a role in brackets is a member."""
    out = {}
    for n in sorted(set(names), key=len, reverse=True):
        mm = re.search(rf"(?<!\w){re.escape(n)}(?!\w)\s*(\(([^)]*)\))?", cell)
        if mm:
            inner = mm.group(2) or ""
            role = _ROLE_RE.search(inner)
            out[n] = canonical_role(role.group(0)) if role else V.TASK_MEMBER
    return out


def scoped_roles(cell: str) -> list[tuple[str, str]]:
    """(role, scope) pairs of a decision's 'Nhiệm vụ trong Đoàn' cell:
    'Trưởng đoàn khi kiểm tra Khối xã, thị trấn; Thành viên' ->
    [('Trưởng đoàn', 'Khối xã, thị trấn'), ('Thành viên', '')]."""
    out = []
    for part in re.split(r"[;\n]", cell):
        mm = _ROLE_RE.search(part)
        if not mm:
            continue
        scope = ""
        sm = re.search(r"khi kiểm tra\s+(.+)$", part[mm.end():], re.I | re.S)
        if sm:
            scope = sm.group(1).strip(" .;")
        out.append((canonical_role(mm.group(0)), scope))
    return out
