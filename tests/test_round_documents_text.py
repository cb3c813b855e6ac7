"""What a records clerk reads in the documents of the example rounds that are
not the reference round (tinh-2026, truong-hoc-2024): each document's text as
rendered by `tdkt demo --round NAME`, checked for words said twice or in the
wrong case.  The council's name and the plan's name are read from each round's
Cấu hình, not spelt here."""
from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tdkt_xl.io.example import example_round, example_sheets
from tdkt_xl.vocabulary import outputs as O, schema as S

ROOT = Path(__file__).resolve().parents[1]
AS_OF = {"truong-hoc-2024": "31/12/2024", "tinh-2026": "31/12/2026"}


def _setting(name: str, field: str) -> str:
    label = next(s.label for s in S.SETTING_KEYS if s.field == field)
    rows = example_sheets(example_round(name).data_dir)[S.SETTINGS.name]
    return next(str(r[1]).strip() for r in rows[1:] if str(r[0]).strip() == label)


def _paragraphs(path: Path) -> list:
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    paras = [re.sub(r"<[^>]+>", "", p) for p in re.split(r"</w:p>", xml)]
    return [p.replace("&amp;", "&").strip() for p in paras if p.strip()]


_OUT: dict = {}


@pytest.fixture(scope="module", params=sorted(AS_OF))
def demo(request, tmp_path_factory):
    name = request.param
    if name not in _OUT:
        out = tmp_path_factory.mktemp(name) / "kq"
        proc = subprocess.run([sys.executable, "-m", "tdkt_xl.cli", "demo", "--round", name,
                               "--out", str(out), "--as-of", AS_OF[name]],
                              cwd=ROOT, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        _OUT[name] = out
    return name, _OUT[name]


def _documents(out: Path) -> list:
    return sorted(p for p in out.rglob("*.docx"))


def _reminders(out: Path) -> list:
    return sorted((out / O.FOLLOWUP).glob("*.docx"))


def test_the_reminder_names_the_council_once_in_its_first_sentence(demo):
    name, out = demo
    council = _setting(name, "council_name")
    letters = _reminders(out)
    assert letters, "the round's demo writes reminders"
    for path in letters:
        first = next(p for p in _paragraphs(path) if p.startswith(("Thực hiện", "Qua kiểm tra")))
        # the sentence citing the plan, up to what the council does
        cited = first[first.index("Thực hiện Kế hoạch"):]
        cited = re.split(r" (?:tiếp tục|đã kiểm tra|đã kiểm tra qua)", cited)[0]
        assert cited.count("Hội đồng") == 2, (path.name, cited)   # the plan's issuer, then the doer
        assert not re.search(r"Hội đồng[^,.;]*?\b(?:tỉnh|huyện|xã),", first), (path.name, first)
        assert council in first, (path.name, first)


def test_no_document_cites_the_plan_with_its_issuer_said_twice(demo):
    """'Kế hoạch số … của <council> về <plan's name>': the plan's name (Tên kế
    hoạch) may end with 'của Hội đồng …' (tinh-2026's does); cited, that ending
    is not repeated.  The plan's own title keeps it."""
    name, out = demo
    council = _setting(name, "council_name")
    title = _setting(name, "plan_title")
    subject = re.sub(r"\s+của\s+Hội đồng\b.*$", "", title)
    cited = 0
    for path in _documents(out):
        for p in _paragraphs(path):
            for m in re.finditer(re.escape(f"của {council} về "), p):
                rest = p[m.end():]
                assert rest.lower().startswith(subject.lower()), (path.name, p)
                assert not rest[len(subject):].startswith(" của"), (path.name, p)
                cited += 1
    assert cited >= 5, "the decision, notices, minutes, report and reminders cite the plan"


def test_the_contact_is_in_lower_case_inside_the_reminder_sentence(demo):
    name, out = demo
    contact = _setting(name, "contact_name")
    for path in _reminders(out):
        text = " ".join(_paragraphs(path))
        assert f"liên hệ đồng chí {contact}" in text, (path.name, text)
