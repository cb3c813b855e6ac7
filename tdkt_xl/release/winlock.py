"""The Windows lock: every distribution a clerk's PC (Windows 64-bit, CPython
3.11-3.13) needs, pinned, resolved for Windows rather than for this machine.

pip evaluates environment markers for the machine it runs on, so resolving on
Linux leaves out Windows-only dependencies (``pywin32`` for xlwings, ``tzdata``
for pandas...).  Here each requirement's markers are evaluated for a Windows
environment (``packaging.markers``), walking the dependency metadata of the
distributions: the installed ones (importlib.metadata), and for a
distribution not installed here (a Windows-only one) the metadata of its
Windows wheel (``lookup`` fetches it, see ``wheel_lookup``).

``python -m tdkt_xl.release.winlock`` rewrites ``requirements-windows.txt``.
"""
from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from email.parser import Parser
from importlib import metadata
from pathlib import Path
from typing import Callable, Iterable, Optional

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

TARGET_PYTHONS = ("3.11", "3.12", "3.13")
PLATFORM_TAG = "win_amd64"
LOCK_NAME = "requirements-windows.txt"
# needed by developers and CI only, never on a clerk's PC
DEV_ONLY = {"pytest", "oletools"}
# the project itself: installed from its own wheel, not from the index
SELF = "tdkt-xl"

Lookup = Callable[[str, str], Optional["Dist"]]   # (name, python) -> Dist | None


class LockError(Exception):
    """The lock cannot be resolved (message names the distributions)."""


@dataclass(frozen=True)
class Dist:
    name: str                  # as the distribution spells it
    version: str
    requires: tuple = ()       # requirement strings of its metadata


def windows_env(python: str) -> dict:
    """Marker environment of CPython ``python`` (e.g. "3.12") on 64-bit Windows."""
    return {"os_name": "nt", "sys_platform": "win32", "platform_system": "Windows",
            "platform_machine": "AMD64", "platform_release": "10", "platform_version": "10.0",
            "implementation_name": "cpython", "platform_python_implementation": "CPython",
            "implementation_version": f"{python}.0", "python_version": python,
            "python_full_version": f"{python}.0", "extra": ""}


def applies(req: Requirement, env: dict, extras: Iterable[str] = ("",)) -> bool:
    """Whether ``req`` holds in ``env`` for one of the requested extras."""
    if req.marker is None:
        return True
    return any(req.marker.evaluate(dict(env, extra=e)) for e in extras)


def top_requirements(req_file: Path) -> list[Requirement]:
    """The pinned lines of requirements.txt, without dev-only packages and the
    project itself (``-e .``/``.``)."""
    out = []
    for line in Path(req_file).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-") or line in (".", "./"):
            continue
        req = Requirement(line)
        if canonicalize_name(req.name) in {canonicalize_name(d) for d in DEV_ONLY}:
            continue
        out.append(req)
    return out


def installed_lookup(name: str, python: str) -> Optional[Dist]:
    try:
        d = metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return None
    return Dist(d.metadata["Name"], d.version, tuple(d.requires or ()))


def resolve(roots: Iterable[Requirement], python: str, lookup: Lookup) -> dict[str, Dist]:
    """Canonical name -> Dist of every distribution needed on Windows with
    CPython ``python``, starting from ``roots``.  Raises LockError when a
    distribution is unknown or its version breaks a requirement."""
    env = windows_env(python)
    picked: dict[str, Dist] = {}
    extras: dict[str, set] = {}
    todo = [(r, "requirements.txt") for r in roots if applies(r, env)]
    problems = []
    while todo:
        req, by = todo.pop(0)
        key = canonicalize_name(req.name)
        wanted = {""} | set(req.extras)
        dist = picked.get(key)
        if dist is None:
            dist = lookup(req.name, python)
            if dist is None:
                problems.append(f"{req.name} (cần cho {by}): không tìm thấy")
                continue
            picked[key] = dist
            extras[key] = set()
        if not req.specifier.contains(Version(dist.version), prereleases=True):
            problems.append(f"{dist.name} {dist.version} không thỏa '{req}' (cần cho {by})")
        new = wanted - extras[key]
        if not new:
            continue
        extras[key] |= new
        for line in dist.requires:
            sub = Requirement(line)
            if applies(sub, env, new):
                todo.append((sub, dist.name))
    if problems:
        raise LockError("; ".join(problems))
    return picked


