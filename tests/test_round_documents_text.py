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


def test_the_report_says_none_remedied_in_words_not_as_zero(demo):
    """tinh-2026: no recommendation of the round is remedied at the report's
    date; the report says so ('chưa có nội dung nào …'), not '0 nội dung đã …'."""
    name, out = demo
    report = next((out / O.REPORT).glob("*.docx"))
    text = "\n".join(_paragraphs(report))
    assert not re.search(r"(?<![\d,.])0 (?:nội dung|kiến nghị|đơn vị) đã", text), text
    assert re.search(r"Đến ngày \d\d?/\d\d?/\d{4}, (?:chưa có nội dung nào|\d+ nội dung đã) được đơn vị "
                     r"báo cáo khắc phục", text)


def _decision_subject(out: Path) -> str:
    paras = _paragraphs(out / O.DOCUMENTS / "QD_thanh_lap_doan.docx")
    title = next(p for p in paras if p.startswith("Về việc thành lập Đoàn kiểm tra "))
    return title[len("Về việc thành lập Đoàn kiểm tra "):]


def test_every_document_names_the_delegation_of_the_rounds_plan(demo):
    """truong-hoc-2024 is the council's separate plan for its schools: its
    decision forms the Đoàn of that plan (not the same words as the council's
    main 2024 decision), and every document citing the decision says so."""
    name, out = demo
    title = re.sub(r"\s+của\s+Hội đồng\b.*$", "", _setting(name, "plan_title"))
    subject = _decision_subject(out)
    assert subject == re.sub(r"^Kiểm tra\s+", "", title), subject
    cites = 0
    for path in _documents(out):
        for p in _paragraphs(path):
            for m in re.finditer(r"thành lập Đoàn kiểm tra (.+?)(?:[,;.]$|\.$|, gồm|$)", p):
                assert m.group(1).startswith(subject), (path.name, p)
                cites += 1
    assert cites >= 4, "the decision (title, Điều 1), notices, minutes and report name the Đoàn"


def test_the_plan_says_which_plan_it_issues(demo):
    name, out = demo
    title = re.sub(r"\s+của\s+Hội đồng\b.*$", "", _setting(name, "plan_title"))
    text = " ".join(_paragraphs(out / O.DOCUMENTS / "KH_kiem_tra.docx"))
    assert f"ban hành Kế hoạch {title[:1].lower() + title[1:]}, cụ thể như sau:" in text, text


def test_the_minutes_signatures_stay_on_the_page_of_their_recipients(demo):
    """A minutes' signature table is the signatures' rows (roles and posts, then the
    names), then Nơi nhận: the signatures' rows keep with the next, else a long minutes
    (truong-hoc-2024, BB_MNHM) ends with a page holding only 'Nơi nhận:'."""
    name, out = demo
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    import xml.etree.ElementTree as ET
    for path in sorted((out / O.DOCUMENTS).glob("BB_*.docx")):
        with zipfile.ZipFile(path) as z:
            root = ET.fromstring(z.read("word/document.xml"))
        last = root.findall(".//w:body/w:tbl", ns)[-1]
        rows = last.findall("w:tr", ns)
        assert len(rows) >= 2 and "Nơi nhận" in "".join(t.text or "" for t in rows[-1].iter(
            f"{{{ns['w']}}}t")), path.name
        for row in rows[:-1]:
            for p in row.iter(f"{{{ns['w']}}}p"):
                assert p.find("w:pPr/w:keepNext", ns) is not None, path.name


def test_the_reports_closing_sentence_goes_with_its_signature(demo):
    """truong-hoc-2024's report ended its body on page 6 and put the signature
    block alone on page 7: the closing sentence keeps with the signature."""
    name, out = demo
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    import xml.etree.ElementTree as ET
    report = next((out / O.REPORT).glob("*.docx"))
    with zipfile.ZipFile(report) as z:
        body = ET.fromstring(z.read("word/document.xml")).find("w:body", ns)
    kids = list(body)
    last_table = max(i for i, e in enumerate(kids) if e.tag == f"{{{ns['w']}}}tbl")
    before = kids[last_table - 1]
    text = "".join(t.text or "" for t in before.iter(f"{{{ns['w']}}}t"))
    assert text.startswith("Trên đây là báo cáo") and text.endswith("./."), text
    assert before.find("w:pPr/w:keepNext", ns) is not None
