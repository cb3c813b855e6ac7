"""The master workbook builder: the committed workbook matches its source,
the build is reproducible, the VBA project is xlwings' own, every button is
bound to a macro that exists, formulas carry correct cached values, and the
reader reads the workbook like the example CSVs."""
from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import importlib
import re
import shutil
import subprocess
import sys
import types
import zipfile
from pathlib import Path

import pytest

from tdkt_xl.builder import layout as L
from tdkt_xl.builder.example import EXAMPLE_DIR, example_sheets
from tdkt_xl.builder.workbook import BuildError, build_bytes, build_workbook
from tdkt_xl.cli import main as cli_main
from tdkt_xl.io import controls as K
from tdkt_xl.vocabulary import schema as S
from tdkt_xl.io.reader import read_round
from tdkt_xl.io.sources import read_file_arrays, read_workbook
from tdkt_xl.model.vocab import WEEKDAYS_VI
from tdkt_xl.model.calendar import WorkCalendar

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
COMMITTED = ROOT / "workbook" / "tdkt_2024.xlsm"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    return build_workbook(tmp_path_factory.mktemp("wb") / "tdkt_2024.xlsm")


@pytest.fixture(scope="module")
def arrays(built) -> dict:
    return read_file_arrays(built)


def _xlwings_vba() -> bytes:
    import xlwings
    src = Path(xlwings.__file__).parent / "quickstart_standalone.xlsm"
    with zipfile.ZipFile(src) as z:
        return z.read("xl/vbaProject.bin")


def _part(path, name) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(name).decode("utf-8")


def _sheet_parts(path) -> dict:
    """Sheet name -> its worksheet part name inside the zip."""
    wb = _part(path, "xl/workbook.xml")
    rels = _part(path, "xl/_rels/workbook.xml.rels")
    targets = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]+)"', rels))
    targets.update({k: v for v, k in re.findall(r'Target="([^"]+)"[^>]*Id="(rId\d+)"', rels)})
    out = {}
    for name, rid in re.findall(r'<sheet name="([^"]+)" sheetId="\d+"(?: state="hidden")? r:id="(rId\d+)"', wb):
        out[name.replace("&amp;", "&")] = "xl/" + targets[rid].lstrip("/").removeprefix("xl/")
    return out


# ------------------------------------------------------------ committed file
def test_committed_workbook_matches_a_rebuild(built, arrays):
    assert COMMITTED.exists(), "workbook/tdkt_2024.xlsm missing: run tdkt build-workbook --force"
    committed = read_file_arrays(COMMITTED)
    assert list(committed) == list(arrays)
    for name in arrays:
        assert committed[name] == arrays[name], f"sheet '{name}' differs: run tdkt build-workbook --force"
    assert (ROOT / "workbook" / "tdkt_2024.py").read_text(encoding="utf-8") == \
        (built.parent / "tdkt_2024.py").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", ["committed", "built"])
def test_vba_project_is_xlwings_own_byte_for_byte(path, built):
    p = COMMITTED if path == "committed" else built
    with zipfile.ZipFile(p) as z:
        assert z.read("xl/vbaProject.bin") == _xlwings_vba()


def test_sheets_in_schema_order_with_hidden_helpers(arrays, built):
    names = [s.name for s in S.ALL_SHEETS] + [S.LISTS.name, K.MARKS_SHEET, S.XLWINGS_CONF.name]
    assert list(arrays) == names
    wb = _part(built, "xl/workbook.xml")
    hidden = re.findall(r'<sheet name="([^"]+)" sheetId="\d+" state="hidden"', wb)
    assert hidden == [S.LISTS.name, K.MARKS_SHEET, S.XLWINGS_CONF.name]
    assert 'codeName="ThisWorkbook"' in wb


def test_headers_and_data_match_the_csvs(arrays):
    from tdkt_xl.io.register import shipped_rows
    csvs = {**example_sheets(), S.LEGAL.name: shipped_rows()}    # the register: shipped default
    for sh in S.TABLE_SHEETS + (S.FINDINGS,):
        rows = arrays[sh.name]
        hr = L.header_row(sh.name) - 1
        assert rows[hr][:len(sh.columns)] == sh.headers, sh.name
        src = csvs.get(sh.name)
        data = [r for r in rows[hr + 1:] if any(v not in ("", None) for v, c in zip(r, sh.columns)
                                                 if not c.derived)]
        assert len(data) == (len(src) - 1 if src else 0), sh.name
    assert [r[0] for r in arrays[S.SETTINGS.name][1:] if r[0]] == \
        [r[0] for r in csvs[S.SETTINGS.name][1:]]


