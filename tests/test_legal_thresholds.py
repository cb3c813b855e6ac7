"""Appendix checks that rest on a law take their figures from the register of
legal bases by date: who may decide which award (PL34: spec ``authority``
rows tied to register codes, H7 under NĐ 98/2023, H8 under NĐ 152/2025) and
the ratio caps (PL32, PL33: spec ``caps`` by register code).  The same
returned file under a 2026 date uses the NĐ 152 values where they differ."""
from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from tdkt_xl import gate
from tdkt_xl.appendices import load_spec, make_forms, merge_inbox
from tdkt_xl.appendices.codes import CHECK_TYPES, ULTRA_VIRES
from tdkt_xl.appendices.fill import fill_form
from tdkt_xl.builder.example import example_sheets
from tdkt_xl.io.reader import read_round
from tdkt_xl.io.register import shipped_register, shipped_rows
from tdkt_xl.vocabulary import schema as S

from test_appendices import COMMUNE_TABLES, COMMUNE_VALUES

SPEC = load_spec()
D = dt.date


@pytest.fixture(scope="module")
def forms(tmp_path_factory):
    out = tmp_path_factory.mktemp("forms")
    make_forms(read_round(example_sheets()).round, out)
    return out


def _round(plan_date=None, legal=None):
    rnd = read_round(example_sheets()).round
    rnd.settings.plan_date = plan_date or rnd.settings.plan_date
    if legal is not None:
        rnd.legal = list(legal)
    return rnd


def _awards(day):
    """Two decisions of the same day: CSTĐCS by the commune chairman (ultra vires
    under H7, his under H8) and LĐTT by the district chairman (his under H7,
    no longer anyone's at district level under H8)."""
    return [{"title": "Chiến sĩ thi đua cơ sở", "level": "Chủ tịch UBND xã", "dec_no": "01/QĐ-UBND",
             "dec_date": day, "ind_staff": 2},
            {"title": "Lao động tiên tiến", "level": "Chủ tịch UBND huyện", "dec_no": "02/QĐ-UBND",
             "dec_date": day, "ind_staff": 20}]


def _merge(forms, inbox, rnd, tables=None, values=None):
    inbox.mkdir()
    fill_form(SPEC, forms / "Phu_luc_XQS.xlsx", inbox / "XQS.xlsx", values or COMMUNE_VALUES,
              tables or COMMUNE_TABLES, True, None)
    return [f for f in merge_inbox(rnd, inbox).findings if f.unit == "XQS"]


def _ultra_vires(findings):
    return sorted((f.message.split("'")[1], f.message.split("(")[-1]) for f in findings if f.code == "PL34")


def test_who_may_decide_follows_the_decree_in_force_on_the_decision_date(forms, tmp_path):
    tables = dict(COMMUNE_TABLES)
    tables["awards"] = _awards(D(2024, 3, 1))
    in_2024 = _ultra_vires(_merge(forms, tmp_path / "a", _round(), tables))
    assert [t for t, _ in in_2024] == ["Chiến sĩ thi đua cơ sở"]
    assert "Điều 80 Luật Thi đua, khen thưởng số 06/2022/QH15" in in_2024[0][1]
    tables["awards"] = _awards(D(2026, 3, 1))
    in_2026 = _ultra_vires(_merge(forms, tmp_path / "b", _round(), tables))
    assert [t for t, _ in in_2026] == ["Lao động tiên tiến"]
    assert "Nghị định số 152/2025/NĐ-CP" in in_2026[0][1]


def test_the_register_not_the_spec_dates_the_authority_rules(forms, tmp_path):
    """A register whose NĐ 152 row starts later (a clerk's correction) moves
    the day the H8 rule applies: no rule covers a 2026 decision then."""
    later = [dataclasses.replace(l, start=D(2027, 1, 1)) if l.code == "ND152_2025" else l
             for l in shipped_register()]
    tables = dict(COMMUNE_TABLES)
    tables["awards"] = _awards(D(2026, 3, 1))
    assert _ultra_vires(_merge(forms, tmp_path / "a", _round(legal=later), tables)) == []


def test_the_cstdcs_cap_is_the_law_only_under_nd_91(forms, tmp_path):
    tables = dict(COMMUNE_TABLES)
    tables["awards"] = [dict(r) for r in COMMUNE_TABLES["awards"]]
    tables["awards"][1]["ind_staff"] = 4                      # 5 CSTĐCS of 23 LĐTT: 21,7 %
    under_91 = [f for f in _merge(forms, tmp_path / "a", _round(D(2023, 11, 20)), tables)
                if f.code == "PL32"]
    assert len(under_91) == 1 and "15%" in under_91[0].message
    assert "Nghị định số 91/2017/NĐ-CP" in under_91[0].message
    assert not [f for f in _merge(forms, tmp_path / "b", _round(D(2024, 4, 5)), tables)
                if f.code == "PL32"]


