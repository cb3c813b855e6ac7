"""The `tdkt` command: the headless front door (IT staff, automation, CI).

Each subcommand lives in its own module of this package and exposes
``register(subparsers)``; modules are discovered, so adding a command never
touches this file.  Every message is Vietnamese; no traceback reaches the user.
"""
from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
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
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        if isinstance(getattr(args, "out", None), str):     # an output folder (build-workbook's is a Path)
            from tdkt_xl.io.atomic import check_out_arg
            check_out_arg(args.out)
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu.", file=sys.stderr)
        return 130
    except Exception as e:  # last resort: a Vietnamese line, never a traceback
        from tdkt_xl.cli._common import report_crash
        return report_crash(e)


if __name__ == "__main__":
    sys.exit(main())
