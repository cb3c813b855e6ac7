"""docs/appendices.md lists every PL code (issue 10: every rejection code with
an example of the file that triggers it)."""
from __future__ import annotations

import re
from pathlib import Path

from tdkt_xl.appendices import codes as K
from tdkt_xl.vocabulary.findings import FindingType

DOC = Path(__file__).resolve().parents[1] / "docs" / "appendices.md"


def test_every_pl_code_has_a_row_with_an_example():
    rows = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        cols = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| PL") and len(cols) == 4:
            for code in re.findall(r"PL\d\d", cols[0]):
                rows[code] = cols
    defined = {v.code: v for v in vars(K).values() if isinstance(v, FindingType)}
    assert sorted(set(defined) - set(rows)) == []
    for code, ft in defined.items():
        sev, example = rows[code][1], rows[code][3]
        assert sev == ft.severity and example, (code, rows[code])