@pytest.mark.parametrize("day, decree", [(D(2024, 4, 5), "Nghị định số 98/2023/NĐ-CP"),
                                         (D(2026, 4, 6), "Nghị định số 152/2025/NĐ-CP")])
def test_the_organising_share_cap_names_the_decree_of_the_plans_date(forms, tmp_path, day, decree):
    values = dict(COMMUNE_VALUES, spent_organising=12_000_000)          # 28 % of the fund
    rnd = _round(day)
    own = [k for k in rnd.settings.extra if k.startswith("Trần tỷ lệ chi tổ chức")]
    assert own                                   # the example council sets its own cap …
    for k in own:                                # … without it, the decree's figure
        del rnd.settings.extra[k]
    hits = [f for f in _merge(forms, tmp_path / "a", rnd, values=values) if f.code == "PL33"]
    assert len(hits) == 1 and "20%" in hits[0].message and decree in hits[0].message


def test_every_register_code_the_spec_names_is_in_the_shipped_register():
    codes = {l.code for l in shipped_register()}
    named = {r["law"] for r in SPEC.authority} | {c for chk in SPEC.checks for c in chk.get("caps", {})}
    assert named and named <= codes
    # what the validator is handed (read below the appendices) is what the forms use
    from tdkt_xl.io.appendix_citations import spec_citations
    assert set(named) <= set(spec_citations()) == set(SPEC.citations()) <= codes
    assert spec_citations() == SPEC.citations()
    assert {r["code"] for r in SPEC.authority} == {ULTRA_VIRES.code}
    assert {u for users in SPEC.citations().values() for u in users} <= set(CHECK_TYPES) | {ULTRA_VIRES.code}


def _without(*codes):
    """The example round's sheets with the register lacking ``codes``."""
    sheets = example_sheets()
    head, *rows = shipped_rows()
    sheets[S.LEGAL.name] = [head] + [r for r in rows if r[0] not in codes]
    return sheets


@pytest.mark.parametrize("code, uses", [
    ("ND152_2025", "các lỗi PL33, PL34:"), ("ND91_2017", "các lỗi PL32:"),
    ("LUAT06_2022", "các lỗi PL34 và dòng 'Căn cứ pháp lý theo ngày của Kế hoạch'")])
def test_a_register_without_a_text_the_appendix_spec_rests_on_is_told_which(code, uses):
    """Before: CC06 knew only the codes of the validator's own findings; a
    register without NĐ 152/2025 or NĐ 91/2017, which only the Phụ lục checks
    rest on (who may decide an award, the ratio caps), was said nothing about."""
    findings = gate.check(_without(code), D(2024, 12, 31), "so.xlsx").report.findings
    cc06 = [f for f in findings if f.code == "CC06"]
    assert len(cc06) == 1, cc06
    assert cc06[0].sheet == S.LEGAL.name and cc06[0].cell.startswith("A")
    assert f"không có dòng nào mã '{code}'" in cc06[0].message and uses in cc06[0].message
    assert not [f for f in gate.check(_without(), D(2024, 12, 31), "so.xlsx").report.findings
                if f.code == "CC06"]


def test_an_ultra_vires_finding_cites_only_what_the_register_holds(forms, tmp_path):
    """Before: PL34 quoted the spec's own words ('Điều 80 Luật Thi đua, khen
    thưởng 2022') whenever NĐ 98/2023 was in force, with or without the law
    in the register.  Now the register names the text: without the law's row
    the finding cites the decree the rule rests on, which the register holds."""
    tables = dict(COMMUNE_TABLES)
    tables["awards"] = _awards(D(2024, 3, 1))
    no_law = [l for l in shipped_register() if l.code != "LUAT06_2022"]
    (hit,) = _ultra_vires(_merge(forms, tmp_path / "a", _round(legal=no_law), tables))
    assert "Luật Thi đua" not in hit[1] and "Nghị định số 98/2023/NĐ-CP" in hit[1]
    names = {l.name for l in shipped_register()}
    (with_law,) = _ultra_vires(_merge(forms, tmp_path / "b", _round(), tables))
    assert any(n in with_law[1] for n in names)
