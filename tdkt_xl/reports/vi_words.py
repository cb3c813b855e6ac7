"""Vietnamese numbers and money in words ("Bằng chữ").

num2words (lang="vi") misreads inner groups whose hundreds digit is zero
(1.015 -> "một nghìn lẻ mười lăm"); this reader follows the accounting
convention: an inner group with zero hundreds reads "không trăm"
(1.015 -> "một nghìn không trăm mười lăm", 2.005.000 -> "hai triệu không trăm
lẻ năm nghìn"), an all-zero inner group is skipped (1.000.100 -> "một triệu
một trăm").  Options: ``linh`` (Southern "linh" for "lẻ"), ``tu`` ("tư" for a
final 4 after tens >= 20), ``nghin`` ("nghìn" or "ngàn").
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
BILLION = 10 ** 9


def _triple(n: int, full: bool, linh: bool, tu: bool) -> list[str]:
    """Words of 0 <= n < 1000.  ``full``: the group follows a higher group,
    so a zero hundreds digit is read ("không trăm")."""
    h, t, u = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if full or h:
        words += [DIGITS[h], "trăm"]
    if t == 0:
        if u:
            if words:
                words.append("linh" if linh else "lẻ")
            words.append(DIGITS[u])
    elif t == 1:
        words.append("mười")
        if u:
            words.append("lăm" if u == 5 else DIGITS[u])
    else:
        words += [DIGITS[t], "mươi"]
        if u == 1:
            words.append("mốt")
        elif u == 4:
            words.append("tư" if tu else "bốn")
        elif u == 5:
            words.append("lăm")
        elif u:
            words.append(DIGITS[u])
    return words


def _below_billion(n: int, full: bool, linh: bool, tu: bool, nghin: str) -> list[str]:
    words: list[str] = []
    groups = [(n // 10 ** 6) % 1000, (n // 1000) % 1000, n % 1000]
    names = ("triệu", nghin, "")
    started = full
    for g, name in zip(groups, names):
        if g == 0:
            continue          # an all-zero group is skipped
        words += _triple(g, started, linh, tu)
        if name:
            words.append(name)
        started = True
    return words


def _words(n: int, full: bool, linh: bool, tu: bool, nghin: str) -> list[str]:
    if n >= BILLION:
        high, low = divmod(n, BILLION)
        words = _words(high, full, linh, tu, nghin) + ["tỷ"]
        if low:
            words += _below_billion(low, True, linh, tu, nghin)
        return words
    return _below_billion(n, full, linh, tu, nghin)


def read_int(n: int, *, linh: bool = False, tu: bool = False, nghin: str = "nghìn") -> str:
    """Cardinal number in words, lower case: 2005000 -> "hai triệu không trăm lẻ năm nghìn"."""
    n = int(n)
    if n < 0:
        return "âm " + read_int(-n, linh=linh, tu=tu, nghin=nghin)
    if n == 0:
        return DIGITS[0]
    return " ".join(_words(n, False, linh, tu, nghin))


def read_number(value, **opts) -> str:
    """Integer or decimal (int, Decimal, float or text "16,2" / "16.2") in words;
    the fraction is read after "phẩy" as written: 2340000.5 -> "… phẩy năm",
    0.05 -> "không phẩy không năm"."""
    if isinstance(value, int):
        return read_int(value, **opts)
    text = str(value).strip().replace(" ", "")
    if isinstance(value, str) and "," in text:
        text = text.replace(".", "").replace(",", ".")
    try:
        dec = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"Không đọc được số: {value!r}")
    sign = "âm " if dec < 0 else ""
    whole, _, frac = format(abs(dec), "f").partition(".")
    frac = frac.rstrip("0")
    out = sign + read_int(int(whole), **opts)
    if frac:
        zeros = len(frac) - len(frac.lstrip("0"))
        rest = frac.lstrip("0")
        out += " phẩy " + " ".join([DIGITS[0]] * zeros + [read_int(int(rest), **opts)])
    return out


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def money_words(amount: int, *, unit: str = "đồng", even: bool = False, **opts) -> str:
    """Amount in words for a "Bằng chữ" line, capitalised, unit at the end:
    2005000 -> "Hai triệu không trăm lẻ năm nghìn đồng".  ``even`` adds
    "chẵn" to a round amount (house style)."""
    amount = int(amount)
    text = capitalize(read_int(amount, **opts)) + f" {unit}"
    if even and amount % 1000 == 0 and amount:
        text += " chẵn"
    return text


def format_int(n: int) -> str:
    """Digits grouped by dots: 2340000 -> "2.340.000"."""
    n = int(n)
    return ("-" if n < 0 else "") + f"{abs(n):,}".replace(",", ".")


def format_decimal(value: float, places: int = 1) -> str:
    """Decimal comma: 16.2 -> "16,2"; 50.0 -> "50" when the fraction is zero."""
    text = f"{abs(value):.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    whole, _, frac = text.partition(".")
    sign = "-" if value < 0 and text.strip("0.") else ""
    return sign + format_int(int(whole)) + ("," + frac if frac else "")


def money_with_words(amount: int) -> str:
    """'2.005.000 đồng (Bằng chữ: Hai triệu không trăm lẻ năm nghìn đồng)'."""
    return f"{format_int(amount)} đồng (Bằng chữ: {money_words(amount)})"
