"""One output layout: `tdkt demo` and the workbook's buttons write the same
relative paths under the output folder, with the subfolder names of
``vocabulary.outputs``."""
from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import xl_payload as X
from test_excel_jobs import CLICK, click, control
from tdkt_xl.cli import main as cli
from tdkt_xl.io import controls as K
from tdkt_xl.io.reader import read_round
from tdkt_xl.vocabulary import cells, outputs as O
from tdkt_xl.vocabulary import doc_kinds as DK

ROOT = Path(__file__).resolve().parents[1]
WRITING_JOBS = (DK.PLAN.button, K.JOB_DECISION, K.JOB_NOTICES, K.JOB_MINUTES, K.JOB_FORMS, K.JOB_MERGE,
                K.JOB_REPORT, K.JOB_FOLLOWUP)


def tree(folder: Path) -> set:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_names_are_vietnamese_nfc_and_distinct():
    assert len(set(O.ALL)) == len(O.ALL)
    assert all(unicodedata.is_normalized("NFC", n) and "/" not in n for n in O.ALL)


def test_demo_and_buttons_write_the_same_relative_paths(tmp_path, capsys):
    from tdkt_xl.reports.followup import default_as_of
    sheets, _ = X.shipped_or_example()
    rnd = read_round(sheets).round
    as_of = default_as_of(rnd) or CLICK.date()        # the date the follow-up button uses

    demo_out = tmp_path / "demo"
    assert cli(["demo", "--out", str(demo_out), "--as-of", cells.fmt_date(as_of)]) == 0
    capsys.readouterr()

    book = tmp_path / "book"
    shutil.copytree(ROOT / "examples" / "phu_luc_gui_ve",
                    book / rnd.settings.inbox_folder.replace("\\", "/"))
    for job in WRITING_JOBS:
        out, _, _ = click(control(sheets, job), book)
        assert out.ok, (job, out.message)
    buttons = tree(book / rnd.settings.output_folder.replace("\\", "/"))

    demo = tree(demo_out)
    assert {p.split("/")[0] for p in demo} == set(O.ALL)
    assert demo == buttons, (sorted(demo - buttons), sorted(buttons - demo))
