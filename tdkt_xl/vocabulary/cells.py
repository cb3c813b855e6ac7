"""Cell values from any source (python-calamine, xlwings, openpyxl) to Python
values, and A1 addresses.  Pure functions; a value that cannot be converted
raises ``BadValue`` with a Vietnamese reason."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

EXCEL_EPOCH = dt.datetime(1899, 12, 30)


class BadValue(ValueError):
    """A cell holds something that is not of the expected kind."""


def col_letter(index0: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    s, n = "", index0 + 1
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def col_index(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def a1(row0: int, col0: int) -> str:
    return f"{col_letter(col0)}{row0 + 1}"


def is_blank(v) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def norm_text(v) -> str:
    """Text as a clerk means it: NFC, trimmed, inner whitespace kept."""
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, (dt.datetime, dt.date)):
        return v.strftime("%d/%m/%Y")
    return unicodedata.normalize("NFC", str(v)).strip()


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=1 << 16)
def _key_str(s: str) -> str:
    return _SPACES.sub(" ", norm_text(s)).casefold()


def key_text(v) -> str:
    """Text for matching headers and list values: NFC, casefold, single spaces."""
    if isinstance(v, str):
        return _key_str(v)
    return _SPACES.sub(" ", norm_text(v)).casefold()


_DATE_PATTERNS = (
    re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$"),        # dd/mm/yyyy
)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")


def to_date(v) -> dt.date | None:
    if is_blank(v):
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, bool):
        raise BadValue(f"'{v}' không phải là ngày")
    if isinstance(v, (int, float)):
        if 1 <= v < 2958466:
            return (EXCEL_EPOCH + dt.timedelta(days=int(v))).date()
        raise BadValue(f"số {v} không phải là ngày hợp lệ")
    s = norm_text(v)
    m = _DATE_PATTERNS[0].match(s)
    if m:
        d, mo, y = (int(x) for x in m.groups())
    else:
        m = _ISO.match(s)
        if not m:
            raise BadValue(f"'{s}' không phải là ngày (cần dạng dd/mm/yyyy)")
        y, mo, d = (int(x) for x in m.groups())
    try:
        return dt.date(y, mo, d)
    except ValueError:
        raise BadValue(f"'{s}' không phải là ngày có thật (ngày/tháng không hợp lệ)") from None


_TIME = re.compile(r"^(\d{1,2})\s*(?::|h|g|giờ)\s*(\d{0,2})\s*(?:phút|p)?$", re.IGNORECASE)


def to_time(v) -> dt.time | None:
    if is_blank(v):
        return None
    if isinstance(v, dt.datetime):
        return v.time().replace(microsecond=0)
    if isinstance(v, dt.time):
        return v.replace(microsecond=0)
    if isinstance(v, dt.timedelta):          # calamine gives durations for [h]:mm cells
        secs = int(v.total_seconds()) % 86400
        return dt.time(secs // 3600, secs % 3600 // 60)
    if isinstance(v, bool):
        raise BadValue(f"'{v}' không phải là giờ")
    if isinstance(v, (int, float)):
        frac = float(v) % 1 if v >= 1 else float(v)
        if 0 <= frac < 1:
            secs = round(frac * 86400)
            secs = min(secs, 86399)
            return dt.time(secs // 3600, secs % 3600 // 60)
        raise BadValue(f"'{v}' không phải là giờ")
    s = norm_text(v)
    m = _TIME.match(s)
    if m:
        h, mi = int(m.group(1)), int(m.group(2) or 0)
        if h < 24 and mi < 60:
            return dt.time(h, mi)
    raise BadValue(f"'{s}' không phải là giờ (cần dạng 07:30)")


def to_int(v) -> int | None:
    if is_blank(v):
        return None
    if isinstance(v, bool):
        raise BadValue(f"'{v}' không phải là số")
    if isinstance(v, int):
        return v
    if isinstance(v, float):
        if v.is_integer():
            return int(v)
        raise BadValue(f"'{v}' không phải là số nguyên")
    s = norm_text(v).replace(".", "").replace(" ", "")
    if re.fullmatch(r"-?\d+", s):
        return int(s)
    raise BadValue(f"'{norm_text(v)}' không phải là số")


def to_number(v) -> float | None:
    if is_blank(v):
        return None
    if isinstance(v, bool):
        raise BadValue(f"'{v}' không phải là số")
    if isinstance(v, (int, float)):
        return float(v)
    s = norm_text(v).replace(" ", "")
    # Vietnamese style 1.234,5 or plain 1234.5
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", s):
        s = s.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"-?\d+,\d+", s):
        s = s.replace(",", ".")
    try:
        return float(s)
    except ValueError:
        raise BadValue(f"'{norm_text(v)}' không phải là số") from None


def to_choice(v, choices) -> str:
    if is_blank(v):
        return ""
    k = key_text(v)
    for c in choices:
        if key_text(c) == k:
            return c
    raise BadValue(f"'{norm_text(v)}' không thuộc danh sách ({' / '.join(choices)})")


def fmt_date(d: dt.date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


def fmt_time(t: dt.time | None) -> str:
    return t.strftime("%H:%M") if t else ""
