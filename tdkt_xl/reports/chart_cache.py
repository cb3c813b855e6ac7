"""Chart pictures kept on disk between clicks (beside the compiled templates).

Every click is a fresh Python, and drawing the report's charts (importing
matplotlib, numpy and the font manager, then the drawing) was most of the
report click.  A chart's PNG depends only on its spec (the data), the drawing
code (``charts.py`` and this module), matplotlib's version and the fonts;
it is stored under a key over the first three, so a repeat click with
unchanged data reads the PNG and never imports matplotlib.  Changed data, code
or matplotlib make a new key; an entry that does not match its checksum
(truncated, damaged) is drawn again.  A cache that cannot be read or written
changes nothing but the time (folder: ``template_cache.cache_dir()``,
``TDKT_CACHE_DIR`` empty turns it off).  Fonts installed later (Times New
Roman after Liberation Serif) are not in the key: such a change of machine
keeps the pictures drawn before until the data change.
"""
from __future__ import annotations

import hashlib
import sys
from functools import lru_cache
from pathlib import Path

from tdkt_xl.documents.template_cache import cache_dir, replace_entry

FORMAT = 1
SUFFIX = ".png"
_SUM = 32                                    # sha256 of the PNG, before it


def _matplotlib_version() -> str:
    """matplotlib's installed version, without importing it, with its
    ``__init__.py`` size and time (a reinstall of the same version)."""
    import importlib.util
    from ..model.installed import dist_version
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.origin:
        return "none"
    st = Path(spec.origin).stat()
    return f"{dist_version('matplotlib')}|{st.st_size}|{st.st_mtime_ns}"


@lru_cache(maxsize=1)
def _salt() -> bytes:
    h = hashlib.sha256(f"{FORMAT}|{sys.version_info[:2]}|{_matplotlib_version()}|".encode())
    here = Path(__file__).resolve().parent
    for p in (here / "charts.py", here / "chart_cache.py"):
        h.update(p.read_bytes())
    return h.digest()


def key(spec, width_in: float) -> str:
    """The key of a chart: its spec (a dataclass, whose repr spells every field),
    the width, the drawing code and matplotlib."""
    return hashlib.sha256(_salt() + f"{width_in!r}|{spec!r}".encode("utf-8")).hexdigest()[:40]


def _entry(stem: str, k: str) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / "charts" / f"{stem}-{k}{SUFFIX}"


def load(stem: str, k: str) -> bytes | None:
    """The stored PNG of chart ``stem`` with key ``k``, or None."""
    try:
        path = _entry(stem, k)
        if path is None:
            return None
        data = path.read_bytes()
        png = data[_SUM:]
        if not png or hashlib.sha256(png).digest() != data[:_SUM]:
            return None
        return png
    except Exception:            # absent, unreadable
        return None


def store(stem: str, k: str, png: bytes) -> None:
    """Store a chart's PNG; older entries of the same chart go."""
    try:
        path = _entry(stem, k)
        if path is not None:
            replace_entry(path, f"{stem}-*{SUFFIX}", hashlib.sha256(png).digest() + png)
    except Exception:            # a cache that cannot be written changes nothing
        pass
