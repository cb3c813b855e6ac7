"""The key figures of a unit's merged appendix, as the minutes state them.

Where the unit's Phụ lục II has been merged (the consolidated workbook of
``tdkt merge``, read by ``io.consolidated``), its minutes list the awards by
title (collectives, households, individuals), their total and the ratios the
plan asks for, generated from the appendix itself, never from a remark the
delegation typed.  The titles and their names come from the consolidated
workbook (its label row, i.e. the appendix spec); the ratios stated are the
keys of ``data/appendix_ratios.csv``."""
from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path
from typing import Optional

from tdkt_xl.io.consolidated import Consolidated, open_consolidated
from tdkt_xl.vocabulary.style import count2

RATIOS_CSV = Path(__file__).parent / "data" / "appendix_ratios.csv"
PARTS = (("collectives", "tập thể"), ("households", "hộ gia đình"), ("individuals", "cá nhân"))


@lru_cache(maxsize=1)
def ratio_keys() -> tuple:
    with open(RATIOS_CSV, encoding="utf-8", newline="") as f:
        return tuple(r["key"].strip() for r in csv.DictReader(f) if r["key"].strip())


def load(path) -> Consolidated:
    """The consolidated workbook at ``path`` (``AppendixError`` naming it when it cannot
    be used)."""
    return open_consolidated(path, ratio_keys())


def find(out_dir) -> Optional[Path]:
    """The latest consolidated workbook of the output folder the documents go to: ``out_dir``
    itself is the output folder, or its documents subfolder (``…/Văn bản``)."""
    from tdkt_xl.vocabulary.outputs import latest_consolidated
    out_dir = Path(out_dir)
    return latest_consolidated(out_dir) or latest_consolidated(out_dir.parent)


def _int(v) -> int:
    try:
        return int(round(float(v or 0)))
    except (TypeError, ValueError):
        return 0


def _percent(v) -> Optional[str]:
    try:
        x = float(v)
    except (TypeError, ValueError):
        return None
    return f"{x * 100:.1f}".replace(".", ",") + "%"


def title_names(cons: Consolidated) -> list[tuple[str, str]]:
    """(title code, name) of every award title of the appendix, in its order."""
    out = []
    for key, label in cons.labels.items():
        parts = key.split(".")
        if len(parts) == 3 and parts[0] == "awards" and parts[2] == "total" and parts[1] != "total":
            out.append((parts[1], label.split(" - ")[0].strip()))
    return out


def unit_lines(cons: Optional[Consolidated], code: str) -> list[str]:
    """The minutes' lines for unit ``code`` ('- Lao động tiên tiến: 18 cá nhân;' …, the
    last ending with '.'), or [] when the unit has no merged appendix."""
    values = cons.units.get(code) if cons is not None else None
    if not values:
        return []
    lines = []
    for title, name in title_names(cons):
        counts = [(_int(values.get(f"awards.{title}.{col}")), word) for col, word in PARTS]
        said = ", ".join(f"{count2(n)} {word}" for n, word in counts if n)
        if said:
            lines.append(f"{name}: {said}")
    total = _int(values.get("awards.total.total"))
    lines.append(f"Tổng số: {count2(total)} lượt tập thể, hộ gia đình, cá nhân được khen"
                 if total else "Không có quyết định khen thưởng nào được kê khai")
    for key in ratio_keys():
        pct = _percent(values.get(key))
        if pct is not None and key in cons.labels:
            lines.append(f"{cons.labels[key]}: {pct}")
    return [f"- {t}{'.' if i == len(lines) - 1 else ';'}" for i, t in enumerate(lines)]
