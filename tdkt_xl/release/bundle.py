"""``tdkt bundle --out DIR``: a folder an IT person copies onto a USB stick to
install tdkt on a PC without internet.

DIR/
  cai-dat.bat              installs offline (pip --no-index) and runs tdkt doctor
  requirements.txt         the Windows lock + tdkt_xl itself
  wheelhouse/              tdkt_xl's wheel and every dependency, Windows 64-bit,
                           CPython 3.11, 3.12 and 3.13
  workbook/<name>.xlsm + <name>.py
  templates/*.docx

The wheels are fetched with ``pip download --platform win_amd64
--only-binary=:all: --no-deps`` per target Python from the committed Windows
lock (``requirements-windows.txt``, resolved for Windows: see winlock).
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from tdkt_xl.io.atomic import OutputError, ensure_folder, place_file, write_bytes, write_text
from tdkt_xl.release import winlock
from tdkt_xl.release.batch import install_script

WHEELHOUSE = "wheelhouse"

# (pins, python, dest) -> names that could not be fetched
Downloader = Callable[[list, str, Path], list]
# (project root, dest) -> the wheel file of tdkt_xl
PackageBuilder = Callable[[Path, Path], Path]


class BundleError(Exception):
    """The bundle cannot be made (Vietnamese message)."""


@dataclass
class BundleReport:
    out: Path
    package: str = ""
    per_python: dict = field(default_factory=dict)    # python -> number of pins
    wheels: list = field(default_factory=list)        # file names in the wheelhouse
    missing: dict = field(default_factory=dict)       # python -> [pins not fetched]

    @property
    def size_mb(self) -> float:
        return sum(p.stat().st_size for p in (self.out / WHEELHOUSE).iterdir()) / 1e6


def pip_download(pins: list, python: str, dest: Path) -> list:
    """Fetch the Windows wheels of ``pins`` for CPython ``python``; the pins
    that failed (each retried alone to name it)."""
    base = winlock.pip_download_args(dest, python)
    if subprocess.run(base + pins, capture_output=True).returncode == 0:
        return []
    return [p for p in pins if subprocess.run(base + [p], capture_output=True).returncode != 0]


def pip_wheel(source: Path, dest: Path) -> Path:
    """Build tdkt_xl's wheel from a scratch copy of the source tree (a build
    in place would leave build/ and *.egg-info in the project folder)."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "src"
        shutil.copytree(source / "tdkt_xl", src / "tdkt_xl",
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        shutil.copy2(source / "pyproject.toml", src / "pyproject.toml")
        proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                               "--disable-pip-version-check", "-w", str(Path(tmp) / "dist"), str(src)],
                              capture_output=True, text=True)
        wheels = list((Path(tmp) / "dist").glob("tdkt_xl-*.whl"))
        if proc.returncode != 0 or not wheels:
            raise BundleError("Không tạo được gói tdkt_xl (pip wheel): "
                              + (proc.stderr.strip().splitlines() or ["?"])[-1])
        return place_file(wheels[0], dest / wheels[0].name)


def source_tree() -> Path:
    """The project folder this tdkt_xl runs from (pyproject.toml, the lock)."""
    return Path(__file__).resolve().parents[2]


def make_bundle(out: Path, workbook: Path, templates: Path, source: Path | None = None,
                pythons=winlock.TARGET_PYTHONS, download: Downloader = pip_download,
                build: PackageBuilder = pip_wheel) -> BundleReport:
    """Write the bundle into ``out`` (absent or empty): ``workbook`` and its
    .py, the .docx of ``templates``, the package built from ``source``."""
    out = Path(out)
    source = source or source_tree()
    lock_file = source / winlock.LOCK_NAME
    for need in (source / "pyproject.toml", lock_file):
        if not need.exists():
            raise BundleError(f"Thiếu '{need}': lệnh này chạy từ thư mục mã nguồn tdkt "
                              "(có pyproject.toml và requirements-windows.txt).")
    forwarder = workbook.with_suffix(".py")
    for need in (workbook, forwarder, templates):
        if not need.exists():
            raise BundleError(f"Thiếu '{need}'.")
    ensure_folder(out)
    if any(out.iterdir()):
        raise OutputError(out, "thư mục đã có nội dung; hãy chọn thư mục trống")
    lock = winlock.read_lock(lock_file)
    wheelhouse = out / WHEELHOUSE
    ensure_folder(wheelhouse)
    report = BundleReport(out)
    wheel = build(source, wheelhouse)
    version = wheel.name.split("-")[1]
    report.package = wheel.name
    for py in pythons:
        pins = winlock.pins_for(lock, py)
        report.per_python[py] = len(pins)
        failed = download(pins, py, wheelhouse)
        if failed:
            report.missing[py] = failed
    ensure_folder(out / "workbook")
    for f in (workbook, forwarder):
        place_file(f, out / "workbook" / f.name)
    ensure_folder(out / "templates")
    for f in sorted(Path(templates).glob("*.docx")):
        if not f.name.startswith("~$"):           # Word's lock files
            place_file(f, out / "templates" / f.name)
    body = lock_file.read_text(encoding="utf-8").rstrip("\n")
    write_text(out / "requirements.txt",
               body + f"\n# tdkt_xl itself, from {WHEELHOUSE}/{wheel.name}\ntdkt_xl=={version}\n")
    write_bytes(out / "cai-dat.bat", install_script(workbook.name, pythons).encode("utf-8"))
    report.wheels = sorted(p.name for p in wheelhouse.iterdir())
    return report