def test_control_bar_and_header_rows(arrays):
    for ctl in K.SHEET_CONTROLS:
        rows = arrays[ctl.sheet]
        assert rows[0][0] == K.JOB_LABEL and rows[0][1] == ctl.jobs[0]
        assert L.header_row(ctl.sheet) == 2
    for sh in (S.SETTINGS, S.CHECKLIST, S.FINDINGS, S.LOG):
        assert arrays[sh.name][0][:len(sh.columns)] == sh.headers
    control = {r[0]: r[1] for r in arrays[S.CONTROL.name] if r and r[0]}
    assert control[K.OPT_JOB] == K.ALL_JOBS[0]
    assert control[K.OPT_UNIT] == K.OPT_UNIT_ALL
    assert control[K.OPT_PDF] == S.NO and control[K.OPT_OVERWRITE] == S.NO


def test_dates_are_real_dates_and_times_real_times(arrays):
    sched = arrays[S.SCHEDULE.name]
    hr = L.header_row(S.SCHEDULE.name) - 1
    idx = {h: i for i, h in enumerate(sched[hr])}
    first = sched[hr + 1]
    assert first[idx[S.SCHEDULE.col("date").header]] == dt.date(2024, 6, 10)
    assert first[idx[S.SCHEDULE.col("start_time").header]] == dt.time(8, 0)
    assert isinstance(arrays[S.SETTINGS.name][1][1], (int, float))      # Năm 2024 is a number


# ------------------------------------------------------------ the reader
def _plain(records):
    out = []
    for r in records:
        d = dataclasses.asdict(r)
        d.pop("origin", None)
        d.pop("report_due_shown", None)      # what a formula cell shows: a workbook has it, CSV not
        out.append(d)
    return out


def test_reader_reads_workbook_like_the_csvs(built):
    res = read_workbook(built)
    gt = [f for f in res.findings if f.code.startswith("GT")]
    assert gt == [], [str(f) for f in gt]
    ref = read_round(example_sheets(), source="csv")
    for attr in ("units", "members", "inspections", "delegation", "checklist", "results",
                 "evaluations", "recommendations", "documents"):
        assert _plain(getattr(res.round, attr)) == _plain(getattr(ref.round, attr)), attr
    a, b = dataclasses.asdict(res.round.settings), dataclasses.asdict(ref.round.settings)
    a.pop("cells"), b.pop("cells")
    assert a == b


# ------------------------------------------------------------ cached formula values
def test_cached_formula_values_are_right(arrays):
    units = arrays[S.UNITS.name][L.first_data_row(S.UNITS.name) - 1:]
    names = {r[0]: r[1] for r in units if r[0]}
    cal = WorkCalendar()
    sched = arrays[S.SCHEDULE.name]
    hr = L.header_row(S.SCHEDULE.name) - 1
    col = {c.field: sched[hr].index(c.header) for c in S.SCHEDULE.columns}
    n = 0
    for row in sched[hr + 1:]:
        code = row[col["unit_code"]]
        if not code:
            assert row[col["unit_name"]] == "" and row[col["weekday"]] == ""
            continue
        n += 1
        d = row[col["date"]]
        assert row[col["unit_name"]] == names[code]
        assert row[col["weekday"]] == WEEKDAYS_VI[d.weekday()]
        due = d - dt.timedelta(days=3)
        while not cal.is_working_day(due):           # a due date never falls on a day off
            due -= dt.timedelta(days=1)
        assert row[col["report_due"]] == due
    assert n == len(example_sheets()[S.SCHEDULE.name]) - 1
    deleg = arrays[S.DELEGATION.name]
    hr = L.header_row(S.DELEGATION.name) - 1
    for row in deleg[hr + 1:]:
        if row[0]:
            assert row[1] == names[row[0]]


