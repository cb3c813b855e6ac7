"""Recompute every total and ratio of a unit's return from its typed values.

Pure: no files, no Excel.  The merge never trusts a formula cell's value;
everything derived is computed here from the input cells, so a form saved by
a tool that does not calculate merges exactly like one saved by Excel.
"""
from __future__ import annotations

from functools import lru_cache

from tdkt_xl.appendices.spec import FormLayout, Spec, RATIO


@lru_cache(maxsize=256)
def _summary_keys(table: str, code: str, columns: tuple) -> tuple:
    return tuple(f"{table}.{code}.{ck}" for ck in columns)


@lru_cache(maxsize=8)
def _all_fields(spec: Spec) -> tuple:
    return tuple(spec.all_fields())


def _n(v) -> float:
    return v if isinstance(v, (int, float)) and not isinstance(v, bool) else 0


def ratio(num: float, den: float):
    return (num / den) if den else None


def compute(spec: Spec, lay: FormLayout, inputs: dict, tables: dict) -> dict:
    """All scalar values of one return: inputs, field totals, table row totals
    (written back into ``tables``' rows), summary cells and ratios."""
    values = dict(inputs)
    # table row sums (a row's formula columns)
    for sl in lay.sheets.values():
        for tkey, tl in sl.tables.items():
            rows = tables.get(tkey, [])
            sums = [(c.key, c.sum) for c in tl.section.columns if c.sum]
            for row in rows if sums else ():
                for key, parts in sums:
                    row[key] = sum(_n(row.get(p)) for p in parts)
            values[f"{tkey}_count"] = len(rows)
    # summaries by group
    for sl in lay.sheets.values():
        for sec, _title, _rows in sl.sections:
            if sec.type != "summary":
                continue
            by_label = {label: code for code, label in sec.groups}
            acc = {code: dict.fromkeys(sec.columns, 0) for code, _ in sec.groups}
            for row in tables.get(sec.table, []):
                code = by_label.get(row.get(sec.by))
                if code is None:
                    continue
                into = acc[code]
                for ck in sec.columns:
                    into[ck] += _n(row.get(ck))
            total = dict.fromkeys(sec.columns, 0)
            for code, cols in acc.items():
                for ck, v in cols.items():
                    total[ck] += v
                values.update(zip(_summary_keys(sec.table, code, tuple(cols)), cols.values()))
            values.update(zip(_summary_keys(sec.table, "total", tuple(total)), total.values()))
    # field sums, in spec order (a sum may use an earlier sum)
    fields = _all_fields(spec)
    present = {k for sl in lay.sheets.values() for k in sl.cells}
    for f in fields:
        if f.key not in present:
            continue
        if f.sum or f.minus:
            values[f.key] = sum(_n(values.get(p)) for p in f.sum) - sum(_n(values.get(m)) for m in f.minus)
    for f in fields:
        if f.key in present and f.kind == RATIO:
            values[f.key] = ratio(sum(_n(values.get(k)) for k in f.num),
                                  sum(_n(values.get(k)) for k in f.den))
    return values


def sum_keys(values: dict, keys) -> float:
    return sum(_n(values.get(k)) for k in keys)
