"""A workbook file's zip parts, read with bounds before any other reader sees them.

Every part is checked against its declared size, decompressed by us with a
hard cap (a part that inflates past its declared size, a bad CRC, a truncated
member or an unknown compression method is damage), and an XML part may not
carry a DOCTYPE (no DTD, no entity can ever be expanded).  Nothing here
resolves entities or trusts a size written in the file.
"""
from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

# bytes of XML any one workbook may make us hold; a part above it is refused
DEFAULT_MAX_PART = 20_000_000
# a member inflating more than this many times its compressed size (and above 1 MB) is a zip bomb
MAX_RATIO = 200
_LOCAL = struct.Struct("<4sHHHHHIIIHH")
_CENTRAL = struct.Struct("<4sHHHHHHIIIHHHHHII")
_END = struct.Struct("<4sHHHHIIH")
_UTF8 = 0x800                       # general purpose flag: the name is UTF-8
_DOS_DATE = 0x21                    # 1980-01-01, the zip format's earliest date (no clock is read)
_SKIP_VERIFY = ("xl/media/",)      # pictures: never read by any reader of ours


# Small parts inflated and checked, by their compressed bytes, size and CRC: the files made from one
# form carry many alike (theme, styles, relationships, the workbook part), inflated once per worker.
_SAME_PARTS: dict = {}
_SAME_PART_MAX = 65_536
_SAME_PARTS_KEPT = 256


class PackageError(Exception):
    """The file's zip structure or one of its parts is damaged or hostile.
    ``kind``: 'corrupt' | 'too_big' | 'xml'; ``message`` is Vietnamese."""

    def __init__(self, kind: str, message: str, part: str = ""):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.part = part


def _size(n: int) -> str:
    return f"{n:,}".replace(",", ".")


