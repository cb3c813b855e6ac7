"""Consolidated statistics of the merged appendices.

``Consolidated`` is what the reports engineer uses: per-unit values and
totals per scope (district, each block), built either from a MergeResult or
read back from the consolidated workbook's ``Dữ liệu`` sheet
(``load_consolidated``).  Ratios in totals are recomputed from summed
numerators and denominators, never averaged.
"""
from __future__ import annotations

from functools import lru_cache

from tdkt_xl.appendices.spec import CHOICE, RATIO, TEXT, DATE, Spec, load_spec
from tdkt_xl.model.vocab import SCOPE_ALL_LABEL, YES

# the Dữ liệu sheet and its reader live below the services (io.consolidated)
from tdkt_xl.io.consolidated import (DATA_HEADERS, DATA_SHEET, LABEL_ROW, SCOPE_ALL,  # noqa: F401
                                     Consolidated, read_consolidated)


@lru_cache(maxsize=8)
def scalar_keys(spec: Spec) -> tuple:
    """(key, label, kind) of every scalar the merge computes, in spec order."""
    out = []
    labels = spec.labels()
    kinds = {f.key: f.kind for f in spec.all_fields()}
    for key, label in labels.items():
        out.append((key, label, kinds.get(key, "int")))
    return tuple(out)


def _ratio_fields(spec: Spec) -> list:
    return [f for f in spec.all_fields() if f.kind == RATIO]


def scope_label(scope: str) -> str:
    """The row label of a scope's totals: 'Cộng khối xã, thị trấn', 'TỔNG CỘNG'
    (one spelling for every sheet of the consolidated workbook)."""
    return SCOPE_ALL_LABEL if scope == SCOPE_ALL else f"Cộng {scope[0].lower() + scope[1:]}"


def block_scopes(totals: dict) -> list:
    """The blocks among the scopes of ``totals`` (in the round's order)."""
    return [s for s in totals if s != SCOPE_ALL]


def totals_of(spec: Spec, rows: dict, blocks: dict, order=None, table: dict | None = None) -> dict:
    """scope -> {key: value}: sums of numbers, count of 'Có' for yes/no
    questions, ratios recomputed from summed parts.  Scopes: every unit, then
    each block of ``order`` (default: the blocks of ``blocks``, first seen first).
    ``table``: each unit's values in key order when the caller has them
    (``rows`` then holds every key for every unit)."""
    keys = scalar_keys(spec)
    names = [k for k, _l, _kind in keys]
    whole = table is not None
    if table is None:
        table = {c: tuple(map(r.get, names)) for c, r in rows.items()}     # each unit's values in key order
    out = {}
    order = list(dict.fromkeys(blocks.values() if order is None else order))
    scopes = [(SCOPE_ALL, list(rows))] + [(b, [c for c in rows if blocks.get(c) == b]) for b in order]
    for scope, codes in scopes:
        if not codes:
            out[scope] = {k: None for k, _l, kind in keys}
            out[scope]["units_merged"] = 0
            continue
        present = set(names) if whole else set().union(*(rows[c] for c in codes))
        columns = list(zip(*(table[c] for c in codes)))                 # one tuple per key
        tot = {}
        for (k, _label, kind), col in zip(keys, columns):
            if k not in present:
                tot[k] = None
            elif kind == RATIO:
                continue
            elif kind == CHOICE:
                tot[k] = col.count(YES)
            elif kind in (TEXT, DATE):
                tot[k] = None
            else:
                tot[k] = _sum(col)
        for f in _ratio_fields(spec):
            num = sum((tot.get(k) or 0) for k in f.num)
            den = sum((tot.get(k) or 0) for k in f.den)
            tot[f.key] = (num / den) if den else None
        tot["units_merged"] = len(codes)
        out[scope] = tot
    return out


def _sum(col):
    """int of the sum of the numbers of ``col`` (None when there is none)."""
    if set(map(type, col)) <= _INT:                 # the usual column: every unit gave a whole number
        return sum(col) if col else None
    nums = [x for x in map(_numeric, col) if x is not None]
    return int(sum(nums)) if nums else None


