"""The merge cache: what each returned file gave, kept in the output folder so
that a re-merge reads only the files that changed.

Keyed by the file's content hash (a file copied by Zalo or USB with a new
modification time but the same bytes is recognised; its name may differ).
The whole cache is dropped on any doubt: another version of the tool (its
merge code), of the spec, of python-calamine, different round data the
checks depend on (settings, units, inspection dates), another ``as_of``, or
a cache file that cannot be read.  Plain JSON (never pickle: the output
folder is not trusted to hold code).

On disk: segments ``tong_hop_phu_luc.N.jsonl``, each written whole or not at
all (``io.atomic``): a header line (format, key, number of entries, length of
the rendered rows, hash of the rest, the key lists of its entries' figures),
one line per file, ``<digest> <length of its rows> <JSON>``, then the files'
rows of the consolidated workbook as the merge rendered them (``unit_rows``:
sheet XML, not code), one after the other.  A file's figures and table rows
are written as arrays, their keys once in the header (``packed``): the keys
were two thirds of an entry, and most of the time a re-merge took to read it.
A re-merge appends a segment holding only the files it examined; the segments are rewritten as
one (from their lines as read, nothing encoded again) when the key changed,
when many entries belong to files gone from the inbox, or when there are
many segments.  A segment that is not exactly what was written (its hash,
its lines) makes the whole cache untrusted: nothing of it is used, the merge
says so (``problem``) and reads every file.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from dataclasses import asdict
from pathlib import Path

from tdkt_xl.io.atomic import OutputError, ensure_folder, write_later
from tdkt_xl.vocabulary.findings import Finding

CACHE_DIR = ".tdkt_cache"
STEM = "tong_hop_phu_luc"
OLD_FILES = ("tong_hop_phu_luc.json",)     # format 1 (one JSON file): removed when the cache is next written
FORMAT = 5
MAX_CACHE_BYTES = 500_000_000
MAX_SEGMENTS = 8            # more: the next save rewrites them as one
_SEGMENT = re.compile(rf"{STEM}\.(\d{{1,6}})\.jsonl")
_DIGEST = re.compile(r"[0-9a-f]{8,128}")
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
    try:        # python-calamine's compiled module and XlsxWriter's version (the rendered rows' cell styles)
        from python_calamine import _python_calamine as native
        import xlsxwriter
        st = os.stat(native.__file__)
        h.update(f"{Path(native.__file__).name} {st.st_size} {st.st_mtime_ns} {xlsxwriter.__version__}".encode())
    except Exception:       # noqa: BLE001 - unknown version: a key no other run has
        h.update(os.urandom(8))
    return h.hexdigest()


def fingerprint(spec, rnd, as_of) -> str:
    """Everything a file's outcome depends on besides its bytes."""
    h = hashlib.blake2b(digest_size=16)
    h.update(_code_hash().encode())
    h.update(repr(spec).encode())
    h.update(repr(rnd.settings).encode())
    h.update(repr([(u.code, u.name, u.block, u.selected) for u in rnd.units]).encode())     # names: rendered rows
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


def _hook_for(keys: dict):
    """The JSON object hook of a segment whose key lists (``packed``) are ``keys``.
    Packed figures that do not match their keys raise ValueError (``zip``)."""
    def hook(d: dict):
        if len(d) == 1:
            (k, v), = d.items()
            if k == "$d":
                return dt.date.fromisoformat(v)
            if k == "$r":
                names, rows = _unpacked(v, keys)
                return [dict(zip(names, r, strict=True)) for r in rows]
            if k == "$v":
                names, values = _unpacked(v, keys)
                return dict(zip(names, values, strict=True))
            if k == "$dt":
                return dt.datetime.fromisoformat(v)
            if k == "$t":
                return dt.time.fromisoformat(v)
            if k == "$set":
                return set(v)
            if k == "$f":
                return Finding(**{**v, "blocks": tuple(v["blocks"])})
        return d
    return hook


