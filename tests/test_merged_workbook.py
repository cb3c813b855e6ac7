"""The consolidated workbook written by the merge (tdkt_xl/appendices/output.py)."""
from __future__ import annotations

from python_calamine import CalamineWorkbook

from tdkt_xl.appendices import merge

from test_appendices import forms, good_file, rnd  # noqa: F401 - fixtures


def _sheet(path, name) -> list:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python()


def test_each_list_names_the_unit_beside_its_rows(rnd, forms, tmp_path):
    """Before: 'Điển hình tiên tiến' showed each model's own name (its column
    'name') in the column 'Tên đơn vị' instead of the unit's."""
    inbox, out = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    good_file(forms, inbox, "XQS")
    good_file(forms, inbox, "XVL")
    res = merge(rnd, inbox, out)
    path = out / "Tong_hop_phu_luc.xlsx"
    names = {u.code: u.name for u in rnd.units}
    for sheet in ("Quyết định khen thưởng", "Điển hình tiên tiến", "Văn bản triển khai"):
        rows = _sheet(path, sheet)
        assert rows[2][:2] == ["Mã đơn vị", "Tên đơn vị"]
        body = [r for r in rows[3:] if r[0]]
        assert {r[0] for r in body} == {"XQS", "XVL"}, sheet
        assert all(r[1] == names[r[0]] for r in body), sheet
    models = _sheet(path, "Điển hình tiên tiến")
    assert [r[3] for r in models[3:] if r[0] == "XQS"] == [m["name"] for m in res.units["XQS"].tables["models"]]
