"""The context of the Kế hoạch kiểm tra (KH): the plan's parts in their fixed
order, numbered here (so no section number repeats), with the narrative from
the Nội dung kế hoạch sheet and the lists from the round's data: the selected
units by block (Đơn vị), every checklist item (Nội dung kiểm tra), the window
and the lead times (Cấu hình), the attachments (the đề cương and the Phụ lục made by `tdkt forms`,
named in the sheet).

The template prints ``lines`` (one paragraph each, ``kind`` choosing its
format) and ``recipients``; it holds no text of a round.
"""
from __future__ import annotations

import datetime as dt
import re

from tdkt_xl import model as m
from tdkt_xl.documents import attendance
from tdkt_xl.documents.contexts import Blocked, common_context
from tdkt_xl.documents.text import nfc, short_date
from tdkt_xl.model import vocab as V
from tdkt_xl.model.index import key
from tdkt_xl.vocabulary import doc_kinds as K
from tdkt_xl.vocabulary import schema as S
from tdkt_xl.vocabulary import style

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")
# điểm letters in the Vietnamese alphabet order (NĐ 30: a, b, c, d, đ, e, g, h, i, k…)
LETTERS = ("a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r",
           "s", "t", "u", "v", "x", "y")

# the plan's mục: heading and the parts (of the Nội dung kế hoạch sheet) under it,
# each part a khoản of its own when the mục has several
SECTIONS = (
    ("MỤC ĐÍCH, YÊU CẦU", (V.PLAN_PURPOSE,)),
    ("ĐỐI TƯỢNG KIỂM TRA", (V.PLAN_SUBJECTS,)),
    ("NỘI DUNG, PHƯƠNG THỨC KIỂM TRA", (V.PLAN_CONTENT, V.PLAN_METHOD)),
    ("THÀNH PHẦN", (V.PLAN_COMPOSITION,)),
    ("TỔ CHỨC THỰC HIỆN", (V.PLAN_TIMING, V.PLAN_SELECTED, V.PLAN_PREPARATION, V.PLAN_FUNDING)),
)
CLAUSE_TITLES = {V.PLAN_CONTENT: "Nội dung", V.PLAN_METHOD: "Phương thức kiểm tra",
                 V.PLAN_TIMING: "Thời gian kiểm tra",
                 V.PLAN_SELECTED: "Cơ quan, đơn vị được chọn kiểm tra",
                 V.PLAN_PREPARATION: "Công tác chuẩn bị", V.PLAN_FUNDING: "Kinh phí thực hiện"}
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def _lead(n) -> str:
    return style.count2(n) if isinstance(n, int) else "……"


def _fill(text: str, values: dict, where: str) -> str:
    def one(mt):
        key = mt.group(1).strip().lower()
        if key not in values:
            raise Blocked(f"Trang '{S.PLAN_TEXT.name}', ô {where}: không hiểu '{{{mt.group(1)}}}'. "
                          f"Chỉ dùng: {', '.join('{' + k + '}' for k in values)}.")
        return values[key]
    return _PLACEHOLDER.sub(one, nfc(text).strip())


def _cell(p: m.PlanParagraph, field: str) -> str:
    return p.origin.cell(field) if p.origin else "?"


def _rows(rnd: m.Round, part: str, values: dict) -> list:
    """[(khoản title or '', paragraph text)] of one part, in sheet order."""
    out = []
    for p in rnd.plan_text:
        if nfc(p.part).strip() != part:
            continue
        text = _fill(p.text, values, _cell(p, "text")) if p.text else ""
        out.append((_fill(p.title, values, _cell(p, "title")) if p.title else "", text))
    return out


def _paragraphs(rows, lines: list, numbered_titles: bool, prefix: str = "") -> int:
    """Paragraphs of a part; a title opens a khoản (numbered when asked).
    Returns the number of khoản opened."""
    n = 0
    for title, text in rows:
        if title:
            n += 1
            lines.append({"kind": "h2", "text": f"{prefix}{n}. {title}" if numbered_titles else title})
        if text:
            lines.append({"kind": "p", "text": text})
    return n


def _unit_team(rnd: m.Round, values: dict, lines: list, clause: int) -> None:
    """Khoản 'Đơn vị được kiểm tra' of mục THÀNH PHẦN: who from the selected units
    works with the Đoàn (rows 'Thành phần đơn vị'), block by block."""
    wrong = attendance.unknown_blocks(rnd)
    if wrong:
        p = wrong[0]
        raise Blocked(f"Trang '{S.PLAN_TEXT.name}', ô {_cell(p, 'title')}: khối '{nfc(p.title).strip()}' "
                      f"không có trong cột '{S.UNITS.col('block').header}' của trang '{S.UNITS.name}'; "
                      "ghi đúng tên khối, hoặc để trống nếu dòng áp dụng cho mọi khối.")
    said = attendance.for_plan(rnd, [u for u in rnd.units if u.selected])
    if said:
        lines.append({"kind": "h2", "text": f"{clause + 1}. {attendance.CLAUSE_TITLE}"})
        lines += [{"kind": "p", "text": _fill(t, values, "?")} for t in said]