_INT = {int}


def _numeric(v):
    """A value as a number for a sum, None when it is not one (blank, text
    that is no number, a date, NaN): pandas' ``to_numeric(errors="coerce")``
    without pandas (whose import alone costs the merge half a second)."""
    if isinstance(v, (int, float)):
        return None if v != v else v
    if isinstance(v, str):
        try:
            x = float(v)
        except ValueError:
            return None
        return None if x != x else x
    return None


def from_result(res) -> Consolidated:
    spec = res.spec
    c = Consolidated(labels={**spec.labels(), "units_merged": "Số đơn vị đã tổng hợp"})
    names = [k for k, _l, _k in scalar_keys(spec)]
    table = {}
    for code, info in res.unit_info.items():
        if code in res.units:
            table[code] = vals = tuple(map(res.units[code].values.get, names))
            c.units[code] = dict(zip(names, vals))
            c.names[code] = info.name
            c.blocks[code] = info.block
    order = [i.block for code, i in res.unit_info.items() if i.block and (i.selected or code in res.units)]
    c.totals = totals_of(spec, c.units, c.blocks, order, table)
    return c


# ---------------------------------------------------------------- frames
def frames(res) -> dict:
    import pandas as pd
    return {k: pd.DataFrame(v) for k, v in records(res).items()}


# the keys of the unit every row of ``records`` begins with; a row's own columns
# keep their spec keys beside them (a model's 'name' is not its unit's name)
UNIT_KEYS = ("unit", "unit_name", "block", "file")


def records(res, units: bool = True) -> dict:
    """The rows of ``frames`` as lists of dicts (no pandas: for the writers),
    each beginning with its unit's ``UNIT_KEYS``.  ``units=False``: without
    the one-row-per-unit list of every key (the consolidated workbook writes
    it from the statistics)."""
    spec = res.spec
    names = [k for k, _l, _k in scalar_keys(spec)]
    unit_rows, award_rows, award_list, models, docs = [], [], [], [], []
    cols = ("collectives", "households", "ind_leaders", "ind_staff", "ind_workers", "individuals", "women", "total")
    titles = [(t, [f"awards.{t.code}.{ck}" for ck in cols]) for t in spec.choices("titles")]
    for code, info in res.unit_info.items():
        u = res.units.get(code)
        if u is None:
            continue
        base = dict(zip(UNIT_KEYS, (code, info.name, info.block, u.file)))
        if units:
            unit_rows.append({**base, **dict(zip(names, map(u.values.get, names)))})
        for t, keys in titles:
            award_rows.append({**base, "title_code": t.code, "title": t.label, "group": t.group,
                               **dict(zip(cols, map(u.values.get, keys)))})
        for name, target in (("awards", award_list), ("models", models), ("docs", docs)):
            for rec in u.tables.get(name, []):
                target.append({**base, **{k: v for k, v in rec.items() if not k.startswith("_cell") and k != "_bad"}})
    stats = res.stats()
    total_rows = [{"scope": s, **vals} for s, vals in stats.totals.items()]
    return {"units": unit_rows, "awards": award_rows, "award_rows": award_list, "models": models,
            "documents": docs, "totals": total_rows}


# ---------------------------------------------------------------- summary table
def _gk(v: dict, col: str):
    parts = [v.get(f"awards.{t}.{col}") for t in ("GK_XA", "GK_HUYEN", "GK_THU_TRUONG")]
    return sum(p or 0 for p in parts) if any(p is not None for p in parts) else None


def _pct(x):
    return None if x is None else round(x * 100, 1)


