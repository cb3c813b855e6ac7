"""tdkt_xl laid out as a clerk's PC runs it, for the benchmarks that time
whole processes: installed outside the project (as pip installs it) and
compiled as pip compiles it at install (``compileall``).

A process started from the project folder imports the project's own
``tdkt_xl`` (the current directory comes first on ``sys.path``), which no
installed tool does; where ``PYTHONDONTWRITEBYTECODE`` is set (as on the
project's build machine) that copy is compiled again by every process, a
cost (~0.1 s for the merge) no clerk pays after the first run.  So the
measured processes run from a folder of their own, with only the copy made
here on their path.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def install(dest: Path, compiled: bool = True) -> dict:
    """Copy ``tdkt_xl`` into ``dest/site`` (compiled unless ``compiled`` is
    false) and return the environment of a process that runs it: that copy
    on its path, no bytecode written by it (``PYTHONDONTWRITEBYTECODE``: an
    uncompiled copy stays uncompiled).  Start the process in a folder
    without a ``tdkt_xl`` of its own (``workdir``)."""
    site = Path(dest) / "site"
    shutil.copytree(ROOT / "tdkt_xl", site / "tdkt_xl", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")}
    if compiled:
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(site / "tdkt_xl")], check=True, env=env)
    return dict(env, PYTHONPATH=str(site), PYTHONDONTWRITEBYTECODE="1")


def workdir(dest: Path) -> Path:
    """A folder to start the measured processes in (nothing on it to import)."""
    path = Path(dest) / "cwd"
    path.mkdir(exist_ok=True)
    return path
