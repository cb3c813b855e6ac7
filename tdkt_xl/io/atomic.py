"""Every file the tool writes goes through here: written whole or not at all.

A file is written to a temporary name in its target folder (unique per
process and per call: ``.~tdkt-<pid>-<random>.tmp``), flushed to disk, and
renamed over the target only when complete.  On any failure the temporary
file is removed, the target keeps its previous content, and ``OutputError``
says in Vietnamese which folder and why (disk full, read-only, no
permission...).

All operating-system calls go through ``disk`` (a ``Disk``), so that tests can
inject faults (ENOSPC, EROFS, EACCES...) at a chosen point without a real full
or read-only disk.
"""
from __future__ import annotations

import errno
import os
import shutil
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

from tdkt_xl.io.reader import WorkbookError

TEMP_PREFIX = ".~tdkt-"
_CHUNK = 1 << 20

_REASONS = {
    errno.ENOSPC: "ổ đĩa đã đầy (hết dung lượng trống)",
    errno.EROFS: "thư mục chỉ cho phép đọc (ổ đĩa, thẻ nhớ hoặc thư mục mạng bị khóa ghi)",
    errno.EACCES: "không có quyền ghi (hoặc tệp đang mở trong một chương trình khác)",
    errno.EPERM: "không có quyền ghi (hoặc tệp đang mở trong một chương trình khác)",
    errno.ENOENT: "thư mục không tồn tại hoặc đã bị xóa trong khi ghi",
    errno.ENOTDIR: "một phần của đường dẫn là tệp, không phải thư mục",
    errno.EEXIST: "đã có một tệp trùng tên với thư mục",
    errno.EISDIR: "đã có một thư mục trùng tên với tệp cần ghi",
    errno.ENAMETOOLONG: "tên tệp hoặc đường dẫn quá dài",
    errno.EIO: "lỗi đọc ghi của ổ đĩa",
}
if hasattr(errno, "EDQUOT"):
    _REASONS[errno.EDQUOT] = "đã hết hạn mức dung lượng được phép dùng trên ổ đĩa"


class OutputError(WorkbookError):
    """A file could not be written.  ``folder`` is the target folder,
    ``reason`` the Vietnamese reason, ``errno`` the system error (if any)."""

    def __init__(self, folder, reason: str, err: int | None = None, name: str = "",
                 file_only: bool = False):
        self.folder = Path(folder)
        self.reason = reason
        self.errno = err
        self.name = name
        self.file_only = file_only    # only this file is in the way (open in Word...), not the folder
        what = f"tệp '{name}' vào thư mục" if name else "vào thư mục"
        super().__init__(f"Không ghi được {what} '{self.folder}': {reason}. "
                         "Các tệp đã có trong thư mục được giữ nguyên.")


def reason_of(e: OSError) -> str:
    return _REASONS.get(e.errno) or f"lỗi hệ thống ({e.strerror or type(e).__name__})"


class Disk:
    """The operating-system calls of this module (replaced by tests)."""

    def mkstemp(self, folder: Path) -> tuple[int, str]:
        return tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=".tmp", dir=folder)

    def write(self, fd: int, data) -> int:
        return os.write(fd, data)

    def fsync(self, fd: int) -> None:
        os.fsync(fd)

    def close(self, fd: int) -> None:
        os.close(fd)

    def replace(self, src, dst) -> None:
        os.replace(src, dst)

    def unlink(self, path) -> None:
        os.unlink(path)

    def mkdir(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)


disk = Disk()


