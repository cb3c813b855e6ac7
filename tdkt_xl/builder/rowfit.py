"""Text metrics for the builder: column widths in pixels and row heights of
wrapped cells (neither Excel nor LibreOffice fits row heights of a generated
file on load, so the builder sets them)."""
from __future__ import annotations

from typing import Iterable


def px(width_chars: float) -> int:
    """Excel column width (characters) -> pixels at the default font."""
    return int(width_chars * 7 + 0.5) + 5


CHAR_PX = 6.7            # average width of a character of Times New Roman 12 (pixels)
LINE_PT = 15.75          # height of one line of Times New Roman 12 (points)


def lines(text: str, width_chars: float) -> int:
    """Lines a wrapped cell needs (greedy word wrap, slightly pessimistic):
    neither Excel nor LibreOffice fits row heights of generated files on load."""
    per_line = max(1, int((px(width_chars) - 8) / CHAR_PX))
    total = 0
    for para in str(text).split("\n"):
        n, cur = 1, 0
        for word in para.split(" "):
            w = len(word)
            need = cur + 1 + w if cur else w
            if need <= per_line:
                cur = need
                continue
            if cur:
                n += 1
            extra = (w - 1) // per_line if w else 0
            n += extra
            cur = w - extra * per_line
        total += n
    return total


def row_height(cells_: Iterable[tuple]) -> float | None:
    """Height (points) for a row given (text, column width) of its wrapped
    cells; None when one line is enough."""
    n = max((lines(t, w) for t, w in cells_ if t), default=1)
    return None if n <= 1 else round(n * LINE_PT + 2, 2)
