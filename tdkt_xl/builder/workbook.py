"""The master workbook builder (XlsxWriter).

``build_workbook(out_path)`` writes ``tdkt_2024.xlsm`` from the schema (sheet
and column names) and the example round CSVs, with the xlwings VBA project
taken byte for byte from the installed wheel, a button bound to ``SampleCall``
on each working sheet, dropdowns for every closed list, formula columns with
correct cached values, the hidden marks sheet for validation highlights, and
print setup.  The output is reproducible byte for byte (in-memory zip with
fixed timestamps, fixed document properties).
"""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Iterable

from tdkt_xl.builder import date_bounds, guide, layout as L, names, styles, values as V
from tdkt_xl.builder.rowfit import px, row_height
from tdkt_xl.builder.example import EXAMPLE_DIR, example_sheets
from tdkt_xl.builder.vba import vba_project_bytes
from tdkt_xl.builder.xlconf import write_conf_sheet
from tdkt_xl.vocabulary import cells, schema as S
from tdkt_xl.io import controls as K
from tdkt_xl.io.atomic import write_bytes
from tdkt_xl.io.register import shipped_rows
from tdkt_xl.io.xlsx import new_workbook, set_properties
from tdkt_xl.vocabulary.errors import InputError

PROJECT_DIR = Path(__file__).resolve().parents[2]
DEFAULT_OUT = PROJECT_DIR / "workbook" / "tdkt_2024.xlsm"

MIN_DATE, MAX_DATE = dt.date(2000, 1, 1), dt.date(2100, 12, 31)
TABLE_STYLE = "Table Style Light 1"
WRAP_WIDTH = 30          # text columns at least this wide wrap
GUIDE_WIDTH = 100        # the text column of Hướng dẫn
LABEL_WIDTH = 17         # column A of a sheet with a control bar (fits "Việc cần làm")


class BuildError(InputError):
    """The workbook cannot be written (Vietnamese message for the clerk)."""


class WouldOverwrite(BuildError):
    """The workbook or its .py exists and overwriting was not asked for."""


# ------------------------------------------------------------------ public API
def build_workbook(out_path=DEFAULT_OUT, force: bool = False,
                   jobs: Iterable[str] = K.ALL_JOBS, data_dir=EXAMPLE_DIR) -> Path:
    """Write the master workbook to ``out_path`` (.xlsm) and its ``<name>.py``
    forwarder beside it.  Refuses names that are no Python module name, and
    refuses to overwrite an existing workbook or .py unless ``force``.
    ``jobs`` are the jobs offered by the buttons (default: all).  Returns the
    path written.  Raises BuildError with a Vietnamese message."""
    out = check_target(out_path, force)
    return write_master(out, build_bytes(jobs=jobs, data_dir=data_dir))


def check_target(out_path, force: bool = False) -> Path:
    """The workbook path to write: a Python module name, and (unless
    ``force``) neither it nor its .py forwarder already there."""
    out = Path(out_path)
    why = names.name_problem(out)
    if why:
        raise BuildError(why)
    if not force:
        for p in (out, names.forwarder_path(out)):
            if p.exists():
                raise WouldOverwrite(f"Tệp '{p}' đã có; không ghi đè để khỏi mất dữ liệu.")
    return out


def write_master(out: Path, data: bytes) -> Path:
    """The workbook and its .py forwarder, both or neither (each written
    atomically; the workbook is removed again if the forwarder fails)."""
    py = names.forwarder_path(out)
    existed = out.exists()
    write_bytes(out, data)              # OutputError (Vietnamese) if the folder cannot take it
    try:
        write_bytes(py, names.forwarder_text(out).encode("utf-8"))
    except Exception:
        if not existed:
            out.unlink(missing_ok=True)
        raise
    return out


def build_bytes(jobs: Iterable[str] = K.ALL_JOBS, data_dir=EXAMPLE_DIR) -> bytes:
    """The .xlsm file as bytes (same inputs -> same bytes)."""
    csvs = example_sheets(Path(data_dir))
    _check_sources(csvs, Path(data_dir))
    return build_from_sheets(csvs, jobs)


