"""Who from an inspected unit works with the Đoàn kiểm tra ('Thành phần làm
việc của đơn vị'): round data, never template text.  The rows of part
'Thành phần đơn vị' of the Nội dung kế hoạch sheet, one person or group each;
'Tiêu đề' names the block (Khối of the Đơn vị sheet) the row is for, blank for
every block.  The plan states them block by block (khoản 'Đơn vị được kiểm
tra' of mục THÀNH PHẦN), each notice those of its unit's block.  ``{cấp xã}``
in a row is the kind of the communes concerned, from the units themselves
(``xã``; ``xã, phường`` for a block holding both), so the words match the data.
"""
from __future__ import annotations

import re
from typing import Iterable

from tdkt_xl import model as m
from tdkt_xl.model import vocab as V
from tdkt_xl.documents.text import DOTS_LINE, nfc
from tdkt_xl.model.index import key
from tdkt_xl.vocabulary import style

COMMUNE_KIND = "{cấp xã}"
CLAUSE_TITLE = "Đơn vị được kiểm tra"      # the khoản of mục THÀNH PHẦN (the seed plan's words)


def _clean(text: str) -> str:
    """A row as typed, without the list marks a clerk may type (``- ``, ``+ ``, ``;``)."""
    s = nfc(text).strip()
    s = re.sub(r"^[-+•]\s*", "", s)
    return s.rstrip(";.").strip()


def rows(rnd: m.Round) -> list[m.PlanParagraph]:
    """Every row of part 'Thành phần đơn vị', in sheet order."""
    return [p for p in rnd.plan_text if key(p.part) == key(V.PLAN_UNIT_TEAM) and _clean(p.text)]


def unknown_blocks(rnd: m.Round) -> list[m.PlanParagraph]:
    """Rows whose 'Tiêu đề' names no block of the Đơn vị sheet."""
    known = {key(b) for b in rnd.blocks}
    return [p for p in rows(rnd) if _clean(p.title) and key(p.title) not in known]


def of_block(rnd: m.Round, block: str) -> list[str]:
    """The rows for ``block`` (its own and those for every block), as typed."""
    return [_clean(p.text) for p in rows(rnd) if not _clean(p.title) or key(p.title) == key(block)]


def _kinds(units: Iterable[m.Unit]) -> str:
    return style.commune_kinds(u.name for u in units)


def _filled(text: str, units: list) -> str:
    return text.replace(COMMUNE_KIND, _kinds(units))


def _listed(items: list, mark: str) -> list[str]:
    """``mark item;`` lines, the last ending with a full stop."""
    return [f"{mark}{style.sentence_start(t)}{'.' if i == len(items) - 1 else ';'}"
            for i, t in enumerate(items)]


def for_unit(rnd: m.Round, unit: m.Unit) -> list[str]:
    """The notice's paragraphs: one sentence, or one ``- …;`` line each; a dotted
    line to fill in by hand when the round names nobody for the unit's block."""
    items = [_filled(t, [unit]) for t in of_block(rnd, unit.block)]
    if not items:
        return [DOTS_LINE]
    if len(items) == 1:
        return [f"{style.sentence_start(items[0])}."]
    return _listed(items, "- ")


def who(block: str, units: list) -> str:
    """The units of a block inside a sentence, from the units themselves when
    they are all communes (``các xã``), else the block's own words."""
    if units and all(u.is_commune for u in units):
        return f"các {_kinds(units)}"
    return style.block_members(block)


def for_plan(rnd: m.Round, units: list) -> list[str]:
    """The plan's lines for the ``units`` inspected: the rows of their one block
    as ``- …;`` lines; with several blocks, ``- Đối với các xã:`` and ``+ …;``
    lines per block (one row: ``- Đối với …: ….``)."""
    blocks: dict = {}
    for u in units:
        blocks.setdefault(u.block, []).append(u)
    per_block = [(b, us, [_filled(t, us) for t in of_block(rnd, b)]) for b, us in blocks.items()]
    per_block = [x for x in per_block if x[2]]
    if len(per_block) == 1 and len(blocks) == 1:
        return _listed(per_block[0][2], "- ")
    out = []
    for block, us, items in per_block:
        if len(items) == 1:
            out.append(f"- Đối với {who(block, us)}: {items[0]}.")
        else:
            out.append(f"- Đối với {who(block, us)}:")
            out += _listed(items, "+ ")
    return out
