"""The committed templates are exactly what their scripts build (no drift
between the code that lays a document out and the files clerks edit)."""
from pathlib import Path

import pytest

from tdkt_xl.documents import make_templates as documents_templates
from tdkt_xl.reports import make_templates as reports_templates

ROOT = Path(__file__).resolve().parents[1] / "templates"


@pytest.mark.parametrize("maker", [documents_templates, reports_templates])
def test_committed_templates_match_a_rebuild(maker, tmp_path):
    for built in maker.build_all(tmp_path):
        committed = ROOT / built.name
        assert committed.read_bytes() == built.read_bytes(), (
            f"templates/{built.name} differs from its script: run python -m {maker.__name__}")
