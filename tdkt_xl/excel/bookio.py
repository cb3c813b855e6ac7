"""The open workbook, as ``main()`` sees it: batch reads (one per sheet,
cached for the click), batch writes, alerts, status bar, folder.

Everything that touches xlwings lives here, so the jobs stay plain Python.
"""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable

from tdkt_xl.vocabulary import cells
from tdkt_xl.io.sources import book_arrays
from tdkt_xl.excel.alarm import ALERT_TITLE



class JobError(Exception):
    """A job cannot go on; the message (Vietnamese) says what to do."""


class Formula(str):
    """A string written as a formula (``=HYPERLINK(…)``); every other string
    is written as text."""


TEXT_MARK = "'"


def excel_value(v):
    """The value to hand to Excel so that the cell holds exactly ``v``.

    Excel parses every string it receives through ``Range.Value`` (COM) or
    ``range.values`` (Office.js) as if typed: ``01`` becomes 1, ``3/4`` a
    date, ``'CH03…`` loses its quote, ``-x`` or ``=x`` a formula.  Every
    non-empty string (except a ``Formula``) is therefore written with a leading
    apostrophe, Excel's "this is text" marker: it is eaten on entry and is
    not part of the value (reading the cell gives the text back), so the cell
    holds the string as it is, whatever the PC's regional settings.

    Why the apostrophe and not a text number format ("@") on the range: it
    needs no second call per range, touches no formatting of the clerk's
    sheets (writes stay values-only), and works cell by cell inside one
    block, so a formula (the findings' hyperlinks) and a date (Nhật ký's
    time) can share a write with text.  Predicting which strings Excel would
    convert is not attempted: it depends on the regional settings."""
    if isinstance(v, str):
        return TEXT_MARK + v if v and not isinstance(v, Formula) else v
    if type(v).__module__ == "numpy" and hasattr(v, "item"):
        # a numpy number (from a pandas-based engine) as a plain one: the click
        # imports xlwings without numpy (xlimport), so xlwings would not convert it
        return v.item()
    return v


class BookIO:
    def __init__(self, book, folder: Path | None = None):
        self.book = book
        self._arrays: dict = {}
        self._names = None
        self._folder = Path(folder) if folder else None

    # ---------------------------------------------------------------- facts
    @property
    def is_remote(self) -> bool:
        try:
            return self.book.app.engine.name == "remote"
        except Exception:
            return False

    @property
    def name(self) -> str:
        return self.book.name

    def sheet_names(self) -> list:
        if self._names is None:
            self._names = [s.name for s in self.book.sheets]
        return self._names

    def actual_name(self, wanted: str) -> str | None:
        """The workbook's own spelling of a sheet name (case/space tolerant)."""
        key = cells.key_text(wanted)
        for n in self.sheet_names():
            if cells.key_text(n) == key:
                return n
        return None

    def active_sheet(self) -> str:
        return self.book.sheets.active.name

    def folder(self) -> Path:
        """The folder holding the workbook (outputs are relative to it)."""
        if self._folder is not None:
            return self._folder
        try:
            full = str(self.book.fullname or "")
        except Exception:   # AutoSave'd OneDrive folder: xlwings raises XlwingsError on Windows
            full = ""
        p = Path(full)
        if full and p.is_absolute() and "://" not in full:
            return p.parent
        # OneDrive/SharePoint (URL) or a client that only knows the name:
        # the workbook's own .py sits beside it (SampleCall imported it).
        mod = sys.modules.get(Path(self.name).stem)
        if mod is not None and getattr(mod, "__file__", None):
            return Path(mod.__file__).resolve().parent
        raise JobError(
            f"Không xác định được thư mục chứa sổ tính '{self.book.name}'. Hãy lưu sổ tính vào "
            "một thư mục trên máy (không mở trực tiếp từ OneDrive/SharePoint hay tệp đính kèm) "
            "rồi bấm lại.")

    # ---------------------------------------------------------------- reads
    def arrays(self, names: Iterable[str]) -> dict:
        """Sheets by the requested names -> A1-anchored arrays; one batch read
        per sheet, each sheet read at most once per click (names are matched
        case- and space-tolerantly).  Missing sheets are left out."""
        names = list(names)
        actual = {n: self.actual_name(n) for n in names}
        todo = sorted({a for a in actual.values() if a is not None and a not in self._arrays})
        if todo:
            for a, rows in book_arrays(self.book, todo).items():
                self._arrays[a] = [list(r) for r in rows]
        return {n: self._arrays[a] for n, a in actual.items() if a is not None and a in self._arrays}

    def array(self, name: str):
        return self.arrays([name]).get(name)

    # ---------------------------------------------------------------- writes
    def write(self, sheet: str, top_left: str, rows: list) -> None:
        """One batch write of a rectangular block (None clears a cell).

        Every write into the workbook goes through here: strings arrive as the
        same text (``excel_value``), ``Formula`` strings as formulas."""
        if not rows:
            return
        width = max(len(r) for r in rows)
        block = [list(r) + [None] * (width - len(r)) for r in rows]
        actual = self.actual_name(sheet) or sheet
        sh = self.book.sheets[actual]
        sh.range(top_left).options(ndim=2).value = [[excel_value(v) for v in r] for r in block]
        cached = self._arrays.get(actual)
        if cached is not None:   # keep the click's view consistent with what was written
            r0, c0 = _rc(top_left)
            for i, row in enumerate(block):
                while len(cached) <= r0 + i:
                    cached.append([])
                line = cached[r0 + i]
                if len(line) < c0 + width:
                    line.extend([None] * (c0 + width - len(line)))
                line[c0:c0 + width] = row

    def add_sheet(self, name: str, after: str | None = None) -> None:
        after_sheet = self.book.sheets[self.actual_name(after)] if after and self.actual_name(after) else None
        if after_sheet is not None:
            self.book.sheets.add(name, after=after_sheet)
        else:
            self.book.sheets.add(name, after=self.book.sheets[-1])
        self._names = None
        self._arrays[name] = []

    # ---------------------------------------------------------------- messages
    def alert(self, text: str, critical: bool = False) -> None:
        self.book.app.alert(text, title=ALERT_TITLE, mode="critical" if critical else "info")

    def status(self, text: str | None) -> None:
        """Excel's status bar (desktop); the remote engine has none: no-op."""
        if self.is_remote:
            return
        try:
            self.book.app.status_bar = text if text else False
        except Exception:
            pass


def _rc(a1: str) -> tuple:
    letters = "".join(ch for ch in a1 if ch.isalpha())
    digits = "".join(ch for ch in a1 if ch.isdigit())
    return int(digits) - 1, cells.col_index(letters)
