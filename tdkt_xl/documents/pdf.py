"""PDF copies through LibreOffice headless (when it is installed)."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from tdkt_xl.io.atomic import place_file, remove_scratch, scratch_folder

_WINDOWS_PATHS = (r"C:\Program Files\LibreOffice\program\soffice.exe",
                  r"C:\Program Files (x86)\LibreOffice\program\soffice.exe")


class PdfUnavailable(Exception):
    """LibreOffice is missing or failed; Vietnamese message."""


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        p = shutil.which(name)
        if p:
            return p
    for p in _WINDOWS_PATHS:
        if os.path.exists(p):
            return p
    return None


def to_pdf(docx_files, out_dir, timeout: int = 600) -> list[Path]:
    """Convert .docx files to PDF in ``out_dir`` (one LibreOffice run for all)."""
    files = [Path(f) for f in docx_files]
    if not files:
        return []
    exe = find_soffice()
    if not exe:
        raise PdfUnavailable("Không tìm thấy LibreOffice (soffice) trên máy này nên chưa tạo được "
                             "bản PDF; các tệp Word (.docx) vẫn đã được tạo. Hãy cài LibreOffice "
                             "hoặc dùng Word: Tệp > Lưu thành > PDF.")
    out_dir = Path(out_dir)
    scratch = scratch_folder(out_dir)      # LibreOffice writes here; each PDF is then placed whole
    try:
        with tempfile.TemporaryDirectory(prefix="tdkt-lo-") as profile:
            cmd = [exe, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless",
                   "--convert-to", "pdf", "--outdir", str(scratch), *map(str, files)]
            try:
                subprocess.run(cmd, check=True, timeout=timeout, capture_output=True)
            except (subprocess.SubprocessError, OSError) as e:
                raise PdfUnavailable(f"LibreOffice không chuyển được sang PDF ({type(e).__name__}); "
                                     "các tệp Word (.docx) vẫn đã được tạo.") from None
        missing = [f.stem + ".pdf" for f in files if not (scratch / (f.stem + ".pdf")).exists()]
        if missing:
            raise PdfUnavailable(f"LibreOffice chưa tạo được: {', '.join(missing[:5])}.")
        return [place_file(scratch / (f.stem + ".pdf"), out_dir / (f.stem + ".pdf")) for f in files]
    finally:
        remove_scratch(scratch)