# header, function of a values dict (unit or total)
SUMMARY_COLUMNS = (
    ("Số phong trào thi đua", lambda v: v.get("mv_total")),
    ("LĐTT (cá nhân)", lambda v: v.get("awards.LDTT.individuals")),
    ("CSTĐCS (cá nhân)", lambda v: v.get("awards.CSTDCS.individuals")),
    ("Tỷ lệ CSTĐCS/LĐTT (%)", lambda v: _pct(v.get("r_cstdcs_ldtt"))),
    ("TTLĐTT", lambda v: v.get("awards.TTLDTT.collectives")),
    ("TTLĐXS", lambda v: v.get("awards.TTLDXS.collectives")),
    ("Giấy khen: tập thể", lambda v: _gk(v, "collectives")),
    ("Giấy khen: cá nhân", lambda v: _gk(v, "individuals")),
    ("Giấy khen: hộ gia đình", lambda v: _gk(v, "households")),
    ("Tổng số được khen", lambda v: v.get("awards.total.total")),
    ("Tỷ lệ khen cá nhân không giữ chức vụ (%)", lambda v: _pct(v.get("r_nonleader"))),
    ("Tỷ lệ khen công nhân, nông dân, NLĐ (%)", lambda v: _pct(v.get("r_workers"))),
    ("Tỷ lệ Gia đình văn hóa (%)", lambda v: _pct(v.get("r_family"))),
    ("Điển hình tiên tiến, mô hình", lambda v: v.get("models_total")),
    ("Quỹ TĐKT: tổng nguồn (đồng)", lambda v: v.get("fund_total")),
    ("Quỹ TĐKT: đã chi (đồng)", lambda v: v.get("spent_total")),
    ("Quỹ TĐKT: số dư (đồng)", lambda v: v.get("fund_balance")),
)
SUMMARY_HEAD = ("Mã đơn vị", "Tên đơn vị", "Khối", "Tình trạng phụ lục", "Tệp")
PERCENT_HEADERS = {h for h, _f in SUMMARY_COLUMNS if "(%)" in h}


def summary_table(res) -> list:
    """2-D array, header first: one row per selected (or merged) unit, then
    each block's total and the district total.  For the master's
    'Tổng hợp phụ lục' sheet and the consolidated workbook."""
    stats = res.stats()
    table = [list(SUMMARY_HEAD) + [h for h, _f in SUMMARY_COLUMNS] + ["Cảnh báo"]]
    warn = {}
    for f in res.findings:
        if not f.is_error and f.unit and f.code not in ("PL40", "PL12"):
            warn.setdefault(f.unit, set()).add(f.code)
    for code, info in res.unit_info.items():
        if not info.selected and code not in res.units:
            continue
        v = stats.units.get(code, {})
        file = res.units[code].file if code in res.units else ""
        row = [code, info.name, info.block, res.unit_status(code), file]
        row += [fn(v) if v else None for _h, fn in SUMMARY_COLUMNS]
        row.append(", ".join(sorted(warn.get(code, ()))))
        table.append(row)
    for scope in block_scopes(stats.totals) + [SCOPE_ALL]:
        tot = stats.totals.get(scope, {})
        n = tot.get("units_merged", 0)
        label = scope_label(scope)
        row = ["", label, "", f"{n} đơn vị đã tổng hợp", ""]
        row += [fn(tot) if n else None for _h, fn in SUMMARY_COLUMNS]
        row.append("")
        table.append(row)
    return table


# ---------------------------------------------------------------- read back
def data_table(stats: Consolidated) -> list:
    """The 'Dữ liệu' sheet but its units' rows: a header row of keys, a row of
    labels, then one row per scope (district, blocks).  Each unit's row, between
    the labels and the scopes, is rendered with its other rows (``unit_rows``)."""
    keys = list(stats.labels)
    rows = [list(DATA_HEADERS) + keys, [LABEL_ROW, "", ""] + [stats.labels[k] for k in keys]]
    for scope, vals in stats.totals.items():
        rows.append([scope, scope, ""] + list(map(vals.get, keys)))
    return rows


def load_consolidated(path, spec: Spec | None = None) -> Consolidated:
    """Read the consolidated workbook written by ``tdkt merge`` (sheet Dữ liệu); the
    spec's ratios stay fractions."""
    spec = spec or load_spec()
    return read_consolidated(path, (f.key for f in _ratio_fields(spec)))
