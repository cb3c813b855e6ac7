"""The `tdkt` command: the headless front door (IT staff, automation, CI).

Each subcommand lives in its own module of this package and exposes
``register(subparsers)``; modules are discovered, so adding a command never
touches this file.  Shared arguments and the exit codes are ``_common``'s;
every message is Vietnamese; no traceback reaches the user.
"""
from __future__ import annotations

import importlib
import os
import pkgutil
import sys

from tdkt_xl.cli import _common


def build_parser() -> _common.Parser:
    parser = _common.Parser(
        prog="tdkt",
        description="Tự động hóa kiểm tra công tác thi đua, khen thưởng (sổ tính tdkt_2024.xlsm).")
    sub = parser.add_subparsers(dest="command", metavar="LỆNH")
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"{__name__}.{info.name}")
        if hasattr(mod, "register"):
            mod.register(sub)
    return parser


def main(argv=None) -> int:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8")
        except (AttributeError, ValueError):
            pass
    argv = sys.argv[1:] if argv is None else list(argv)
    _common.Parser.json_errors = "--json" in argv
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:           # --help (0) or a bad argument (2, said in Vietnamese)
        return int(e.code or 0)
    if not getattr(args, "func", None):
        parser.print_help()
        return _common.EXIT_UNUSABLE
    return _common.run(args.func, args)


def run() -> None:
    """The ``tdkt`` program: ``main``, then the process ends at once.  Python's
    own teardown would free every object one by one (a merge of 2,000 files
    holds millions of them: 0.1–0.2 s after the work is done) although the
    system takes the memory back anyway.  Nothing is left to finish: every file
    a command writes is complete and in place, its workers and threads joined,
    before ``main`` returns; the console is flushed here."""
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):       # a closed console or a pipe closed by the reader
            pass
    os._exit(code)


if __name__ == "__main__":
    run()