def lock_lines(per_python: dict[str, dict[str, Dist]]) -> list[str]:
    """``name==version`` per distribution, with a ``python_version`` marker
    when not every target Python needs that pin."""
    pins: dict[tuple, list] = {}
    for py, dists in per_python.items():
        for key, d in dists.items():
            pins.setdefault((key, d.name, d.version), []).append(py)
    lines = []
    for (key, name, version), pys in sorted(pins.items()):
        if canonicalize_name(name) == SELF:
            continue
        line = f"{name}=={version}"
        if len(pys) != len(per_python):
            line += " ; " + " or ".join(f'python_version == "{p}"' for p in pys)
        lines.append(line)
    return lines


def read_lock(path: Path) -> list[Requirement]:
    return [Requirement(ln) for ln in
            (x.split("#", 1)[0].strip() for x in Path(path).read_text(encoding="utf-8").splitlines())
            if ln]


def pins_for(lock: Iterable[Requirement], python: str) -> list[str]:
    """The ``name==version`` lines of the lock that apply to CPython ``python`` on Windows."""
    env = windows_env(python)
    return [f"{r.name}{r.specifier}" for r in lock if applies(r, env)]


def wheel_lookup(fallback: Lookup = installed_lookup) -> Lookup:
    """A lookup that takes installed distributions as they are and fetches
    the Windows wheel of any other (``pip download --no-deps``) to read its
    metadata.  Needs the package index (maintainer's machine only)."""
    cache: dict = {}

    def lookup(name: str, python: str) -> Optional[Dist]:
        d = fallback(name, python)
        if d is not None:
            return d
        key = (canonicalize_name(name), python)
        if key not in cache:
            cache[key] = _download_metadata(name, python)
        return cache[key]
    return lookup


def _download_metadata(name: str, python: str) -> Optional[Dist]:
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run(pip_download_args(Path(tmp), python) + [name],
                              capture_output=True, text=True)
        wheels = list(Path(tmp).glob("*.whl"))
        if proc.returncode != 0 or not wheels:
            return None
        with zipfile.ZipFile(wheels[0]) as z:
            meta = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
            msg = Parser().parsestr(z.read(meta).decode("utf-8"))
    return Dist(msg["Name"], msg["Version"], tuple(msg.get_all("Requires-Dist") or ()))


def pip_download_args(dest: Path, python: str) -> list[str]:
    """``pip download`` of Windows 64-bit wheels for CPython ``python``, no resolution."""
    return [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
            "--platform", PLATFORM_TAG, "--implementation", "cp", "--python-version", python,
            "--disable-pip-version-check", "-d", str(dest)]


def build_lock(req_file: Path, lookup: Lookup, pythons=TARGET_PYTHONS) -> list[str]:
    roots = top_requirements(req_file)
    return lock_lines({py: resolve(roots, py, lookup) for py in pythons})


HEADER = (f"# Pinned dependencies of tdkt_xl for a clerk's PC: Windows 64-bit, CPython "
          f"{', '.join(TARGET_PYTHONS)}.\n"
          "# Resolved for Windows from requirements.txt (environment markers evaluated for\n"
          "# Windows, not for the machine that wrote it). Regenerate after changing\n"
          "# requirements.txt:  python -m tdkt_xl.release.winlock\n")


def write_lock(root: Path, lookup: Optional[Lookup] = None) -> Path:
    lines = build_lock(root / "requirements.txt", lookup or wheel_lookup())
    from tdkt_xl.io.atomic import write_text
    return write_text(root / LOCK_NAME, HEADER + "\n".join(lines) + "\n")


if __name__ == "__main__":  # pragma: no cover - maintainer command
    here = Path(__file__).resolve().parents[2]
    try:
        print(f"Đã ghi {write_lock(here)}")
    except LockError as e:
        print(f"Lỗi: {e}", file=sys.stderr)
        sys.exit(1)
