"""Read back the consolidated appendices workbook (``Tong_hop_phu_luc.xlsx``,
written by ``tdkt merge``): its machine-readable ``Dữ liệu`` sheet, a header row
of keys, a row of labels, one row per merged unit, then one per scope (every
unit, each block).  Here, below the services, so that every service that states an
appendix figure (the minutes, the report, the merge's cross-check, check-round)
reads the same values the same way; the appendices package writes the sheet
(``appendices.stats.data_table``) and keeps the spec-aware ``load_consolidated``."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from tdkt_xl.model.vocab import SCOPE_ALL
from tdkt_xl.vocabulary import cells
from tdkt_xl.vocabulary.errors import AppendixError
from tdkt_xl.io.reader import WorkbookError

DATA_SHEET = "Dữ liệu"
DATA_HEADERS = ("Phạm vi", "Tên", "Khối")
LABEL_ROW = "(Chỉ tiêu)"


@dataclass
class Consolidated:
    units: dict = field(default_factory=dict)      # code -> {key: value}
    names: dict = field(default_factory=dict)      # code -> name
    blocks: dict = field(default_factory=dict)     # code -> block
    totals: dict = field(default_factory=dict)     # scope -> {key: value}
    labels: dict = field(default_factory=dict)     # key -> label
    source: str = ""                               # file name it was read from ("" when built)

    def get(self, scope_or_code: str, key: str, default=None):
        src = self.totals.get(scope_or_code) or self.units.get(scope_or_code) or {}
        v = src.get(key)
        return default if v is None else v


def read_consolidated(path, ratio_keys: Iterable[str] = ()) -> Consolidated:
    """The ``Dữ liệu`` sheet of a consolidated workbook.  Whole numbers come back as
    ``int`` except for ``ratio_keys`` (fractions 0..1, kept as ``float``).
    Raises ``WorkbookError`` (Vietnamese) when the file is not such a workbook."""
    from tdkt_xl.io.sources import read_file_arrays
    ratios = set(ratio_keys)
    arrays = read_file_arrays(path, [DATA_SHEET])
    rows = arrays.get(DATA_SHEET)
    if not rows or len(rows) < 2:
        raise WorkbookError(f"Tệp '{Path(path).name}' không có trang '{DATA_SHEET}': "
                            "không phải sổ tổng hợp phụ lục do lệnh 'tdkt merge' tạo.")
    head = [cells.norm_text(x) for x in rows[0]]
    if tuple(head[:len(DATA_HEADERS)]) != DATA_HEADERS:
        raise WorkbookError(f"Trang '{DATA_SHEET}' của tệp '{Path(path).name}' sai tiêu đề cột.")
    keys = head[len(DATA_HEADERS):]
    c = Consolidated(source=Path(path).name)
    n0 = len(DATA_HEADERS)
    for r in rows[1:]:
        r = list(r) + [None] * (len(head) - len(r))
        scope = cells.norm_text(r[0])
        if scope == LABEL_ROW:
            c.labels = {k: cells.norm_text(v) for k, v in zip(keys, r[n0:])}
            continue
        if not scope:
            continue
        vals = {}
        for k, v in zip(keys, r[n0:]):
            if isinstance(v, str) and v == "":
                v = None
            if isinstance(v, float) and v.is_integer() and k not in ratios:
                v = int(v)
            vals[k] = v
        if scope == cells.norm_text(r[1]) and not cells.norm_text(r[2]):     # a scope's row
            c.totals[scope] = vals
        else:
            c.units[scope] = vals
            c.names[scope] = cells.norm_text(r[1])
            c.blocks[scope] = cells.norm_text(r[2])
    return c


def open_consolidated(path, ratio_keys: Iterable[str] = ()) -> Consolidated:
    """``read_consolidated`` for a file the user named: a missing or unusable file is an
    ``AppendixError`` naming it."""
    path = Path(path)
    if not path.is_file():
        raise AppendixError(f"Không tìm thấy tệp tổng hợp phụ lục: {path}.")
    try:
        return read_consolidated(path, ratio_keys)
    except Exception as e:  # noqa: BLE001 - any unreadable file: one message naming it
        raise AppendixError(f"Không đọc được tệp tổng hợp phụ lục {path.name}: {e}. Hãy dùng tệp "
                            "Tong_hop_phu_luc.xlsx do lệnh tdkt merge tạo ra.") from e