# ---------------------------------------------------------------- figures as arrays
# A file's figures are ~150 values and each table row a dozen: as JSON objects
# their keys would be two thirds of its entry.  ``packed`` writes a dict as
# {"$v": [id, [values]]} and a table (rows that are dicts with the same keys)
# as {"$r": [id, [[values], ...]]}; the id names the key list (a hash of it,
# the same in every process), listed once in the segment's header.
_IDS: dict = {}             # tuple of keys -> its id (memo)


def keys_id(names: tuple) -> str:
    got = _IDS.get(names)
    if got is None:
        got = _IDS[names] = hashlib.blake2b(json.dumps(names).encode("ascii"), digest_size=8).hexdigest()
    return got


def _unpacked(v, keys: dict) -> tuple:
    if type(v) is not list or len(v) != 2 or type(v[1]) is not list:
        raise CacheDamaged("một mục không đúng cấu trúc")
    names = keys.get(v[0]) if type(v[0]) is str else None
    if names is None:
        raise CacheDamaged("một mục dùng danh sách khóa không có trong dòng đầu")
    return names, v[1]


def _figures(entry: dict):
    """The parse record of ``entry`` whose figures and tables are packed, or None."""
    parsed = entry.get("parsed")
    ret = parsed.get("ret") if isinstance(parsed, dict) else None
    if not isinstance(ret, dict) or not isinstance(ret.get("values"), dict) \
            or not isinstance(ret.get("tables"), dict):
        return None
    return ret


def _dict_names(d: dict):
    """The keys of a dict of figures, when it is packed (all text), else None."""
    names = tuple(d)
    return names if set(map(type, names)) <= _TEXT else None


def _rows_names(rows):
    """The keys of a table's rows, when it is packed (dicts with the same keys, all text), else None."""
    if not rows or type(rows) is not list or not all(type(r) is dict for r in rows):
        return None
    names = tuple(rows[0])
    if not set(map(type, names)) <= _TEXT or not all(tuple(r) == names for r in rows):
        return None
    return names


_TEXT = {str}


def _listed(names: tuple, keys: dict) -> str:
    """The id of key list ``names``, added to ``keys`` (id -> keys)."""
    i = keys_id(names)
    if i not in keys:
        keys[i] = names
    return i


def packed(entry: dict, keys: dict) -> dict:
    """``entry`` with its parse record's figures and table rows as arrays;
    their key lists added to ``keys`` (id -> keys)."""
    ret = _figures(entry)
    if ret is None:
        return entry
    values = ret["values"]
    names = _dict_names(values)
    if names is not None:
        values = {"$v": [_listed(names, keys), list(values.values())]}
    tables = {}
    for k, rows in ret["tables"].items():
        names = _rows_names(rows)
        tables[k] = rows if names is None else {"$r": [_listed(names, keys), [list(r.values()) for r in rows]]}
    parsed = entry["parsed"]
    return {**entry, "parsed": {**parsed, "ret": {**ret, "values": values, "tables": tables}}}


def note_keys(entry: dict, keys: dict) -> None:
    """Add to ``keys`` the key lists ``packed(entry)`` lists (without packing it)."""
    ret = _figures(entry)
    if ret is None:
        return
    for names in (_dict_names(ret["values"]), *map(_rows_names, ret["tables"].values())):
        if names is not None:
            _listed(names, keys)


def _keys_of(header: dict) -> dict:
    """The key lists of a segment's header, each checked (its id is its hash)."""
    got = header.get("keys", {})
    if not isinstance(got, dict):
        raise CacheDamaged("danh sách khóa ở dòng đầu không đúng cấu trúc")
    out = {}
    for i, names in got.items():
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names) \
                or keys_id(tuple(names)) != i:
            raise CacheDamaged("danh sách khóa ở dòng đầu không đúng cấu trúc")
        out[i] = tuple(names)
    return out


def segment_name(n: int) -> str:
    return f"{STEM}.{n}.jsonl"


