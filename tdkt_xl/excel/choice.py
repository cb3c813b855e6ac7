"""Which job a click asks for: from the sheet the clerk clicked on and its
``Việc cần làm`` dropdown, or from the options of the control sheet.

Pure functions over sheet arrays (no Excel), so they are tested directly and
the same rules hold for every source of values.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from tdkt_xl.vocabulary import cells
from tdkt_xl.io import controls as K
from tdkt_xl.model.vocab import YES, NO

LABEL_SEARCH_ROWS = 6   # the job label is looked for within the first rows


class ChoiceError(Exception):
    """The clerk's choice cannot be understood; the message is Vietnamese."""


@dataclass(frozen=True)
class Choice:
    job: str
    sheet: str                     # where the click came from
    unit: str = ""                 # "" = every unit
    pdf: bool = False
    overwrite: bool = False
    cell: str = ""                 # cell the job was read from ("" = the sheet's default)


def controls_by_sheet() -> dict:
    return {cells.key_text(c.sheet): c for c in K.SHEET_CONTROLS}


def find_label(rows: Sequence[Sequence], label: str, max_rows: int = LABEL_SEARCH_ROWS):
    """(row0, col0) of the first cell holding ``label`` in the first rows, or None."""
    want = cells.key_text(label)
    for r, row in enumerate(rows[:max_rows]):
        for c, v in enumerate(row):
            if isinstance(v, str) and cells.key_text(v) == want:
                return r, c
    return None


def _value_right_of(rows, pos):
    r, c = pos
    row = rows[r]
    return row[c + 1] if c + 1 < len(row) else None


def _match_job(text, offered: Iterable[str]):
    key = cells.key_text(text)
    for job in offered:
        if cells.key_text(job) == key:
            return job
    return None


def _unknown_job(text, sheet: str, cell: str, offered) -> ChoiceError:
    known = _match_job(text, K.ALL_JOBS)
    if known:
        return ChoiceError(
            f"Việc '{known}' (ô {cell} của trang '{sheet}') chưa có trong phiên bản tdkt cài trên "
            f"máy này. Hãy chọn một trong: {', '.join(offered)}; hoặc cập nhật tdkt rồi tạo lại "
            "sổ tính.")
    return ChoiceError(
        f"Ô {cell} của trang '{sheet}' ghi việc '{cells.norm_text(text)}', không có trong danh "
        f"sách. Hãy chọn một trong: {', '.join(offered)}.")


def _yes_no(v, label: str, sheet: str, cell: str) -> bool:
    if cells.is_blank(v):
        return False
    k = cells.key_text(v)
    if k == cells.key_text(YES):
        return True
    if k == cells.key_text(NO):
        return False
    raise ChoiceError(f"Ô {cell} của trang '{sheet}' ('{label}') phải là '{YES}' hoặc '{NO}', "
                      f"đang ghi '{cells.norm_text(v)}'.")


def control_options(rows: Sequence[Sequence]) -> dict:
    """Option label -> (value, A1 cell) of the control sheet (label in column
    A, value in column B; a label may sit in any of the first columns)."""
    wanted = {cells.key_text(o): o for o in K.CONTROL_OPTIONS}
    out = {}
    for r, row in enumerate(rows):
        for c, v in enumerate(row[:3]):
            opt = wanted.get(cells.key_text(v)) if isinstance(v, str) else None
            if opt and opt not in out:
                out[opt] = (row[c + 1] if c + 1 < len(row) else None, cells.a1(r, c + 1))
    return out


def choose(sheet: str, rows: Sequence[Sequence], offered: Sequence[str]) -> Choice:
    """The job of a click on ``sheet`` (whose values are ``rows``).

    ``offered`` lists the jobs a button can run (``jobs.job_names``).
    Raises ChoiceError (Vietnamese) when the choice names no offered job."""
    offered = list(offered)
    if cells.key_text(sheet) == cells.key_text(K.CONTROL_SHEET):
        return _from_control(sheet, rows, offered)
    ctl = controls_by_sheet().get(cells.key_text(sheet))
    pos = find_label(rows, K.JOB_LABEL)
    if pos is not None:
        raw = _value_right_of(rows, pos)
        cell = cells.a1(pos[0], pos[1] + 1)
        if not cells.is_blank(raw):
            job = _match_job(raw, offered)
            if job is None:
                sheet_jobs = [j for j in (ctl.jobs if ctl else offered) if j in offered]
                raise _unknown_job(raw, sheet, cell, sheet_jobs or offered)
            return Choice(job, sheet, cell=cell)
    # no dropdown, or left blank: the sheet's usual job (validation elsewhere)
    defaults = [j for j in (ctl.jobs if ctl else (K.JOB_VALIDATE,)) if j in offered]
    if not defaults:
        raise ChoiceError(f"Trang '{sheet}' chưa có việc nào chạy được trong phiên bản này.")
    return Choice(defaults[0], sheet)


def _from_control(sheet: str, rows, offered) -> Choice:
    opts = control_options(rows)
    if K.OPT_JOB not in opts:
        raise ChoiceError(f"Trang '{sheet}' thiếu dòng '{K.OPT_JOB}' (nhãn ở cột A, giá trị ở "
                          "cột B). Hãy tạo lại sổ tính bằng lệnh tdkt build-workbook.")
    raw, cell = opts[K.OPT_JOB]
    if cells.is_blank(raw):
        raise ChoiceError(f"Hãy chọn việc cần làm ở ô {cell} của trang '{sheet}' rồi bấm lại.")
    job = _match_job(raw, offered)
    if job is None:
        raise _unknown_job(raw, sheet, cell, offered)
    unit_raw, unit_cell = opts.get(K.OPT_UNIT, (None, ""))
    unit = cells.norm_text(unit_raw)
    if cells.key_text(unit) == cells.key_text(K.OPT_UNIT_ALL):
        unit = ""
    pdf_raw, pdf_cell = opts.get(K.OPT_PDF, (None, ""))
    ow_raw, ow_cell = opts.get(K.OPT_OVERWRITE, (None, ""))
    return Choice(job, sheet, unit=unit,
                  pdf=_yes_no(pdf_raw, K.OPT_PDF, sheet, pdf_cell),
                  overwrite=_yes_no(ow_raw, K.OPT_OVERWRITE, sheet, ow_cell),
                  cell=cell)
