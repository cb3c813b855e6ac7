"""Cell values from any source (python-calamine, xlwings, openpyxl) to Python
values, and A1 addresses.  Pure functions; a value that cannot be converted
raises ``BadValue`` with a Vietnamese reason."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

from tdkt_xl.vocabulary.text import strip_control

EXCEL_EPOCH = dt.datetime(1899, 12, 30)


class BadValue(ValueError):
    """A cell holds something that is not of the expected kind."""


@lru_cache(maxsize=None)
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


@lru_cache(maxsize=1 << 16)
def a1(row0: int, col0: int) -> str:
    return f"{col_letter(col0)}{row0 + 1}"


# what a formula error cell holds (xlwings with err_to_str, and our calamine read)
FORMULA_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
                            "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!",
                            "#BUSY!", "#UNKNOWN!", "#EXTERNAL!", "#PYTHON!"})


def formula_error(v) -> str:
    """The error text ('#REF!') when ``v`` is a formula error cell, else ''."""
    if isinstance(v, str) and v[:1] == "#":
        s = v.strip().upper()
        if s in FORMULA_ERRORS:
            return s
    return ""


def is_blank(v) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


# A TRUE/FALSE cell (Excel's logical value; calamine and xlwings give a bool)
# where a number, date or time belongs: a finding, never 1/0.
LOGICAL = "ô có giá trị logic TRUE/FALSE, không phải {what}"


def norm_text(v) -> str:
    """Text as a clerk means it: NFC, trimmed, inner whitespace kept, without
    the control characters no document can hold (the reader reports them).
    A logical cell reads as Excel shows it (TRUE/FALSE), never Python's True."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    if isinstance(v, (dt.datetime, dt.date)):
        return v.strftime("%d/%m/%Y")
    return unicodedata.normalize("NFC", strip_control(str(v))).strip()


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


YEAR_MIN, YEAR_MAX = 1900, 2999     # a date outside is a typing error, never computed with


def plausible_year(year) -> bool:
    return isinstance(year, int) and YEAR_MIN <= year <= YEAR_MAX


def _plausible(d: dt.date) -> dt.date:
    if not plausible_year(d.year):
        raise BadValue(f"ngày {d.day:02d}/{d.month:02d}/{d.year} có năm ngoài khoảng {YEAR_MIN}–{YEAR_MAX}")
    return d


def to_date(v) -> dt.date | None:
    if is_blank(v):
        return None
    if isinstance(v, dt.datetime):
        return _plausible(v.date())
    if isinstance(v, dt.date):
        return _plausible(v)
    if isinstance(v, bool):
        raise BadValue(LOGICAL.format(what="ngày"))
    if isinstance(v, (int, float)):
        if 1 <= v < 2958466:
            return _plausible((EXCEL_EPOCH + dt.timedelta(days=int(v))).date())
        raise BadValue(f"số {fmt_number(v)} không phải là ngày hợp lệ")
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
        day = dt.date(y, mo, d)
    except ValueError:
        raise BadValue(f"'{s}' không phải là ngày có thật (ngày/tháng không hợp lệ)") from None
    return _plausible(day)


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
        raise BadValue(LOGICAL.format(what="giờ"))
    if isinstance(v, (int, float)):
        frac = float(v) % 1 if v >= 1 else float(v)
        if 0 <= frac < 1:
            secs = round(frac * 86400)
            secs = min(secs, 86399)
            return dt.time(secs // 3600, secs % 3600 // 60)
        raise BadValue(f"số {fmt_number(v)} không phải là giờ")
    s = norm_text(v)
    m = _TIME.match(s)
    if m:
        h, mi = int(m.group(1)), int(m.group(2) or 0)
        if h < 24 and mi < 60:
            return dt.time(h, mi)
    raise BadValue(f"'{s}' không phải là giờ (cần dạng 07:30)")


# Numbers typed as text follow the Vietnamese convention: '.' (or a space)
# groups thousands, ',' is the decimal mark.  What the convention cannot
# settle is refused with the reason, never guessed (docs/validation.md).
MAX_DIGITS = 15                       # Excel keeps 15 significant digits
_PLAIN_INT = re.compile(r"-?\d+")
_GROUPED = re.compile(r"-?[1-9]\d{0,2}(?:([. ])\d{3})(?:\1\d{3})*")     # 5.000 / 12.345.678 / 5 000
_VN_DECIMAL = re.compile(r"-?(?:\d{1,3}(?:\.\d{3})+|\d+),\d+")    # 1,5 / 1.234,5
_COMMA_GROUPS = re.compile(r"-?[1-9]\d{0,2}(?:,\d{3})+")                 # 5,000: five thousand or five?
_DOT_DECIMAL = re.compile(r"-?\d*\.\d+")                            # 1.5: a decimal written the English way
_SPACES_IN_NUMBER = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " "})
_TOO_BIG = "số quá lớn (hơn 15 chữ số), không phải số liệu thật"


