"""Compiled templates kept on disk between clicks, like Python's ``__pycache__``.

Every button click is a fresh Python: compiling a template (checking its tags,
docxtpl's ``patch_xml`` — which imports docxtpl and python-docx — and Jinja's
parse and code generation) cost a document click 40–80 ms per template, every
time.  What that work produces for one template file is stored here once:
per tagged part, the patched Jinja source and the code object Jinja generated
for it (``marshal``, as Jinja's own ``BytecodeCache`` stores it), the tags.

An entry is found by a key over everything its content depends on: the
template file's bytes, the code that compiles it (``render.py`` and this
module), docxtpl's sources (``patch_xml``), Jinja's version and Python's
(marshal format).  A template edited in Word, an upgraded library or another
Python makes a new key: the template is compiled again and the entry
replaced.  A cache that cannot be read or written changes nothing but the
time (``TDKT_CACHE_DIR`` names another folder; empty turns the cache off).

Location: ``%LOCALAPPDATA%\\tdkt\\cache`` on Windows (the user's own folder;
Python reaches it with Unicode APIs, whatever the user name), else
``$XDG_CACHE_HOME/tdkt`` or ``~/.cache/tdkt``.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import sys
from functools import lru_cache
from pathlib import Path

ENV_DIR = "TDKT_CACHE_DIR"
FORMAT = 2
SUFFIX = ".tpl"


def cache_dir() -> Path | None:
    if ENV_DIR in os.environ:
        return Path(os.environ[ENV_DIR]) if os.environ[ENV_DIR] else None
    try:
        if sys.platform == "win32":
            base = os.environ.get("LOCALAPPDATA")
            return Path(base) / "tdkt" / "cache" if base else None
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Path(base) / "tdkt"
    except (OSError, RuntimeError):          # no home folder
        return None


def _package_sources(name: str) -> bytes:
    """The .py files of an installed package, without importing it."""
    import importlib.util
    spec = importlib.util.find_spec(name)
    out = b""
    for loc in (spec.submodule_search_locations or ()) if spec else ():
        for p in sorted(Path(loc).glob("*.py")):
            out += p.name.encode() + b"\0" + p.read_bytes()
    return out


@lru_cache(maxsize=1)
def _salt() -> bytes:
    import jinja2
    h = hashlib.sha256(f"{FORMAT}|{sys.version}|{jinja2.__version__}|".encode())
    here = Path(__file__).resolve().parent
    for p in (here / "render.py", here / "template_cache.py"):
        h.update(p.read_bytes())
    h.update(_package_sources("docxtpl"))
    return h.digest()


def _entry(name: str, raw: bytes) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    key = hashlib.sha256(_salt() + raw).hexdigest()[:40]
    return folder / "templates" / f"{Path(name).stem}-{key}{SUFFIX}"


def load(name: str, raw: bytes) -> dict | None:
    """The stored compilation of template ``name`` with content ``raw``
    (``{"parts": {zip name: (code, source)}, "tags": [...]}``)."""
    try:
        path = _entry(name, raw)
        if path is None:
            return None
        data = marshal.loads(path.read_bytes())
        if data.get("format") != FORMAT:
            return None
        return data
    except Exception:            # absent, unreadable, truncated, another format
        return None


def store(name: str, raw: bytes, parts: dict, tags: list) -> None:
    """Store a compilation; older entries of the same template name go."""
    try:
        path = _entry(name, raw)
        if path is None:
            return
        replace_entry(path, f"{Path(name).stem}-*{SUFFIX}",
                      marshal.dumps({"format": FORMAT, "parts": parts, "tags": list(tags)}))
    except Exception:            # a cache that cannot be written changes nothing
        pass


def replace_entry(path: Path, siblings: str, data: bytes) -> None:
    """Write cache entry ``path`` whole; the older entries of the same thing (the
    names in its folder matching ``siblings``, of the same length) go."""
    from tdkt_xl.io.atomic import write_bytes
    path.parent.mkdir(parents=True, exist_ok=True)
    for old in path.parent.glob(siblings):
        if old != path and len(old.name) == len(path.name):
            try:
                old.unlink()
            except OSError:
                pass
    write_bytes(path, data)
