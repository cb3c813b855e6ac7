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
    append-only diagnostic, and the test helper that fills forms excepted)."""
    allowed = {"tdkt_xl/io/atomic.py", "tdkt_xl/excel/entry.py", "tdkt_xl/appendices/fill.py"}
    pattern = re.compile(r"\.write_bytes\(|\.write_text\(|open\([^)]*['\"][wa]b?['\"]|os\.replace\("
                         r"|\.save\((?!buf|\))|\.savefig\((?!buf)|ZipFile\([^)]*path[^)]*['\"]w")
    offenders = []
    for p in (ROOT / "tdkt_xl").rglob("*.py"):
        rel = str(p.relative_to(ROOT)).replace("\\", "/")
        if rel in allowed:
            continue
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line) and "write_bytes(" not in line.replace(".write_bytes(", ""):
                offenders.append(f"{rel}:{i}: {line.strip()}")
    assert offenders == []