def test_report_due_counts_working_days_when_set(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE_DIR, data)
    p = data / f"{S.SETTINGS.name}.csv"
    rows = list(csv.reader(p.open(encoding="utf-8")))
    label = next(s.label for s in S.SETTING_KEYS if s.field == "day_counting")
    for r in rows:
        if r[0] == label:
            r[1] = S.DAYS_WORKING
    with p.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    out = build_workbook(tmp_path / "wd.xlsm", data_dir=data)
    sched = read_file_arrays(out)[S.SCHEDULE.name]
    hr = L.header_row(S.SCHEDULE.name) - 1
    col = {c.field: sched[hr].index(c.header) for c in S.SCHEDULE.columns}
    by_code = {r[col["unit_code"]]: r for r in sched[hr + 1:] if r[col["unit_code"]]}
    # Mon 10/06/2024, 3 working days before -> Wed 05/06/2024
    assert by_code["BTCHU"][col["report_due"]] == dt.date(2024, 6, 5)
    formula = _part(out, _sheet_parts(out)[S.SCHEDULE.name])
    assert "WORKDAY(" in formula and "tdkt_ngay_nghi" in formula


# ------------------------------------------------------------ reproducible
def test_two_builds_are_byte_identical(tmp_path):
    a = build_workbook(tmp_path / "a" / "tdkt_2024.xlsm")
    b = build_workbook(tmp_path / "b" / "tdkt_2024.xlsm")
    assert a.read_bytes() == b.read_bytes()
    assert build_bytes() == a.read_bytes()


# ------------------------------------------------------------ buttons and VBA
def _vml_macros(path) -> list[tuple[str, str]]:
    out = []
    with zipfile.ZipFile(path) as z:
        for n in sorted(z.namelist()):
            if re.fullmatch(r"xl/drawings/vmlDrawing\d+\.vml", n):
                text = z.read(n).decode("utf-8")
                for shape in re.findall(r"<v:shape .*?</v:shape>", text, re.S):
                    m = re.search(r"<x:FmlaMacro>(.*?)</x:FmlaMacro>", shape)
                    cap = re.sub(r"<[^>]+>", "", re.search(r"<v:textbox.*?</v:textbox>", shape, re.S).group(0))
                    out.append((m.group(1) if m else "", cap.strip()))
    return out


def test_every_button_calls_a_macro_of_the_vba_project(built):
    from oletools.olevba import VBA_Parser
    buttons = _vml_macros(built)
    assert len(buttons) == len(K.SHEET_CONTROLS) + 1          # one per working sheet + Điều khiển
    assert {m for m, _ in buttons} == {f"[0]!{K.MACRO}"}
    assert {c for _, c in buttons} == {K.BUTTON_CAPTION}
    with zipfile.ZipFile(built) as z:
        vba = VBA_Parser("vbaProject.bin", data=z.read("xl/vbaProject.bin"))
    subs = set()
    for _f, _s, _name, code in vba.extract_macros():
        subs.update(re.findall(r"^\s*(?:Public\s+)?Sub\s+(\w+)\s*\(", code, re.M))
    assert K.MACRO in subs
    assert not vba.detect_vba_stomping()


def test_jobs_parameter_limits_the_offered_jobs(tmp_path):
    out = build_workbook(tmp_path / "few.xlsm", jobs=[K.JOB_VALIDATE])
    buttons = _vml_macros(out)
    with_validate = [c for c in K.SHEET_CONTROLS if K.JOB_VALIDATE in c.jobs]
    assert len(buttons) == len(with_validate) + 1
    assert {c for _, c in buttons} == {K.JOB_VALIDATE, K.BUTTON_CAPTION}
    arr = read_file_arrays(out)
    docs = arr[S.DOCUMENTS.name]                                 # no validate job there
    assert docs[0][0] in ("", None) and docs[1][:len(S.DOCUMENTS.columns)] == S.DOCUMENTS.headers
    units = arr[S.UNITS.name]                                    # single job: no dropdown label
    assert units[0][0] in ("", None)
    ctl = _part(out, _sheet_parts(out)[S.CONTROL.name])
    assert f"<formula1>\"{K.JOB_VALIDATE}\"</formula1>" in ctl


def test_marks_sheet_names_and_conditional_formats(built):
    wb = _part(built, "xl/workbook.xml")
    parts = _sheet_parts(built)
    for i, name in enumerate(K.MARKED_SHEETS):
        letter = chr(ord("A") + i)
        ref = f"'{K.MARKS_SHEET}'!${letter}$2:${letter}${K.MARKS_ROWS + 1}"
        assert f'<definedName name="{L.marks_name(i)}">{ref}</definedName>' in wb
        xml = _part(built, parts[name])
        assert f"COUNTIF({L.marks_name(i)},ADDRESS(ROW(),COLUMN(),4))&gt;0" in xml, name
    assert read_file_arrays(built)[K.MARKS_SHEET][0] == list(K.MARKED_SHEETS)


