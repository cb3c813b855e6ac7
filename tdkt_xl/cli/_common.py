"""The one helper of every subcommand: the shared arguments (workbook,
``--out``, ``--as-of``, ``--unit``, ``--force``, ``--json``, ``--pdf``), the
Vietnamese argument parser, and the mapping of what a command raises to the
exit code and the one-line message.

Exit codes (every command):
  0  done
  1  the data has findings or problems (a job refused, documents skipped)
  2  an input or output cannot be used (unreadable workbook, missing template,
     bad argument, folder not writable) - the services' ``InputError``
  3  a bug of the tool: the traceback is written to ``tdkt_loi.txt`` (in the
     ``--out`` folder when known, else the temporary folder), named in the message
With ``--json``, a failing command prints ``{"error": {"code": …, "message": …}}``
on stdout (and the message on stderr).  Subcommands raise; only ``main`` catches.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import tempfile
import traceback
from pathlib import Path

from tdkt_xl.vocabulary.errors import InputError, NeedsDate

EXIT_OK, EXIT_PROBLEMS, EXIT_UNUSABLE, EXIT_BUG = 0, 1, 2, 3
EXIT_INTERRUPTED = 130
CRASH_FILE = "tdkt_loi.txt"
VALIDATE_HINT = "Hãy sửa các ô nêu trên (chạy 'tdkt validate' để xem tất cả) rồi chạy lại."


class UsageError(InputError):
    """A command-line argument that cannot be used (exit 2)."""


# ------------------------------------------------------------------ parser
_ARGPARSE_VI = (
    (r"the following arguments are required: (.*)", r"thiếu tham số bắt buộc: \1"),
    (r"one of the arguments (.*) is required", r"cần một trong các tham số \1"),
    (r"unrecognized arguments: (.*)", r"tham số không nhận ra: \1"),
    (r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)",
     r"tham số \1: lựa chọn không hợp lệ \2 (chọn một trong: \3)"),
    (r"argument (\S+): expected one argument", r"tham số \1 cần một giá trị"),
    (r"argument (\S+): not allowed with argument (.*)", r"tham số \1 không dùng cùng \2"),
    (r"argument (\S+): (.*)", r"tham số \1: \2"),
    (r"ambiguous option: (\S+) could match (.*)", r"tham số \1 không rõ: có thể là \2"),
)


def vietnamese(message: str) -> str:
    """argparse's English error message in Vietnamese (unknown ones kept)."""
    for pattern, repl in _ARGPARSE_VI:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, repl, message)
    return message


class Parser(argparse.ArgumentParser):
    """argparse with Vietnamese errors, exit code 2 and, after ``--json``,
    the error object on stdout (subparsers are of this class too)."""

    json_errors = False

    def error(self, message):
        text = vietnamese(message)
        self.print_usage(sys.stderr)
        print(f"{self.prog}: lỗi: {text}", file=sys.stderr)
        if Parser.json_errors:
            print_json_error(EXIT_UNUSABLE, text)
        sys.exit(EXIT_UNUSABLE)


# ------------------------------------------------------------------ arguments
def _date(text: str) -> dt.date:
    from tdkt_xl.vocabulary import cells
    try:
        d = cells.to_date(text)
    except cells.BadValue as e:
        raise argparse.ArgumentTypeError(str(e)) from None
    if d is None:
        raise argparse.ArgumentTypeError("ngày để trống")
    return d


def add_workbook(p, optional: bool = False, flag: bool = False) -> None:
    """The master workbook: a positional argument (``optional``: defaults to
    the project's workbook/tdkt_2024.xlsm), or ``--workbook`` when ``flag``."""
    help_ = "Đường dẫn sổ tính (tdkt_2024.xlsm)"
    if flag:
        p.add_argument("--workbook", default=None, metavar="SỔ_TÍNH",
                       help=help_ + "; mặc định: workbook/tdkt_2024.xlsm của dự án.")
    elif optional:
        p.add_argument("workbook", nargs="?", metavar="SỔ_TÍNH",
                       help=help_ + "; mặc định: workbook/tdkt_2024.xlsm của dự án.")
    else:
        p.add_argument("workbook", metavar="SỔ_TÍNH", help=help_ + ".")


def add_round(p) -> None:
    """``--round NAME``: one of the shipped example rounds (data/example_rounds.csv)."""
    from tdkt_xl.io.example import example_rounds
    names = ", ".join(r.name for r in example_rounds())
    p.add_argument("--round", default=None, metavar="TÊN_ĐỢT",
                   help=f"Đợt kiểm tra mẫu đi kèm chương trình: {names} "
                        f"(mặc định: {example_rounds()[0].name}).")


def example_round(args):
    """The shipped example round named by ``--round`` (the reference round
    when not given); a name that is none of them is a usage error."""
    from tdkt_xl.io.example import example_round as find, example_rounds
    name = getattr(args, "round", None)
    if not name:
        return example_rounds()[0]
    found = find(name)
    if found is None:
        raise UsageError(f"Không có đợt mẫu '{name}'. Các đợt mẫu: "
                         f"{', '.join(r.name for r in example_rounds())}.")
    return found


def add_out(p, what: str = "kết quả", default: str | None = None) -> None:
    if default is None:
        p.add_argument("--out", required=True, metavar="THƯ_MỤC",
                       help=f"Thư mục ghi {what} (không bao giờ ghi vào sổ tính).")
    else:
        p.add_argument("--out", default=default, metavar="THƯ_MỤC",
                       help=f"Thư mục ghi {what} (mặc định: {default}).")