def build_from_sheets(sheets: dict, jobs: Iterable[str] = K.ALL_JOBS) -> bytes:
    """The .xlsm file as bytes from sheet arrays, one per schema sheet, each
    with its header row first (columns matched by header text; the values
    may be text as in the example CSVs or typed as a workbook reader gives
    them).  Same inputs -> same bytes."""
    jobs = tuple(j for j in K.ALL_JOBS if j in set(jobs))
    if not any(cells.key_text(k) == cells.key_text(S.LEGAL.name) for k in sheets):
        sheets = {**sheets, S.LEGAL.name: shipped_rows()}     # the shipped register by default
    buf = io.BytesIO()
    _Builder(buf, jobs, sheets).build()
    return buf.getvalue()


def _check_sources(csvs: dict, folder: Path) -> None:
    """Every CSV is a sheet of the schema and every column a schema column
    (nothing in the sources is silently left out of the workbook)."""
    sheets = {s.name: s for s in (S.SETTINGS,) + S.TABLE_SHEETS}
    for name, rows in csvs.items():
        sh = sheets.get(name)
        if sh is None:
            raise BuildError(f"Tệp '{folder / (name + '.csv')}' không ứng với trang tính nào "
                             "của sổ tính (xem tdkt_xl/vocabulary/schema.py).")
        known = {cells.key_text(c.header) for c in sh.columns}
        extra = [h for h in (rows[0] if rows else []) if cells.key_text(h) not in known]
        if extra:
            raise BuildError(f"Tệp '{folder / (name + '.csv')}' có cột không có trong trang "
                             f"'{name}': {', '.join(extra)}.")


