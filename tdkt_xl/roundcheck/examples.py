"""The shipped example round's values that must not reach a real document.

*Example data* is defined once, in ``tdkt_xl.rules.examples`` (the validator's
VD01 uses the same reference, ``tdkt_xl.gate.examples``); here its values are
searched in the text of generated documents.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from tdkt_xl.gate.examples import reference
from tdkt_xl.rules.examples import texts

_MIN_LEN = 6          # shorter values ("05", "2024") are not telling in running text


def _nfc(s) -> str:
    return unicodedata.normalize("NFC", str(s or "")).strip()


@lru_cache(maxsize=1)
def example_values() -> tuple:
    """Example values (``rules.examples``) but dates, longest first (so a longer
    value is reported, not its part)."""
    vals = {_nfc(v) for v in texts(reference(), with_dates=False) if v}
    return tuple(sorted((v for v in vals if len(v) >= _MIN_LEN), key=len, reverse=True))


@lru_cache(maxsize=1)
def _pattern():
    vals = example_values()
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(v) for v in vals) + r")(?!\w)") if vals else None


def found_in(text: str) -> list[str]:
    """The example values the text contains (each once, in the order of the text;
    a longer value wins over a value it contains)."""
    rx = _pattern()
    out: list = []
    for mm in (rx.finditer(_nfc(text)) if rx else ()):
        if mm.group(0) not in out:
            out.append(mm.group(0))
    return out
