"""The dependency rule, proved from the source: every import of every module
(top-level and inside functions) goes to its own package or to a lower layer,
and no two packages import each other.  docs/architecture.md explains the
layers; a new package must be placed in LAYERS."""
from __future__ import annotations

import ast
from pathlib import Path

import tdkt_xl

PACKAGE = Path(tdkt_xl.__file__).parent

# lower number = lower layer; a package imports only packages of lower layers
LAYERS = {
    "model": 0,          # records, calendar, the one index and key
    "vocabulary": 1,     # schema, cells, findings + catalogue, blocking policy, errors, kinds table
    "rules": 2,          # validation rules (model + vocabulary only)
    "io": 2,             # reader, sources, atomic writes (model + vocabulary only)
    "gate": 3,           # read once, validate once, may job J run for unit U
    "overview": 3,       # where each unit's inspection stands (read by builder, cli, excel)
    "documents": 4,      # contexts, the one DOCX renderer, output folder, layout checker
    "builder": 4,        # the master workbook
    "release": 4,        # the offline bundle
    "appendices": 5,     # forms out, returned files in, merge (stamps files with documents.marker)
    "reports": 6,        # summary report, follow-up (documents' renderer, appendices' statistics)
    "roundcheck": 6,     # reads back what documents, appendices and reports wrote
    "excel": 7,          # front door: the buttons
    "cli": 8,            # front door: tdkt (build-workbook and doctor list the buttons' jobs)
}


def _imports(path: Path):
    """(imported tdkt_xl package, line) of every import in the file."""
    rel = path.relative_to(PACKAGE).parts
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for n in ast.walk(tree):
        names = []
        if isinstance(n, ast.Import):
            names = [a.name for a in n.names]
        elif isinstance(n, ast.ImportFrom):
            if n.level:                          # relative: resolve against this file's package
                base = ["tdkt_xl", *rel[:-1]][: len(rel) - n.level + 1]
                names = [".".join(base + ([n.module] if n.module else []))]
            elif n.module == "tdkt_xl":
                names = [f"tdkt_xl.{a.name}" for a in n.names]
            elif n.module:
                names = [n.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "tdkt_xl" and len(parts) > 1:
                yield parts[1], n.lineno


def _graph():
    edges, where = {}, {}
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).parts
        if len(rel) == 1:
            continue                                   # tdkt_xl/__init__.py
        src = rel[0]
        for dst, line in _imports(path):
            if dst != src:
                edges.setdefault(src, set()).add(dst)
                where.setdefault((src, dst), f"{path.relative_to(PACKAGE)}:{line}")
    return edges, where


def test_every_package_has_a_layer():
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert packages == set(LAYERS), f"place {packages ^ set(LAYERS)} in LAYERS (and the docs)"


def test_no_module_imports_a_package_at_or_above_its_layer():
    edges, where = _graph()
    wrong = [f"{where[s, d]}: {s} (layer {LAYERS[s]}) imports {d} (layer {LAYERS[d]})"
             for s, ds in edges.items() for d in ds if LAYERS[d] >= LAYERS[s]]
    assert not wrong, "\n".join(wrong)


def test_no_cycles_between_packages():
    edges, where = _graph()

    def reach(start):
        seen, todo = set(), [start]
        while todo:
            for d in edges.get(todo.pop(), ()):
                if d not in seen:
                    seen.add(d)
                    todo.append(d)
        return seen
    cycles = [p for p in edges if p in reach(p)]
    assert not cycles, f"packages in an import cycle: {cycles}"


def test_rules_and_io_use_only_model_and_vocabulary():
    edges, where = _graph()
    for pkg in ("rules", "io"):
        assert edges.get(pkg, set()) <= {"model", "vocabulary"}, \
            [where[pkg, d] for d in edges[pkg] - {"model", "vocabulary"}]
