"""Makers of broken, hostile and huge returned files (bounded: each is made in
well under a second and a few MB of memory), and a runner of the `tdkt`
command in a subprocess with a memory cap and a time limit, so that a
regression (an out-of-memory abort, a hang) fails one test instead of
killing the test run."""
from __future__ import annotations

import hashlib
import io
import os
import re
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "phu_luc_gui_ve"
SHEET_I, SHEET_II, SHEET_III, SHEET_ID = (f"xl/worksheets/sheet{i}.xml" for i in (1, 2, 3, 4))
MEMORY_CAP = 3 * 1024 ** 3
TIME_LIMIT = 180


# ---------------------------------------------------------------- running the command
def _cap_memory():                     # runs in the child before exec
    import resource
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_tdkt(*args, cwd=ROOT, timeout=TIME_LIMIT) -> subprocess.CompletedProcess:
    """`python -m tdkt_xl.cli ARGS` capped at 3 GB of address space and
    ``timeout`` seconds (a hang or an abort shows as a failed assertion)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8"}
    env.pop("TDKT_DEBUG", None)
    cmd = [sys.executable, "-m", "tdkt_xl.cli", *[os.fsdecode(a) if isinstance(a, bytes) else str(a) for a in args]]
    try:
        return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, timeout=timeout,
                              preexec_fn=_cap_memory)
    except subprocess.TimeoutExpired as e:
        return subprocess.CompletedProcess(cmd, -999, e.stdout or b"", (e.stderr or b"") + b"\nTIMEOUT")


def tree_hash(*paths) -> dict:
    """{relative path: sha256} of every file under the paths (links not followed)."""
    out = {}
    for root in paths:
        root = Path(root)
        items = [root] if root.is_file() else sorted(root.rglob("*"))
        for p in items:
            if p.is_file() and not p.is_symlink():
                out[os.fsencode(p)] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


# ---------------------------------------------------------------- zip surgery
def members(path: Path) -> dict:
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i.filename) for i in z.infolist()}


def write_zip(dst: Path, parts: dict, method=zipfile.ZIP_DEFLATED) -> Path:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    Path(dst).write_bytes(buf.getvalue())
    return Path(dst)


def rewrite(src: Path, dst: Path, **changes) -> Path:
    """Copy ``src`` with parts replaced (bytes) or removed (None); keyword
    names use '__' for '/' and '_dot_' for '.', or pass ``parts={...}``."""
    parts = members(src)
    for name, data in changes.pop("parts", {}).items():
        if data is None:
            parts.pop(name, None)
        else:
            parts[name] = data
    return write_zip(dst, parts)


def sheet_with(src: Path, dst: Path, part: str, fn) -> Path:
    parts = members(src)
    parts[part] = fn(parts[part])
    return write_zip(dst, parts)


def add_cells(xml: bytes, cells: bytes) -> bytes:
    """Append raw <row>/<c> XML before </sheetData>."""
    return xml.replace(b"</sheetData>", cells + b"</sheetData>", 1)


def add_merge(xml: bytes, ref: str) -> bytes:
    m = b'<mergeCells count="1"><mergeCell ref="' + ref.encode() + b'"/></mergeCells>'
    return xml.replace(b"</sheetData>", b"</sheetData>" + m, 1)


def _central_entries(data: bytes):
    """(offset of the central directory entry, name) of every member."""
    end = data.rfind(b"PK\x05\x06")
    cd_size, cd_off = struct.unpack("<II", data[end + 12:end + 20])
    pos = cd_off
    while pos < cd_off + cd_size:
        n, m, k = struct.unpack("<HHH", data[pos + 28:pos + 34])
        yield pos, data[pos + 46:pos + 46 + n].decode("utf-8", "replace")
        pos += 46 + n + m + k


def patch(src: Path, dst: Path, part: str, *, crc=None, size=None, method=None, flags=None) -> Path:
    """Copy with the zip headers of ``part`` changed (both the local and the
    central header): CRC, declared uncompressed size, method, flag bits."""
    data = bytearray(Path(src).read_bytes())
    for pos, name in list(_central_entries(bytes(data))):
        if name != part:
            continue
        (local,) = struct.unpack("<I", data[pos + 42:pos + 46])
        for base, off in ((pos, 0), (local, -2)):       # central fields sit 2 bytes after the local ones
            if flags is not None:
                struct.pack_into("<H", data, base + 8 + off, flags)
            if method is not None:
                struct.pack_into("<H", data, base + 10 + off, method)
            if crc is not None:
                struct.pack_into("<I", data, base + 16 + off, crc)
            if size is not None:
                struct.pack_into("<I", data, base + 24 + off, size)
    Path(dst).write_bytes(bytes(data))
    return Path(dst)


def crc_of(src: Path, part: str) -> int:
    with zipfile.ZipFile(src) as z:
        return z.getinfo(part).CRC


def damage_member(src: Path, dst: Path, part: str) -> Path:
    """Overwrite bytes in the middle of one member's compressed data."""
    data = bytearray(Path(src).read_bytes())
    with zipfile.ZipFile(src) as z:
        info = z.getinfo(part)
    n, m = struct.unpack("<HH", data[info.header_offset + 26:info.header_offset + 30])
    start = info.header_offset + 30 + n + m
    mid = start + info.compress_size // 2
    data[mid:mid + 64] = b"\xff" * 64
    Path(dst).write_bytes(bytes(data))
    return Path(dst)


BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                             for i in range(1, 10))
                  + b']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
                    b'uniqueCount="1"><si><t>&lol9;</t></si></sst>')


def id_rows(n: int) -> bytes:
    """``n`` extra rows for the identification sheet (one short cell each)."""
    return b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (r, r) for r in range(20, 20 + n))


def set_code(xml: bytes, old: str, new: str) -> bytes:
    return re.sub(rb"<t>" + re.escape(old.encode()) + rb"</t>", b"<t>" + new.encode() + b"</t>", xml)


def set_cell(xml: bytes, ref: str, cell: bytes) -> bytes:
    """Replace the cell ``ref`` (``<c r="ref" …/>`` or ``<c r="ref" …>…</c>``) by ``cell``."""
    pat = re.compile(rb'<c r="' + ref.encode() + rb'"(?:[^>]*?/>|[^>]*?>.*?</c>)', re.S)
    new, n = pat.subn(cell.replace(b"\\", b"\\\\"), xml, count=1)
    assert n == 1, f"no cell {ref}"
    return new


def error_cell(ref: str, error: str = "#REF!") -> bytes:
    """A formula error cell as Excel saves it (the formula, then the cached error)."""
    return (b'<c r="%s" t="e"><f>%s</f><v>%s</v></c>'
            % (ref.encode(), b"#REF!+1" if error == "#REF!" else b"1/0", error.encode()))


# ---------------------------------------------------------------- master workbooks from sheet arrays
class ErrorCell(str):
    """A cell written as a formula whose cached value is this error."""


def book_from_arrays(path: Path, sheets: dict) -> Path:
    """A workbook file from sheet arrays (text stays text)."""
    import xlsxwriter
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_numbers": False})
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if isinstance(v, ErrorCell):
                    ws.write_formula(r, c, "=1/0" if v == "#DIV/0!" else "=NA()" if v == "#N/A" else "=#REF!",
                                     None, str(v))
                elif isinstance(v, str) and v:
                    ws.write_string(r, c, v)
                elif v not in ("", None):
                    ws.write(r, c, v)
    wb.close()
    return path


FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def encrypted_ooxml() -> bytes:
    """A minimal Compound File (CFB v3) laid out as Office's 'Encrypt with
    password' saves an .xlsx: the streams EncryptionInfo and EncryptedPackage
    (their contents are filler: only the container is tested)."""
    def entry(name, kind, child=NOSTREAM, right=NOSTREAM, start=END, size=0):
        raw = name.encode("utf-16-le") + b"\0\0" if name else b""
        return (raw.ljust(64, b"\0") + struct.pack("<HBB3I", len(raw), kind, 1, NOSTREAM, right, child)
                + b"\0" * 16 + b"\0" * 4 + b"\0" * 16 + struct.pack("<III", start, size, 0))
    fat = [FATSECT, END] + list(range(3, 10)) + [END] + list(range(11, 18)) + [END]
    fat += [FREE] * (128 - len(fat))
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END, 0, END, 0)
              + struct.pack("<109I", 0, *([FREE] * 108)))
    directory = (entry("Root Entry", 5, child=1) + entry("EncryptionInfo", 2, right=2, start=2, size=4096)
                 + entry("EncryptedPackage", 2, start=10, size=4096) + entry("", 0))
    return (header + struct.pack("<128I", *fat) + directory
            + b"\x04\x00\x04\x00\x40\x00\x00\x00".ljust(4096, b"\0") + b"\x07" * 4096)
