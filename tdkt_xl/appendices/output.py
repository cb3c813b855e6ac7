"""Writers of a MergeResult: the consolidated workbook (XlsxWriter) and the
merge report (.txt).  Files are written whole or not at all
(``tdkt_xl.io.atomic``); an existing different file of the same name is kept
as a numbered backup."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from tdkt_xl.appendices.returned import MERGED, REJECTED, SKIPPED, STATUS_VI, SUPERSEDED
from tdkt_xl.appendices.spec import CHOICE, RATIO
from tdkt_xl.appendices.stats import (DATA_SHEET, PERCENT_HEADERS, SCOPE_ALL, block_scopes, data_table,
                                     scope_label)
from tdkt_xl.documents.marker import mark_xlsx
from tdkt_xl.vocabulary.cells import fmt_date
from tdkt_xl.io.atomic import write_keeping
from tdkt_xl.io.xlsx import PAGE_WIDTH, new_workbook, print_setup
from tdkt_xl.vocabulary import outputs as O
from tdkt_xl.io.xlsx_bulk import BulkRows, Rendered
from tdkt_xl.appendices import unit_rows
from tdkt_xl.appendices.unit_rows import KINDS, unit_kinds
from tdkt_xl.vocabulary.findings import finding_headers, finding_row

WORKBOOK_NAME = O.CONSOLIDATED
REPORT_NAME = "Bao_cao_hop_nhat.txt"


SAVED_AT_HEADER = "Thời điểm lưu tệp (giờ trên máy tính này)"


def local_time(when) -> str:
    """A file's save time (stored in UTC by Excel) in the local time of this PC."""
    if not when:
        return ""
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return when.astimezone().strftime("%d/%m/%Y %H:%M")


class _F:
    def __init__(self, wb):
        base = {"font_name": "Times New Roman", "font_size": 11, "valign": "vcenter"}

        def f(**kw):
            fmt = wb.add_format({**base, **kw})
            fmt._get_xf_index()         # registered now, in this order: the cell styles are known ahead
            return fmt                  # (``unit_rows.workbook_styles``: rows rendered by the merge's workers)
        self.title = f(bold=True, font_size=14)
        self.title_wrap = f(bold=True, font_size=14, text_wrap=True, valign="top")
        self.note = f(italic=True, font_color="#595959")
        self.head = f(bold=True, text_wrap=True, align="center", border=1, bg_color="#DDEBF7")
        self.text = f(border=1)
        self.wrap = f(border=1, text_wrap=True)
        self.int = f(border=1, num_format="#,##0")
        self.pct = f(border=1, num_format="0.0")
        self.frac = f(border=1, num_format="0.0%")
        self.date = f(border=1, num_format="dd/mm/yyyy")
        self.tot_text = f(border=1, bold=True, bg_color="#F2F2F2")
        self.tot_int = f(border=1, bold=True, bg_color="#F2F2F2", num_format="#,##0")
        self.tot_pct = f(border=1, bold=True, bg_color="#F2F2F2", num_format="0.0")
        self.tot_frac = f(border=1, bold=True, bg_color="#F2F2F2", num_format="0.0%")
        self.err = f(border=1, text_wrap=True, font_color="#C00000", valign="top")


