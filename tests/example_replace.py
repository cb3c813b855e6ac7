"""A copy of the example round's sheet arrays with every example value
(``rules.examples``: people, phones, the values ``Cấu hình`` marks "ví dụ")
replaced by another, consistently across sheets."""
from __future__ import annotations

import datetime as dt
import itertools
import re

from tdkt_xl.gate.examples import reference
from tdkt_xl.vocabulary import cells

_SURNAMES = ("Đàm", "Quách", "Tô", "Giáp", "Khổng", "Văn")
_MIDDLES = ("Quốc", "Minh", "Thanh", "Hữu", "Ngọc", "Đức")
_GIVEN = ("Khải", "Thịnh", "Uyên", "Tùng", "Oanh", "Bảo", "Diệp", "Kiên", "Nhàn", "Phong", "Sang")


def _names(taken):
    for s, m_, g in itertools.product(_SURNAMES, _MIDDLES, _GIVEN):
        n = f"{s} {m_} {g}"
        if n not in taken:
            yield n


def mapping() -> dict:
    """Example text value -> its replacement (people and phones)."""
    ref = reference()
    people = sorted(v for k, v in ref.values if k == "person")
    phones = sorted(v for k, v in ref.values if k == "phone")
    out = dict(zip(people, _names(set(people))))
    out.update({p: f"0205 39{i:02d} {i:03d}" for i, p in enumerate(phones, 1)})
    return out


def replaced(sheets: dict) -> dict:
    """The sheets with every example value replaced (a new dict of new rows)."""
    from tdkt_xl.rules.examples import marked_fields
    from tdkt_xl.vocabulary import schema as S
    mp = mapping()
    rx = re.compile(r"(?<!\w)(" + "|".join(re.escape(k) for k in sorted(mp, key=len, reverse=True))
                    + r")(?!\w)")
    out = {}
    for name, rows in sheets.items():
        out[name] = [[rx.sub(lambda mm: mp[mm.group(1)], v) if isinstance(v, str) else v
                      for v in row] for row in rows]
    marked = set(marked_fields(sheets[S.SETTINGS.name]))
    labels = {cells.key_text(s.label): s for s in S.SETTING_KEYS if s.field in marked}
    for row in out[S.SETTINGS.name][1:]:
        spec = labels.get(cells.key_text(row[0]))
        if spec is None or spec.field in ("contact_name", "contact_phone"):
            continue
        if spec.field.endswith("_date"):
            d = cells.to_date(row[1]) + dt.timedelta(days=1)
            while d.weekday() >= 5:
                d += dt.timedelta(days=1)
            row[1] = d.strftime("%d/%m/%Y")
        elif spec.field == "plan_number":
            row[1] = "17"
        else:
            num, _, rest = row[1].partition("/")
            row[1] = f"{int(num) + 100}/{rest}"
    return out
