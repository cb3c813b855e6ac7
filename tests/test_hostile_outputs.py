"""Hostile inputs and a hostile disk, seen from the outputs' side.

- Every file the tool writes goes through ``tdkt_xl.io.atomic``: faults
  (disk full, read-only, no permission) are injected there — CI runs as root
  and cannot mount a small or read-only disk — at each point of a write.  A
  fault stops the job with exit 2 and a Vietnamese message naming the folder
  and the reason; no temporary file is left behind; no file already saved is
  overwritten; the master workbook and the returned files are never written.
- No XLSX the tool writes holds a live formula or hyperlink made of user text.
- Values: decimals where whole numbers belong, invisible characters, formula
  error cells, over-long names, absurd numbers and dates are findings.
Every case is bounded: small inputs, in-process runs, no sleeping.
"""
from __future__ import annotations

import copy
import datetime as dt
import errno
import hashlib
import re
import shutil
import threading
import zipfile
from pathlib import Path

import pytest

import hostile_files as H
from tdkt_xl.cli import main
from tdkt_xl.io import atomic
from tdkt_xl.io.reader import read_round

ROOT = Path(__file__).resolve().parents[1]
WORKBOOK = ROOT / "workbook" / "tdkt_2024.xlsm"
INBOX = ROOT / "examples" / "phu_luc_gui_ve"
AS_OF = "31/12/2024"