def add_as_of(p, meaning: str, default: str) -> None:
    """``--as-of NGÀY``, parsed here (dd/mm/yyyy or yyyy-mm-dd)."""
    p.add_argument("--as-of", type=_date, default=None, metavar="NGÀY",
                   help=f"{meaning} (dd/mm/yyyy hoặc yyyy-mm-dd; mặc định: {default}).")


def add_unit(p, what: str = "văn bản") -> None:
    p.add_argument("--unit", metavar="MÃ", default=None,
                   help=f"Chỉ tạo {what} cho một đơn vị (mã đơn vị).")


def add_force(p) -> None:
    p.add_argument("--force", action="store_true",
                   help="Ghi đè cả tệp đã được sửa sau lần tạo trước (mặc định: giữ tệp đã sửa, "
                        "ghi bản mới bên cạnh).")


def add_json(p, shape: str) -> None:
    p.add_argument("--json", action="store_true", help=f"In kết quả dạng JSON {shape}.")


def add_pdf(p) -> None:
    p.add_argument("--pdf", action="store_true", help="Tạo thêm bản PDF (cần LibreOffice).")


def check_out(text) -> Path:
    """The ``--out DIR`` of a command: not blank, not an existing file."""
    if text is None or not str(text).strip():
        raise UsageError("Tham số --out để trống; hãy ghi tên thư mục kết quả, ví dụ --out ket_qua.")
    p = Path(str(text))
    if p.exists() and not p.is_dir():
        raise UsageError(f"--out chỉ tới tệp '{p}' đã có, không phải thư mục; hãy chọn một thư "
                         "mục khác.")
    return p


def today() -> dt.date:
    """The CLI is the only place that reads the clock (a default ``--as-of``)."""
    return dt.date.today()


def as_of_or_today(args) -> dt.date:
    return args.as_of or today()


def workbook_path(args) -> Path:
    return Path(args.workbook) if getattr(args, "workbook", None) else default_workbook()


def project_dir(workbook: Path) -> Path:
    """The project folder is the workbook's folder's parent (workbook/..)."""
    return Path(workbook).resolve().parent.parent


def default_workbook(relative: str = "workbook/tdkt_2024.xlsm") -> Path:
    """A workbook of the project (relative to the project folder): the current
    folder's when it has one, else the one of this source tree."""
    here = Path.cwd() / relative
    if here.exists():
        return here
    return Path(__file__).resolve().parents[2] / relative


# ------------------------------------------------------------------ output
def emit(text: str) -> None:
    """Print, tolerating a reader that stops early (`tdkt validate | head`)."""
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:
        import os
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def print_json_error(code: int, message: str) -> None:
    print(json.dumps({"error": {"code": code, "message": message}}, ensure_ascii=False))


# ------------------------------------------------------------------ errors -> exit codes
def _crash_file(e: BaseException, args) -> Path | None:
    """Write the traceback to tdkt_loi.txt: in --out when known, else the temp folder."""
    text = "".join(traceback.format_exception(type(e), e, e.__traceback__))
    folders = []
    if getattr(args, "out", None):
        folders.append(Path(args.out))
    folders.append(Path(tempfile.gettempdir()))
    from tdkt_xl.io.atomic import write_text
    for folder in folders:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            return write_text(folder / CRASH_FILE, text)
        except (OSError, InputError):
            continue
    return None


def failure(e: BaseException, args=None) -> tuple[int, str]:
    """(exit code, one-line Vietnamese message) for what a command raised."""
    from tdkt_xl.gate import Blocked
    from tdkt_xl.documents.contexts import Blocked as DocumentBlocked
    if isinstance(e, Blocked):
        return EXIT_PROBLEMS, f"{e}\n{VALIDATE_HINT}"
    if isinstance(e, DocumentBlocked):
        return EXIT_PROBLEMS, str(e)
    if isinstance(e, NeedsDate):
        return EXIT_UNUSABLE, f"{e} Hãy dùng --as-of NGÀY (dd/mm/yyyy)."
    if isinstance(e, InputError):
        return EXIT_UNUSABLE, str(e)
    if isinstance(e, OSError):
        name = e.filename or getattr(args, "out", None) or ""
        where = f" '{name}'" if name else ""
        return EXIT_UNUSABLE, (f"Không đọc hoặc ghi được{where} ({e.strerror or e}). Nếu tệp đang "
                               "mở trong Word/Excel, hãy đóng lại rồi chạy lại.")
    path = _crash_file(e, args)
    where = f"đã ghi chi tiết vào tệp '{path}'" if path else "không ghi được tệp chi tiết"
    return EXIT_BUG, (f"Lỗi của chương trình ({type(e).__name__}: {e}); {where}. "
                      "Hãy gửi tệp này cho bộ phận CNTT.")


def run(func, args) -> int:
    """Run a subcommand and map what it raises to an exit code and a message."""
    try:
        if isinstance(getattr(args, "out", None), str):    # an output folder (build-workbook's is a Path)
            check_out(args.out)
        return int(func(args) or 0)
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as e:   # the last resort: one Vietnamese line, never a traceback
        code, message = failure(e, args)
        print(f"Lỗi: {message}", file=sys.stderr)
        if getattr(args, "json", False):
            print_json_error(code, message)
        return code
