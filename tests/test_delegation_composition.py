"""Issue 13 §1: the composition rules of a delegation are the round's data
(Cấu hình rows), not code: whether each delegation must have a leader (TD06)
and a specialist (TD07) of the standing office, and which council roles may
head it (TD04).  A workbook without these rows reads as before."""
from __future__ import annotations

from conftest import AS_OF
from tdkt_xl.gate import validate_arrays
from tdkt_xl.io.reader import read_round
from tdkt_xl.vocabulary import cells, schema as S

FIELDS = ("office_leader_rule", "office_specialist_rule", "head_roles")


def _label(field: str) -> str:
    return next(s.label for s in S.SETTING_KEYS if s.field == field)


def _set(sheets: dict, field: str, value) -> None:
    """Give the Cấu hình row of ``field`` the value (adding the row if absent)."""
    rows = sheets[S.SETTINGS.name]
    label = _label(field)
    for row in rows:
        if cells.key_text(row[0]) == cells.key_text(label):
            row[1] = value
            return
    rows.append([label, value, ""])


def _drop(sheets: dict, fields) -> None:
    drop = {cells.key_text(_label(f)) for f in fields}
    sheets[S.SETTINGS.name] = [r for r in sheets[S.SETTINGS.name] if cells.key_text(r[0]) not in drop]


def _no_office_roles(sheets: dict) -> None:
    rows = sheets[S.MEMBERS.name]
    i = rows[0].index(S.MEMBERS.col("pnv_role").header)
    for row in rows[1:]:
        if len(row) > i:
            row[i] = ""


def _make_member(sheets: dict, role: str) -> str:
    """Give the first Trưởng đoàn of the Thành phần đoàn sheet the council role
    ``role``; returns their name."""
    dele = sheets[S.DELEGATION.name]
    ni, ti = dele[0].index(S.DELEGATION.col("member_name").header), dele[0].index(S.DELEGATION.col("task").header)
    name = next(r[ni] for r in dele[1:] if r[ti] == S.TASK_HEAD)
    members = sheets[S.MEMBERS.name]
    ri = members[0].index(S.MEMBERS.col("council_role").header)
    for row in members[1:]:
        if row[0] == name:
            row[ri] = role
    return name


def _codes(sheets) -> list:
    return [f.code for f in validate_arrays(sheets, "ví dụ", AS_OF).findings]


def test_the_example_states_the_rules_and_they_hold_by_default(example_sheets):
    st = read_round(example_sheets).round.settings
    assert (st.needs_office_leader, st.needs_office_specialist) == (True, True)
    assert st.lead_roles == (S.ROLE_CHAIR, S.ROLE_VICE)
    _no_office_roles(example_sheets)
    codes = _codes(example_sheets)
    assert "TD06" in codes and "TD07" in codes
    _drop(example_sheets, FIELDS)                      # a workbook without the rows: the same rules
    assert _codes(example_sheets) == codes


def test_a_council_that_does_not_require_the_standing_office(example_sheets):
    _no_office_roles(example_sheets)
    _set(example_sheets, "office_leader_rule", "Không")
    codes = _codes(example_sheets)
    assert "TD06" not in codes and "TD07" in codes
    _set(example_sheets, "office_specialist_rule", "Không")
    codes = _codes(example_sheets)
    assert "TD06" not in codes and "TD07" not in codes


def test_the_head_rule_follows_the_roles_allowed(example_sheets):
    name = _make_member(example_sheets, S.ROLE_MEMBER)
    report = validate_arrays(example_sheets, "ví dụ", AS_OF)
    td04 = [f for f in report.findings if f.code == "TD04"]
    assert td04 and all(name in f.message for f in td04)
    assert "không phải Chủ tịch hoặc Phó Chủ tịch Hội đồng" in td04[0].message
    _set(example_sheets, "head_roles", "Chủ tịch, Phó Chủ tịch, Thành viên Hội đồng")
    assert "TD04" not in _codes(example_sheets)
    # a council whose heads must be its chairman: a vice-chairman heading is an error
    _make_member(example_sheets, S.ROLE_VICE)
    _set(example_sheets, "head_roles", "Chủ tịch Hội đồng")
    report = validate_arrays(example_sheets, "ví dụ", AS_OF)
    td04 = [f for f in report.findings if f.code == "TD04"]
    assert td04 and "không phải Chủ tịch Hội đồng" in td04[0].message


def test_a_role_the_council_does_not_have_is_shown_at_its_cell(example_sheets):
    _set(example_sheets, "head_roles", "Chủ tịch; Giám đốc")
    read = read_round(example_sheets)
    bad = [f for f in read.findings if f.code == "GT06" and f.sheet == S.SETTINGS.name]
    assert len(bad) == 1 and "Giám đốc" in bad[0].message and bad[0].cell.startswith("B")
    assert read.round.settings.lead_roles == (S.ROLE_CHAIR,)


def test_the_2024_example_has_the_same_findings_as_without_the_rows(example_sheets):
    before = _codes(example_sheets)
    _drop(example_sheets, FIELDS)
    assert _codes(example_sheets) == before