# ------------------------------------------------------------------ a faulty disk
class FaultyDisk(atomic.Disk):
    """Fails the ``after``-th+1 call of operation ``at`` with ``err``."""

    def __init__(self, at: str, err: int, after: int = 0):
        self.at, self.err, self.after = at, err, after
        self.calls: dict = {}
        self.temps: list = []

    def _maybe_fail(self, op: str):
        n = self.calls.get(op, 0)
        self.calls[op] = n + 1
        if op == self.at and n >= self.after:
            raise OSError(self.err, f"injected {errno.errorcode[self.err]}")

    def mkstemp(self, folder):
        self._maybe_fail("mkstemp")
        fd, tmp = super().mkstemp(folder)
        self.temps.append(tmp)
        return fd, tmp

    def write(self, fd, data):
        self._maybe_fail("write")
        return super().write(fd, data[: max(1, len(data) // 2)])   # short writes, as a real disk may

    def fsync(self, fd):
        self._maybe_fail("fsync")
        super().fsync(fd)

    def replace(self, src, dst):
        self._maybe_fail("replace")
        super().replace(src, dst)

    def mkdir(self, path):
        self._maybe_fail("mkdir")
        super().mkdir(path)


def _temps(*folders) -> list:
    return [p for f in folders if Path(f).exists() for p in Path(f).rglob(atomic.TEMP_PREFIX + "*")]


def _digest(folder: Path) -> dict:
    return {p.relative_to(folder): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


REASONS = {errno.ENOSPC: "ổ đĩa đã đầy", errno.EROFS: "chỉ cho phép đọc", errno.EACCES: "không có quyền ghi"}


# ------------------------------------------------------------------ the write layer itself
@pytest.mark.parametrize("at", ["mkstemp", "write", "fsync", "replace"])
@pytest.mark.parametrize("err", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_write_layer_fault_leaves_old_file_and_no_temp(tmp_path, monkeypatch, at, err):
    target = tmp_path / "out" / "a.xlsx"
    target.parent.mkdir()
    target.write_bytes(b"old content")
    monkeypatch.setattr(atomic, "disk", FaultyDisk(at, err))
    with pytest.raises(atomic.OutputError) as e:
        atomic.write_bytes(target, b"new" * 100_000)
    msg = str(e.value)
    assert str(target.parent) in msg and "a.xlsx" in msg and REASONS[err] in msg
    assert target.read_bytes() == b"old content"
    assert _temps(tmp_path) == []


def test_write_keeping_restores_the_kept_file_when_the_new_one_fails(tmp_path, monkeypatch):
    target = tmp_path / "Tong_hop_phu_luc.xlsx"
    target.write_bytes(b"yesterday's merge")
    monkeypatch.setattr(atomic, "disk", FaultyDisk("write", errno.ENOSPC))
    with pytest.raises(atomic.OutputError):
        atomic.write_keeping(target, b"today's merge")
    assert target.read_bytes() == b"yesterday's merge"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Tong_hop_phu_luc.xlsx"]


def test_write_layer_writes_whole_through_short_writes(tmp_path, monkeypatch):
    monkeypatch.setattr(atomic, "disk", FaultyDisk("none", errno.ENOSPC))
    data = bytes(range(256)) * 20_000
    atomic.write_bytes(tmp_path / "x.bin", data)
    assert (tmp_path / "x.bin").read_bytes() == data
    assert _temps(tmp_path) == []


def test_output_folder_that_cannot_be_created(tmp_path, monkeypatch):
    monkeypatch.setattr(atomic, "disk", FaultyDisk("mkdir", errno.EROFS))
    with pytest.raises(atomic.OutputError, match="chỉ cho phép đọc"):
        atomic.write_bytes(tmp_path / "new" / "x.txt", b"x")


def test_two_writers_into_one_folder_do_not_share_a_temp_name(tmp_path, monkeypatch):
    """Two merges into the same folder at once: both temporary files exist
    at the same moment (a barrier holds both writers), neither disturbs the
    other, and the result is one of the two whole files."""
    from tdkt_xl.appendices.output import write_report

    barrier = threading.Barrier(2, timeout=20)

    class Racing(atomic.Disk):
        def fsync(self, fd):
            barrier.wait()           # both temporaries are written, none renamed yet
            super().fsync(fd)
    monkeypatch.setattr(atomic, "disk", Racing())

    class Res:   # the smallest MergeResult write_report needs
        def __init__(self, tag):
            self.inbox, self.units, self.files, self.missing, self.findings = tag, {}, [], [], []

        def stats(self):
            from types import SimpleNamespace
            return SimpleNamespace(totals={})
    errors = []

    def run(tag):
        try:
            write_report(Res(tag), tmp_path)
        except Exception as e:          # pragma: no cover - the failure being tested
            errors.append(e)
    threads = [threading.Thread(target=run, args=(t,)) for t in ("A" * 50, "B" * 50)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    text = (tmp_path / "Bao_cao_hop_nhat.txt").read_text(encoding="utf-8")
    assert ("A" * 50 in text) != ("B" * 50 in text)
    assert _temps(tmp_path) == []


def test_two_processes_writing_forms_into_one_folder(master, tmp_path):
    """Two `tdkt forms` into the same folder at the same time (real processes)."""
    import os
    import subprocess
    import sys
    wb, _ = master
    out = tmp_path / "pl"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "tdkt_xl.cli", "forms", str(wb), "--out", str(out), "--as-of", AS_OF]
    procs = [subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for _ in range(2)]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], results
    assert _temps(out) == []
    import openpyxl
    forms = sorted(out.glob("Phu_luc_*.xlsx"))
    assert len(forms) >= 14
    for p in forms:
        openpyxl.load_workbook(p, read_only=True).close()      # every file whole


# ------------------------------------------------------------------ the commands under faults
@pytest.fixture
def master(tmp_path):
    if not WORKBOOK.exists():
        pytest.skip("workbook/tdkt_2024.xlsm chưa được tạo (tdkt build-workbook)")
    folder = tmp_path / "workbook"
    folder.mkdir()
    shutil.copy(WORKBOOK, folder / WORKBOOK.name)
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    inbox = tmp_path / "inbox"
    shutil.copytree(INBOX, inbox)
    return folder / WORKBOOK.name, inbox


def _cli(capsys, *argv):
    rc = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return rc, out, err


FAULT_CASES = [
    # command, fault point, error, number of good calls before it
    ("forms", "write", errno.ENOSPC, 3),
    ("forms", "mkstemp", errno.EROFS, 0),
    ("forms", "replace", errno.EACCES, 0),
    ("merge", "write", errno.ENOSPC, 0),
    ("merge", "mkstemp", errno.EROFS, 1),
    ("merge", "fsync", errno.EACCES, 0),
    ("notices", "write", errno.ENOSPC, 2),
    ("notices", "mkstemp", errno.EROFS, 0),
    ("report", "write", errno.ENOSPC, 1),
    ("followup", "fsync", errno.ENOSPC, 1),
    ("followup", "mkstemp", errno.EACCES, 0),
    ("demo", "write", errno.ENOSPC, 20),
    ("demo", "mkstemp", errno.EROFS, 0),
]


def _argv(command, wb, inbox, out):
    if command == "merge":
        return ["merge", wb, inbox, "--out", out]
    if command == "demo":
        return ["demo", "--workbook", wb, "--inbox", inbox, "--out", out, "--as-of", AS_OF]
    if command in ("report", "followup"):
        return [command, wb, "--out", out, "--as-of", AS_OF]
    return [command, wb, "--out", out]


@pytest.mark.parametrize("command,at,err,after", FAULT_CASES)
def test_command_under_fault_exits_2_and_keeps_everything(master, tmp_path, capsys, monkeypatch,
                                                          command, at, err, after):
    wb, inbox = master
    out = tmp_path / "ket_qua"
    before_inputs = {**_digest(wb.parent), **_digest(inbox)}
    # a previous good run: its files must survive the failed one untouched
    rc0, _, err0 = _cli(capsys, *_argv(command, wb, inbox, out))
    assert rc0 in (0, 1), err0
    # a clerk edited every output file since: the new run has to write each one again (beside
    # the edited one, or after keeping it as a numbered copy), and must lose none of them
    for p in out.rglob("*"):
        if p.is_file() and p.name != "manifest.json":
            p.write_bytes(p.read_bytes() + b"edited")
    saved = {n: d for n, d in _digest(out).items() if n.name != "manifest.json"}
    monkeypatch.setattr(atomic, "disk", FaultyDisk(at, err, after))
    rc, stdout, stderr = _cli(capsys, *_argv(command, wb, inbox, out))
    assert rc == 2, (stdout, stderr)
    assert "Traceback" not in stdout + stderr
    assert REASONS[err] in stderr and "Không ghi được" in stderr
    assert str(out) in stderr
    assert _temps(tmp_path) == []
    after_run = _digest(out)
    for name, digest in saved.items():          # nothing saved before is lost or half-written
        assert after_run.get(name) == digest or any(
            d == digest for n, d in after_run.items() if n.stem.startswith(name.stem)), name
    assert {**_digest(wb.parent), **_digest(inbox)} == before_inputs   # inputs never written


@pytest.mark.parametrize("command", ["forms", "merge", "report", "followup", "notices", "demo"])
def test_blank_out_is_refused(master, tmp_path, capsys, monkeypatch, command):
    wb, inbox = master
    monkeypatch.chdir(tmp_path)
    before = sorted(tmp_path.iterdir())
    rc, stdout, stderr = _cli(capsys, *_argv(command, wb, inbox, ""))
    assert rc == 2 and "--out để trống" in stderr
    assert sorted(tmp_path.iterdir()) == before


@pytest.mark.parametrize("command", ["forms", "merge", "report", "followup", "notices", "demo"])
def test_out_pointing_at_a_file_is_refused(master, tmp_path, capsys, command):
    wb, inbox = master
    target = tmp_path / "ket_qua.txt"
    target.write_text("không phải thư mục", encoding="utf-8")
    rc, stdout, stderr = _cli(capsys, *_argv(command, wb, inbox, target))
    assert rc == 2 and "không phải thư mục" in stderr and "Traceback" not in stderr
    assert target.read_text(encoding="utf-8") == "không phải thư mục"


# ------------------------------------------------------------------ no live formula from user text
PAYLOADS = ["=cmd|' /C calc'!A0", '=HYPERLINK("http://x","y")', "+1+1", "@SUM(1)", "http://evil",
            "-2+3", "=1+1"]
_F = re.compile(rb"<f[^>]*>(.*?)</f>", re.S)
_HYPERLINK_REL = re.compile(rb'<Relationship [^>]*Type="[^"]*/hyperlink"[^>]*>')


def _hostile_sheets(sheets):
    """The example round with user text fields replaced by payloads."""
    s = copy.deepcopy(sheets)
    def put(sheet, column, values):
        head = s[sheet][0]
        c = head.index(column)
        for i, row in enumerate(s[sheet][1:]):
            row[c] = values[i % len(values)] + " " + str(row[c])
    put("Kiến nghị", "Nội dung kiến nghị", PAYLOADS)
    put("Lịch kiểm tra", "Địa điểm", PAYLOADS)
    put("Kết quả kiểm tra", "Nhận xét", PAYLOADS)
    put("Đánh giá chung", "Ưu điểm", PAYLOADS)
    put("Đơn vị", "Địa chỉ", PAYLOADS)
    for name in ("Tên đơn vị",):           # the name itself *is* the payload for two units
        head = s["Đơn vị"][0]
        c = head.index(name)
        s["Đơn vị"][1][c] = PAYLOADS[0]
        s["Đơn vị"][2][c] = PAYLOADS[1]
    return s


def _check_xlsx(path: Path):
    bad = []
    with zipfile.ZipFile(path) as z:
        for n in z.namelist():
            data = z.read(n)
            if n.startswith("xl/worksheets/") and n.endswith(".xml"):
                for f in _F.findall(data):
                    text = f.decode("utf-8")
                    if any(k in text for k in ("cmd", "HYPERLINK", "evil", "SUM(1)", "1+1", "-2+3")):
                        bad.append((path.name, n, text))
            if n.endswith(".rels"):
                for rel in _HYPERLINK_REL.findall(data):
                    bad.append((path.name, n, rel.decode("utf-8")))
    return bad


def test_no_live_formula_or_link_from_user_text(tmp_path, example_sheets):
    from tdkt_xl.appendices import make_forms, merge
    from tdkt_xl.appendices.fill import fill_form
    from tdkt_xl.appendices.spec import load_spec
    from tdkt_xl.reports.followup import make_followup
    from tdkt_xl.reports.report import make_report

    rnd = read_round(_hostile_sheets(example_sheets)).round
    out = tmp_path / "out"
    forms = make_forms(rnd, out / "forms")
    spec = load_spec()
    inbox = tmp_path / "inbox"
    code = forms.units[2]
    form = next(p for p in forms.files if p.suffix == ".xlsx" and code in p.name)
    fill_form(spec, form, inbox / f"{code}.xlsx", {"mv_central": 1},
              {"docs": [{"summary": p, "number": p, "kind": "Kế hoạch"} for p in PAYLOADS],
               "models": [{"name": p, "type": "Mô hình", "field": p, "achievement": p} for p in PAYLOADS]},
              code.startswith("X"))
    merge(rnd, inbox, out / "merge")
    make_report(rnd, out / "report", as_of=dt.date(2024, 12, 31), check=False)
    make_followup(rnd, out / "followup", as_of=dt.date(2024, 12, 31))
    made = sorted(out.rglob("*.xlsx"))
    kinds = {p.parent.name for p in made}
    assert kinds == {"forms", "merge", "report", "followup"}, made
    bad = [b for p in made for b in _check_xlsx(p)]
    assert bad == []
    # the payload is there, as text
    with zipfile.ZipFile(out / "followup" / "theo_doi_khac_phuc.xlsx") as z:
        assert "=cmd|' /C calc'!A0".encode() in z.read("xl/sharedStrings.xml").replace(b"&apos;", b"'")


def test_every_xlsx_writer_uses_the_one_factory():
    """No module makes an XlsxWriter workbook but tdkt_xl/io/xlsx.py."""
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "tdkt_xl").rglob("*.py")
                 if p.name != "xlsx.py" and re.search(r"xlsxwriter\.Workbook\(", p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_every_file_write_goes_through_the_write_layer():
    """No module writes a file but tdkt_xl/io/atomic.py (the error log, an
    append-only diagnostic, and the test helper that fills forms excepted;
    a member of a zip archive made in memory is no file)."""
    allowed = {"tdkt_xl/io/atomic.py", "tdkt_xl/excel/entry.py", "tdkt_xl/appendices/fill.py"}
    in_memory = {("tdkt_xl/io/xlsx_bulk.py", 'with zout.open(info, "w") as dest:')}
    pattern = re.compile(r"\.write_bytes\(|\.write_text\(|open\([^)]*['\"][wa]b?['\"]|os\.replace\("
                         r"|\.save\((?!buf|\))|\.savefig\((?!buf)|ZipFile\([^)]*path[^)]*['\"]w")
    offenders = []
    for p in (ROOT / "tdkt_xl").rglob("*.py"):
        rel = str(p.relative_to(ROOT)).replace("\\", "/")
        if rel in allowed:
            continue
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line) and "write_bytes(" not in line.replace(".write_bytes(", "") \
                    and (rel, line.strip()) not in in_memory:
                offenders.append(f"{rel}:{i}: {line.strip()}")
    assert offenders == []


# ------------------------------------------------------------------ values
from tdkt_xl.vocabulary import cells  # noqa: E402


ErrorCell = H.ErrorCell
_book = H.book_from_arrays


def _set(sheets, sheet, column, row, value):
    sheets[sheet][row][sheets[sheet][0].index(column)] = value


def _setting(sheets, label, value) -> str:
    """Set a Cấu hình value; returns its cell."""
    for r, row in enumerate(sheets["Cấu hình"]):
        if row[0] == label:
            row[1] = value
            return f"B{r + 1}"
    raise KeyError(label)


@pytest.mark.parametrize("text,expected", [
    ("15", 15), ("5.000", 5000), ("5 000", 5000), ("5\u00a0000", 5000), ("12.345.678", 12345678),
    (" 7 ", 7), ("-3", -3), (3.0, 3),
    ("1.5", "dấu chấm chỉ ngăn cách hàng nghìn"), ("5.00", "dấu chấm chỉ ngăn cách hàng nghìn"),
    ("1,5", "số thập phân"), ("1.234,5", "số thập phân"), (2.5, "số thập phân"),
    ("5,000", "không rõ là 5.000 hay số thập phân 5,000"), ("1,234,567", "không rõ"),
    pytest.param("9" * 5000, "quá lớn", id="5000-digits"), (1e300, "quá lớn"), ("1.000.00", "không phải là số"),
])
def test_whole_numbers_by_the_vietnamese_convention(text, expected):
    if isinstance(expected, int):
        assert cells.to_int(text) == expected
    else:
        with pytest.raises(cells.BadValue, match=re.escape(expected)):
            cells.to_int(text)


@pytest.mark.parametrize("text,expected", [("1,5", 1.5), ("1.234,5", 1234.5), ("5.000", 5000.0),
                                           ("0,500", 0.5)])
def test_decimals_by_the_vietnamese_convention(text, expected):
    assert cells.to_number(text) == expected


def test_decimal_day_count_is_a_finding_not_another_number(example_sheets):
    cell = _setting(example_sheets, "Số ngày nộp báo cáo trước", "1.5")
    rr = read_round(example_sheets)
    assert rr.round.settings.report_lead_days is None          # was read as 15
    found = [f for f in rr.findings if f.cell == cell]
    assert [f.code for f in found] == ["GT05"] and "1.5" in found[0].message


def test_absurd_numbers_and_years_are_findings(tmp_path, capsys, example_sheets):
    s = copy.deepcopy(example_sheets)
    digits_cell = _setting(s, "Số ngày thông báo trước", "9" * 5000)
    year_cell = _setting(s, "Năm", "99999")
    path = _book(tmp_path / "so.xlsx", s)
    rc, out, err = _cli(capsys, "validate", path, "--as-of", AS_OF, "--json")
    assert rc == 1, err
    import json
    found = {f["cell"]: f for f in json.loads(out)["findings"] if f["sheet"] == "Cấu hình"}
    assert found[digits_cell]["code"] == "GT05" and "quá lớn" in found[digits_cell]["message"]
    assert found[year_cell]["code"] == "GT05" and "99999" in found[year_cell]["message"]
    assert "all" in found[year_cell]["blocks"]
    for command in ("forms", "notices", "report"):
        rc, out, err = _cli(capsys, command, path, "--out", tmp_path / command, "--as-of", AS_OF)
        assert rc in (1, 2) and "Traceback" not in out + err and "không mong đợi" not in err, (command, err)


def test_followup_refuses_a_workbook_whose_error_blocks_every_job(tmp_path, capsys, example_sheets):
    """`Năm` = 99999 blocks every job: the follow-up (tracker and reminder
    letters) too, through the one gate: exit 1, the finding and its cell named,
    nothing written; the Excel job and the demo step refuse the same way."""
    s = copy.deepcopy(example_sheets)
    year_cell = _setting(s, "Năm", "99999")
    path = _book(tmp_path / "so.xlsx", s)
    out_dir = tmp_path / "followup"
    rc, out, err = _cli(capsys, "followup", path, "--out", out_dir, "--as-of", AS_OF)
    assert rc == 1, (out, err)
    assert "GT05" in err and year_cell in err and "99999" in err and "Traceback" not in err
    assert not out_dir.exists() or not any(out_dir.iterdir())
    from tdkt_xl import gate
    from tdkt_xl.reports.followup import make_followup
    with pytest.raises(gate.Blocked, match="GT05"):          # what the Excel job hands to its entry
        make_followup(read_round(s), tmp_path / "excel", as_of=dt.date(2024, 12, 31))
    assert not (tmp_path / "excel").exists()


@pytest.mark.parametrize("command", ["followup", "demo", "report", "forms"])
def test_as_of_far_in_the_future_is_refused(master, tmp_path, capsys, command):
    wb, inbox = master
    argv = _argv(command, wb, inbox, tmp_path / "o")
    argv[argv.index("--as-of") + 1 if "--as-of" in argv else len(argv):] = []
    if "--as-of" not in argv:
        argv += ["--as-of"]
    argv += ["9999-12-31"]
    rc, out, err = _cli(capsys, *argv)
    assert rc == 2 and "--as-of" in err and "1900–2999" in err, (out, err)
    assert "không mong đợi" not in err


def test_control_characters_reported_at_the_cell_and_stripped_from_documents(tmp_path, capsys, example_sheets):
    _set(example_sheets, "Lịch kiểm tra", "Địa điểm", 1, "Hội trường\x00 UBND\x07 xã")
    _set(example_sheets, "Đơn vị", "Địa chỉ", 3, "Thôn\x0b 1")
    path = _book(tmp_path / "dk.xlsx", example_sheets)
    rc, out, err = _cli(capsys, "validate", path, "--as-of", AS_OF)
    gt07 = [ln for ln in out.splitlines() if ln.startswith("GT07")]
    assert len(gt07) == 2
    assert any("\\u0000" in ln and "\\u0007" in ln and "E2" in ln for ln in gt07), gt07
    rc, out, err = _cli(capsys, "notices", path, "--out", tmp_path / "tb", "--as-of", AS_OF)
    assert "mẫu văn bản có lỗi" not in out + err and "Không tạo" not in out, out
    made = sorted((tmp_path / "tb").glob("*.docx"))
    assert len(made) == 15
    for p in made:
        with zipfile.ZipFile(p) as z:
            xml = z.read("word/document.xml").decode("utf-8")
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", xml)
    assert any("Hội trường UBND xã" in zipfile.ZipFile(p).read("word/document.xml").decode("utf-8") for p in made)


def test_invisible_characters_are_shown_escaped_in_messages(example_sheets):
    code = example_sheets["Lịch kiểm tra"][1][0]
    _set(example_sheets, "Lịch kiểm tra", "Mã đơn vị", 1, code + "\u200b")
    from tdkt_xl.gate import validate
    rr = read_round(example_sheets)
    found = [f for f in validate(rr, dt.date(2024, 12, 31)).findings if code in f.message and "Lịch" in f.sheet]
    assert found and all("\u200b" not in f.message for f in found)
    assert any(f"{code}\\u200b" in f.message for f in found)


def test_very_long_unit_and_council_names_do_not_stop_forms(tmp_path, capsys, example_sheets):
    from docx import Document
    long_name = "Ủy ban nhân dân xã " + "Quảng Sơn miền núi rất xa " * 12
    _set(example_sheets, "Đơn vị", "Tên đơn vị", 2, long_name)
    _setting(example_sheets, "Tên Hội đồng", "Hội đồng Thi đua - Khen thưởng " + "huyện Hải Hà " * 25)
    path = _book(tmp_path / "ten.xlsx", example_sheets)
    rc, out, err = _cli(capsys, "forms", path, "--out", tmp_path / "pl", "--as-of", AS_OF)
    assert rc == 0, (out, err)
    docs = sorted((tmp_path / "pl").glob("*.docx"))
    assert len(docs) == len(sorted((tmp_path / "pl").glob("*.xlsx"))) == 14
    for p in docs:
        cp = Document(str(p)).core_properties
        assert len(cp.title) <= 255 and len(cp.author) <= 255
    import openpyxl
    for p in sorted((tmp_path / "pl").glob("*.xlsx")):
        props = openpyxl.load_workbook(p, read_only=True).properties
        assert len(props.title) <= 255 and len(props.creator or "") <= 255
    assert any(long_name.strip() in "\n".join(par.text for par in Document(str(p)).paragraphs) for p in docs)


@pytest.mark.parametrize("error", ["#REF!", "#N/A", "#DIV/0!"])
def test_formula_error_cell_is_one_finding_at_the_cell(example_sheets, error):
    _set(example_sheets, "Lịch kiểm tra", "Ngày kiểm tra", 2, error)
    rr = read_round(example_sheets)
    at_cell = [f for f in rr.findings if f.sheet == "Lịch kiểm tra" and f.cell == "B3"]
    assert [f.code for f in at_cell] == ["GT08"]
    assert f"ô có lỗi công thức {error}" in at_cell[0].message
    assert rr.round.inspections[1].date is None


def test_formula_error_cell_same_finding_in_excel(example_sheets):
    """xlwings hands error cells over as their text with err_to_str (as the
    reader expects); without it they would be None ('chưa có giá trị')."""
    from xl_payload import open_book, payload_from_arrays
    from tdkt_xl.io.sources import book_arrays
    _set(example_sheets, "Lịch kiểm tra", "Ngày kiểm tra", 2, "#REF!")
    book = open_book(payload_from_arrays(example_sheets), caller=False)
    rr = read_round(book_arrays(book))
    at_cell = [f for f in rr.findings if f.sheet == "Lịch kiểm tra" and f.cell == "B3"]
    assert [f.code for f in at_cell] == ["GT08"]


@pytest.mark.parametrize("error", ["#REF!", "#N/A", "#DIV/0!"])
def test_formula_error_cell_in_a_file_same_finding_from_both_sources(tmp_path, example_sheets, error):
    """A real error cell (python-calamine gives '' for it): the file read and
    the Excel read (Office.js payload of the same file) give one GT08 at B3."""
    from xl_payload import open_book, payload_from_file
    from tdkt_xl.io.sources import book_arrays, read_workbook
    _set(example_sheets, "Lịch kiểm tra", "Ngày kiểm tra", 2, ErrorCell(error))
    path = _book(tmp_path / "loi.xlsx", example_sheets)
    from_file = read_workbook(path).findings
    from_excel = read_round(book_arrays(open_book(payload_from_file(path), caller=False))).findings
    for found in (from_file, from_excel):
        at_cell = [(f.code, f.message) for f in found if f.sheet == "Lịch kiểm tra" and f.cell == "B3"]
        assert at_cell == [("GT08", f"Cột 'Ngày kiểm tra': ô có lỗi công thức {error}; hãy sửa công thức "
                                    "hoặc nhập giá trị.")]
    assert sorted(map(str, from_file)) == sorted(map(str, from_excel))


def test_sheets_differing_only_in_case_or_space_are_an_error(tmp_path, capsys, example_sheets):
    from tdkt_xl.io.reader import WorkbookError
    sheets = dict(example_sheets)
    sheets["ĐƠN VỊ "] = copy.deepcopy(example_sheets["Đơn vị"])[:3]
    with pytest.raises(WorkbookError, match="'Đơn vị' và 'ĐƠN VỊ '"):
        read_round(sheets)
    path = _book(tmp_path / "hai.xlsx", sheets)
    rc, out, err = _cli(capsys, "validate", path, "--as-of", AS_OF)
    assert rc == 2 and "ĐƠN VỊ" in err and "Đơn vị" in err


def test_readme_exit_code_table_covers_every_command():
    from tdkt_xl.cli import build_parser
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Exit codes"):]
    section = section[:section.index("\n## ", 5)]
    rows = [ln for ln in section.splitlines() if ln.startswith("| `")]
    named = {n for ln in rows for n in re.findall(r"`([a-z-]+)`", ln.split("|")[1])}
    sub = next(a for a in build_parser()._actions if a.__class__.__name__ == "_SubParsersAction")
    commands = set(sub.choices) - {"codes"}          # `codes` only prints the catalogue
    assert commands - named == set()
    assert all(ln.count("|") == 5 for ln in rows)


def test_one_document_open_in_word_does_not_stop_the_others(master, tmp_path, capsys, monkeypatch):
    """A target that cannot be replaced (Windows: open in Word) concerns that
    file only: the others are written, the command says which one (exit 1)."""
    wb, inbox = master
    out = tmp_path / "vb"

    class Locked(atomic.Disk):
        def replace(self, src, dst):
            if Path(dst).name == "TB_XQS.docx":
                raise PermissionError(errno.EACCES, "file in use")
            super().replace(src, dst)
    monkeypatch.setattr(atomic, "disk", Locked())
    rc, stdout, stderr = _cli(capsys, "notices", wb, "--out", out, "--as-of", AS_OF)
    assert rc == 1, (stdout, stderr)
    assert "TB_XQS.docx" in stdout + stderr and "Word" in stdout + stderr
    made = sorted(p.name for p in out.glob("*.docx"))
    assert "TB_XQS.docx" not in made and len(made) == 14
    assert _temps(tmp_path) == []
