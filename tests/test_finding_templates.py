"""Every finding's message template formats with the values its call sites
pass: checked from the source (every ``X.at(..., name=value)`` of a finding
type), not by a fallback at run time (``FindingType.at`` raises on a missing
value).  Malformed templates are refused by ``define`` itself."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

import tdkt_xl
from tdkt_xl.cli.codes import finding_types
from tdkt_xl.vocabulary.findings import ERROR, FindingType, define, template_fields

PACKAGE = Path(tdkt_xl.__file__).parent
AT_OWN = {"sheet", "cell", "unit", "blocks", "file"}      # at()'s own parameters


def _types_by_name() -> dict:
    """Variable name -> finding types so named in the catalogue modules."""
    import importlib
    out: dict = {}
    for mod in ("tdkt_xl.vocabulary.catalogue", "tdkt_xl.appendices.codes",
                "tdkt_xl.roundcheck.codes"):
        for name, v in vars(importlib.import_module(mod)).items():
            if isinstance(v, FindingType):
                out.setdefault(name, []).append(v)
    return out


def _call_sites():
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for n in ast.walk(tree):
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "at":
                target = n.func.value
                name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", None)
                if name:
                    yield path.relative_to(PACKAGE).as_posix(), n.lineno, name, n


def test_every_call_site_gives_its_templates_values():
    types = _types_by_name()
    checked, problems = 0, []
    for where, line, name, call in _call_sites():
        if name not in types:
            continue
        if any(k.arg is None for k in call.keywords):           # **values: checked at run time
            continue
        given = {k.arg for k in call.keywords} - AT_OWN
        if not any(ft.fields <= given for ft in types[name]):
            need = " or ".join(str(sorted(ft.fields)) for ft in types[name])
            problems.append(f"{where}:{line} {name}.at gives {sorted(given)}, needs {need}")
        checked += 1
    assert checked > 100
    assert not problems, "\n".join(problems)


def test_every_template_is_well_formed():
    for ft in finding_types():
        assert template_fields(ft.template) == ft.fields


def test_define_refuses_a_template_no_call_can_fill():
    with pytest.raises(ValueError):
        define("ZZ98", ERROR, "x", "Giá trị {} không hợp lệ.")


def test_a_missing_value_is_a_bug_not_a_silent_message():
    ft = FindingType("ZZ99", ERROR, "x", "Cột '{column}' trống.")
    with pytest.raises(KeyError):
        ft.at("Trang", "A1")