# ------------------------------------------------------------------ the builder
class _Builder:
    def __init__(self, fh, jobs: tuple, csvs: dict):
        self.jobs = jobs
        self.csvs = csvs
        self.settings_rows = V.settings_rows(csvs.get(S.SETTINGS.name, [[]]))
        self.settings = V.settings_of(csvs.get(S.SETTINGS.name, [[]]))
        self.wb, _ = new_workbook(fh)
        self.f = styles.formats(self.wb)
        self.list_names: dict = {}        # choices tuple -> defined name
        self.setting_cells: dict = {}     # setting field -> absolute A1 ref of its value
        self.unit_rows = {r.get("code"): r.get("name") or ""   # unit code -> unit name
                          for r in V.table_rows(S.UNITS, csvs.get(S.UNITS.name, []))}

    # -- the whole workbook
    def build(self) -> None:
        wb = self.wb
        year = self.settings.year or 2024
        set_properties(wb, {
            "title": f"Kiểm tra công tác thi đua, khen thưởng năm {year}",
            "subject": "Sổ tính kiểm tra công tác thi đua, khen thưởng",
            "author": self.settings.council_name or "tdkt_xl",
            "company": self.settings.supervising_body,
            "comments": "Tạo bằng lệnh tdkt build-workbook (tdkt_xl).",
            "created": dt.datetime(year, 1, 1, 0, 0, 0),
        })
        wb.add_vba_project(io.BytesIO(vba_project_bytes()), is_stream=True)
        wb.set_vba_name("ThisWorkbook")

        sheets = {}
        for i, sh in enumerate(S.ALL_SHEETS + (S.LISTS,)):
            ws = wb.add_worksheet(sh.name)
            ws.set_vba_name(f"Sheet{i + 1}")
            sheets[sh.name] = ws
        marks = wb.add_worksheet(K.MARKS_SHEET)
        marks.set_vba_name(f"Sheet{len(sheets) + 1}")
        xlconf = wb.add_worksheet(S.XLWINGS_CONF.name)
        xlconf.set_vba_name(f"Sheet{len(sheets) + 2}")

        self._lists_sheet(sheets[S.LISTS.name])
        self._settings_sheet(sheets[S.SETTINGS.name])
        for sh in S.TABLE_SHEETS + (S.FINDINGS,):
            self._table_sheet(sheets[sh.name], sh)
        self._guide_sheet(sheets[S.GUIDE.name])
        self._overview_sheet(sheets[S.OVERVIEW.name])
        self._control_sheet(sheets[S.CONTROL.name])
        self._marks_sheet(marks)
        write_conf_sheet(xlconf, self.setting_cells, self.settings, self.f["text"])
        sheets[S.LISTS.name].hide()
        marks.hide()
        sheets[S.GUIDE.name].activate()
        wb.close()

    # -- Cấu hình (key/value)
    def _settings_sheet(self, ws) -> None:
        sh = S.SETTINGS
        self._columns(ws, sh)
        for c, col in enumerate(sh.columns):
            ws.write_string(0, c, col.header, self.f["header"])
        specs = S.setting_specs()
        vcol = cells.col_letter(1)
        for r, (label, value, note) in enumerate(self.settings_rows, start=1):
            spec = specs.get(cells.key_text(label))
            kind = spec.kind if spec else S.TEXT
            ws.write_string(r, 0, label, self.f["text"])
            self._write_value(ws, r, 1, kind, value, wrap=True)
            ws.write_string(r, 2, note, self.f["wrap"])
            h = row_height([(value if isinstance(value, str) else "", sh.columns[1].width),
                             (note, sh.columns[2].width)])
            if h:
                ws.set_row(r, h)
            if spec:
                self.setting_cells[spec.field] = f"'{sh.name}'!${vcol}${r + 1}"
                self._validate_setting(ws, r, spec)
        for field, name in (("window_start", date_bounds.START_NAME),
                            ("window_end", date_bounds.END_NAME)):
            if field in self.setting_cells:      # the date columns' bounds read these
                self.wb.define_name(name, "=" + self.setting_cells[field])
        last = max(len(self.settings_rows), 1)
        ws.add_table(0, 0, last, len(sh.columns) - 1, {
            "name": L.table_name(sh.name), "style": TABLE_STYLE,
            "columns": [{"header": c.header, "header_format": self.f["header"]} for c in sh.columns]})
        ws.freeze_panes(1, 0)
        ws.ignore_errors({"number_stored_as_text": f"A1:C{last + 1}"})
        self._print_setup(ws, sh, 0, last)

    def _validate_setting(self, ws, r, spec) -> None:
        if spec.kind == S.INT:
            ws.data_validation(r, 1, r, 1, {
                "validate": "integer", "criteria": "between", "minimum": 0, "maximum": 9999,
                "error_title": "Cần một số", "error_message": f"'{spec.label}' phải là số nguyên."})
        elif spec.kind == S.DATE:
            ws.data_validation(r, 1, r, 1, self._date_rule(spec.label))
        elif spec.kind == S.CHOICE:
            ws.data_validation(r, 1, r, 1, self._choice_rule(spec.label, spec.choices))

    # -- Danh mục (hidden lists)
    def _lists_sheet(self, ws) -> None:
        lists = []
        for sh in S.MODEL_SHEETS:
            for c in sh.columns:
                if c.kind == S.CHOICE and c.choices not in [x[1] for x in lists]:
                    lists.append((c.header, c.choices))
        for s in S.SETTING_KEYS:
            if s.kind == S.CHOICE and s.choices not in [x[1] for x in lists]:
                lists.append((s.label, s.choices))
        col = 0
        for header, choices in lists:
            ws.write_string(0, col, header, self.f["header"])
            for i, item in enumerate(choices, start=1):
                ws.write_string(i, col, item)
            name = "ds_" + L.ascii_name(header)
            letter = cells.col_letter(col)
            self.wb.define_name(name, f"='{ws.name}'!${letter}$2:${letter}${len(choices) + 1}")
            self.list_names[choices] = name
            ws.set_column(col, col, max(16, len(header) + 2))
            col += 1

        # "Tất cả" + unit codes (Điều khiển's unit option), mirrored by formula
        units = S.UNITS
        first = L.first_data_row(units.name)
        code_letter = cells.col_letter(units.columns.index(units.col("code")))
        unit_rows = V.table_rows(units, self.csvs.get(units.name, []))
        ws.write_string(0, col, K.OPT_UNIT, self.f["header"])
        ws.write_string(1, col, K.OPT_UNIT_ALL)
        for i in range(L.UNIT_CHOICE_ROWS):
            src = f"'{units.name}'!{code_letter}{first + i}"
            cached = unit_rows[i].get("code") or "" if i < len(unit_rows) else ""
            ws.write_formula(2 + i, col, f'=IF({src}="","",{src})', None, cached)
        letter = cells.col_letter(col)
        codes = self._code_range(units, "code")
        self.wb.define_name("ds_DonViChon",
                            f"=OFFSET('{ws.name}'!${letter}$2,0,0,1+COUNTA({codes}),1)")
        ws.set_column(col, col, 16)
        col += 1

        # days off for WORKDAY in Hạn nộp báo cáo
        ws.write_string(0, col, "Ngày nghỉ (tính hạn nộp)", self.f["header"])
        days = V.holidays_for(self.settings)
        for i, d in enumerate(days, start=1):
            ws.write_datetime(i, col, dt.datetime.combine(d, dt.time()), self.f["col_date"])
        letter = cells.col_letter(col)
        self.wb.define_name("tdkt_ngay_nghi",
                            f"='{ws.name}'!${letter}$2:${letter}${max(len(days), 1) + 1}")
        ws.set_column(col, col, 24)

        # dynamic lists of codes and names typed in other sheets
        for name, sheet, field in (("ds_MaDonVi", S.UNITS, "code"),
                                   ("ds_ThanhVien", S.MEMBERS, "name"),
                                   ("ds_MaNoiDung", S.CHECKLIST, "code")):
            first = L.first_data_row(sheet.name)
            letter = cells.col_letter(sheet.columns.index(sheet.col(field)))
            rng = self._code_range(sheet, field)
            self.wb.define_name(
                name, f"=OFFSET('{sheet.name}'!${letter}${first},0,0,MAX(1,COUNTA({rng})),1)")

    def _code_range(self, sheet, field) -> str:
        first = L.first_data_row(sheet.name)
        letter = cells.col_letter(sheet.columns.index(sheet.col(field)))
        return f"'{sheet.name}'!${letter}${first}:${letter}${first + L.DATA_ROWS - 1}"

    # -- validation rules
    def _choice_rule(self, label, choices, stop=True) -> dict:
        return {"validate": "list", "source": "=" + self.list_names[choices],
                "error_type": "stop" if stop else "warning",
                "error_title": "Giá trị ngoài danh sách",
                "error_message": f"'{label}' chọn trong danh sách: {' / '.join(choices)}."[:255]}

    @staticmethod
    def _date_rule(label) -> dict:
        return {"validate": "date", "criteria": "between",
                "minimum": dt.datetime.combine(MIN_DATE, dt.time()),
                "maximum": dt.datetime.combine(MAX_DATE, dt.time()),
                "error_title": "Cần một ngày",
                "error_message": f"'{label}' phải là ngày, gõ theo dạng ngày/tháng/năm (dd/mm/yyyy)."}

    def _column_rule(self, sh, col) -> dict | None:
        if col.derived:
            return None
        if col.kind == S.CHOICE:
            return self._choice_rule(col.header, col.choices)
        if col.kind == S.DATE:
            b = date_bounds.bounds(sh.name, col.field)
            if b is not None and {"window_start", "window_end"} <= set(self.setting_cells):
                return date_bounds.rule(col.header, b)
            return self._date_rule(col.header)
        if col.kind == S.TIME:
            return {"validate": "time", "criteria": "between", "minimum": dt.time(0, 0),
                    "maximum": dt.time(23, 59, 59), "error_title": "Cần giờ",
                    "error_message": f"'{col.header}' phải là giờ, dạng 07:30."}
        ref = None
        if col.field == "unit_code" and sh is not S.UNITS:
            ref, what = "ds_MaDonVi", f"mã đơn vị có trong trang '{S.UNITS.name}'"
        elif (sh, col.field) in ((S.DELEGATION, "member_name"), (S.UNITS, "member_in_charge"),
                                 (S.EVALUATIONS, "chair"), (S.EVALUATIONS, "secretary")):
            ref, what = "ds_ThanhVien", f"người có trong trang '{S.MEMBERS.name}'"
        elif (sh, col.field) == (S.RESULTS, "item_code"):
            ref, what = "ds_MaNoiDung", f"mã có trong trang '{S.CHECKLIST.name}'"
        if ref:
            return {"validate": "list", "source": "=" + ref, "error_type": "warning",
                    "error_title": "Không có trong danh sách",
                    "error_message": f"'{col.header}' nên là {what}. Vẫn ghi giá trị này?"}
        return None

    # -- table sheets
    def _columns(self, ws, sh) -> None:
        for c, col in enumerate(sh.columns):
            width = col.width
            if c == 0 and L.has_control_bar(sh.name):
                width = max(width, LABEL_WIDTH)
            key = {S.DATE: "col_date", S.TIME: "col_time", S.DATETIME: "col_datetime"}.get(col.kind)
            if key is None:
                key = "col_wrap" if col.width >= WRAP_WIDTH else "col"
            ws.set_column(c, c, width, self.f[key])

    def _cell_format(self, col) -> str:
        if col.kind == S.DATE:
            return "date"
        if col.kind == S.TIME:
            return "time"
        if col.kind == S.DATETIME:
            return "datetime"
        if col.kind == S.INT:
            return "int"
        if col.kind == S.CHOICE and col.width <= 12:
            return "center"
        return "wrap" if col.width >= WRAP_WIDTH else "text"

    def _write_value(self, ws, r, c, kind, value, wrap=False) -> None:
        if value is None or value == "":
            ws.write_blank(r, c, None, self.f["wrap" if wrap else "text"])
        elif isinstance(value, dt.datetime):
            ws.write_datetime(r, c, value, self.f["datetime"])
        elif isinstance(value, dt.date):
            ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), self.f["date"])
        elif isinstance(value, dt.time):
            ws.write_datetime(r, c, value, self.f["time"])
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            ws.write_number(r, c, value, self.f["int"])
        else:
            ws.write_string(r, c, str(value), self.f["wrap" if wrap else "text"])

    def _table_sheet(self, ws, sh) -> None:
        if sh is S.SETTINGS:
            return
        hdr = L.header_row(sh.name) - 1                     # 0-based
        rows = V.table_rows(sh, self.csvs.get(sh.name, []))
        has_formula = any(c.derived for c in sh.columns)
        n = len(rows) + (L.SPARE_FORMULA_ROWS if has_formula else 0)
        last = hdr + max(n, 1)
        self._columns(ws, sh)
        for c, col in enumerate(sh.columns):
            ws.write_string(hdr, c, col.header, self.f["header"])
        ws.set_row(hdr, 33)
        wrapped = [(c, col) for c, col in enumerate(sh.columns)
                   if self._cell_format(col) == "wrap"]
        for i in range(n):
            r = hdr + 1 + i
            rec = rows[i] if i < len(rows) else {}
            texts = [(rec.get(col.field), col.width) for _, col in wrapped]
            if "unit_name" in {c.field for c in sh.columns if c.derived}:
                texts.append((self.unit_rows.get(rec.get("unit_code"), ""),
                              sh.col("unit_name").width))
            h = row_height((t, w) for t, w in texts if isinstance(t, str))
            if h:
                ws.set_row(r, h)
            for c, col in enumerate(sh.columns):
                if col.derived:
                    self._write_formula(ws, sh, r, c, col, rec)
                else:
                    v = rec.get(col.field)
                    self._write_cell(ws, r, c, col, v)
        if sh in (S.FINDINGS, S.LOG):
            ws.autofilter(hdr, 0, hdr, len(sh.columns) - 1)
        else:
            ws.add_table(hdr, 0, last, len(sh.columns) - 1, {
                "name": L.table_name(sh.name), "style": TABLE_STYLE,
                "columns": [{"header": c.header, "header_format": self.f["header"]}
                            for c in sh.columns]})
        for c, col in enumerate(sh.columns):
            rule = self._column_rule(sh, col)
            if rule:
                ws.data_validation(hdr + 1, c, hdr + L.DATA_ROWS, c, rule)
        ws.freeze_panes(hdr + 1, 0)
        # codes and numbers such as "01" are text on purpose: no green triangles
        ws.ignore_errors({"number_stored_as_text":
                          f"A1:{cells.col_letter(len(sh.columns) + 2)}{hdr + 1 + L.DATA_ROWS}"})
        if L.has_control_bar(sh.name):
            self._control_bar(ws, sh)
        self._print_setup(ws, sh, hdr, hdr + max(len(rows), 1))   # spare rows not printed

    def _write_cell(self, ws, r, c, col, v) -> None:
        f = self.f[self._cell_format(col)]
        if v is None or v == "":
            ws.write_blank(r, c, None, f)
        elif isinstance(v, dt.datetime):
            ws.write_datetime(r, c, v, f)
        elif isinstance(v, dt.date):
            ws.write_datetime(r, c, dt.datetime.combine(v, dt.time()), f)
        elif isinstance(v, dt.time):
            ws.write_datetime(r, c, v, f)
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            ws.write_number(r, c, v, f)
        else:
            ws.write_string(r, c, str(v), f)

    # -- formula columns (with their cached values)
    def _write_formula(self, ws, sh, r, c, col, rec) -> None:
        idx = {x.field: i for i, x in enumerate(sh.columns)}
        n = r + 1                                           # 1-based row
        if col.field == "unit_name":
            units = S.UNITS
            code = f"{cells.col_letter(idx['unit_code'])}{n}"
            names_rng = self._code_range(units, "name")
            codes_rng = self._code_range(units, "code")
            formula = (f'=IF({code}="","",IFERROR(INDEX({names_rng},'
                       f'MATCH({code},{codes_rng},0)),""))')
            cached = self.unit_rows.get(rec.get("unit_code"), "") if rec.get("unit_code") else ""
            ws.write_formula(r, c, formula, self.f["d_text"], cached)
        elif col.field == "weekday":
            d = f"{cells.col_letter(idx['date'])}{n}"
            days = ",".join(f'"{w}"' for w in V.WEEKDAYS_VI[6:] + V.WEEKDAYS_VI[:6])
            formula = f'=IF(ISNUMBER({d}),CHOOSE(WEEKDAY({d}),{days}),IF({d}="","","Sai ngày"))'
            date = rec.get("date")
            cached = V.weekday_vi(date) if isinstance(date, dt.date) else ("Sai ngày" if date else "")
            ws.write_formula(r, c, formula, self.f["d_center"], cached)
        elif col.field == "report_due":
            d = f"{cells.col_letter(idx['date'])}{n}"
            lead = self.setting_cells.get("report_lead_days", "0")
            mode = self.setting_cells.get("day_counting", '""')
            # Calendar days: d - lead, moved back to a working day (WORKDAY from
            # the day after, one step back).  WORKDAY cannot count a làm-bù
            # Saturday as working, so after Excel recalculates the cell may
            # show a day earlier than the tool's calendar (it errs early, never
            # late); validation says so (GT code DUE_CELL_DIFFERS).
            formula = (f'=IF(ISNUMBER({d}),IF({mode}="{S.DAYS_WORKING}",'
                       f'WORKDAY({d},-{lead},tdkt_ngay_nghi),'
                       f'WORKDAY({d}-{lead}+1,-1,tdkt_ngay_nghi)),"")')
            due = V.report_due(self.settings, rec.get("date"))
            cached = V.excel_serial(due) if due else ""
            ws.write_formula(r, c, formula, self.f["d_date"], cached)
        else:  # a derived column this builder does not know: leave it visibly empty
            raise BuildError(f"Chưa có công thức cho cột '{col.header}' của trang '{sh.name}'.")

    # -- control bar (row 1): label, job dropdown, button
    def _control_bar(self, ws, sh) -> None:
        ctl = next(c for c in K.SHEET_CONTROLS if c.sheet == sh.name)
        jobs = [j for j in ctl.jobs if j in self.jobs]
        ws.set_row(L.CONTROL_ROW - 1, 30)
        r = L.CONTROL_ROW - 1
        if not jobs:
            return
        col_px = [px(max(c.width, LABEL_WIDTH) if i == 0 else c.width) for i, c in enumerate(sh.columns)]
        if len(jobs) > 1:
            ws.write_string(r, 0, K.JOB_LABEL, self.f["bar_label"])
            ws.write_string(r, 1, jobs[0], self.f["bar_input"])
            ws.data_validation(r, 1, r, 1, {
                "validate": "list", "source": list(jobs), "error_type": "stop",
                "error_title": "Chọn việc", "error_message": "Chọn một việc trong danh sách."})
            text_px = max(len(j) for j in jobs) * 8 + 28
            x = col_px[0] + max(col_px[1], text_px) + 10
            caption = K.BUTTON_CAPTION
        else:
            x = 4
            caption = ctl.caption or jobs[0]
        ws.insert_button(r, 0, {"macro": K.MACRO, "caption": caption, "x_offset": x,
                                "y_offset": 3, "width": 130, "height": 34})

    # -- Hướng dẫn
    def _guide_sheet(self, ws) -> None:
        ws.set_column(0, 0, 2)
        ws.set_column(1, 1, GUIDE_WIDTH)
        ws.hide_gridlines(2)
        r = 0
        for style, text in guide.guide_blocks(self.settings, self.jobs):
            text = ("– " + text) if style == "item" else text
            if style == "head":
                ws.set_row(r, 27)
            elif style in ("title", "subtitle"):
                ws.set_row(r, 27 if style == "title" else 21)
            else:
                h = row_height([(text, GUIDE_WIDTH - (3 if style == "item" else 0))])
                if h:
                    ws.set_row(r, h)
            ws.write_string(r, 1, text, self.f["para" if style == "text" else style])
            r += 1
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        ws.set_margins(left=0.6, right=0.5, top=0.6, bottom=0.6)
        ws.print_area(0, 0, r - 1, 1)

    # -- Tổng quan (the round at a glance; the validate click refreshes its values)
    def _overview_sheet(self, ws) -> None:
        from tdkt_xl.io.reader import read_round
        from tdkt_xl.overview.status import LATE_WORDS, build_as_of, round_status
        sh = S.OVERVIEW
        rnd = read_round(self.csvs, "example").round
        status = round_status(rnd, build_as_of(rnd))
        self._columns(ws, sh)
        hdr = S.OVERVIEW_HEADER_ROW - 1
        ws.set_row(0, 27)
        ws.write_string(0, 0, status.title(), self.f["title"])
        for r, line in enumerate(status.summary_lines(), start=1):
            ws.write_string(r, 0, line, self.f["subtitle"])
        for c, col in enumerate(sh.columns):
            ws.write_string(hdr, c, col.header, self.f["header"])
        ws.set_row(hdr, 32)
        for r, row in enumerate((u.row() for u in status.units), start=hdr + 1):
            h = row_height([(row[1], sh.columns[1].width)])        # the unit's name wraps
            if h:
                ws.set_row(r, h)
            for c, (col, v) in enumerate(zip(sh.columns, row)):
                if col.kind == S.INT:
                    ws.write_number(r, c, v, self.f["center"])
                else:
                    ws.write_string(r, c, str(v), self.f["wrap"])
        last = hdr + S.OVERVIEW_ROWS
        late = self.wb.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"})
        for word in LATE_WORDS:          # a person sees at a glance what is late
            ws.conditional_format(hdr + 1, 3, last, 7, {"type": "text", "criteria": "containing",
                                                        "value": word, "format": late})
        ws.conditional_format(hdr + 1, 9, last, 9, {"type": "cell", "criteria": ">",
                                                    "value": 0, "format": late})
        ws.freeze_panes(hdr + 1, 0)
        self._print_setup(ws, sh, hdr, hdr + max(len(status.units), 1))

    # -- Điều khiển
    def _control_sheet(self, ws) -> None:
        ws.set_column(0, 0, 24)
        ws.set_column(1, 1, 30)
        ws.set_column(2, 2, 70)
        ws.hide_gridlines(2)
        ws.set_row(0, 27)
        ws.write_string(0, 0, guide.CONTROL_TITLE, self.f["title"])
        ws.write_string(1, 0, guide.CONTROL_HINT, self.f["bar_note"])
        defaults = {
            K.OPT_JOB: self.jobs[0] if self.jobs else "",
            K.OPT_UNIT: K.OPT_UNIT_ALL, K.OPT_PDF: S.NO, K.OPT_OVERWRITE: S.NO,
        }
        first = 3
        for i, opt in enumerate(K.CONTROL_OPTIONS):
            r = first + i
            ws.set_row(r, 24)
            ws.write_string(r, 0, opt, self.f["opt_label"])
            ws.write_string(r, 1, defaults[opt], self.f["opt_input"])
            ws.write_string(r, 2, guide.OPTION_HELP.get(opt, ""), self.f["opt_help"])
            if opt == K.OPT_JOB:
                if self.jobs:
                    rule = {"validate": "list", "source": list(self.jobs), "error_type": "stop"}
                else:
                    continue
            elif opt == K.OPT_UNIT:
                rule = {"validate": "list", "source": "=ds_DonViChon", "error_type": "stop"}
            else:
                rule = {"validate": "list", "source": "=" + self.list_names[S.YES_NO],
                        "error_type": "stop"}
            rule.update({"error_title": "Chọn trong danh sách",
                         "error_message": f"'{opt}': chọn một giá trị trong danh sách."})
            ws.data_validation(r, 1, r, 1, rule)
        if self.jobs:
            r = first + len(K.CONTROL_OPTIONS) + 1
            ws.set_row(r, 30)
            ws.insert_button(r, 1, {"macro": K.MACRO, "caption": K.BUTTON_CAPTION,
                                    "width": 150, "height": 36})
        ws.set_paper(9)
        ws.set_landscape()
        ws.fit_to_pages(1, 0)

    # -- Đánh dấu (hidden marks sheet)
    def _marks_sheet(self, ws) -> None:
        for i, name in enumerate(K.MARKED_SHEETS):
            ws.write_string(0, i, name)
            letter = cells.col_letter(i)
            self.wb.define_name(L.marks_name(i),
                                f"='{K.MARKS_SHEET}'!${letter}$2:${letter}${K.MARKS_ROWS + 1}")
            ws.set_column(i, i, 16)
        for i, name in enumerate(K.MARKED_SHEETS):
            sh = next(s for s in S.MODEL_SHEETS if s.name == name)
            target = self.wb.get_worksheet_by_name(name)
            last_row = L.header_row(name) - 1 + L.DATA_ROWS
            last_col = len(sh.columns) - 1 + 3               # room for inserted columns
            target.conditional_format(0, 0, last_row, last_col, {
                "type": "formula",
                "criteria": f"=COUNTIF({L.marks_name(i)},ADDRESS(ROW(),COLUMN(),4))>0",
                "format": self.f["mark"]})

    # -- printing
    def _print_setup(self, ws, sh, hdr, last) -> None:
        ws.set_paper(9)
        if sh.landscape:
            ws.set_landscape()
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(hdr)
        ws.print_area(hdr, 0, last, len(sh.columns) - 1)
        ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
        ws.set_footer("&C&P/&N")
