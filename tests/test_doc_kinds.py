"""The one table of document kinds drives every place that names a kind: the
documents service, the `tdkt` subcommands, the buttons and dropdowns, the
Văn bản sheet's list, its rules and the NĐ 30 checker.  A kind added to the
table (plus a template and a context builder) is produced end to end."""
from __future__ import annotations

import inspect
from pathlib import Path

from tdkt_xl.cli import build_parser, main
from tdkt_xl.documents import contexts
from tdkt_xl.documents.nd30_check import KIND_CODES, TITLES, check_docx
from tdkt_xl.documents.render import REPO_TEMPLATES
from tdkt_xl.excel import document_jobs
from tdkt_xl.excel.jobs import registry
from tdkt_xl.io import controls
from tdkt_xl.roundcheck.identify import OUTPUT_KINDS
from tdkt_xl.rules import documents as rules
from tdkt_xl.vocabulary import doc_kinds as DK, schema as S
from tdkt_xl.vocabulary.findings import JOB_VI

ROOT = Path(__file__).resolve().parents[1]
WORKBOOK = ROOT / "workbook" / "tdkt_2024.xlsm"


def test_every_row_is_complete_and_consistent():
    assert len({k.file_name for k in DK.KINDS.values()}) == len(DK.KINDS)
    for k in DK.KINDS.values():
        assert (REPO_TEMPLATES / k.template).is_file(), k.template
        assert k.profile in TITLES or k.profile == "CV", k.key
        assert KIND_CODES[k.key] == k.profile
        assert ("{code}" in k.file_name) == k.per_unit, k.key
        assert not k.job or k.job in JOB_VI, k.key
        assert k.button in controls.ALL_JOBS and k.button in registry(), k.key
        known = OUTPUT_KINDS[k.key]                      # check-round recognises its files
        assert (known.label, known.per_unit, known.layout) == (k.label, k.per_unit, k.key)
        if k.service == DK.DOCUMENTS_SERVICE:
            builder = getattr(contexts, k.context)
            required = [q for q in inspect.signature(builder).parameters.values()
                        if q.default is q.empty]         # optional inputs (appendices) may follow
            assert len(required) == (2 if k.per_unit else 1), k.key


def test_front_doors_and_the_sheet_read_the_table():
    commands = build_parser()._subparsers._group_actions[0].choices
    assert set(DK.grouped("command")) <= set(commands)
    assert document_jobs.KINDS == DK.grouped("button")
    register = next(c for c in controls.SHEET_CONTROLS if c.sheet == S.DOCUMENTS.name)
    assert set(DK.grouped("button")) <= set(register.jobs)
    assert S.DOCUMENTS.col("kind").choices == DK.DOC_KINDS
    assert set(rules.PER_UNIT) | set(rules.ROUND_LEVEL) == set(DK.DOC_KINDS)


def test_a_kind_added_to_the_table_is_produced_by_its_command(tmp_path, monkeypatch, capsys):
    # the worked example of docs/architecture.md: one row, one template, one context builder
    extra = DK.Kind("decision_copy", "Quyết định (bản sao)", DK.DECISION.template, "QĐ", False,
                    DK.DECISION.job, "QD_ban_sao.docx", "quyết định (bản sao)", "decision-copy",
                    DK.DECISION.button, context="decision_copy_context")
    monkeypatch.setitem(DK.KINDS, extra.key, extra)
    monkeypatch.setattr(DK, "GENERATED", DK.GENERATED + (extra.key,))
    monkeypatch.setattr(contexts, "decision_copy_context",
                        lambda rnd: contexts.decision_context(rnd), raising=False)
    assert main(["decision-copy", str(WORKBOOK), "--out", str(tmp_path)]) == 0
    assert "quyết định (bản sao): 1" in capsys.readouterr().out
    assert check_docx(tmp_path / "QD_ban_sao.docx", "QĐ") == []
