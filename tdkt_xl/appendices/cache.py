"""The merge cache: what each returned file gave, kept in the output folder so
that a re-merge reads only the files that changed.

Keyed by the file's content hash (a file copied by Zalo or USB with a new
modification time but the same bytes is recognised; its name may differ).
The whole cache is dropped on any doubt: another version of the tool (its
merge code), of the spec, of python-calamine, different round data the
checks depend on (settings, units, inspection dates), another ``as_of``, or
a cache file that cannot be read.  Plain JSON (never pickle: the output
folder is not trusted to hold code).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path

from tdkt_xl.io.atomic import OutputError, ensure_folder, write_bytes
from tdkt_xl.vocabulary.findings import Finding

CACHE_DIR = ".tdkt_cache"
CACHE_FILE = "tong_hop_phu_luc.json"
FORMAT = 1
MAX_CACHE_BYTES = 500_000_000
_PACKAGE = Path(__file__).resolve().parents[1]
_CODE_DIRS = ("appendices", "io", "vocabulary")


def _code_hash() -> str:
    """Hash of the merge's own code and spec files (a new tool version drops the cache)."""
    h = hashlib.blake2b(digest_size=16)
    for sub in _CODE_DIRS:
        for p in sorted((_PACKAGE / sub).rglob("*")):
            if p.suffix in (".py", ".json", ".csv") and p.is_file():
                h.update(p.relative_to(_PACKAGE).as_posix().encode())
                h.update(p.read_bytes())
    try:
        from importlib.metadata import version
        h.update(version("python-calamine").encode())
    except Exception:       # noqa: BLE001 - unknown version: a key no other run has
        h.update(os.urandom(8))
    return h.hexdigest()


def fingerprint(spec, rnd, as_of) -> str:
    """Everything a file's outcome depends on besides its bytes."""
    h = hashlib.blake2b(digest_size=16)
    h.update(_code_hash().encode())
    h.update(repr(spec).encode())
    h.update(repr(rnd.settings).encode())
    h.update(repr([(u.code, u.block, u.selected) for u in rnd.units]).encode())
    h.update(repr([(r.old_code, r.new_code, r.date) for r in rnd.successions]).encode())
    h.update(repr(rnd.inspections).encode())
    h.update(repr([(l.code, l.start, l.end) for l in rnd.legal]).encode())   # authority, caps
    h.update(repr(as_of).encode())
    return h.hexdigest()


# ---------------------------------------------------------------- JSON with dates and sets
def _default(o):
    if isinstance(o, dt.datetime):
        return {"$dt": o.isoformat()}
    if isinstance(o, dt.date):
        return {"$d": o.isoformat()}
    if isinstance(o, dt.time):
        return {"$t": o.isoformat()}
    if isinstance(o, (set, frozenset)):
        return {"$set": sorted(o, key=str)}
    if isinstance(o, Finding):
        return {"$f": {**asdict(o), "blocks": list(o.blocks)}}
    raise TypeError(type(o).__name__)


def _hook(d: dict):
    if len(d) == 1:
        (k, v), = d.items()
        if k == "$dt":
            return dt.datetime.fromisoformat(v)
        if k == "$d":
            return dt.date.fromisoformat(v)
        if k == "$t":
            return dt.time.fromisoformat(v)
        if k == "$set":
            return set(v)
        if k == "$f":
            return Finding(**{**v, "blocks": tuple(v["blocks"])})
    return d


class MergeCache:
    """digest -> {"ident": {...}, "parsed": {...}} for one output folder."""

    def __init__(self, folder, key: str):
        """``folder`` None: a cache for this run only (nothing read or written)."""
        self.path = Path(folder) / CACHE_DIR / CACHE_FILE if folder is not None else None
        self.key = key
        self.entries: dict = {}
        self.used: set = set()
        self.dirty = False
        try:
            if self.path is not None and self.path.is_file() and self.path.stat().st_size <= MAX_CACHE_BYTES:
                data = json.loads(self.path.read_text(encoding="utf-8"), object_hook=_hook)
                if data.get("format") == FORMAT and data.get("key") == key and isinstance(data.get("files"), dict):
                    self.entries = data["files"]
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            self.entries = {}          # unreadable: start again

    def get(self, digest: str):
        entry = self.entries.get(digest) if digest else None
        if entry is not None:
            self.used.add(digest)
        return entry

    def put(self, digest: str, part: str, value: dict) -> None:
        if digest:
            self.entries.setdefault(digest, {})[part] = value
            self.used.add(digest)
            self.dirty = True

    def save(self) -> None:
        """Write atomically (entries of files no longer in the inbox are dropped);
        a cache that cannot be written only costs time on the next run."""
        if self.path is None or (not self.dirty and len(self.used) == len(self.entries) and self.path.is_file()):
            return                      # nothing new, nothing gone: the file on disk is right
        files = {d: e for d, e in self.entries.items() if d in self.used}
        text = json.dumps({"format": FORMAT, "key": self.key, "files": files}, default=_default,
                          ensure_ascii=False, separators=(",", ":"))
        try:
            ensure_folder(self.path.parent)
            write_bytes(self.path, text.encode("utf-8"))
        except (OSError, OutputError):      # a cache not written only costs time later
            pass
