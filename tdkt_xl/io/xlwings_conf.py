"""The xlwings settings behind the buttons, and how xlwings' VBA reads them.

The workbook carries a hidden sheet ``xlwings.conf`` (key in column A from A1
down, value in column B; column C is a note VBA never reads).  xlwings' VBA
(``GetConfig`` in ``xlwings.bas`` 0.37.8) takes a key from the first layer that
has it: that sheet, then ``xlwings.conf`` beside the workbook, then
``%USERPROFILE%\\.xlwings\\xlwings.conf``, then its default.  A key present in
the sheet wins even with an empty value.  The two files are opened with the
ANSI file API (``GetAttr``/``Open``/``Input #``): a path or a content outside
Windows' ANSI code page is silently skipped.  Values read through cells are
Unicode-safe, hence the sheet carries every setting the buttons depend on.

This module only describes and emulates; the builder writes the sheet and
``tdkt doctor`` reports what VBA will do.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Optional

from tdkt_xl.vocabulary import schema as S

SHEET = S.XLWINGS_CONF.name
FILE_NAME = "xlwings.conf"
DEFAULT_INTERPRETER = "python"     # VBA: GetConfig("INTERPRETER", "python")
# An existing folder with an ASCII path on every Windows (Vista and later) in
# which every user may create files (and only read back their own): the
# xlwings error log of a click lives there for the length of the click.
SAFE_TEMP_DIR = r"%SystemRoot%\Temp"
PYTHON_SETTING = "python_path"     # field of the Cấu hình row the clerk may fill


@dataclass(frozen=True)
class Entry:
    key: str
    value: str              # literal value; ignored when from_setting is set
    note: str
    from_setting: str = ""  # settings field whose cell gives the value (formula)


ENTRIES = (
    Entry("INTERPRETER_WIN", DEFAULT_INTERPRETER,
          "Python mà nút bấm chạy: lấy từ trang Cấu hình, mục Python cho nút bấm; "
          "để trống ở đó thì dùng lệnh python trên PATH.", from_setting=PYTHON_SETTING),
    Entry("TEMP DIR", SAFE_TEMP_DIR,
          "Thư mục ghi tạm nhật ký lỗi của mỗi lần bấm nút (xóa ngay sau đó). Không để trống "
          "(trống thì nhật ký ghi ra gốc ổ đĩa); không dùng %TEMP% vì đường dẫn có tên người "
          "dùng có dấu thì Excel không mở được."),
    Entry("USE UDF SERVER", "False", "Chạy Python riêng cho mỗi lần bấm (không dùng máy chủ UDF)."),
    Entry("CONDA PATH", "", "Không dùng Conda (che thiết lập Conda cũ của máy)."),
    Entry("CONDA ENV", "", "Không dùng Conda (che thiết lập Conda cũ của máy)."),
    Entry("PYTHONPATH", "", "Không thêm thư mục Python nào khác (che thiết lập cũ của máy)."),
    Entry("ADD_WORKBOOK_TO_PYTHONPATH", "true", "Python tìm tệp .py cùng tên bên cạnh sổ tính."),
    Entry("SHOW CONSOLE", "False", "Không hiện cửa sổ dòng lệnh khi bấm nút."),
    Entry("SHOW_ERROR_POPUPS", "True", "Lỗi của xlwings hiện thành hộp thông báo."),
)
KEYS = tuple(e.key for e in ENTRIES)
# keys an older xlwings set-up may have left in a settings file
CONFLICT_KEYS = ("INTERPRETER_WIN", "INTERPRETER", "USE UDF SERVER", "CONDA PATH", "CONDA ENV",
                 "PYTHONPATH", "ADD_WORKBOOK_TO_PYTHONPATH", "TEMP DIR", "SHOW_ERROR_POPUPS")


def interpreter_formula(cell_ref: str) -> str:
    """The sheet's INTERPRETER_WIN: the Cấu hình cell, trimmed, quotes removed
    (Explorer's "Copy as path" adds them); "python" when blank."""
    v = f'TRIM(SUBSTITUTE({cell_ref},CHAR(34),""))'
    return f'=IF({v}="","{DEFAULT_INTERPRETER}",{v})'


def interpreter_value(raw) -> str:
    """What interpreter_formula evaluates to for a cell holding ``raw``."""
    v = " ".join(str(raw or "").replace('"', "").split())
    return v or DEFAULT_INTERPRETER


# ------------------------------------------------------------------ reading like VBA
def sheet_settings(rows: list) -> tuple[dict, list]:
    """GetConfigFromSheet: keys from A1 down to the last filled cell of the
    block starting at A1 (``End(xlDown)``), upper-cased, each with column B.
    Returns (settings, duplicate keys) - a duplicate makes VBA stop with an error."""
    out, dups = {}, []
    for row in rows:
        key = _vba_text(row[0] if row else None)
        if key == "":
            break
        key = key.upper()
        if key in out:
            dups.append(key)
        out[key] = _vba_text(row[1] if len(row) > 1 else None)
    return out, dups


def _vba_text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "True" if v else "False"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def file_settings(data: bytes, encoding: str) -> list[tuple[str, str]]:
    """(key, value) pairs of a settings file as VBA's ``Input #`` reads them:
    ``"KEY","VALUE"`` per line, bytes in the ANSI code page."""
    text = data.decode(encoding, errors="replace")
    out = []
    for row in csv.reader(text.splitlines()):
        if row and row[0].strip():
            out.append((row[0].strip(), row[1].strip() if len(row) > 1 else ""))
    return out


def file_value(pairs: list, key: str) -> Optional[str]:
    """GetConfigFromFile: the first line whose key matches, ignoring case."""
    for k, v in pairs:
        if k.lower() == key.lower():
            return v
    return None


def expand(value: str, environ: Mapping[str, str]) -> str:
    """WScript.Shell ExpandEnvironmentStrings: %NAME% (any case) replaced when
    defined, left as is otherwise."""
    env = {k.upper(): v for k, v in environ.items()}
    return re.sub(r"%([^%]+)%", lambda m: env.get(m.group(1).upper(), m.group(0)), value)


@dataclass(frozen=True)
class Layers:
    """The three places GetConfig looks, as VBA sees them on this PC (None
    when that layer is absent or unreadable for VBA)."""
    sheet: Optional[dict]
    directory: Optional[list]
    user: Optional[list]
    environ: Mapping[str, str]

    def get(self, key: str, default: str = "") -> tuple[str, str]:
        """(value, source): source is "sheet", "directory", "user" or "default"."""
        key = key.upper()
        if self.sheet is not None and key in self.sheet:
            return expand(self.sheet[key], self.environ), "sheet"
        for name, pairs in (("directory", self.directory), ("user", self.user)):
            if pairs is not None:
                v = file_value(pairs, key)
                if v is not None:
                    return expand(v, self.environ), name
        return expand(default, self.environ), "default"

    def interpreter(self) -> tuple[str, str]:
        """RunPython: INTERPRETER_WIN, and when that is empty INTERPRETER, default python."""
        v, src = self.get("INTERPRETER_WIN", "")
        if v == "":
            v, src = self.get("INTERPRETER", DEFAULT_INTERPRETER)
        return v, src


def directory_file(workbook: Path) -> Path:
    return Path(workbook).parent / FILE_NAME


def user_file(environ: Mapping[str, str]) -> Optional[Path]:
    home = environ.get("USERPROFILE")
    return Path(home) / ".xlwings" / FILE_NAME if home else None
