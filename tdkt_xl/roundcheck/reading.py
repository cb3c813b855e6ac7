"""What a generated file says, read back: the text of a DOCX (body
paragraphs in order, table rows) or the identity of an XLSX, and the hidden
marker (``documents.marker``) when the file still carries it."""
from __future__ import annotations

import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from lxml import etree

from tdkt_xl.documents.marker import read_marker

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CORE_TITLE = re.compile(r"<dc:title>([^<]*)</dc:title>")


class Unreadable(Exception):
    """The file is not a package this tool can read (Vietnamese reason)."""


@dataclass
class FileText:
    path: Path
    ext: str                                      # "docx" or "xlsx"
    marker: Optional[dict] = None                 # tdkt_kind / tdkt_unit / tdkt_round
    title: str = ""                               # core property dc:title
    paras: list = field(default_factory=list)     # body paragraphs (tables included), NFC
    rows: list = field(default_factory=list)      # table rows: list of cell texts
    sheets: list = field(default_factory=list)    # XLSX sheet names

    @property
    def text(self) -> str:
        return "\n".join(self.paras)


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def _p_text(p) -> str:
    out = []
    for el in p.iter(W + "t", W + "tab", W + "br"):
        out.append(el.text or "" if el.tag == W + "t" else " ")
    return _nfc("".join(out))


def read_file(path: Path) -> FileText:
    path = Path(path)
    ext = path.suffix.lower().lstrip(".")
    try:
        z = zipfile.ZipFile(path)
        names = set(z.namelist())
    except (OSError, zipfile.BadZipFile) as e:
        raise Unreadable(f"tệp không phải văn bản Word/Excel hoặc bị hỏng ({e})") from None
    ft = FileText(path, ext, read_marker(z))
    if ft.marker:
        ft.marker = {k: ("" if v == "-" else v) for k, v in ft.marker.items()}
    if "docProps/core.xml" in names:
        m = _CORE_TITLE.search(z.read("docProps/core.xml").decode("utf-8", "replace"))
        ft.title = _nfc(m.group(1)) if m else ""
    try:
        if ext == "docx":
            if "word/document.xml" not in names:
                raise Unreadable("tệp không có phần nội dung văn bản Word (word/document.xml)")
            _read_docx(ft, z.read("word/document.xml"))
        elif ext == "xlsx":
            _read_xlsx(ft, path)
    except etree.XMLSyntaxError as e:
        raise Unreadable(f"nội dung tệp bị hỏng ({e})") from None
    return ft


def _read_docx(ft: FileText, xml: bytes) -> None:
    body = etree.fromstring(xml).find(W + "body")
    if body is None:
        return
    for p in body.iter(W + "p"):
        ft.paras.append(_p_text(p))
    for tr in body.iter(W + "tr"):
        ft.rows.append(["\n".join(_p_text(p) for p in tc.iter(W + "p")).strip()
                        for tc in tr.findall(W + "tc")])


def _read_xlsx(ft: FileText, path: Path) -> None:
    from tdkt_xl.io.sources import read_file_arrays
    try:
        arrays = read_file_arrays(path)
    except Exception as e:  # calamine raises its own types for damaged files
        raise Unreadable(f"không đọc được sổ tính ({e})") from None
    ft.sheets = list(arrays)
    for name, rows in arrays.items():
        for row in rows:
            cells = [_nfc(str(v)) for v in row if v not in (None, "")]
            if cells:
                ft.paras.append(" ".join(cells))
