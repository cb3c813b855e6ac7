"""Shared fixtures (keep small).  Validation tests pass ``as_of`` explicitly:
none depends on today's date."""
from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
WORKBOOK = ROOT / "workbook" / "tdkt_2024.xlsm"
AS_OF = dt.date(2024, 12, 31)          # the end of the example round's year


@pytest.fixture(scope="session")
def _example_sheets():
    """The example round's sheets as the built workbook has them (with the
    shipped register of legal bases, which is not example data)."""
    from tdkt_xl.builder.example import example_sheets
    from tdkt_xl.io.register import shipped_rows
    from tdkt_xl.vocabulary.schema import LEGAL
    return {**example_sheets(), LEGAL.name: shipped_rows()}


@pytest.fixture
def example_sheets(_example_sheets):
    """A fresh, freely modifiable copy of the shipped example round's arrays."""
    return copy.deepcopy(_example_sheets)


@pytest.fixture
def built_workbook():
    if not WORKBOOK.exists():
        pytest.skip(f"{WORKBOOK.relative_to(ROOT)} chưa được tạo (tdkt build-workbook)")
    return WORKBOOK


@pytest.fixture(autouse=True, scope="session")
def _template_cache_in_a_scratch_folder(tmp_path_factory):
    """Compiled templates (documents/template_cache.py) go to a folder of this
    test session, never to the user's cache; subprocesses inherit it."""
    import os
    from tdkt_xl.documents import template_cache
    old = os.environ.get(template_cache.ENV_DIR)
    os.environ[template_cache.ENV_DIR] = str(tmp_path_factory.mktemp("template_cache"))
    yield
    if old is None:
        os.environ.pop(template_cache.ENV_DIR, None)
    else:
        os.environ[template_cache.ENV_DIR] = old
