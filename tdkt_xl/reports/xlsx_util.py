"""Small XlsxWriter helpers shared by the report workbooks."""
from __future__ import annotations


def row_height(cells: list, line_pt: float = 16.5) -> float:
    """Height of a row whose wrapped cells are ``(text, column width)``
    (XlsxWriter cannot autofit; LibreOffice and Excel keep the set height)."""
    lines = 1
    for text, width in cells:
        per_line = max(int(width * 1.15) - 1, 1)
        lines = max(lines, -(-len(str(text or "")) // per_line))
    return line_pt * lines
