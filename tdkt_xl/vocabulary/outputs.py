"""The output folder's layout: one subfolder per job, the same for the
workbook's buttons and the ``tdkt`` command (``tdkt demo`` writes exactly the
tree the buttons write into ``Thư mục kết quả``).

The names are the Vietnamese words a clerk reads in File Explorer, with their
diacritics (NFC).  Python's ``pathlib``, xlwings and NTFS handle Unicode paths
natively, and the workbook's own sheet names are already Vietnamese; the files
inside these folders keep ASCII names (``TB_XQS.docx``) because files are what
travels by e-mail, Zalo and zip tools that may mangle non-ASCII names.
"""
from __future__ import annotations

from pathlib import Path

DOCUMENTS = "Văn bản"                  # quyết định, thông báo, biên bản
FORMS = "Phụ lục gửi đơn vị"           # Phụ lục forms and report outlines sent to units
MERGED = "Tổng hợp phụ lục"            # the consolidated workbook of the returned forms
REPORT = "Báo cáo"                     # báo cáo kết quả kiểm tra and its charts
FOLLOWUP = "Theo dõi khắc phục"        # tracker and công văn đôn đốc

ALL = (DOCUMENTS, FORMS, MERGED, REPORT, FOLLOWUP)

CONSOLIDATED = "Tong_hop_phu_luc.xlsx"  # in MERGED: the merge's consolidated workbook


def latest_consolidated(output_folder) -> Path | None:
    """The newest consolidated workbook in the output folder's merge subfolder
    (a kept older copy may sit beside it with a suffix), or None."""
    folder = Path(output_folder) / MERGED
    stem = Path(CONSOLIDATED).stem
    found = sorted((p for p in folder.glob(f"{stem}*.xlsx") if not p.name.startswith("~$")),
                   key=lambda p: p.stat().st_mtime, reverse=True) if folder.is_dir() else []
    return found[0] if found else None
