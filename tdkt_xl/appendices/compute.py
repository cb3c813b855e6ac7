"""Recompute every total and ratio of a unit's return from its typed values.

Pure: no files, no Excel.  The merge never trusts a formula cell's value;
everything derived is computed here from the input cells, so a form saved by
a tool that does not calculate merges exactly like one saved by Excel.
"""
from __future__ import annotations

from tdkt_xl.appendices.spec import FormLayout, Spec, RATIO


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
            for row in rows:
                for c in tl.section.columns:
                    if c.sum:
                        row[c.key] = sum(_n(row.get(p)) for p in c.sum)
            values[f"{tkey}_count"] = len(rows)
    # summaries by group
    for sl in lay.sheets.values():
        for sec, _title, _rows in sl.sections:
            if sec.type != "summary":
                continue
            by_label = {label: code for code, label in sec.groups}
            acc = {code: {ck: 0 for ck in sec.columns} for code, _ in sec.groups}
            for row in tables.get(sec.table, []):
                code = by_label.get(row.get(sec.by))
                if code is None:
                    continue
                for ck in sec.columns:
                    acc[code][ck] += _n(row.get(ck))
            total = {ck: 0 for ck in sec.columns}
            for code, cols in acc.items():
                for ck, v in cols.items():
                    values[f"{sec.table}.{code}.{ck}"] = v
                    total[ck] += v
            for ck, v in total.items():
                values[f"{sec.table}.total.{ck}"] = v
    # field sums, in spec order (a sum may use an earlier sum)
    fields = [f for f in spec.all_fields()]
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
