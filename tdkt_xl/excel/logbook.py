"""``Nhật ký``: one row per click (when, who, what, outcome), appended after
the last used row in one write."""
from __future__ import annotations

import datetime as dt
import getpass
import os

from tdkt_xl.vocabulary import cells, schema as S


def os_user() -> str:
    for var in ("USERNAME", "USER", "LOGNAME"):
        if os.environ.get(var):
            return os.environ[var]
    try:
        return getpass.getuser()
    except Exception:
        return ""


def next_row(rows) -> int:
    """0-based index of the row after the last non-blank one (at least 1:
    row 0 is the header)."""
    last = 0
    for i, row in enumerate(rows or []):
        if any(not cells.is_blank(v) for v in list(row)[:len(S.LOG.columns)]):
            last = i
    return max(1, last + 1)


def append(io, when: dt.datetime, job: str, outcome: str, who: str | None = None) -> None:
    name = S.LOG.name
    if io.actual_name(name) is None:
        io.add_sheet(name)
        io.write(name, "A1", [S.LOG.headers])
    rows = io.array(name) or []
    if not rows or all(cells.is_blank(v) for v in rows[0]):
        io.write(name, "A1", [S.LOG.headers])
        rows = io.array(name)
    r = next_row(rows)
    io.write(name, cells.a1(r, 0), [[when.replace(microsecond=0), who if who is not None else os_user(),
                                     job, outcome]])
