"""What a job gets from a click (the open book, the choice, the date) and what
it gives back (a Vietnamese summary for the alert and the log)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from tdkt_xl import gate
from tdkt_xl.vocabulary import schema as S
from tdkt_xl.io.reader import ReadResult, read_round
from tdkt_xl.excel.bookio import BookIO, JobError  # noqa: F401  (JobError: re-exported)
from tdkt_xl.excel.choice import Choice


@dataclass
class Outcome:
    message: str                   # the alert text
    ok: bool = True
    log: str = ""                  # the Nhật ký text ("" = the message)

    @property
    def log_text(self) -> str:
        return self.log or self.message


@dataclass
class Context:
    io: BookIO
    choice: Choice
    as_of: dt.date
    now: dt.datetime
    _read: ReadResult | None = field(default=None, repr=False)
    _checked: gate.Checked | None = field(default=None, repr=False)

    def progress(self, text: str) -> None:
        self.io.status(f"tdkt: {text}")

    def read(self) -> ReadResult:
        """The model, read from the open book (unsaved edits included) by the
        same reader as the headless CLI: one batch read per model sheet."""
        if self._read is None:
            self.progress("đang đọc dữ liệu…")
            arrays = self.io.arrays([s.name for s in S.MODEL_SHEETS])
            self._read = read_round(arrays, source=self.io.name)
        return self._read

    def checked(self) -> gate.Checked:
        """The open book through the gate as of the click's date (read and
        validated once per click, as ``tdkt validate`` does on the file)."""
        if self._checked is None:
            src = self.read()
            self.progress("đang kiểm tra dữ liệu…")
            self._checked = gate.check(src, self.as_of)
        return self._checked

    def workbook_folder(self) -> Path:
        return self.io.folder()

    def settings_folder(self, field_name: str) -> Path:
        """A folder from Cấu hình, relative to the workbook's folder."""
        st = self.read().round.settings
        raw = (getattr(st, field_name, "") or "").strip()
        label = next(s.label for s in S.SETTING_KEYS if s.field == field_name)
        if not raw:
            cell = st.cell(field_name)
            where = f" (ô {cell})" if cell else ""
            raise JobError(f"Trang '{S.SETTINGS.name}' chưa ghi '{label}'{where}. "
                           "Hãy ghi tên thư mục (tính từ thư mục chứa sổ tính) rồi bấm lại.")
        p = Path(raw.replace("\\", "/"))  # a clerk may type either separator
        return p if p.is_absolute() else (self.workbook_folder() / p)

    def output_folder(self) -> Path:
        return self.settings_folder("output_folder")


def templates(ctx: Context) -> Path:
    """The templates/ folder of the workbook's project folder."""
    from tdkt_xl.documents.render import templates_dir
    return templates_dir(ctx.workbook_folder() / ctx.io.name)


def refusal(e: gate.Blocked) -> str:
    """The gate's refusal, with where a clerk sees and fixes the errors."""
    return (f"{e} Hãy bấm Kiểm tra dữ liệu để xem và sửa các ô bị tô màu, rồi bấm lại.")
