"""The version of an installed distribution, told without importing it.

``importlib.metadata`` pulls ``email`` and friends, and importing the package
itself is what a fast click must avoid: read the ``Version:`` line of the
distribution's ``METADATA`` beside the package instead."""
from __future__ import annotations

import os
import sys


def dist_version(package: str) -> str | None:
    """``package``'s installed version, or None when it cannot be told for sure
    (not installed, several or no ``*.dist-info`` folders, unreadable)."""
    loaded = sys.modules.get(package)
    if loaded is not None:
        return getattr(loaded, "__version__", None)
    try:
        import importlib.util
        spec = importlib.util.find_spec(package)
        where = list(spec.submodule_search_locations or ()) if spec else []
        if len(where) != 1:
            return None
        site = os.path.dirname(os.path.abspath(where[0]))
        infos = [n for n in os.listdir(site)
                 if n.startswith(f"{package}-") and n.endswith(".dist-info")]
        if len(infos) != 1:
            return None
        with open(os.path.join(site, infos[0], "METADATA"), encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("Version:"):
                    return line.split(":", 1)[1].strip()
                if not line.strip():
                    return None
    except (ImportError, OSError, ValueError):
        return None
    return None