@dataclass
class Package:
    """An opened workbook zip held in memory (the caller bounds the file size)."""
    data: bytes
    zf: zipfile.ZipFile
    max_total: int
    _verified: dict = field(default_factory=dict, repr=False)   # part -> its verified bytes (inflated once)
    _no_dtd: set = field(default_factory=set, repr=False)       # XML parts already searched for a DTD

    @classmethod
    def open(cls, source, max_total: int = DEFAULT_MAX_PART) -> "Package":
        data = source if isinstance(source, bytes) else Path(source).read_bytes()
        try:
            zf = zipfile.ZipFile(io.BytesIO(data))
            infos = zf.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError) as e:
            raise PackageError("corrupt", f"cấu trúc zip hỏng ({e or type(e).__name__})") from None
        pkg = cls(data, zf, max_total)
        pkg._check_declared(infos)
        return pkg

    def names(self) -> set:
        return {i.filename for i in self.zf.infolist()}

    def _check_declared(self, infos) -> None:
        total = 0
        seen = set()
        for i in infos:
            if i.filename in seen:
                raise PackageError("corrupt", f"phần '{_printable(i.filename)}' xuất hiện hai lần trong tệp",
                                   i.filename)
            seen.add(i.filename)
            if i.filename.startswith(_SKIP_VERIFY):
                continue
            total += i.file_size
            if i.file_size > self.max_total or total > self.max_total:
                raise PackageError("too_big", f"phần '{_printable(i.filename)}' khai báo {_size(i.file_size)} byte "
                                              f"khi giải nén (tổng {_size(total)} byte)", i.filename)
            if i.file_size > 1_000_000 and i.file_size > MAX_RATIO * max(i.compress_size, 1):
                raise PackageError("too_big", f"phần '{_printable(i.filename)}' nén với tỷ lệ bất thường "
                                              f"({_size(i.compress_size)} → {_size(i.file_size)} byte)",
                                   i.filename)

    def read(self, name: str, limit: int | None = None) -> bytes:
        """The verified bytes of one part: exactly its declared size, CRC checked,
        never more than ``limit`` (default: the package's total bound)."""
        limit = self.max_total if limit is None else limit
        try:
            info = self.zf.getinfo(name)
        except KeyError:
            raise PackageError("corrupt", f"thiếu phần '{_printable(name)}'", name) from None
        if info.file_size > limit:
            raise PackageError("too_big", f"phần '{_printable(name)}' khai báo {_size(info.file_size)} byte, "
                                          f"vượt giới hạn {_size(limit)} byte", name)
        done = self._verified.get(name)
        if done is not None:
            return done
        raw = self._raw(info)
        key = (raw, info.file_size, info.CRC) \
            if info.compress_type == zipfile.ZIP_DEFLATED and info.file_size <= _SAME_PART_MAX else None
        if key is not None:
            out = _SAME_PARTS.get(key)
            if out is not None:             # these very bytes were inflated and checked before
                self._verified[name] = out
                return out
        if info.compress_type == zipfile.ZIP_STORED:
            out = raw
        elif info.compress_type == zipfile.ZIP_DEFLATED:
            d = zlib.decompressobj(-15)
            try:
                out = d.decompress(raw, info.file_size + 1)
            except zlib.error as e:
                raise PackageError("corrupt", f"phần '{_printable(name)}' hỏng dữ liệu nén ({e})", name) from None
            if len(out) > info.file_size or d.unconsumed_tail:
                raise PackageError("corrupt", f"phần '{_printable(name)}' giải nén vượt kích thước khai báo "
                                              f"({_size(info.file_size)} byte)", name)
            if not d.eof:
                raise PackageError("corrupt", f"phần '{_printable(name)}' bị cắt cụt", name)
        else:
            raise PackageError("corrupt", f"phần '{_printable(name)}' dùng kiểu nén không hỗ trợ "
                                          f"({info.compress_type})", name)
        if len(out) != info.file_size:
            raise PackageError("corrupt", f"phần '{_printable(name)}' bị cắt cụt ({_size(len(out))}/"
                                          f"{_size(info.file_size)} byte)", name)
        if zlib.crc32(out) != info.CRC:
            raise PackageError("corrupt", f"phần '{_printable(name)}' sai mã kiểm tra CRC", name)
        self._verified[name] = out
        if key is not None:
            if len(_SAME_PARTS) >= _SAME_PARTS_KEPT:
                _SAME_PARTS.clear()
            _SAME_PARTS[key] = out
        return out

    def _raw(self, info) -> bytes:
        off = info.header_offset
        head = self.data[off:off + _LOCAL.size]
        if len(head) < _LOCAL.size or head[:4] != b"PK\x03\x04":
            raise PackageError("corrupt", f"phần '{_printable(info.filename)}' có đầu mục zip hỏng", info.filename)
        fields = _LOCAL.unpack(head)
        if fields[2] & 0x1:
            raise PackageError("corrupt", f"phần '{_printable(info.filename)}' được mã hóa", info.filename)
        start = off + _LOCAL.size + fields[9] + fields[10]
        raw = self.data[start:start + info.compress_size]
        if len(raw) < info.compress_size:
            raise PackageError("corrupt", f"phần '{_printable(info.filename)}' bị cắt cụt (tệp không trọn vẹn)",
                               info.filename)
        return raw

    def xml(self, name: str, limit: int | None = None) -> bytes:
        """A verified XML part; refused if it declares a DTD (entities)."""
        data = self.read(name, limit)
        if name in self._no_dtd:
            return data
        head = data[:4096]
        if b"<!DOCTYPE" in data or b"<!ENTITY" in head:
            raise PackageError("xml", f"phần '{_printable(name)}' chứa khai báo DOCTYPE/ENTITY (không được phép "
                                      "trong sổ tính Excel)", name)
        self._no_dtd.add(name)
        return data

    def verify_all(self) -> None:
        """Decompress and check every part a reader may touch (not pictures)."""
        for info in self.zf.infolist():
            if info.filename.startswith(_SKIP_VERIFY) or info.is_dir():
                continue
            if info.filename.endswith((".xml", ".rels", ".vml")):
                self.xml(info.filename)
            else:
                self.read(info.filename)

    def verified_zip(self) -> bytes:
        """The workbook as another reader should see it, after ``verify_all``:
        a zip of the verified parts only, stored (not compressed again: the
        reader does not inflate what we inflated), so that it reads exactly
        the bytes we checked and never the file's own zip directory.  Pictures
        (never verified, never read by a reader of ours) are left out."""
        body, central, offset = [], [], 0
        for info in self.zf.infolist():
            data = self._verified.get(info.filename)
            if data is None:
                continue
            name = info.filename.encode("utf-8")
            head = _LOCAL.pack(b"PK\x03\x04", 20, _UTF8, zipfile.ZIP_STORED, 0, _DOS_DATE, info.CRC, len(data),
                               len(data), len(name), 0)
            central.append(_CENTRAL.pack(b"PK\x01\x02", 20, 20, _UTF8, zipfile.ZIP_STORED, 0, _DOS_DATE, info.CRC,
                                         len(data), len(data), len(name), 0, 0, 0, 0, 0, offset) + name)
            body += (head, name, data)
            offset += len(head) + len(name) + len(data)
        directory = b"".join(central)
        body += (directory, _END.pack(b"PK\x05\x06", 0, 0, len(central), len(central), len(directory), offset, 0))
        return b"".join(body)


def _printable(name: str) -> str:
    return "".join(ch if ch.isprintable() else f"\\u{ord(ch):04x}" for ch in name)[:120]