def test_dropdowns_freeze_and_print_setup(built):
    parts = _sheet_parts(built)
    for sh in S.TABLE_SHEETS:
        xml = _part(built, parts[sh.name])
        hr = L.header_row(sh.name)
        assert f'ySplit="{hr}"' in xml, sh.name
        assert 'paperSize="9"' in xml and 'fitToHeight="0"' in xml, sh.name
        assert ('orientation="landscape"' in xml) == sh.landscape, sh.name
        for i, c in enumerate(sh.columns):
            letter = chr(ord("A") + i)
            rng = f'sqref="{letter}{hr + 1}:{letter}{hr + L.DATA_ROWS}"'
            if c.kind == S.CHOICE:
                assert f'type="list" {rng}' in xml or re.search(
                    rf'<dataValidation type="list"[^>]*{re.escape(rng)}', xml), (sh.name, c.header)
            if c.kind == S.DATE:
                assert re.search(rf'<dataValidation type="date"[^>]*{re.escape(rng)}', xml), c.header
    wb = _part(built, "xl/workbook.xml")
    assert "_xlnm.Print_Titles" in wb
    n = len(example_sheets()[S.SCHEDULE.name]) - 1          # data rows printed, spare rows not
    last = chr(ord("A") + len(S.SCHEDULE.columns) - 1)
    assert f"'{S.SCHEDULE.name}'!$A$2:${last}${2 + n}</definedName>" in wb


