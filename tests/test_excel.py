"""main() behind every button, run against a real xlwings Book (remote engine,
no Excel): dispatch, validation write-back and marks, re-run after a fix,
Nhật ký, Vietnamese alerts on errors, reads/writes per click."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

import xl_payload as X
from tdkt_xl.excel import entry, jobs as J, main
from tdkt_xl.excel.context import Outcome
from tdkt_xl.vocabulary import cells, schema as S
from tdkt_xl.io import controls as K
from tdkt_xl.io.reader import find_layout

CLICK = dt.datetime(2024, 6, 1, 9, 30)


def clock():
    return CLICK


@pytest.fixture(scope="module")
def sheets():
    arrays, _ = X.shipped_or_example()
    return arrays


def click(arrays: dict, active: str, tmp_path, **kw):
    """One click on ``active``: returns (outcome, applied state, payload, counts)."""
    payload = X.payload_from_arrays(arrays, active=active)
    book = X.open_book(payload)
    with X.count_range_io() as counts:
        out = main(folder=tmp_path, clock=clock, **kw)
    return out, X.apply(payload, book), payload, counts


def with_dropdown(arrays: dict, sheet: str, job) -> dict:
    from tdkt_xl.excel.choice import find_label
    a = {k: [list(r) for r in v] for k, v in arrays.items()}
    pos = find_label(a[sheet], K.JOB_LABEL)
    assert pos is not None, f"no '{K.JOB_LABEL}' on sheet {sheet}"
    row = a[sheet][pos[0]]
    while len(row) <= pos[1] + 1:
        row.append(None)
    row[pos[1] + 1] = job
    return a


def with_control(arrays: dict, **opts) -> dict:
    a = {k: [list(r) for r in v] for k, v in arrays.items()}
    labels = {K.OPT_JOB: "job", K.OPT_UNIT: "unit", K.OPT_PDF: "pdf", K.OPT_OVERWRITE: "overwrite"}
    for row in a[S.CONTROL.name]:
        for c, v in enumerate(row[:3]):
            key = labels.get(cells.norm_text(v)) if isinstance(v, str) else None
            if key in opts:
                while len(row) <= c + 1:
                    row.append(None)
                row[c + 1] = opts[key]
    return a


# ------------------------------------------------------------------ dispatch
@pytest.fixture
def recorder(monkeypatch):
    """Every job of controls.ALL_JOBS offered, each recording its Choice."""
    seen = []

    def make(name):
        def run(ctx):
            seen.append(ctx.choice)
            return Outcome(f"Đã chạy {name}")
        return SimpleNamespace(name=name, run=run)

    reg = {n: make(n) for n in K.ALL_JOBS}
    monkeypatch.setattr(entry, "registry", lambda: reg)
    return seen


@pytest.mark.parametrize("ctl", K.SHEET_CONTROLS, ids=lambda c: c.sheet)
def test_each_sheet_dropdown_choice_dispatches(ctl, sheets, tmp_path, recorder):
    from tdkt_xl.excel.choice import find_label
    if find_label(sheets[ctl.sheet], K.JOB_LABEL) is None:   # a single-job sheet: no dropdown
        click(sheets, ctl.sheet, tmp_path)
        assert recorder[-1].job == ctl.default
        return
    for job in ctl.jobs:
        out, applied, _, _ = click(with_dropdown(sheets, ctl.sheet, job), ctl.sheet, tmp_path)
        assert out.ok, out.message
        assert recorder[-1].job == job and recorder[-1].sheet == ctl.sheet
        assert applied.alerts == [f"Đã chạy {job}"]
    # blank dropdown: the sheet's usual job
    click(with_dropdown(sheets, ctl.sheet, None), ctl.sheet, tmp_path)
    assert recorder[-1].job == ctl.default


def test_control_sheet_options_reach_the_job(sheets, tmp_path, recorder):
    arrays = with_control(sheets, job=K.JOB_NOTICES, unit="BTCHU", pdf="Có", overwrite="Không")
    out, _, _, _ = click(arrays, S.CONTROL.name, tmp_path)
    assert out.ok
    c = recorder[-1]
    assert (c.job, c.unit, c.pdf, c.overwrite) == (K.JOB_NOTICES, "BTCHU", True, False)
    arrays = with_control(sheets, job=K.JOB_REPORT, unit=K.OPT_UNIT_ALL, pdf="Không", overwrite="Có")
    click(arrays, S.CONTROL.name, tmp_path)
    c = recorder[-1]
    assert (c.job, c.unit, c.pdf, c.overwrite) == (K.JOB_REPORT, "", False, True)


def test_unknown_dropdown_value_gives_vietnamese_alert(sheets, tmp_path, recorder):
    arrays = with_dropdown(sheets, S.UNITS.name, "Làm gì đó")
    out, applied, _, _ = click(arrays, S.UNITS.name, tmp_path)
    assert not out.ok and not recorder
    assert "Làm gì đó" in applied.alerts[0]
    assert "không có trong danh sách" in applied.alerts[0]


def test_every_job_is_listed_statically():
    assert J.job_names() == tuple(K.ALL_JOBS)
    assert set(J.registry()) == set(K.ALL_JOBS)
    assert J.sheet_jobs(S.SCHEDULE.name)[0] == K.JOB_VALIDATE


# ------------------------------------------------------------------ validation
def _cell_of(arrays, sheet: S.Sheet, field: str, nth: int = 0) -> tuple[int, int, str]:
    lay = find_layout(sheet, arrays[sheet.name], [])
    r = lay.header_row + 1 + nth
    c = lay.index[field]
    return r, c, cells.a1(r, c)


def _marks(applied, sheet_name: str) -> list:
    rows = applied.sheet(K.MARKS_SHEET)
    col = [cells.norm_text(v) for v in rows[0]].index(sheet_name)
    return [r[col] for r in rows[1:] if col < len(r) and r[col] not in ("", None)]


def _finding_rows(applied) -> list:
    return [r for r in applied.sheet(S.FINDINGS.name)[1:] if any(v not in ("", None) for v in r)]


def test_bad_date_is_listed_marked_and_alerted_then_fixed(sheets, tmp_path):
    r, c, addr = _cell_of(sheets, S.SCHEDULE, "date", nth=1)
    good = sheets[S.SCHEDULE.name][r][c]
    bad = {k: [list(x) for x in v] for k, v in sheets.items()}
    bad[S.SCHEDULE.name][r][c] = "31/02/2024"
    out, applied, payload, counts = click(bad, S.SCHEDULE.name, tmp_path)
    assert out.ok
    # Lỗi dữ liệu: header + a GT03 row whose cell is a hyperlink to the bad cell
    table = applied.sheet(S.FINDINGS.name)
    assert table[0] == S.FINDINGS.headers
    hit = [row for row in table[1:] if row[0] == "GT03" and row[2] == S.SCHEDULE.name]
    assert hit, table[:5]
    assert hit[0][1] == "Lỗi"
    assert hit[0][3] == f'=HYPERLINK("#\'{S.SCHEDULE.name}\'!{addr}","{addr}")'
    assert "31/02/2024" in hit[0][5]
    # the cell is marked, in the schedule's column of the hidden marks sheet
    assert addr in _marks(applied, S.SCHEDULE.name)
    # the alert says there are errors
    assert "lỗi" in applied.alerts[-1] and S.FINDINGS.name in applied.alerts[-1]
    n_before = len(_finding_rows(applied))

    # the clerk fixes the cell and clicks again: no stale finding, no stale mark
    fixed = applied.payload(payload, active=S.SCHEDULE.name)
    fixed["sheets"][applied.names.index(S.SCHEDULE.name)]["values"][r][c] = X.client_value(good)
    book = X.open_book(fixed)
    out2 = main(folder=tmp_path, clock=clock)
    after = X.apply(fixed, book)
    assert addr not in _marks(after, S.SCHEDULE.name)
    assert not [row for row in _finding_rows(after) if row[0] == "GT03" and row[3].endswith(f'"{addr}")')]
    _, clean, _, _ = click(sheets, S.SCHEDULE.name, tmp_path)
    assert _finding_rows(after) == _finding_rows(clean)   # exactly as if never wrong
    assert n_before >= 1
    # every mark left points at a listed finding
    listed = {(row[2], row[3].rsplit(",", 1)[-1].strip('")')) for row in _finding_rows(after)}
    for name in K.MARKED_SHEETS:
        for a in _marks(after, name):
            assert (name, a) in listed
    assert out2.ok


def test_writes_touch_values_only_never_formats(sheets, tmp_path):
    out, applied, _, _ = click(sheets, S.UNITS.name, tmp_path)
    funcs = {a["func"] for a in applied.other}
    assert not funcs, f"unexpected actions: {funcs}"


def test_every_click_appends_to_nhat_ky(sheets, tmp_path):
    out, applied, payload, _ = click(sheets, S.UNITS.name, tmp_path)
    log = applied.sheet(S.LOG.name)
    assert log[0][:4] == S.LOG.headers
    last = log[-1]
    assert cells.to_date(last[0]) == CLICK.date() and last[2] == K.JOB_VALIDATE
    assert last[1] and last[3]
    again = applied.payload(payload, active=S.UNITS.name)
    book = X.open_book(again)
    main(folder=tmp_path, clock=clock)
    log2 = X.apply(again, book).sheet(S.LOG.name)
    assert len(log2) == len(log) + 1


def test_exception_inside_a_job_gives_vietnamese_alert(sheets, tmp_path, monkeypatch):
    def boom(ctx):
        raise ZeroDivisionError("division by zero")
    reg = J.registry()
    reg[K.JOB_VALIDATE] = SimpleNamespace(name=K.JOB_VALIDATE, run=boom)
    monkeypatch.setattr(entry, "registry", lambda: reg)
    out, applied, _, _ = click(sheets, S.UNITS.name, tmp_path)
    assert not out.ok
    msg = applied.alerts[-1]
    assert "Traceback" not in msg
    assert f"Việc '{K.JOB_VALIDATE}' bị lỗi" in msg and "CNTT" in msg
    assert (tmp_path / entry.ERROR_LOG).exists()          # the traceback is kept for IT
    assert "ZeroDivisionError" in (tmp_path / entry.ERROR_LOG).read_text(encoding="utf-8")
    log = applied.sheet(S.LOG.name)
    assert log[-1][3].startswith("Lỗi: ")


def test_missing_required_sheet_gives_vietnamese_alert(sheets, tmp_path):
    broken = {k: v for k, v in sheets.items() if k != S.MEMBERS.name}
    out, applied, _, _ = click(broken, S.UNITS.name, tmp_path)
    assert not out.ok
    assert S.MEMBERS.name in applied.alerts[-1] and "thiếu trang tính" in applied.alerts[-1]


# ------------------------------------------------------------------ open folder
def test_open_output_folder_reports_path_on_remote_engine(sheets, tmp_path):
    arrays = with_control(sheets, job=K.JOB_OPEN_OUTPUT)
    out, applied, _, _ = click(arrays, S.CONTROL.name, tmp_path)
    assert out.ok, out.message
    from tdkt_xl.io.reader import read_round
    folder = read_round({k: v for k, v in sheets.items()}).round.settings.output_folder
    target = tmp_path / folder.replace("\\", "/")
    assert target.is_dir()
    assert str(target) in applied.alerts[-1]


# ------------------------------------------------------------------ reads / writes per click
def test_reads_and_writes_grow_with_sheets_not_units(sheets, tmp_path):
    _, _, _, small = click(sheets, S.UNITS.name, tmp_path)
    big_arrays = X.scaled(sheets, 2000)
    out, _, _, big = click(big_arrays, S.UNITS.name, tmp_path)
    assert out.ok
    n_model = len(S.MODEL_SHEETS)
    for counts in (small, big):
        assert all(v == 1 for v in counts["reads"].values()), counts["reads"]   # one batch per sheet
        assert all(v == 1 for v in counts["writes"].values()), counts["writes"]
        assert set(counts["writes"]) == {S.FINDINGS.name, K.MARKS_SHEET, S.LOG.name, S.OVERVIEW.name}
        # model sheets + findings, marks, log, and the overview it refreshes
        assert sum(counts["reads"].values()) == n_model + 4
    assert small["reads"] == big["reads"] and small["writes"] == big["writes"]
    print(f"\nreads/writes per validation click: shipped {sum(small['reads'].values())}/"
          f"{sum(small['writes'].values())}, 2000 units {sum(big['reads'].values())}/"
          f"{sum(big['writes'].values())}")


# ------------------------------------------------------------------ status bar, caller
def test_status_bar_is_set_and_cleared_on_desktop_and_skipped_on_remote():
    from types import SimpleNamespace
    from tdkt_xl.excel.bookio import BookIO

    class App:
        engine = SimpleNamespace(name="excel")
        seen = []

        @property
        def status_bar(self):
            return self.seen[-1] if self.seen else False

        @status_bar.setter
        def status_bar(self, v):
            self.seen.append(v)

    app = App()
    io = BookIO(SimpleNamespace(app=app))
    io.status("tdkt: đang đọc dữ liệu…")
    io.status(None)
    assert app.seen == ["tdkt: đang đọc dữ liệu…", False]     # False hands it back to Excel
    remote = X.open_book(X.payload_from_arrays({"A": [["x"]]}), caller=False)
    BookIO(remote).status("x")                                    # no-op, no error
    assert remote.json()["actions"] == []


def test_main_outside_excel_says_so_in_vietnamese(monkeypatch):
    def no_caller():
        raise RuntimeError("no caller")
    monkeypatch.setattr(entry, "_caller", no_caller)
    out = main()
    assert not out.ok and "bấm nút trong sổ tính" in out.message


def test_unknown_workbook_folder_is_explained(sheets):
    arrays = with_control(sheets, job=K.JOB_OPEN_OUTPUT)
    payload = X.payload_from_arrays(arrays, book_name="khong_co_module_nay.xlsm", active=S.CONTROL.name)
    book = X.open_book(payload)
    out = main(clock=clock)            # no folder: the remote client only knows the name
    assert not out.ok
    alert = X.apply(payload, book).alerts[-1]
    assert "Không xác định được thư mục chứa sổ tính" in alert and "Traceback" not in alert


def test_validate_click_refreshes_the_overview(sheets, tmp_path):
    """Tổng quan: one row per unit from the open book and the output folder's
    manifests, with the counts on top; the click's date is the as-of date."""
    import json
    from tdkt_xl.vocabulary import outputs as O
    out_dir = tmp_path / "ket_qua" / O.DOCUMENTS      # 'Thư mục kết quả' of the shipped book
    out_dir.mkdir(parents=True)
    from tdkt_xl.io.reader import read_round
    unit = read_round(sheets).round.selected_units()[0].code
    (out_dir / f"BB_{unit}.docx").write_bytes(b"x")
    (out_dir / "manifest.json").write_text(json.dumps({"files": {f"BB_{unit}.docx": {
        "sha256": "", "kind": "Biên bản kiểm tra", "unit": unit}}}), encoding="utf-8")
    out, applied, _, _ = click(sheets, S.UNITS.name, tmp_path)
    assert out.ok
    table = applied.sheet(S.OVERVIEW.name)
    assert table[0][0].startswith("TỔNG QUAN ĐỢT KIỂM TRA (đến ngày 01/06/2024)")
    assert table[S.OVERVIEW_HEADER_ROW - 1][:len(S.OVERVIEW.headers)] == S.OVERVIEW.headers
    rows = {r[0]: r for r in table[S.OVERVIEW_HEADER_ROW:] if r and r[0]}
    assert unit in rows and len(rows) >= 10
    # at 01/06/2024 nothing is inspected yet; the minutes file the manifest lists is 'made'
    assert rows[unit][6] == "Đã tạo, chưa ký"
    assert all(r[5].startswith("Theo lịch") for r in rows.values())


def test_check_documents_job_reads_back_the_output_folder(sheets, tmp_path):
    from tdkt_xl.documents.service import generate_documents
    from tdkt_xl.io.reader import read_round
    from tdkt_xl.vocabulary import outputs as O
    rnd = read_round(sheets).round
    generate_documents(rnd, tmp_path / "ket_qua" / O.DOCUMENTS, validate=False)
    arrays = with_dropdown(sheets, S.DOCUMENTS.name, K.JOB_CHECK_ROUND)
    out, applied, _, _ = click(arrays, S.DOCUMENTS.name, tmp_path)
    assert out.ok
    assert applied.alerts[-1].startswith("Rà soát ")
    assert "[RS04]" in out.log_text           # the shipped example's names are example data