def _checklist(rnd: m.Round, lines: list) -> None:
    """Every item of Nội dung kiểm tra under its group, as điểm a), b)…;
    an item for one block only says so, naming the block's units as they are
    (``các xã`` for a block of xã only)."""
    selected: dict = {}
    for u in rnd.units:
        if u.selected:
            selected.setdefault(key(u.block), []).append(u)
    group, i = None, 0
    for item in rnd.checklist:
        if item.group != group:
            group, i = item.group, 0
            lines.append({"kind": "h3", "text": nfc(group).strip()})
        text = nfc(item.text).strip().rstrip(".;")
        if item.applies_to and item.applies_to != V.APPLIES_ALL:
            text += f" (đối với {attendance.who(item.applies_to, selected.get(key(item.applies_to), []))})"
        letter = LETTERS[i] if i < len(LETTERS) else str(i + 1)
        lines.append({"kind": "p", "text": f"{letter}) {text}."})
        i += 1


def _selected(rnd: m.Round, lines: list) -> int:
    """The selected units by block (Đơn vị), a block an italic điểm."""
    blocks: dict = {}
    for u in rnd.units:
        if u.selected:
            blocks.setdefault(u.block, []).append(u)
    for i, block in enumerate(blocks):
        lines.append({"kind": "hi", "text": f"{LETTERS[i]}) {style.block_name(block)}:"})
        units = blocks[block]
        for j, u in enumerate(units):
            lines.append({"kind": "p", "text": f"- {nfc(u.name).strip()}"
                                               f"{'.' if j == len(units) - 1 else ';'}"})
    return sum(len(v) for v in blocks.values())


def _month_hint(st: m.Settings):
    mt = re.fullmatch(r"0?(\d{1,2})\s*/\s*(\d{4})", nfc(st.plan_month).strip())
    return dt.date(int(mt.group(2)), int(mt.group(1)), 1) if mt and 1 <= int(mt.group(1)) <= 12 else None


def plan_context(rnd: m.Round) -> dict:
    st = rnd.settings
    rec = rnd.document(K.PLAN.doc_kind, "") or m.DocumentRecord(
        K.PLAN.doc_kind, "", nfc(st.plan_number).strip(), st.plan_date, "")
    ctx = common_context(rnd, K.PLAN, None, rec, month_hint=_month_hint(st))
    if not rnd.plan_text:
        raise Blocked(f"Trang '{S.PLAN_TEXT.name}' chưa có đoạn văn nào, chưa lập được kế hoạch "
                      "kiểm tra.")
    content_no = ROMAN[[i for i, (_, parts) in enumerate(SECTIONS) if V.PLAN_CONTENT in parts][0]]
    values = {
        "năm": str(st.year or "……"),
        "kỳ kiểm tra từ": short_date(st.period_start),
        "thời gian kiểm tra": nfc(st.window_label).strip() or "……",
        "số ngày thông báo": _lead(st.notice_lead_days),
        "số ngày nộp báo cáo": _lead(st.report_lead_days),
        "loại ngày": "ngày làm việc" if st.working_days else "ngày",
        "mục nội dung": content_no,
    }
    lines: list = []
    for no, (heading, parts) in zip(ROMAN, SECTIONS):
        lines.append({"kind": "h1", "text": f"{no}. {heading}"})
        clause = 0
        for part in parts:
            rows = _rows(rnd, part, values)
            if len(parts) > 1:
                clause += 1
                lines.append({"kind": "h2", "text": f"{clause}. {CLAUSE_TITLES[part]}"})
            if part == V.PLAN_CONTENT:
                _paragraphs(rows, lines, False)
                _checklist(rnd, lines)
            elif part == V.PLAN_SELECTED:
                if not _selected(rnd, lines):
                    raise Blocked(f"Trang '{S.UNITS.name}' chưa có đơn vị nào được chọn kiểm tra.")
                _paragraphs(rows, lines, False)
            elif part == V.PLAN_COMPOSITION:
                _unit_team(rnd, values, lines, _paragraphs(rows, lines, True))
            else:
                _paragraphs(rows, lines, len(parts) == 1)
    attachments = [t.lstrip("- ").rstrip(";.") for _, t in _rows(rnd, V.PLAN_ATTACHMENTS, values) if t]
    closing = [t for _, t in _rows(rnd, V.PLAN_CLOSING, values) if t]
    recipients = [t for _, t in _rows(rnd, V.PLAN_RECIPIENTS, values) if t]
    if not recipients:
        raise Blocked(f"Trang '{S.PLAN_TEXT.name}' chưa có dòng '{V.PLAN_RECIPIENTS}'.")
    recipients = [("- " + r.lstrip("- ").rstrip(";.")) for r in recipients]
    recipients = [r + (";" if i < len(recipients) - 1 else ".") for i, r in enumerate(recipients)]
    if closing and not closing[-1].endswith("./."):
        closing[-1] = closing[-1].rstrip(".") + "./."
    ctx.update({"lines": lines, "closing": closing, "recipients": recipients,
                "attachments": attachments, "plan_basis": nfc(st.plan_basis).strip() or "……"})
    return ctx