def _body_hash(*parts) -> str:
    """The hash of a segment's body (given whole, or in the parts it is written in)."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part)
    return h.hexdigest()


class CacheDamaged(ValueError):
    """A segment is not what the merge wrote (its reason in Vietnamese)."""


def _entry(text: str, hook):
    """One entry's JSON, checked for the shape the merge uses."""
    entry = json.loads(text, object_hook=hook)
    if not isinstance(entry, dict) or not entry or not set(entry) <= {"ident", "parsed"} \
            or not all(isinstance(v, dict) for v in entry.values()):
        raise CacheDamaged("một mục không đúng cấu trúc")
    return entry


class Segment:
    """One segment as read: ``entries`` {digest: (entry, its line as read,
    its rendered rows or None)}, the inbox ``files`` its merge read
    (``MergeCache.files``), the ``keys`` of its packed entries."""
    __slots__ = ("entries", "files", "keys")

    def __init__(self, entries: dict, files: dict, keys: dict):
        self.entries, self.files, self.keys = entries, files, keys


def read_segment(data: bytes, key: str):
    """The ``Segment`` in ``data``, or None when it was written for another
    key or format (stale: not an error).  ``CacheDamaged`` when its bytes
    are not exactly what was written.  Nothing is copied but each entry's
    rows: a line as read is a view of ``data``."""
    first = data.find(b"\n")
    try:
        header = json.loads(data[:first] if first >= 0 else data)
    except ValueError:
        raise CacheDamaged("dòng đầu không đọc được") from None
    if not isinstance(header, dict) or first < 0:
        raise CacheDamaged("dòng đầu không đúng cấu trúc")
    if header.get("format") != FORMAT or header.get("key") != key:
        return None
    view = memoryview(data)
    if header.get("body") != _body_hash(view[first + 1:]):
        raise CacheDamaged("nội dung bị cắt cụt hoặc bị sửa")
    size = header.get("rows")
    if type(size) is not int or not 0 <= size <= len(data) - first - 1:
        raise CacheDamaged("độ dài phần dòng kết xuất không đúng")
    keys = _keys_of(header)
    hook = _hook_for(keys)
    out = {}
    pos, stop = first + 1, len(data) - size      # the lines; the rows from ``stop`` on
    at = stop
    while pos < stop:
        end = data.find(b"\n", pos, stop)
        i = data.find(b" ", pos, end)
        j = data.find(b" ", i + 1, end)
        if end < 0 or i < 0 or j < 0:
            raise CacheDamaged("một dòng không có mã tệp" if end >= 0 else "số mục không khớp")
        try:
            digest = data[pos:i].decode("ascii")
            n = data[i + 1:j]
            if not _DIGEST.fullmatch(digest) or not n.isdigit():
                raise CacheDamaged("một dòng không có mã tệp")
            n = int(n)
            rows = data[at:at + n] if n else None
            at += n
            text = view[j + 1:end]
            out[digest] = (_entry(str(text, "utf-8"), hook), (digest.encode("ascii"), text), rows)
        except CacheDamaged:
            raise
        except (ValueError, TypeError, KeyError, AttributeError):
            raise CacheDamaged("một mục không đọc được") from None
        pos = end + 1
    if len(out) != header.get("entries"):
        raise CacheDamaged("số mục không khớp")
    if at != len(data):
        raise CacheDamaged("độ dài phần dòng kết xuất không khớp")
    return Segment(out, _files(header.get("files", {})), keys)


def _files(got) -> dict:
    """The ``files`` of a segment's header, each checked for its shape (the
    others dropped: such a file is only read and hashed again)."""
    if not isinstance(got, dict):
        return {}
    return {p: rec for p, rec in got.items()
            if isinstance(p, str) and isinstance(rec, list) and len(rec) == 5
            and all(type(x) is int for x in rec[:4]) and isinstance(rec[4], str) and _DIGEST.fullmatch(rec[4])}


