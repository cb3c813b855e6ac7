"""Record the reference of *example data* (``tdkt_xl/data/example_reference.json``)
from the shipped example rounds (run after changing any example CSV or
``data/example_rounds.csv``; the output is committed).

    python -m tdkt_xl.gate.make_reference

``gate.examples.reference()`` reads the record instead of every example
round while the rounds are those it was made from; tests/test_example_reference.py
fails while the committed record differs from what this writes.
"""
from __future__ import annotations

from tdkt_xl.gate.examples import RECORD_FILE, computed, fingerprint, record_text
from tdkt_xl.io.atomic import write_text
from tdkt_xl.io.example import example_rounds


def record() -> str:
    """The record's text for the example rounds as they are now."""
    rounds = example_rounds()
    return record_text(computed(rounds), fingerprint(rounds))


if __name__ == "__main__":
    print(write_text(RECORD_FILE, record()))
