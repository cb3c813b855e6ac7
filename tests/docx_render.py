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