def segment_parts(key: str, lines: list, rows: list | None = None, files: dict | None = None,
                  keys: dict | None = None) -> list:
    """A segment's bytes, in parts (their concatenation is the segment).
    ``lines``: (digest, JSON) of each entry, as ``entry_line`` makes them or
    as read; ``rows``: the rendered rows of each (bytes, or None), in the
    same order; ``keys``: the key lists of the packed entries (id -> keys)."""
    rows = rows if rows is not None else [None] * len(lines)
    body = [b"".join([b"%b %d %b\n" % (digest, len(r) if r else 0, text) for (digest, text), r in zip(lines, rows)])]
    body += [r for r in rows if r]
    header = {"format": FORMAT, "key": key, "entries": len(lines), "rows": sum(map(len, body[1:])),
              "body": _body_hash(*body), "files": files or {},
              "keys": {i: list(names) for i, names in sorted((keys or {}).items())}}
    return [json.dumps(header).encode("ascii") + b"\n"] + body


def segment_bytes(key: str, lines: list, rows: list | None = None, files: dict | None = None,
                  keys: dict | None = None) -> bytes:
    return b"".join(segment_parts(key, lines, rows, files, keys))


def entry_line(digest: str, entry: dict, keys: dict | None = None) -> tuple:
    """(digest, JSON) of a cache entry, its figures packed (their key lists
    added to ``keys``: id -> keys)."""
    return digest.encode("ascii"), _ENCODE(packed(entry, keys if keys is not None else {})).encode("utf-8")


# an entry is plain data made by the merge (never a cycle): no check for one
_ENCODE = json.JSONEncoder(default=_default, ensure_ascii=False, separators=(",", ":"), check_circular=False).encode


