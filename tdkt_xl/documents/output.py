"""The output folder: safe file names and a manifest that protects edits.

``manifest.json`` (in the output folder) records the SHA-256 of every file
this tool wrote.  Writing again over a file whose content still has the
recorded hash is safe (nobody touched it).  A file that differs (a clerk
edited it) or that the manifest does not know is kept, and the new document
is written beside it as ``<name> (mới).docx`` unless ``force``.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from tdkt_xl.documents.render import file_sha256, sha256
from tdkt_xl.io.atomic import ensure_folder, write_bytes
from tdkt_xl.io.manifest import MANIFEST, read_manifest  # noqa: F401  (MANIFEST: the file's name, here too)
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
             *(f"LPT{i}" for i in range(1, 10))}


def safe_part(text: str, fallback: str = "khong_ma", limit: int = 60) -> str:
    """A file-name component that is safe on Windows and cannot escape the
    folder: letters, digits, '-' and '_' only; no dots, slashes or reserved names."""
    s = unicodedata.normalize("NFC", str(text or "")).strip()
    s = "".join(ch if (ch.isalnum() or ch in "-_") else "_" for ch in s)
    s = re.sub(r"_+", "_", s).strip("_-")[:limit]
    if not s:
        s = fallback
    if s.upper() in _RESERVED:
        s = "_" + s
    return s


@dataclass
class Written:
    path: Path
    kept: Path | None = None      # the clerk's edited file left in place, if any
    unchanged: bool = False       # identical content already there


class OutputFolder:
    def __init__(self, folder, force: bool = False):
        self.folder = Path(folder)
        ensure_folder(self.folder)
        self.force = force
        self.path = self.folder / MANIFEST
        found = read_manifest(self.path)
        self.files: dict = dict(found.files)
        # a damaged manifest: a file it cannot vouch for counts as edited (kept, the new one beside it)
        self.problem = found.say("tệp nào không có trong danh sách được coi như đã sửa tay nên được giữ "
                                 "nguyên, bản mới ghi bên cạnh (thêm '(mới)' vào tên); danh sách được "
                                 "ghi lại khi xong")
        self.claimed: set = set()

    def unique_name(self, name: str) -> str:
        """Avoid two documents of this run getting the same name."""
        stem, ext = name.rsplit(".", 1)
        cand, n = name, 2
        while cand.lower() in self.claimed:
            cand = f"{stem}_{n}.{ext}"
            n += 1
        self.claimed.add(cand.lower())
        return cand

    def _ours(self, name: str, path: Path) -> bool:
        rec = self.files.get(name)
        return bool(rec) and path.exists() and file_sha256(path) == rec.get("sha256")

    def write(self, name: str, data: bytes, meta: dict | None = None) -> Written:
        target = self.folder / name
        digest = sha256(data)
        kept = None
        if target.exists() and not self.force and not self._ours(name, target):
            if file_sha256(target) == digest:
                self.files[name] = {"sha256": digest, **(meta or {})}
                return Written(target, unchanged=True)
            kept = target
            stem, ext = name.rsplit(".", 1)
            n = 1
            while True:
                alt = f"{stem} (mới).{ext}" if n == 1 else f"{stem} (mới {n}).{ext}"
                cand = self.folder / alt
                if not cand.exists() or self._ours(alt, cand):
                    break
                n += 1
            name, target = alt, cand
        elif target.exists() and file_sha256(target) == digest:
            self.files[name] = {"sha256": digest, **(meta or {})}
            return Written(target, unchanged=True)
        write_bytes(target, data)
        self.files[name] = {"sha256": digest, **(meta or {})}
        return Written(target, kept=kept)

    def record(self, name: str, path: Path, meta: dict | None = None) -> None:
        self.files[name] = {"sha256": file_sha256(path), **(meta or {})}

    def save(self) -> None:
        data = {"note": "Danh sách tệp do tdkt tạo ra và mã băm nội dung; đừng sửa tay.",
                "files": dict(sorted(self.files.items()))}
        write_bytes(self.path, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))
