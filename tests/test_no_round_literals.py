"""Issue 13 §1: what is particular to one round or one council is data.

No name of the shipped 2024 round (its place, people, units and their codes,
its standing office, the plan's and the checklist's texts) appears in the
package's code (string literals of ``tdkt_xl/**/*.py``, docstrings and comments
aside) or in the text of ``templates/*.docx``.  The literals are read from the
example data at test time, so a name added to the example is guarded too.
"""
from __future__ import annotations

import ast
import re
import unicodedata
import zipfile
from pathlib import Path

from conftest import ROOT
from tdkt_xl.io.example import example_rounds, example_sheets
from tdkt_xl.vocabulary import schema as S

FIXED = ("Chi Lăng", "Vi Nông Trường", "Phòng Nội vụ")

# Cấu hình rows whose value names the council, its place or its offices
NAMED_SETTINGS = ("council_name", "supervising_body", "place_name", "plan_basis", "signer_name",
                  "contact_name", "standing_office", "standing_office_head", "upper_office")

# (file relative to the project, literal): why the literal may stay there.  Keep it small.
ALLOWED = {
    ("tdkt_xl/vocabulary/schema.py", "Phòng Nội vụ"):
        "the Thành viên header and the contact's label of workbooks made before 2025, "
        "read as aliases so an old workbook still reads",
}


def _nfc(s) -> str:
    return unicodedata.normalize("NFC", str(s or "")).strip()


def _column(rows: list, header: str) -> list:
    i = rows[0].index(header)
    return [r[i] for r in rows[1:] if len(r) > i]


def round_literals() -> set:
    """Every name particular to a shipped example round, read from its CSV files."""
    found = set(FIXED)
    for rnd in example_rounds():
        found |= _literals_of(example_sheets(rnd.data_dir))
    return {_nfc(x) for x in found if _nfc(x)}


def _literals_of(sheets: dict) -> set:
    units, members = sheets[S.UNITS.name], sheets[S.MEMBERS.name]
    found = set()
    for col in ("code", "name", "head_name", "block"):
        found |= set(_column(units, S.UNITS.col(col).header))
    found |= set(_column(members, S.MEMBERS.col("name").header))
    found |= set(_column(sheets[S.CHECKLIST.name], S.CHECKLIST.col("text").header))
    found |= set(_column(sheets[S.PLAN_TEXT.name], S.PLAN_TEXT.col("text").header))
    settings = sheets[S.SETTINGS.name]
    wanted = {s.field for s in S.SETTING_KEYS if s.field in NAMED_SETTINGS}
    specs = S.setting_specs()
    from tdkt_xl.vocabulary.cells import key_text
    for row in settings[1:]:
        spec = specs.get(key_text(row[0])) if row else None
        if spec is not None and spec.field in wanted and len(row) > 1:
            found.add(row[1])
    return found


def _pattern(literal: str) -> re.Pattern:
    # whole words only: the code 'CAH' is not inside 'CACHE'
    return re.compile(r"(?<!\w)" + re.escape(literal) + r"(?!\w)")


def code_strings(source: str):
    """(line, text) of every string literal of a module that is not a docstring
    (f-string parts included)."""
    tree = ast.parse(source)
    docs = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docs.add(id(first.value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            yield node.lineno, _nfc(node.value)


def docx_text(path: Path):
    """(part name, text) of every XML part of a .docx, one line per paragraph."""
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith(".xml"):
                xml = z.read(name).decode("utf-8")
                xml = re.sub(r"</w:p>|<w:br/>|<w:tab/>", "\n", xml)
                yield name, _nfc(re.sub(r"<[^>]+>", "", xml).replace("&amp;", "&"))


def offenders(literals: set, root: Path = ROOT) -> list:
    pats = [(lit, _pattern(lit)) for lit in sorted(literals)]
    out = []
    for path in sorted((root / "tdkt_xl").rglob("*.py")):
        if root / "tdkt_xl" / "data" in path.parents:      # the example round itself
            continue
        rel = path.relative_to(root).as_posix()
        for line, text in code_strings(path.read_text(encoding="utf-8")):
            out += [(rel, line, lit) for lit, rx in pats if rx.search(text)]
    for path in sorted((root / "templates").glob("*.docx")):
        rel = path.relative_to(root).as_posix()
        for part, text in docx_text(path):
            out += [(rel, part, lit) for lit, rx in pats if rx.search(text)]
    return out


def test_no_literal_of_the_example_round_in_code_or_templates():
    found = [o for o in offenders(round_literals()) if (o[0], o[2]) not in ALLOWED]
    assert not found, "Tên riêng của đợt ví dụ nằm trong mã/mẫu (phải là dữ liệu):\n" + "\n".join(
        f"{f}:{where}: {lit[:70]}" for f, where, lit in found)


def test_every_allowed_literal_is_still_needed():
    found = {(o[0], o[2]) for o in offenders(round_literals())}
    stale = [k for k in ALLOWED if k not in found]
    assert not stale, f"allow-list entries no longer needed: {stale}"


def test_the_literals_come_from_the_example_data():
    lits = round_literals()
    assert {"Chi Lăng", "Vi Nông Trường", "Phòng Nội vụ", "XQS", "Xã Quan Sơn",
            "Hội đồng Thi đua - Khen thưởng huyện Chi Lăng", "UBND huyện Chi Lăng"} <= lits
    assert any(x.startswith("Ban hành các văn bản tổ chức triển khai") for x in lits)   # checklist
    assert any(x.startswith("- Thông qua kiểm tra, đánh giá") for x in lits)            # plan text
    assert "Khối trường học" in lits and "Trường Mầm non Hoa Sen" in lits               # every shipped round


def test_the_scan_sees_code_and_templates_not_docstrings(tmp_path):
    pkg = tmp_path / "tdkt_xl" / "documents"
    pkg.mkdir(parents=True)
    (tmp_path / "tdkt_xl" / "data").mkdir()
    (tmp_path / "tdkt_xl" / "data" / "x.py").write_text('A = "Chi Lăng"\n', encoding="utf-8")
    (pkg / "a.py").write_text('"""Example: UBND huyện Chi Lăng."""\n'
                              'def f(x):\n    """Xã Quan Sơn."""\n'
                              '    return f"{x}, Phòng Nội vụ; XQS"  # Chi Lăng\n'
                              'CODE = "XQSA"\n', encoding="utf-8")
    (tmp_path / "templates").mkdir()
    with zipfile.ZipFile(tmp_path / "templates" / "t.docx", "w") as z:
        z.writestr("word/document.xml", "<w:p><w:r><w:t>gửi về Phòng Nội </w:t></w:r>"
                                        "<w:r><w:t>vụ huyện</w:t></w:r></w:p><w:p><w:t>XQS</w:t></w:p>")
    found = offenders({"Chi Lăng", "Phòng Nội vụ", "XQS", "Xã Quan Sơn"}, root=tmp_path)
    assert sorted(found) == sorted([("tdkt_xl/documents/a.py", 4, "Phòng Nội vụ"),
                                    ("tdkt_xl/documents/a.py", 4, "XQS"),
                                    ("templates/t.docx", "word/document.xml", "Phòng Nội vụ"),
                                    ("templates/t.docx", "word/document.xml", "XQS")])
