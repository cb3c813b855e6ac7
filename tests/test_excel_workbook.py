"""The workbook's own module: what ``SampleCall`` runs (``import <name>;
<name>.main()``) with the workbook's folder on sys.path reaches tdkt_xl's
main() and dispatches the click."""
from __future__ import annotations

import shutil
import sys

import pytest

import xl_payload as X
from tdkt_xl.io import controls as K
from tdkt_xl.vocabulary import schema as S

WORKBOOK_PY = X.SHIPPED.with_suffix(".py")


def _sample_call(folder, stem: str, arrays: dict, active: str):
    """Do what the xlwings VBA does: workbook folder on sys.path, then
    ``import stem; stem.main()`` in a fresh module."""
    payload = X.payload_from_arrays(arrays, book_name=f"{stem}.xlsm", active=active)
    book = X.open_book(payload)
    sys.path.insert(0, str(folder))
    sys.modules.pop(stem, None)
    try:
        exec(f"import {stem};{stem}.main()", {})
    finally:
        sys.path.remove(str(folder))
        sys.modules.pop(stem, None)
    return X.apply(payload, book)


def _check(applied):
    assert applied.alerts, "main() must end with an alert"
    log = applied.sheet(S.LOG.name)
    assert log[-1][2] == K.JOB_VALIDATE
    assert applied.sheet(S.FINDINGS.name)[0] == S.FINDINGS.headers


def test_generated_forwarder_dispatches(tmp_path):
    from tdkt_xl.builder.names import forwarder_text
    (tmp_path / "tdkt_2025.py").write_text(forwarder_text(tmp_path / "tdkt_2025.xlsm"), encoding="utf-8")
    arrays, _ = X.shipped_or_example()
    _check(_sample_call(tmp_path, "tdkt_2025", arrays, S.SCHEDULE.name))


def test_forwarder_finds_the_workbook_folder_from_its_module(tmp_path):
    """The remote client only knows the book's name; the folder is the one of
    the module SampleCall imported (outputs go beside the workbook)."""
    from tdkt_xl.builder.names import forwarder_text
    from tdkt_xl.io.reader import read_round
    (tmp_path / "tdkt_2025.py").write_text(forwarder_text(tmp_path / "tdkt_2025.xlsm"), encoding="utf-8")
    arrays, _ = X.shipped_or_example()
    arrays = {k: [list(r) for r in v] for k, v in arrays.items()}
    for row in arrays[S.CONTROL.name]:
        if row and row[0] == K.OPT_JOB:
            row[1] = K.JOB_OPEN_OUTPUT
    applied = _sample_call(tmp_path, "tdkt_2025", arrays, S.CONTROL.name)
    out = read_round(arrays).round.settings.output_folder.replace("\\", "/")
    assert (tmp_path / out).is_dir()
    assert str(tmp_path / out) in applied.alerts[-1]


@pytest.mark.skipif(not WORKBOOK_PY.exists(), reason="workbook/tdkt_2024.py not built yet")
def test_committed_workbook_module_dispatches(tmp_path):
    # a copy of the committed module in a scratch folder, so outputs stay out of the checkout
    shutil.copy(WORKBOOK_PY, tmp_path / WORKBOOK_PY.name)
    arrays, _ = X.shipped_or_example()
    _check(_sample_call(tmp_path, WORKBOOK_PY.stem, arrays, S.UNITS.name))
