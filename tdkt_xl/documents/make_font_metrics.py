"""Write the glyph advance widths the layout checker measures with (run once; output committed).

    python -m tdkt_xl.documents.make_font_metrics [FONT_DIR]

Reads Liberation Serif (Regular, Bold, Italic, Bold Italic; metric-compatible
with Times New Roman, SIL OFL 1.1) with fontTools and writes
``tdkt_xl/documents/data/times_metrics.json``: ``unitsPerEm`` and, per style,
the advance width of every character Vietnamese administrative text uses
(Basic Latin, Latin-1, Latin Extended-A/B, combining marks, Latin Extended
Additional including the Vietnamese block U+1EA0–U+1EF9, general punctuation,
currency, letterlike symbols).  The product only reads that file: neither
fontTools nor any font is needed at run time (``apt-get install
fonts-liberation`` provides the fonts for this script).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from tdkt_xl.io.atomic import write_text

OUT = Path(__file__).resolve().parent / "data" / "times_metrics.json"
FONT_DIRS = ("/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/liberation",
             "/usr/share/fonts/liberation")
STYLES = {"regular": "LiberationSerif-Regular.ttf", "bold": "LiberationSerif-Bold.ttf",
          "italic": "LiberationSerif-Italic.ttf", "bolditalic": "LiberationSerif-BoldItalic.ttf"}
RANGES = ((0x20, 0x7E), (0xA0, 0x24F), (0x300, 0x36F), (0x1E00, 0x1EFF), (0x2000, 0x206F),
          (0x20A0, 0x20CF), (0x2100, 0x214F))


def _find(name: str, dirs) -> Path:
    for d in dirs:
        p = Path(d) / name
        if p.exists():
            return p
    raise SystemExit(f"{name} not found in {', '.join(map(str, dirs))}; "
                     "install fonts-liberation (apt-get install -y fonts-liberation)")


def metrics(dirs=FONT_DIRS) -> dict:
    from fontTools.ttLib import TTFont
    out = {"font": None, "unitsPerEm": None, "widths": {}}
    for style, name in STYLES.items():
        font = TTFont(_find(name, dirs))
        upem = font["head"].unitsPerEm
        if out["unitsPerEm"] not in (None, upem):
            raise SystemExit(f"{name}: unitsPerEm {upem} differs from the other styles")
        out["unitsPerEm"] = upem
        out["font"] = f"Liberation Serif {font['name'].getDebugName(5)} (SIL OFL 1.1)"
        cmap, hmtx = font.getBestCmap(), font["hmtx"]
        out["widths"][style] = {f"{cp:04X}": hmtx[cmap[cp]][0]
                                for lo, hi in RANGES for cp in range(lo, hi + 1) if cp in cmap}
    return out


def write(path: Path = OUT, dirs=FONT_DIRS) -> Path:
    data = metrics(dirs)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text(path, json.dumps(data, indent=0, sort_keys=True) + "\n")
    return path


if __name__ == "__main__":
    print(write(dirs=(sys.argv[1],) if len(sys.argv) > 1 else FONT_DIRS))