def header_height(headers: list, widths: list) -> float:
    """Points for a header row whose longest wrapped label fits (11 pt bold, ~15 pt a
    line; a column of width w holds about w characters): never less than 4 lines."""
    lines = max((-(-len(h) // max(4, int(w))) for h, w in zip(headers, widths)), default=1)
    return 15.0 * max(4, lines) + 3


TITLE_CHAR_WIDTH = 1.5     # column-width units of one 14 pt bold capital letter
TITLE_LINE_PT = 20.0


def _title(ws, fm, text: str, widths: list) -> None:
    """The sheet title in A1.  A table wider than a page prints its first two columns
    on every page (``print_setup``), the title with them: there it is cut where those
    columns end, so it is wrapped inside them (merged A1:B1, as many lines as it needs)."""
    if sum(widths) <= PAGE_WIDTH or len(widths) < 2:
        ws.write_string(0, 0, text, fm.title)
        return
    lines = -(-int(len(text) * TITLE_CHAR_WIDTH) // max(1, int(widths[0] + widths[1])))
    ws.merge_range(0, 0, 0, 1, text, fm.title_wrap)
    ws.set_row(0, TITLE_LINE_PT * max(1, lines) + 4)


def _table(ws, fm, top: int, headers: list, rows: list, kinds: list, widths: list, total_from: int | None = None,
           *, bulk: BulkRows, title: str | None = None, units: Rendered | None = None,
           units_first: bool = True):
    """A header row and ``rows`` below it, the rows written by ``bulk`` after
    the workbook is closed (XlsxWriter may write nothing below them).
    ``title``: the sheet's title, written in A1 so that it prints whole.
    ``units``: the merged units' rows rendered ahead (``_unit_blocks``), before
    ``rows`` (``units_first``) or after them; ``total_from`` counts in ``rows``."""
    if title is not None:
        _title(ws, fm, title, widths)
    for c, h in enumerate(headers):
        ws.write_string(top, c, h, fm.head)
        ws.set_column(c, c, widths[c])
    ws.set_row(top, header_height(headers, widths))
    plain = [{"text": fm.text, "int": fm.int, "pct": fm.pct, "frac": fm.frac}[k] for k in kinds]
    total = [{"text": fm.tot_text, "int": fm.tot_int, "pct": fm.tot_pct, "frac": fm.tot_frac}[k] for k in kinds]
    n_units = units.count if units else 0
    first = top + 1 + (n_units if units_first else 0)         # where ``rows`` start
    bulk.add(ws, first, rows, lambda i: total if total_from is not None and i >= total_from else plain)
    if n_units:
        bulk.add_rendered(ws, top + 1 + (0 if units_first else len(rows)), units)
    ws.freeze_panes(top + 1, 2)
    n = len(rows) + n_units if total_from is None else total_from + (n_units if units_first else 0)
    if n:
        ws.autofilter(top, 0, top + n, len(headers) - 1)
    print_setup(ws, top, top + len(rows) + n_units, widths)


def _unit_blocks(res, lay: unit_rows.Layout) -> dict:
    """sheet name -> Rendered: each merged unit's rows, as its file's examination
    rendered them (``res.rows``, when with this workbook's cell styles) or rendered here."""
    ahead = res.rows if lay.styles == unit_rows.workbook_styles() else {}
    parts: dict = {name: [] for name in lay.sheets}
    lists = list(parts.values())
    for code, info in res.unit_info.items():
        u = res.units.get(code)
        if u is None:
            continue
        got = ahead.get(code)
        if got is None:
            got = unit_rows.render(lay, code, info.name, info.block, u.values, u.tables)
        for target, block in zip(lists, unit_rows.blocks(got, len(lists))):
            target.append(block)
    widths = lay.widths()
    return {name: Rendered(p, widths[name]) for name, p in parts.items()}


def _unit_sheet(wb, fm, stats, name: str, title: str, keys: tuple, bulk: BulkRows, units: Rendered):
    """An appendix sheet: the merged units' rows rendered ahead, then the
    blocks' and the whole round's totals."""
    ws = wb.add_worksheet(name)
    ws.write_string(1, 0, "Số liệu tính lại từ các ô đơn vị nhập; tỷ lệ tính lại từ tổng tử số và mẫu số.",
                    fm.note)
    headers = ["Mã đơn vị", "Tên đơn vị", "Khối"] + [lab + (" (%)" if k == RATIO else "") for _k, lab, k in keys]
    kinds = unit_kinds(keys)
    rows = []
    for scope in block_scopes(stats.totals) + [SCOPE_ALL]:
        tot = stats.totals.get(scope, {})
        label = scope_label(scope)
        vals = []
        for k, _l, kind in keys:
            v = tot.get(k) if k is not None else None
            vals.append(f"{v} đơn vị 'Có'" if kind == CHOICE and v is not None else v)
        rows.append(["", label, f"{tot.get('units_merged', 0)} đơn vị"] + vals)
    widths = [10, 46, 30] + [14 if kinds[i + 3] != "text" else 16 for i in range(len(keys))]
    _table(ws, fm, 3, headers, rows, kinds, widths, total_from=0, bulk=bulk, title=title, units=units)


def write_workbook(res, out_dir: Path, stamp: dt.datetime | None = None) -> Path:
    stats = res.stats()
    wb, buf = new_workbook()
    props = {"title": "Tổng hợp phụ lục kiểm tra công tác thi đua, khen thưởng"}
    if stamp:
        props["created"] = stamp
    wb.set_properties(props)
    mark_xlsx(wb, {"tdkt_kind": "merged"})
    fm = _F(wb)
    bulk = BulkRows()

    # 1. summary (same array as the master's 'Tổng hợp phụ lục' sheet)
    ws = wb.add_worksheet("Tổng hợp")
    ws.write_string(1, 0, f"Thư mục: {Path(res.inbox).name}. Đã tổng hợp {len(res.units)} đơn vị; "
                    f"{sum(1 for f in res.files if f.status == REJECTED)} tệp bị từ chối; "
                    f"{len(res.missing)} đơn vị chưa gửi.", fm.note)
    table = res.summary_table()
    head, body = table[0], table[1:]
    kinds = ["text"] * 5 + [("pct" if h in PERCENT_HEADERS else "int") for h in head[5:-1]] + ["text"]
    widths = [10, 46, 30, 24, 28] + [12] * (len(head) - 6) + [14]
    _table(ws, fm, 3, head, body, kinds, widths, total_from=len(body) - len(stats.totals), bulk=bulk,
           title="TỔNG HỢP PHỤ LỤC CÁC ĐƠN VỊ GỬI VỀ")

    # 2-4. one sheet per appendix, per unit + totals
    lay = unit_rows.layout(res.spec, tuple((k, getattr(fm, k).xf_index) for k in KINDS))
    units = _unit_blocks(res, lay)
    for sh, (name, keys) in zip(res.spec.sheets, lay.unit_sheets):
        _unit_sheet(wb, fm, stats, name, f"{sh.name.upper()}: {sh.title}", keys, bulk, units[name])

    # 5. awards by title (district, blocks, each unit)
    ws = wb.add_worksheet(unit_rows.TITLES_SHEET)
    tab = res.spec.table("awards")
    col_labels = {c.key: c.label for c in tab.columns}
    headers = ["Phạm vi", "Danh hiệu, hình thức", "Nhóm"] + [col_labels[c] for c in unit_rows.TITLE_COLUMNS]
    rows = []
    for scope in [SCOPE_ALL] + block_scopes(stats.totals):
        tot = stats.totals.get(scope, {})
        rows += [[scope, t.label, t.group] + list(map(tot.get, keys)) for t, keys in lay.titles]
    _table(ws, fm, 2, headers, rows, ["text"] * 3 + ["int"] * len(unit_rows.TITLE_COLUMNS),
           [34, 36, 20] + [11] * len(unit_rows.TITLE_COLUMNS), bulk=bulk,
           title="KẾT QUẢ KHEN THƯỞNG THEO DANH HIỆU, HÌNH THỨC", units=units[unit_rows.TITLES_SHEET],
           units_first=False)

    # 6-8. lists typed by the units (column B: the unit's name, also beside a list with a column 'name')
    for name, table_key in unit_rows.LIST_SHEETS:
        ws = wb.add_worksheet(name)
        sec = res.spec.table(table_key)
        headers = ["Mã đơn vị", "Tên đơn vị", "Dòng"] + [c.label for c in sec.columns]
        widths = [10, 30, 6] + [min(max(c.width, 10), 40) for c in sec.columns]
        _table(ws, fm, 2, headers, [], unit_rows.list_kinds(sec), widths, bulk=bulk, title=name.upper(),
               units=units[name])

    # 9. merge report
    _report_sheet(wb, fm, res, bulk)

    # 10. machine-readable data (load_consolidated): one row per unit / scope, one column per key
    ws = wb.add_worksheet(DATA_SHEET)
    data = data_table(stats)
    for r, row in enumerate(data[:2]):
        for c, v in enumerate(row):
            if v is not None and v != "":
                ws.write_string(r, c, str(v), fm.head)
    block = units[DATA_SHEET]
    bulk.add_rendered(ws, 2, block)
    bulk.add(ws, 2 + block.count, data[2:], [], skip_blank=True)
    ws.set_column(0, 2, 18)
    ws.set_row(0, None, None, {"hidden": True})     # the machine keys: read back, never shown
    ws.freeze_panes(2, 3)
    ws.hide()                                       # data for 'tdkt report --appendices'
    wb.close()
    return write_keeping(Path(out_dir) / WORKBOOK_NAME, bulk.finish(buf.getvalue()))


def _report_sheet(wb, fm, res, bulk: BulkRows):
    ws = wb.add_worksheet("Báo cáo hợp nhất")
    ws.write_string(0, 0, "BÁO CÁO HỢP NHẤT PHỤ LỤC", fm.title)
    headers = ["Tệp", "Mã đơn vị", "Tình trạng", SAVED_AT_HEADER, "Mã lỗi, cảnh báo"]
    rows = [[f.name, f.unit_code, STATUS_VI.get(f.status, f.status), local_time(f.saved_at),
             ", ".join(sorted({x.code for x in f.findings}))] for f in res.files]
    _table(ws, fm, 2, headers, rows, ["text"] * 5, [34, 12, 24, 18, 24], bulk=bulk)
    top = 4 + len(rows)
    head = finding_headers(with_file=True)
    styles = [[fm.title], [fm.head] * len(head)] + [[fm.err if f.is_error else fm.wrap] * len(head)
                                                     for f in res.findings]
    bulk.add(ws, top, [["Lỗi và cảnh báo"], head] + [finding_row(f, with_file=True) for f in res.findings],
             styles.__getitem__,
             heights=[None, None] + [15 * max(1, -(-len(f.message) // 105)) for f in res.findings])
    ws.set_column(5, 5, 12)
    ws.set_column(6, 6, 100)
    print_setup(ws, 2, top + 1 + len(res.findings), [34, 12, 24, 18, 24, 12, 100])


def report_text(res) -> str:
    lines = ["BÁO CÁO HỢP NHẤT PHỤ LỤC I, II, III", f"Thư mục phụ lục gửi về: {Path(res.inbox).name}", ""]
    lines.append(f"Đã tổng hợp: {len(res.units)} đơn vị.")
    if all(f.status == SKIPPED for f in res.files):
        lines.append("Không tìm thấy tệp phụ lục nào trong thư mục gửi về.")
    for f in res.files:
        if f.status == MERGED:
            warn = sorted({x.code for x in f.findings})
            lines.append(f"  - {f.unit_code} ({res.unit_info[f.unit_code].name}): {f.name}"
                         + (f" (tệp mới nhất theo {f.chosen_by})" if f.chosen_by else "")
                         + (f"; cảnh báo {', '.join(warn)}" if warn else ""))
    bad = [f for f in res.files if f.status in (REJECTED, SUPERSEDED, SKIPPED)]
    lines += ["", f"Tệp không được tổng hợp: {len(bad)}."]
    for f in bad:
        lines.append(f"  - {f.name}" + (f" (đơn vị {f.unit_code})" if f.unit_code else "")
                     + f": {STATUS_VI[f.status]}")
        for x in f.findings:
            if x.is_error or f.status in (SUPERSEDED, SKIPPED):
                lines.append(f"      [{x.code}] {x.where() if x.sheet or x.cell else x.file}: {x.message}")
    lines += ["", f"Đơn vị chưa gửi phụ lục: {len(res.missing)}."]
    for m in res.missing:
        lines.append(f"  - {m.code} ({m.name}): hạn nộp báo cáo {fmt_date(m.report_due) or 'chưa xác định'}")
    warns = [x for x in res.findings if not x.is_error and x.code not in ("PL40", "PL12", "PL26")]
    lines += ["", f"Cảnh báo trong các tệp đã tổng hợp: {len(warns)}."]
    for x in warns:
        lines.append(f"  - [{x.code}] {x.unit} - {x.where()}: {x.message}")
    stats = res.stats()
    tot = stats.totals.get(SCOPE_ALL, {})
    if tot.get("units_merged"):
        def pct(v):
            return "—" if v is None else f"{v * 100:.1f}%".replace(".", ",")
        lines += ["", "Số liệu chung (các đơn vị đã tổng hợp):",
                  f"  - Lao động tiên tiến: {tot.get('awards.LDTT.individuals') or 0}; "
                  f"Chiến sĩ thi đua cơ sở: {tot.get('awards.CSTDCS.individuals') or 0} "
                  f"(tỷ lệ {pct(tot.get('r_cstdcs_ldtt'))})",
                  f"  - Tỷ lệ khen cá nhân không giữ chức vụ lãnh đạo: {pct(tot.get('r_nonleader'))}; "
                  f"công nhân, nông dân, NLĐ trực tiếp: {pct(tot.get('r_workers'))}",
                  f"  - Tỷ lệ hộ Gia đình văn hóa (các xã): {pct(tot.get('r_family'))}"]
    return "\n".join(lines) + "\n"


def write_report(res, out_dir: Path) -> Path:
    return write_keeping(Path(out_dir) / REPORT_NAME, report_text(res).encode("utf-8"))
