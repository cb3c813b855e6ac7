"""Characters a clerk cannot see: shown escaped in messages, removed where a
file format cannot hold them, and lengths clipped where a format has a limit.

- ``visible(s)``: control characters, zero-width and direction marks written
  as ``\\u0000``-style escapes, so a message about 'TTVHTT\u200b' shows
  ``'TTVHTT\\u200b'`` instead of a code that looks right.
- ``has_control(s)`` / ``strip_control(s)``: characters that XML 1.0 (so
  .docx and .xlsx) cannot hold: C0 controls other than tab, line feed and
  carriage return, U+FFFE, U+FFFF, lone surrogates.
- ``clip(s, limit)``: at most ``limit`` characters, cut at a word with '…';
  ``core_property(s)``: fit for a document property (255 characters).
"""
from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u115f\u1160\u180e"
                        "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u206a-\u206f\u3164\ufeff"
                        "\ufff9-\ufffb\ufffe\uffff\ud800-\udfff]")


def _escape(m: re.Match) -> str:
    return f"\\u{ord(m.group()):04x}"


def visible(s: str) -> str:
    """``s`` with every invisible character written as ``\\uXXXX``."""
    return _INVISIBLE.sub(_escape, s) if _INVISIBLE.search(s) else s


def has_control(s: str) -> bool:
    return bool(_CONTROL.search(s))


def strip_control(s: str) -> str:
    """``s`` without the characters an XML file cannot hold."""
    return _CONTROL.sub("", s) if _CONTROL.search(s) else s


def clip(s: str, limit: int) -> str:
    """At most ``limit`` characters; a longer text ends with '…' at a word."""
    if len(s) <= limit:
        return s
    cut = s[:limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-") + "…"


CORE_PROPERTY_LIMIT = 255    # Office keeps at most 255 characters in a document property


def core_property(s: str) -> str:
    """Text fit for a .docx/.xlsx document property (title, author…): no
    control characters, at most 255 characters (a unit or council name can
    be longer)."""
    return clip(strip_control(s), CORE_PROPERTY_LIMIT)
