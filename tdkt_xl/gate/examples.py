"""The shipped example rounds, read once, as the reference of *example data*
(``rules.examples`` defines it; the validator and ``check-round`` both use
this one reference).  A value kept from any shipped round is example data:
a clerk may start from the schools' round as well as from the district one.

Reading every example round (``read_round`` of each) cost each process of the
tool 0.04–0.08 s of CPU, more than the rest of a validation of the shipped
round.  So the reference is recorded: ``data/example_reference.json``, written
by ``python -m tdkt_xl.gate.make_reference``, holds it together with a
fingerprint of the CSV files it was computed from (each listed round's files,
names and bytes, in order).  ``reference()`` uses the record only while the
example rounds it finds are exactly those files; any other example data (a
round added to ``example_rounds.csv``, an edited CSV, another data folder)
is read and computed as before.  tests/test_example_reference.py proves the
committed record equal to the computation."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from functools import lru_cache
from pathlib import Path

from tdkt_xl.io.example import DATA_DIR, example_rounds, example_sheets, sheet_files
from tdkt_xl.io.reader import read_round
from tdkt_xl.rules import examples
from tdkt_xl.vocabulary import schema as S

RECORD_FILE = DATA_DIR / "example_reference.json"
MAKER = "python -m tdkt_xl.gate.make_reference"


@lru_cache(maxsize=1)
def reference() -> examples.Reference:
    rounds = example_rounds()
    return recorded(fingerprint(rounds)) or computed(rounds)


def computed(rounds=None) -> examples.Reference:
    """The reference read from the example rounds' CSV files (all shipped rounds by default)."""
    values, marked = set(), []
    for r in example_rounds() if rounds is None else rounds:
        sheets = example_sheets(r.data_dir)
        rnd = read_round(sheets, "example").round
        ref = examples.reference(rnd, examples.marked_fields(sheets.get(S.SETTINGS.name, [])))
        values |= ref.values
        marked += [f for f in ref.marked if f not in marked]
    return examples.Reference(frozenset(values), tuple(marked))


def fingerprint(rounds) -> str:
    """What the reference is computed from: each round's CSV files (sheet name
    and bytes), round by round in their order."""
    h = hashlib.sha256()
    for r in rounds:
        h.update(b"\0round\0")
        for p in sheet_files(r.data_dir):
            data = p.read_bytes()
            h.update(f"{p.stem}\0{len(data)}\0".encode("utf-8"))
            h.update(data)
    return h.hexdigest()


def recorded(sources: str, path: Path = RECORD_FILE) -> examples.Reference | None:
    """The recorded reference if it was computed from ``sources`` (a fingerprint);
    None when it was not, or when the file is missing or unreadable."""
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
        if doc["sources"] != sources:
            return None
        return examples.Reference(frozenset((k, _decoded(v)) for k, v in doc["values"]),
                                  tuple(doc["marked"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def record_text(ref: examples.Reference, sources: str) -> str:
    """The record of ``ref`` (computed from ``sources``) as committed: one value a line, sorted."""
    values = sorted(ref.values, key=lambda kv: (kv[0], isinstance(kv[1], dt.date), str(kv[1])))
    lines = ["{",
             f'"made_by": {json.dumps(MAKER)},',
             f'"sources": {json.dumps(sources)},',
             f'"marked": {json.dumps(list(ref.marked), ensure_ascii=False)},',
             '"values": [',
             ",\n".join(json.dumps([k, _encoded(v)], ensure_ascii=False) for k, v in values),
             "]",
             "}",
             ""]
    return "\n".join(lines)


def _encoded(v):
    if type(v) is dt.date:
        return {"date": v.isoformat()}
    if isinstance(v, str):
        return v
    raise TypeError(f"an example value neither text nor date: {v!r}")


def _decoded(v):
    if isinstance(v, dict):
        return dt.date.fromisoformat(v["date"])
    if isinstance(v, str):
        return v
    raise TypeError(v)