def ensure_folder(folder) -> Path:
    """Create ``folder`` (and parents) if needed; ``OutputError`` if it is a
    file or cannot be created."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputError(folder, "đường dẫn này là một tệp đã có, không phải thư mục; "
                                  "hãy chọn một thư mục khác")
    try:
        disk.mkdir(folder)
    except OSError as e:
        raise OutputError(folder, reason_of(e), e.errno) from None
    return folder


def _drop(tmp) -> None:
    try:
        disk.unlink(tmp)
    except OSError:
        pass


_LOCKED = {errno.EACCES, errno.EPERM, errno.EBUSY, errno.EISDIR}


def _fail(e: OSError, target: Path, renaming: bool = False) -> OutputError:
    return OutputError(target.parent, reason_of(e), e.errno, target.name,
                       file_only=renaming and e.errno in _LOCKED)


@contextmanager
def _temp_file(target: Path, durable: bool):
    """``(fd, temporary path)`` beside ``target``; on a clean exit the file
    is complete and closed (synced when ``durable``), on any error removed."""
    ensure_folder(target.parent)
    try:
        fd, tmp = disk.mkstemp(target.parent)
    except OSError as e:
        raise _fail(e, target) from None
    closed = False
    try:
        yield fd, tmp
        if durable:
            disk.fsync(fd)
        closed = True
        disk.close(fd)
        _permissions(tmp)
    except OSError as e:
        if not closed:
            _close_quietly(fd)
        _drop(tmp)
        raise _fail(e, target) from None
    except BaseException:
        if not closed:
            _close_quietly(fd)
        _drop(tmp)
        raise


def _put_in_place(tmp, target: Path) -> None:
    try:
        disk.replace(tmp, target)
    except OSError as e:
        _drop(tmp)
        raise _fail(e, target, renaming=True) from None


@contextmanager
def writing(target, durable: bool = True):
    """``with writing(path) as fd:`` write the content to the file
    descriptor ``fd`` (with ``write_fd``); on a clean exit the file is synced
    (unless not ``durable``: a file whose loss after a power cut costs
    nothing, such as a cache that checks its own content) and renamed over
    ``path``.  On any error the temporary file is removed."""
    target = Path(target)
    with _temp_file(target, durable) as (fd, tmp):
        yield fd
    _put_in_place(tmp, target)


class Pending:
    """A file written in a thread (``write_later``) while the caller goes on:
    ``commit()`` waits for it and renames it over its path (whole or not at
    all: ``OutputError`` when it could not be written), ``discard()`` waits
    and removes it.  Nothing is in place before ``commit``."""

    def __init__(self, target, parts, durable: bool):
        self.target = Path(target)
        self._tmp = None
        self._error = None
        self._thread = threading.Thread(target=self._write, args=(parts, durable), daemon=True)
        self._thread.start()

    def _write(self, parts, durable: bool) -> None:
        try:
            parts = parts() if callable(parts) else parts
            with _temp_file(self.target, durable) as (fd, tmp):
                for part in parts:
                    write_fd(fd, part)
            self._tmp = tmp
        except BaseException as e:      # noqa: BLE001 - handed to commit()
            self._error = e

    def commit(self) -> Path:
        self._thread.join()
        if self._error is not None:
            raise self._error
        _put_in_place(self._tmp, self.target)
        return self.target

    def discard(self) -> None:
        self._thread.join()
        if self._tmp is not None:
            _drop(self._tmp)
            self._tmp = None


def write_later(path, parts, durable: bool = True) -> Pending:
    """Start writing the concatenation of ``parts`` (or of what the function
    ``parts`` returns, called in the thread) to ``path`` in a thread (``Pending``)."""
    return Pending(path, parts, durable)


def _close_quietly(fd: int) -> None:
    try:
        disk.close(fd)
    except OSError:
        pass


def _permissions(tmp) -> None:
    """mkstemp makes 0600 files; give the usual permissions (umask)."""
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.chmod(tmp, 0o666 & ~umask)
    except OSError:
        pass


def write_fd(fd: int, data) -> None:
    view = memoryview(data)
    while view:
        n = disk.write(fd, view[:_CHUNK])
        view = view[n:]


def write_bytes(path, data: bytes, durable: bool = True) -> Path:
    """Write ``data`` to ``path`` whole or not at all (``durable``: see ``writing``)."""
    with writing(path, durable) as fd:
        write_fd(fd, data)
    return Path(path)


def write_text(path, text: str, encoding: str = "utf-8") -> Path:
    return write_bytes(path, text.encode(encoding))


def place_file(src, target) -> Path:
    """Copy a finished file made elsewhere (e.g. a PDF from LibreOffice) to
    ``target`` whole or not at all."""
    with writing(target) as fd, open(src, "rb") as fh:
        for chunk in iter(lambda: fh.read(_CHUNK), b""):
            write_fd(fd, chunk)
    return Path(target)


def keep_aside(target: Path) -> Path | None:
    """Rename an existing ``target`` to the first free 'name.N.ext' (never
    overwritten, never lost); returns the backup's path."""
    if not target.exists():
        return None
    n = 1
    while True:
        backup = target.with_name(f"{target.stem}.{n}{target.suffix}")
        if not backup.exists():
            break
        n += 1
    try:
        disk.replace(target, backup)
    except OSError as e:
        raise _fail(e, target) from None
    return backup


def write_keeping(path, data: bytes) -> Path:
    """Write ``data`` to ``path``; a different existing file there is kept as
    'name.N.ext' first; an identical one is left untouched.  If the new file
    cannot be written, the kept file is moved back."""
    target = Path(path)
    if target.is_file() and _same(target, data):
        return target
    backup = keep_aside(target) if target.exists() else None
    try:
        write_bytes(target, data)
    except BaseException:
        if backup is not None and not target.exists():
            try:
                disk.replace(backup, target)
            except OSError:
                pass
        raise
    return target


def _same(path: Path, data: bytes) -> bool:
    try:
        if path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


def scratch_folder(folder) -> Path:
    """A private temporary sub-folder of ``folder`` (for tools such as
    LibreOffice that write files themselves); remove it with
    ``remove_scratch``."""
    folder = ensure_folder(folder)
    try:
        return Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", dir=folder))
    except OSError as e:
        raise OutputError(folder, reason_of(e), e.errno) from None


def remove_scratch(path) -> None:
    shutil.rmtree(path, ignore_errors=True)