# ------------------------------------------------------------ refusing
def test_refuses_to_overwrite_without_force(tmp_path, capsys):
    out = tmp_path / "tdkt_2024.xlsm"
    build_workbook(out)
    out.write_bytes(b"clerk's data")
    with pytest.raises(BuildError):
        build_workbook(out)
    assert cli_main(["build-workbook", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "đã có" in err and "--force" in err
    assert out.read_bytes() == b"clerk's data"
    assert cli_main(["build-workbook", "--out", str(out), "--force"]) == 0
    assert out.read_bytes()[:2] == b"PK"


def test_refuses_when_only_the_py_exists(tmp_path):
    (tmp_path / "tdkt_2025.py").write_text("# mine\n", encoding="utf-8")
    with pytest.raises(BuildError):
        build_workbook(tmp_path / "tdkt_2025.xlsm")
    assert not (tmp_path / "tdkt_2025.xlsm").exists()


@pytest.mark.parametrize("name", ["tdkt_2024 (1).xlsm", "Bản sao tdkt_2024.xlsm", "2024.xlsm",
                                  "tdkt-2024.xlsm", "os.xlsm", "tdkt_2024.xlsx"])
def test_refuses_names_that_are_no_module_names(tmp_path, capsys, name):
    assert cli_main(["build-workbook", "--out", str(tmp_path / name)]) == 2
    err = capsys.readouterr().err
    assert name in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_writes_the_forwarder_beside_and_it_forwards(tmp_path, monkeypatch):
    out = build_workbook(tmp_path / "tdkt_2025.xlsm")
    py = tmp_path / "tdkt_2025.py"
    assert py.exists()
    fake = types.ModuleType("tdkt_xl.excel")
    fake.main = lambda: "called"
    monkeypatch.setitem(sys.modules, "tdkt_xl.excel", fake)
    monkeypatch.syspath_prepend(str(tmp_path))
    mod = importlib.import_module("tdkt_2025")
    try:
        assert mod.main() == "called"
    finally:
        sys.modules.pop("tdkt_2025", None)
    assert out.name == "tdkt_2025.xlsm"


# ------------------------------------------------------------ LibreOffice
_RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" \
oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def _poison_cached_values(src: Path, dst: Path, parts) -> None:
    """Copy of src whose formula cells of the given parts cache 0."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename in parts:
                text = re.sub(r"(</f>)<v>[^<]*</v>", r"\1<v>0</v>", data.decode("utf-8"))
                data = text.replace(' t="str"><f>', "><f>").encode("utf-8")
            zout.writestr(item, data)


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_it_and_its_formulas_recompute_the_cached_values(tmp_path):
    """LibreOffice loads the workbook and, forced to recalculate a copy whose
    cached values were zeroed, gets exactly the values the builder cached
    (working-day counting, so WORKDAY and the holiday list are exercised)."""
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE_DIR, data)
    p = data / f"{S.SETTINGS.name}.csv"
    rows = list(csv.reader(p.open(encoding="utf-8")))
    label = next(s.label for s in S.SETTING_KEYS if s.field == "day_counting")
    for r in rows:
        if r[0] == label:
            r[1] = S.DAYS_WORKING
    with p.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    built = build_workbook(tmp_path / "wd.xlsm", data_dir=data)
    parts = _sheet_parts(built)
    formula_sheets = [S.SCHEDULE.name, S.DELEGATION.name]
    poisoned = tmp_path / "poisoned.xlsm"
    _poison_cached_values(built, poisoned, {parts[n] for n in formula_sheets})
    profile = tmp_path / "profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(_RECALC_ALWAYS, encoding="utf-8")
    r = subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "xlsx", "--outdir", str(tmp_path / "out"), str(poisoned)],
                       capture_output=True, text=True, timeout=180)
    out = tmp_path / "out" / "poisoned.xlsx"
    assert out.exists(), r.stderr
    want, got, bad = read_file_arrays(built), read_file_arrays(out), read_file_arrays(poisoned)
    assert [s.name for s in S.ALL_SHEETS] == [n for n in got if n in {s.name for s in S.ALL_SHEETS}]
    for name in formula_sheets:
        assert bad[name] != want[name]                   # the copy really lost its cached values
        n = len(want[name])
        assert got[name][:n] == want[name], name
        assert all(v in ("", None) for row in got[name][n:] for v in row), name


def test_refuses_sources_it_would_silently_drop(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(EXAMPLE_DIR, data)
    p = data / f"{S.UNITS.name}.csv"
    rows = list(csv.reader(p.open(encoding="utf-8")))
    rows[0].append("Cột lạ")
    with p.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    with pytest.raises(BuildError, match="Cột lạ"):
        build_bytes(data_dir=data)


def test_row_heights_follow_wrapped_text():
    from tdkt_xl.builder.rowfit import lines, row_height
    assert lines("ngắn", 30) == 1
    assert lines("từ " * 40, 30) >= 3                     # 120 characters in ~30
    assert lines("x" * 100, 10) >= 10                      # a long word is broken too
    assert lines("a\nb", 30) == 2
    assert row_height([("ngắn", 30)]) is None
    assert row_height([("từ " * 40, 30), ("", 10)]) > row_height([("từ " * 20, 30)])


def test_date_columns_take_only_dates_that_fit_the_round(built, arrays):
    """Excel compares the serial number it understood: bounds that fit each
    date column refuse a day/month swap (US regional format) whatever the
    locale.  The bounds read Cấu hình's window through two names."""
    import datetime as dt
    import html
    from tdkt_xl.builder import date_bounds as D
    from tdkt_xl.vocabulary import cells as Cl
    parts = _sheet_parts(built)
    wb = html.unescape(_part(built, "xl/workbook.xml"))
    window = {}
    for field, name in (("window_start", D.START_NAME), ("window_end", D.END_NAME)):
        m = re.search(rf'<definedName name="{name}">\'?{re.escape(S.SETTINGS.name)}\'?!\$B\$(\d+)<', wb)
        assert m, name
        window[field] = Cl.to_date(arrays[S.SETTINGS.name][int(m.group(1)) - 1][1])
    assert window["window_start"] < window["window_end"]
    date_cols = [(sh, c) for sh in S.TABLE_SHEETS for c in sh.columns if c.kind == S.DATE]
    assert {(sh.name, c.field) for sh, c in date_cols} == set(D.COLUMN_BOUNDS)
    for sh, c in date_cols:
        xml = html.unescape(_part(built, parts[sh.name]))
        letter = Cl.col_letter(sh.columns.index(c))
        hr = L.header_row(sh.name)
        rule = re.search(rf'<dataValidation type="date"[^>]*sqref="{letter}{hr + 1}:{letter}'
                         rf'{hr + L.DATA_ROWS}"[^>]*>(.*?)</dataValidation>', xml, re.S)
        assert rule, (sh.name, c.header)
        b = D.bounds(sh.name, c.field)
        assert f"<formula1>{b.minimum}</formula1><formula2>{b.maximum}</formula2>" in rule.group(1)
    # the inspection date: 10/06/2024 typed on a US PC is 6 October, outside the window
    lo, hi = window["window_start"], window["window_end"]
    assert lo <= dt.date(2024, 6, 10) <= hi and not (lo <= dt.date(2024, 10, 6) <= hi)
    assert "2024-06-10" in " ".join(str(v) for r in arrays[S.GUIDE.name] for v in r)