def _number_text(v) -> tuple[str, str]:
    """(the text as typed, the text without surrounding/duplicate spaces)."""
    shown = norm_text(v)
    return shown, " ".join(shown.translate(_SPACES_IN_NUMBER).split())


def _parse_vn(v) -> int | float:
    """A number typed as text, by the Vietnamese convention; BadValue when
    it is not a number or when the convention cannot settle it."""
    shown, s = _number_text(v)
    if sum(ch.isdigit() for ch in s) > MAX_DIGITS:
        raise BadValue(f"'{shown[:20]}…' là {_TOO_BIG}" if len(shown) > 20 else f"'{shown}' là {_TOO_BIG}")
    if _PLAIN_INT.fullmatch(s):
        return int(s)
    if _GROUPED.fullmatch(s):
        return int(s.replace(".", "").replace(" ", ""))
    if _COMMA_GROUPS.fullmatch(s):
        raise BadValue(f"'{shown}' không rõ là {s.replace(',', '.')} hay số thập phân {s} (theo cách viết "
                       "Việt Nam dấu phẩy là dấu thập phân, nhưng cũng có thể là dấu ngăn hàng nghìn kiểu "
                       f"nước ngoài); hãy nhập số không có dấu ngăn cách, ví dụ {s.replace(',', '')}")
    if _VN_DECIMAL.fullmatch(s):
        return float(s.replace(".", "").replace(",", "."))
    if _DOT_DECIMAL.fullmatch(s):
        raise BadValue(f"'{shown}' không rõ giá trị: theo cách viết Việt Nam dấu chấm chỉ ngăn cách hàng "
                       "nghìn (5.000), số thập phân viết bằng dấu phẩy (1,5)")
    raise BadValue(f"'{shown}' không phải là số")


NOT_A_NUMBER = "ô không chứa số hợp lệ (giá trị vô hạn hoặc không xác định)"


def fmt_number(v: int | float) -> str:
    """A number of a cell in a message, the Vietnamese way (1,5; never Python's 1.5)."""
    return f"{v:.6g}".replace(".", ",")


def _check_size(v: int | float, shown) -> None:
    if abs(v) >= 10 ** MAX_DIGITS:
        raise BadValue(f"'{shown}' là {_TOO_BIG}")


def to_int(v) -> int | None:
    """A whole number.  A decimal ('1,5', '1.5', 1.5) is refused, never
    rounded or read as another number."""
    if is_blank(v):
        return None
    if isinstance(v, bool):
        raise BadValue(LOGICAL.format(what="số"))
    if isinstance(v, int):
        _check_size(v, fmt_number(v))
        return v
    if isinstance(v, float):
        if v.is_integer():
            _check_size(v, fmt_number(v))
            return int(v)
        raise BadValue(f"'{fmt_number(v)}' là số thập phân; ô này cần số nguyên" if v == v
                       else NOT_A_NUMBER)
    n = _parse_vn(v)
    if isinstance(n, float):
        raise BadValue(f"'{norm_text(v)}' là số thập phân; ô này cần số nguyên")
    _check_size(n, norm_text(v))
    return n


def to_number(v) -> float | None:
    if is_blank(v):
        return None
    if isinstance(v, bool):
        raise BadValue(LOGICAL.format(what="số"))
    if isinstance(v, (int, float)):
        if v != v or v in (float("inf"), float("-inf")):
            raise BadValue(NOT_A_NUMBER)
        _check_size(v, fmt_number(v))
        return float(v)
    n = _parse_vn(v)
    _check_size(n, norm_text(v))
    return float(n)


def to_choice(v, choices) -> str:
    if is_blank(v):
        return ""
    k = key_text(v)
    for c in choices:
        if key_text(c) == k:
            return c
    raise BadValue(f"'{norm_text(v)}' không thuộc danh sách ({' / '.join(choices)})")


def fmt_int(n: int) -> str:
    """A whole number as Vietnamese text writes it: 1.048.576."""
    return f"{n:,}".replace(",", ".")


def fmt_date(d: dt.date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


def fmt_time(t: dt.time | None) -> str:
    return t.strftime("%H:%M") if t else ""
