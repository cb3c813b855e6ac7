"""`tdkt bundle --out DIR [--workbook PATH]`: the offline install folder for a
PC without internet (see tdkt_xl.release.bundle).  Needs the package index
on the machine that runs it; never writes the master workbook."""
from __future__ import annotations

import sys
from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "bundle", help="Tạo thư mục cài đặt không cần Internet (chép vào USB cho máy cán bộ).",
        description=("Tạo thư mục gồm sổ tính, mẫu văn bản, gói tdkt_xl, mọi thư viện cho Windows "
                     "64-bit (Python 3.11, 3.12, 3.13) và tệp cai-dat.bat cài không cần Internet. "
                     "Máy chạy lệnh này cần Internet."))
    p.add_argument("--out", type=Path, required=True, metavar="THƯ_MỤC",
                   help="thư mục sẽ tạo (phải chưa có hoặc trống)")
    p.add_argument("--workbook", type=Path, default=None, metavar="SỔ_TÍNH",
                   help="sổ tính đưa vào (mặc định workbook/tdkt_2024.xlsm của thư mục dự án)")
    p.set_defaults(func=run)


def run(args) -> int:
    from tdkt_xl.cli._common import default_workbook
    from tdkt_xl.documents.render import templates_dir
    from tdkt_xl.release.bundle import BundleError, make_bundle
    workbook = (args.workbook or default_workbook()).resolve()
    print(f"Đang tạo bộ cài không cần Internet vào '{args.out}' (tải thư viện cho Windows)...")
    try:
        rep = make_bundle(args.out, workbook, templates_dir(workbook))
    except BundleError as e:      # an output folder that cannot be used raises on: exit 2
        print(f"Lỗi: {e}", file=sys.stderr)
        return 1
    print(f"Gói tdkt_xl: {rep.package}")
    for py, n in rep.per_python.items():
        miss = rep.missing.get(py, [])
        state = f"thiếu {len(miss)}: {', '.join(miss)}" if miss else "đủ"
        print(f"  Python {py}: {n} thư viện, {state}")
    print(f"Thư mục wheelhouse: {len(rep.wheels)} tệp, {rep.size_mb:.1f} MB.")
    if rep.missing:
        print("Chưa đủ thư viện cho mọi phiên bản Python (xem trên); máy dùng phiên bản đó sẽ cài "
              "không được.", file=sys.stderr)
        return 1
    print(f"Xong. Chép cả thư mục '{args.out}' sang máy cần cài, đặt thêm bộ cài Python chính thức "
          "(python-3.x.y-amd64.exe) vào đó nếu máy chưa có Python, rồi chạy cai-dat.bat.")
    return 0
