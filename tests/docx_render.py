"""Test helper: render a template as the services do (``load_template(...).render_bytes``)."""
from __future__ import annotations

from pathlib import Path

from tdkt_xl.documents.render import load_template


def render_document(template: str, ctx: dict, path=None) -> bytes:
    """The .docx bytes of ``templates/<template>`` with ``ctx``; written to ``path`` when given."""
    data = load_template(template).render_bytes(ctx)
    if path:
        Path(path).write_bytes(data)
    return data


def text_of(data_or_path) -> str:
    """The paragraphs' text of a .docx (bytes or path), one line each, tables
    included in document order (the raw runs, no layout)."""
    import io
    import re
    import zipfile
    if isinstance(data_or_path, (bytes, bytearray)):
        data_or_path = io.BytesIO(data_or_path)
    with zipfile.ZipFile(data_or_path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    paras = re.findall(r"<w:p[ >].*?</w:p>", xml, re.S)
    return "\n".join("".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p)) for p in paras)
