"""docs/documents.md lists, for every template of templates/, exactly the tags
it uses (each value a template prints or loops over, as a dotted path:
`header.issuer`, `members[].name`), so the list cannot drift from the
templates again.  Before: plan_subject, plan_title, carried, legal_basis…
were used by the templates and missing from the list, and the list had no
line at all for the plan, the report or the reminder letter."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from jinja2 import nodes

from tdkt_xl.documents.render import _ENV, load_template

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "documents.md"
TEMPLATES = sorted(p.name for p in (ROOT / "templates").glob("*.docx"))
COMMON = "mọi mẫu"          # the line of tags every template uses


def _path(n, env):
    """The dotted path of a value expression ('members[].name'), None when it
    is not one (a literal, a loop's own variable, a computed value)."""
    if isinstance(n, nodes.Name):
        return env.get(n.name, n.name) if n.ctx == "load" else None
    if isinstance(n, nodes.Getattr):
        base = _path(n.node, env)
        return f"{base}.{n.attr}" if base else None
    if isinstance(n, nodes.Getitem) and isinstance(n.arg, nodes.Const) and isinstance(n.arg.value, str):
        base = _path(n.node, env)
        return f"{base}.{n.arg.value}" if base else None
    return None


def used_tags(template: str) -> list:
    """The leaf paths a template uses, in the order they first appear."""
    found: dict = {}

    def visit(n, env):
        if isinstance(n, nodes.For):
            visit(n.iter, env)
            inner = {**env, "loop": None}
            over = _path(n.iter, env)
            targets = [n.target] if isinstance(n.target, nodes.Name) else list(n.target.items)
            for t in targets:
                inner[t.name] = f"{over}[]" if over and len(targets) == 1 else None
            for c in [*n.body, *n.else_] + ([n.test] if n.test is not None else []):
                visit(c, inner)
            return
        if isinstance(n, (nodes.Name, nodes.Getattr, nodes.Getitem)):
            p = _path(n, env)
            if p:
                found.setdefault(p)
                return
        for c in n.iter_child_nodes():
            visit(c, env)

    for _tpl, src in load_template(template, ROOT / "templates").jinja.values():
        visit(_ENV.parse("\n".join(src)), {})
    return [p for p in found if not any(q.startswith((p + ".", p + "[]")) for q in found)]


_ITEM = re.compile(r"`([^`]+)`")


def _expand(item: str) -> list:
    """`header.(issuer, supervising)` -> header.issuer, header.supervising."""
    mt = re.fullmatch(r"(.*?)\((.*)\)", item.strip(), re.S)
    if not mt:
        return [item.strip()]
    return [mt.group(1) + part.strip() for part in mt.group(2).split(",") if part.strip()]


def documented() -> dict:
    """{template file or COMMON: [tags]} from the list in docs/documents.md."""
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("### Thẻ của từng mẫu"):]
    section = section[:section.index("\n## ")] if "\n## " in section else section
    out = {}
    for line in re.split(r"\n(?=- )", section):
        mt = re.match(r"- (?:`([^`]+\.docx)`|(" + COMMON + r")): (.*)", line, re.S)
        if mt:
            out[mt.group(1) or mt.group(2)] = [t for item in _ITEM.findall(mt.group(3)) for t in _expand(item)]
    return out


def test_the_list_has_a_line_for_every_template_and_no_other():
    assert set(documented()) - {COMMON} == set(TEMPLATES)


@pytest.mark.parametrize("template", TEMPLATES)
def test_every_tag_a_template_uses_is_listed_and_every_listed_tag_is_used(template):
    doc = documented()
    listed = doc[template] + doc[COMMON]
    used = used_tags(template)
    assert len(listed) == len(set(listed)), [t for t in listed if listed.count(t) > 1]
    assert sorted(set(used) - set(listed)) == [], f"docs/documents.md: {template} uses tags not listed"
    assert sorted(set(listed) - set(used)) == [], f"docs/documents.md: {template} lists tags it does not use"


def test_the_common_line_is_what_every_template_uses():
    common = set(documented()[COMMON])
    assert common and all(common <= set(used_tags(t)) for t in TEMPLATES)
