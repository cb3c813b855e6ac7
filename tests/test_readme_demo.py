"""The README keeps its promises: its two commands, the code catalogue, and
`tdkt demo` producing every kind of output on the shipped workbook."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tdkt_xl.vocabulary import outputs as O

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_setup_commands():
    block = re.search(r"```bash\n(.*?)```", README, re.S).group(1).strip().splitlines()
    assert block == ["pip install -r requirements.txt && tdkt demo --out ket_qua_demo",
                     "python -m pytest -q"]
    assert README.index("```bash") < 20


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pytest -q" in ci and "requirements.txt" in ci


def test_readme_lists_every_validation_code():
    out = subprocess.run([sys.executable, "-m", "tdkt_xl.cli", "codes", "--json",
                          "--validate-only"], capture_output=True, text=True, check=True)
    codes = [c["code"] for c in json.loads(out.stdout)]
    assert len(codes) > 40
    missing = [c for c in codes if f"| {c} |" not in README]
    assert not missing, f"README lacks codes {missing}: paste `tdkt codes --markdown --validate-only`"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo") / "ket_qua_demo"
    proc = subprocess.run([sys.executable, "-m", "tdkt_xl.cli", "demo", "--out", str(out),
                           "--as-of", "31/12/2024"], cwd=ROOT, capture_output=True, text=True)
    return proc, out


def test_demo_runs_every_job_on_the_shipped_workbook(demo):
    proc, out = demo
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    text = proc.stdout
    assert "0 lỗi" in text
    names = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    docs, forms, merged, report, followup = (f"{d}/" for d in (O.DOCUMENTS, O.FORMS, O.MERGED,
                                                               O.REPORT, O.FOLLOWUP))
    assert docs + "QD_thanh_lap_doan.docx" in names and docs + "TB_tong_hop.docx" in names
    assert sum(n.startswith(docs + "TB_") for n in names) == 15
    assert sum(n.startswith(docs + "BB_") for n in names) == 14
    assert sum(n.startswith(forms) and n.endswith(".xlsx") for n in names) == 14
    assert merged + "Tong_hop_phu_luc.xlsx" in names
    assert report + "BC_ket_qua_kiem_tra.docx" in names
    assert followup + "theo_doi_khac_phuc.xlsx" in names
    # at 31/12/2024 six recommendations of five units are overdue: five reminder letters
    assert sum(n.startswith(followup + "CV_don_doc_") for n in names) == 5


def test_demo_documents_pass_the_layout_checker(demo):
    from tdkt_xl.documents.nd30_check import check_docx
    _, out = demo
    docs = [d for folder in (O.DOCUMENTS, O.REPORT, O.FOLLOWUP) for d in sorted(out.glob(f"{folder}/*.docx"))]
    assert len(docs) == 31 + 1 + 5            # the plan, decision, notices, minutes; report; letters
    bad = {d.name: check_docx(d) for d in docs}
    assert not {k: v for k, v in bad.items() if v}
    # the outlines sent with the forms, with the attachment profile (no header block)
    outlines = sorted(out.glob(f"{O.FORMS}/*.docx"))
    assert len(outlines) == 14
    bad = {d.name: check_docx(d, "attachment") for d in outlines}
    assert not {k: v for k, v in bad.items() if v}


def test_demo_ends_with_the_round_check(demo):
    proc, _ = demo
    tail = proc.stdout.split("Rà soát văn bản trước khi trình ký", 1)
    assert len(tail) == 2 and "Rà soát " in tail[1]
    # the shipped example: example data is the only problem (so the demo exits 0)
    codes = re.findall(r"\b(RS\d\d) ", tail[1].split("\n\n")[0])
    assert codes == ["RS04"], tail[1][:600]


def test_demo_fails_when_the_round_check_finds_more_than_example_data(tmp_path, monkeypatch,
                                                                        capsys):
    from tdkt_xl.cli import main
    from tdkt_xl.roundcheck import service
    real = service.check_round

    def with_a_placeholder(*a, **kw):
        res = real(*a, **kw)
        res.documents[0].problems.append(service.checks.Problem("RS03", "error", "chỗ trống"))
        return res
    monkeypatch.setattr(service, "check_round", with_a_placeholder)
    assert main(["demo", "--out", str(tmp_path / "kq"), "--as-of", "31/12/2024"]) == 1


def test_demo_of_an_installed_package_takes_every_template_beside_the_workbook(tmp_path):
    """`pip install -r requirements.txt` installs tdkt_xl into site-packages, where
    there is no templates/ folder next to the package: every step of `tdkt demo` must
    take its templates from the project folder of the workbook.  Before, the report
    and the follow-up looked beside the package and failed ('Không tìm thấy mẫu văn
    bản …/site-packages/templates'), exit 2."""
    code = ("import sys, tdkt_xl.documents.render as r; from pathlib import Path; "
            "r.REPO_TEMPLATES = Path(sys.argv[1]); from tdkt_xl.cli import main; "
            "sys.exit(main(['demo', '--out', sys.argv[2], '--as-of', '31/12/2024']))")
    out = tmp_path / "ket_qua_demo"
    proc = subprocess.run([sys.executable, "-c", code, str(tmp_path / "khong_co"), str(out)],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "Không tìm thấy mẫu" not in proc.stdout
    assert any((out / O.REPORT).glob("*.docx")) and any((out / O.FOLLOWUP).glob("*.docx"))


def test_the_readmes_demo_command_succeeds_whatever_today_is(tmp_path):
    """The README's first command gives no --as-of: the example round is judged on
    the date its data describes (data/example_rounds.csv), not on today.  Before,
    on any day after 2024 the example's overdue items grew a reminder nobody had
    planned, with a blank number and day (RS03), and the command exited 1."""
    from tdkt_xl.io.example import example_rounds
    assert all(r.as_of and r.as_of.month == 12 and r.as_of.day == 31 for r in example_rounds())
    out = tmp_path / "ket_qua_demo"
    proc = subprocess.run([sys.executable, "-m", "tdkt_xl.cli", "demo", "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "Ngày tính quá hạn: 31/12/2024" in proc.stdout
    assert "RS03" not in proc.stdout
