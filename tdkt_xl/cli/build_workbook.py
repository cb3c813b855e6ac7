"""`tdkt build-workbook [--round NAME] [--out PATH] [--force]`: build the
master workbook of a shipped example round (default: the 2024 district one)."""
from __future__ import annotations

from pathlib import Path

from tdkt_xl.cli import _common as C


def default_out(relative: str | None = None) -> Path:
    """The round's workbook (``workbook/tdkt_2024.xlsm``…) in the project: the
    current folder's when it has a workbook/ folder (a project folder), else
    the one of this source tree."""
    from tdkt_xl.builder.workbook import DEFAULT_OUT, PROJECT_DIR
    target = PROJECT_DIR / relative if relative else DEFAULT_OUT
    here = Path.cwd() / "workbook"
    return here / target.name if here.is_dir() else target


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "build-workbook",
        help="Tạo sổ tính chính (.xlsm) từ dữ liệu mẫu trong kho mã nguồn.",
        description=("Tạo sổ tính chính kèm tệp .py cùng tên (cần cho các nút bấm). "
                     "Không ghi đè tệp đã có nếu không có --force."))
    p.add_argument("--out", type=Path, default=None, metavar="TỆP.xlsm",
                   help="tệp sổ tính sẽ tạo (mặc định: sổ tính của đợt trong thư mục workbook/ "
                        "của dự án, ví dụ workbook/tdkt_2024.xlsm)")
    C.add_round(p)
    p.add_argument("--force", action="store_true",
                   help="ghi đè sổ tính và tệp .py đã có (mất dữ liệu trong sổ tính cũ)")
    p.set_defaults(func=run)


def run(args) -> int:
    from tdkt_xl.builder.names import forwarder_path
    from tdkt_xl.builder.workbook import WouldOverwrite, build_workbook
    from tdkt_xl.excel import job_names
    example = C.example_round(args)
    try:
        out = build_workbook(args.out or default_out(example.workbook), force=args.force,
                             jobs=job_names(), data_dir=example.data_dir)
    except WouldOverwrite as e:
        raise C.UsageError(f"{e} Hãy chọn tên khác (--out) hoặc thêm --force nếu chắc chắn "
                           "muốn ghi đè.") from None
    print(f"Đã tạo sổ tính '{out}' và tệp '{forwarder_path(out).name}' bên cạnh.")
    return C.EXIT_OK
