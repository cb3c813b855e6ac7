"""Mở thư mục kết quả: open the output folder in the file manager (desktop
Excel); where there is no desktop (the remote engine, a server) only say
where it is."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tdkt_xl.excel.context import Context, Outcome


def open_in_file_manager(path: Path) -> bool:
    """True if a file manager was asked to show ``path``."""
    try:
        if sys.platform.startswith("win"):
            os.startfile(str(path))  # noqa: S606 (Windows only)
            return True
        if sys.platform == "darwin":
            subprocess.Popen(["open", str(path)])
            return True
    except OSError:
        return False
    return False   # Linux/CI: no Excel desktop here; report the path only


def run(ctx: Context, opener=open_in_file_manager) -> Outcome:
    folder = ctx.output_folder()
    created = not folder.exists()
    folder.mkdir(parents=True, exist_ok=True)
    shown = False if ctx.io.is_remote else opener(folder)
    prefix = "Đã tạo thư mục kết quả" if created else "Thư mục kết quả"
    if shown:
        return Outcome(f"{prefix}: {folder}", log=str(folder))
    return Outcome(f"{prefix} nằm tại: {folder}", log=str(folder))