class MergeCache:
    """digest -> {"ident": {...}, "parsed": {...}} for one output folder."""

    def __init__(self, folder, key: str):
        """``folder`` None: a cache for this run only (nothing read or written)."""
        self.folder = Path(folder) / CACHE_DIR if folder is not None else None
        self.key = key
        self.entries: dict = {}
        self.rows: dict = {}         # digest -> the file's rows of the consolidated workbook (unit_rows), when kept
        self.seen: dict = {}         # the last merge's files: absolute path -> [size, mtime_ns, ctime_ns, inode, hash]
        self.files: dict = {}        # this merge's, the same way (written with the next segment)
        self.used: set = set()
        self.problem = ""            # why a cache on disk was not trusted (Vietnamese), "" when none was
        self.keys: dict = {}         # the key lists of the packed entries (id -> keys)
        self._lines: dict = {}       # digest -> its line (unchanged entries are not encoded again):
                                     # (digest, JSON) as encoded (entry_line) or as read
        self._segments: list = []    # numbers of the segments read for this key
        self._rewrite = False        # write the cache as one segment at the next save (stale or damaged files)
        if self.folder is not None:
            self._load()

    def _load(self) -> None:
        try:
            names = [p.name for p in self.folder.iterdir()] if self.folder.is_dir() else []
        except OSError:
            names = []
        self._rewrite = any(n in OLD_FILES for n in names)
        found = sorted((int(m.group(1)), n) for n in names if (m := _SEGMENT.fullmatch(n)))
        total = 0
        for n, name in found:
            path = self.folder / name
            try:
                total += path.stat().st_size
                if total > MAX_CACHE_BYTES:
                    raise CacheDamaged("quá lớn")
                got = read_segment(path.read_bytes(), self.key)
            except CacheDamaged as e:
                self._distrust(f"tệp {name}: {e}")
                return
            except OSError as e:
                self._distrust(f"tệp {name}: không đọc được ({e.strerror or type(e).__name__})")
                return
            except Exception as e:      # noqa: BLE001 - anything else unexpected in it: not trusted either
                self._distrust(f"tệp {name}: {type(e).__name__}")
                return
            if got is None:                     # another version or round: not used, replaced at the next save
                self._rewrite = True
                continue
            self._segments.append(n)
            self.seen = got.files               # the newest segment's list is the last merge's
            self.keys.update(got.keys)
            for digest, (entry, line, rows) in got.entries.items():
                self.entries[digest] = entry
                self._lines[digest] = line
                if rows is not None:
                    self.rows[digest] = rows

    def _distrust(self, reason: str) -> None:
        self.entries, self._lines, self._segments, self.rows, self.seen, self.keys = {}, {}, [], {}, {}, {}
        self._rewrite = True
        self.problem = (f"Bộ nhớ đệm của lần tổng hợp trước (thư mục {CACHE_DIR} trong thư mục kết quả) bị hỏng ({reason}) "
                        "nên không được dùng; mọi tệp gửi về đã được đọc lại.")

    def get(self, digest: str):
        entry = self.entries.get(digest) if digest else None
        if entry is not None:
            self.used.add(digest)
        return entry

    @property
    def kept(self) -> bool:
        """Whether this cache is saved (it has a folder)."""
        return self.folder is not None

    def put(self, digest: str, part: str, value: dict, line: bytes | None = None, rows: bytes | None = None) -> None:
        """``line``: the whole entry after this put, already encoded (``entry_line``);
        ``rows``: the file's rows of the consolidated workbook rendered from it."""
        if digest:
            self.entries.setdefault(digest, {})[part] = value
            if line is not None:
                self._lines[digest] = line
                note_keys(self.entries[digest], self.keys)     # the key lists its line uses (the same ids)
            else:
                self._lines.pop(digest, None)      # changed: encoded again at the save
            if part == "parsed":
                if rows is not None:
                    self.rows[digest] = rows
                else:
                    self.rows.pop(digest, None)     # rendered again from the figures when written
            self.used.add(digest)

    def save(self) -> None:
        """Write what this run added (a new segment), or the whole cache as one
        segment (entries of files no longer in the inbox dropped) when the
        segments on disk are stale, damaged, many, or mostly gone files.  A
        cache that cannot be written only costs time on the next run."""
        self.stage().commit()

    def stage(self) -> "StagedCache":
        """``save``, written in a thread while the caller writes its outputs:
        ``commit()`` puts it in place (once the outputs are written: a failed
        run leaves the old cache), ``discard()`` drops it."""
        if self.folder is None:
            return StagedCache()
        used = [d for d in self.entries if d in self.used]
        new = [d for d in used if d not in self._lines]
        gone = len(self.entries) - len(used)
        whole = (self._rewrite or not self._segments or len(self._segments) >= MAX_SEGMENTS
                 or gone > len(used) // 4)
        if not whole and not new:
            return StagedCache()        # nothing new: the files on disk are right
        digests = used if whole else new
        lines = [self._lines.get(d) or entry_line(d, self.entries[d], self.keys) for d in digests]
        rows = [self.rows.get(d) for d in digests]
        number = 0 if whole else max(self._segments) + 1
        try:
            ensure_folder(self.folder)
            pending = write_later(self.folder / segment_name(number),   # not synced: a torn segment fails its hash
                                  lambda: segment_parts(self.key, lines, rows, self.files, dict(self.keys)),
                                  durable=False)
        except (OSError, OutputError):
            return StagedCache()
        return StagedCache(pending, self.folder, (number,) if whole else None)


class StagedCache:
    """A cache segment being written (``MergeCache.stage``), or nothing to
    write.  ``keep``: after a whole rewrite, the one segment to keep."""

    def __init__(self, pending=None, folder=None, keep=None):
        self._pending, self._folder, self._keep = pending, folder, keep

    def commit(self) -> None:
        """Put the segment in place; after a whole rewrite, remove every other
        segment.  A cache that cannot be written only costs time later."""
        if self._pending is None:
            return
        try:
            self._pending.commit()
        except (OSError, OutputError):
            return
        if self._keep is None:
            return
        for name in os.listdir(self._folder):
            m = _SEGMENT.fullmatch(name)
            if (m and int(m.group(1)) not in self._keep) or name in OLD_FILES:
                try:
                    os.unlink(self._folder / name)
                except OSError:
                    pass

    def discard(self) -> None:
        if self._pending is not None:
            self._pending.discard()
