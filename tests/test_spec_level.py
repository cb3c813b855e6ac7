"""The Phụ lục spec is shared by every round, its words by none: a round's forms,
and the consolidated workbook merged from them, speak of the round's level
(Cấu hình 'Cấp'). A provincial round's files name no district; the 2024
district round's keep the district's award, decider and drive; keys and
codes are the same whatever the level."""
from __future__ import annotations

import datetime as dt
import re
import zipfile

from tdkt_xl.appendices.fill import fill_form
from tdkt_xl.appendices.service import make_forms, merge
from tdkt_xl.appendices.spec import load_spec
from tdkt_xl.io.example import example_round, example_sheets
from tdkt_xl.io.reader import read_round

DISTRICT = re.compile(r"huyện|Phòng Nội vụ", re.I)


def _round(name: str):
    return read_round(example_sheets(example_round(name).data_dir)).round


def xlsx_text(path) -> str:
    """Every XML part of a workbook's xl/ folder (shared strings, sheets, lists)."""
    with zipfile.ZipFile(path) as z:
        return "\n".join(z.read(n).decode("utf-8") for n in z.namelist()
                         if n.startswith("xl/") and n.endswith(".xml"))


def test_provincial_round_forms_and_consolidated_workbook_name_no_district(tmp_path):
    rnd = _round("tinh-2026")
    forms = make_forms(rnd, tmp_path / "forms")
    xlsx = [p for p in forms.files if p.suffix == ".xlsx"]
    assert len(xlsx) == len(rnd.selected_units())
    for p in xlsx:
        text = xlsx_text(p)
        assert not DISTRICT.search(text), (p.name, DISTRICT.findall(text))
        assert "do Trung ương phát động" in text and "do tỉnh phát động" in text
        assert "gửi lại chính tệp này về Sở Nội vụ" in text
    from tdkt_xl.appendices.spec import round_spec
    spec = round_spec(rnd)
    inbox = tmp_path / "inbox"
    for u in rnd.selected_units():
        form = next(p for p in xlsx if p.stem.endswith(u.code))
        fill_form(spec, form, inbox / form.name, {"mv_central": 2, "mv_district": 3, "mv_own": 1, "staff": 20},
                  {"awards": [{"title": "Giấy khen của Chủ tịch UBND xã", "level": "Chủ tịch UBND xã",
                               "collectives": 1}]}, u.is_commune)
    res = merge(rnd, inbox, tmp_path / "kq", as_of=dt.date(2026, 12, 31),
                now=dt.datetime(2026, 12, 31, 8, 0), check=False)
    assert len(res.units) == len(rnd.selected_units()), [f.findings for f in res.files]
    for out in res.outputs:
        if out.suffix == ".xlsx":
            text = xlsx_text(out)
            assert not DISTRICT.search(text), (out.name, DISTRICT.findall(text))


def test_district_round_forms_keep_the_district_words(tmp_path):
    rnd = _round("huyen-2024")
    code = rnd.selected_units()[0].code
    forms = make_forms(rnd, tmp_path, unit=code)
    text = xlsx_text(next(p for p in forms.files if p.suffix == ".xlsx"))
    for words in ("Chủ tịch UBND huyện", "Giấy khen của Chủ tịch UBND huyện",
                  "Số phong trào thi đua do Trung ương, tỉnh phát động đơn vị đã triển khai",
                  "Số phong trào thi đua do huyện phát động đơn vị đã triển khai",
                  "chào mừng 60 năm Ngày thành lập huyện", "gửi lại chính tệp này về Phòng Nội vụ"):
        assert words in text, words


def test_codes_are_the_same_at_every_level():
    district, province, unknown = load_spec(level="huyện"), load_spec(level="tỉnh"), load_spec()
    assert district.title_code("Giấy khen của Chủ tịch UBND huyện") == "GK_HUYEN"
    assert district.level_code("Chủ tịch UBND huyện") == "HUYEN"
    assert province.title_code("Giấy khen của Chủ tịch UBND huyện") == ""       # no district award after the reform
    assert {c.code for c in district.choices("titles")} - {c.code for c in province.choices("titles")} == {"GK_HUYEN"}
    assert {c.code for c in unknown.choices("levels")} == {c.code for c in district.choices("levels")}
    for spec in (district, province, unknown):
        assert spec.title_code("Giấy khen của Chủ tịch UBND xã") == "GK_XA"
        assert not any("{" in label for label in spec.labels().values())
    assert set(district.labels()) - set(province.labels()) == {k for k in district.labels() if "GK_HUYEN" in k}
