"""The one reader of an output folder's ``manifest.json`` (the list of files
the tool wrote there, with their SHA-256; ``documents.output`` writes it).

A damaged manifest (not JSON, cut short, not UTF-8, the wrong shape, some
entries malformed) is never silent and never fatal: ``read_manifest`` keeps
the well-formed entries and says, in Vietnamese naming the file, what is
wrong; each caller adds what that means for its job."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

MANIFEST = "manifest.json"


@dataclass
class Manifest:
    path: Path
    files: dict = field(default_factory=dict)   # file name -> {"sha256", "kind", "unit", …}
    problem: str = ""                            # Vietnamese, names the file; "" when whole

    def say(self, consequence: str) -> str:
        """The problem and what it means for the caller's job ("" when whole)."""
        return f"{self.problem}; {consequence}" if self.problem else ""


def _damaged(path: Path, why: str) -> str:
    return f"Tệp danh sách văn bản đã tạo '{path}' bị hỏng ({why})"


def read_manifest(path) -> Manifest:
    """The manifest at ``path``: absent -> empty and whole; damaged -> what can be used
    and ``problem``."""
    path = Path(path)
    out = Manifest(path)
    if not path.exists():
        return out
    try:
        raw = path.read_bytes()
    except OSError as e:
        out.problem = _damaged(path, f"không đọc được: {e.strerror or type(e).__name__}")
        return out
    if not raw.strip():
        out.problem = _damaged(path, "tệp rỗng")
        return out
    try:
        data = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        out.problem = _damaged(path, "không phải văn bản UTF-8")
        return out
    except json.JSONDecodeError as e:
        where = f"dòng {e.lineno}, cột {e.colno}"
        cut = e.pos >= len(e.doc.rstrip()) or e.msg.startswith("Unterminated string")
        why = ("tệp bị cắt cụt, dừng ở " if cut else "không phải JSON hợp lệ, lỗi ở ") + where
        out.problem = _damaged(path, why)
        return out
    except (ValueError, RecursionError):
        out.problem = _damaged(path, "không phải JSON hợp lệ")
        return out
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict):
        out.problem = _damaged(path, "không có danh sách 'files' đúng cấu trúc")
        return out
    bad = 0
    for name, meta in files.items():
        if isinstance(meta, dict) and name and "/" not in name and "\\" not in name:
            out.files[name] = meta
        else:
            bad += 1
    if bad:
        out.problem = _damaged(path, f"{bad} mục không đúng cấu trúc, đã bỏ qua")
    return out
