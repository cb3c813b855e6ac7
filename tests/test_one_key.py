"""One key, one index: a code typed differently (case, spaces) in another
sheet is the same unit for validation, documents and reports."""
from __future__ import annotations

import datetime as dt

from tdkt_xl import gate
from tdkt_xl.cli import main
from tdkt_xl.documents.service import generate_documents
from tdkt_xl.vocabulary import schema as S

from test_gate import set_cell
from test_rules_cli import write_xlsx

AS_OF = dt.date(2024, 12, 31)


def _retype_xqs(arrays):
    rows = arrays[S.SCHEDULE.name]
    n = next(i for i, r in enumerate(rows) if r and r[0] == "XQS")
    set_cell(arrays, S.SCHEDULE, "unit_code", n, "xqs ")


def test_lower_case_code_with_a_space_validates_and_gets_its_notice(example_sheets, tmp_path, capsys):
    _retype_xqs(example_sheets)
    checked = gate.check(example_sheets, AS_OF, "vd")
    assert checked.report.errors == []
    s = generate_documents(checked, tmp_path / "a", kinds=("notice",))
    assert (tmp_path / "a" / "TB_XQS.docx").exists()
    assert not [u for k, u, _ in s.skipped if u.upper() == "XQS"], s.skipped
    path = write_xlsx(tmp_path / "vd.xlsx", example_sheets)
    assert main(["notices", str(path), "--out", str(tmp_path / "b"), "--unit", "XQS"]) == 0, \
        capsys.readouterr()
    assert (tmp_path / "b" / "TB_XQS.docx").exists()


def test_the_model_index_matches_by_the_one_key(example_sheets):
    _retype_xqs(example_sheets)
    rnd = gate.read(example_sheets).round
    assert rnd.inspection("XQS") is rnd.inspection(" xqs") is not None
    assert rnd.inspection("XQS").unit_code == "XQS"          # spelt as in Đơn vị
    assert rnd.unit("xQs").code == "XQS"
    assert rnd.results_of("xqs") == rnd.results_of("XQS") != []
