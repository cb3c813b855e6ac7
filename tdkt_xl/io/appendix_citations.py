"""The texts of the register of legal bases (Căn cứ pháp lý) that the Phụ lục
spec rests on, read from the spec file here, below the appendices: the gate
hands them to the validator as data (CC06 names a code the register lacks)
and the rules never import the appendices."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

# the shipped Phụ lục spec (the appendices load it from here too)
SPEC_FILE = Path(__file__).resolve().parent.parent / "appendices" / "spec" / "phu_luc_2024.json"


def citations(data: dict) -> dict:
    """Register code -> the appendix finding codes that rest on it: each
    authority rule's governing text (``law``) and the text its basis quotes
    (``cites``), each ratio check's caps (``caps``: code -> %)."""
    out: dict = {}
    for rule in data.get("authority", ()):
        for code in dict.fromkeys((rule.get("law"), rule.get("cites"))):
            if code:
                out.setdefault(code, []).append(rule.get("code", ""))
    for chk in data.get("checks", ()):
        for code in chk.get("caps", {}):
            out.setdefault(code, []).append(chk.get("code", ""))
    return {code: sorted(set(filter(None, users))) for code, users in out.items()}


@lru_cache(maxsize=4)
def _read(path: str) -> dict:
    with open(path, encoding="utf-8") as fh:
        return citations(json.load(fh))


def spec_citations(path=SPEC_FILE) -> dict:
    """``citations`` of the spec file (the shipped one by default), read once."""
    return {code: list(users) for code, users in _read(str(Path(path).resolve())).items()}
