"""`tdkt new-round SỔ_TÍNH --year NĂM --out MỚI.xlsm [--plan "tên"]`: next
year's round (or another plan of the same year) from last round's workbook."""
from __future__ import annotations

from pathlib import Path

from tdkt_xl.cli import _common as C


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "new-round",
        help="Tạo sổ tính cho đợt kiểm tra mới (năm sau, hoặc kế hoạch khác) từ sổ tính đợt trước.",
        description=("Chuyển sang sổ tính mới: đơn vị, thành viên, nội dung kiểm tra, cấu hình "
                     "(ngày tháng chuyển sang năm mới, ghi 'Chưa xác nhận' để văn thư xác nhận) và "
                     "các kiến nghị chưa khắc phục; lịch, đoàn, kết quả, văn bản để trống. "
                     "Không ghi đè tệp đã có; không sửa sổ tính cũ."))
    C.add_workbook(p)
    p.add_argument("--year", type=int, required=True, metavar="NĂM",
                   help="năm của đợt mới (từ năm của đợt cũ trở đi)")
    p.add_argument("--out", type=Path, required=True, metavar="TỆP.xlsm",
                   help="sổ tính mới sẽ tạo (chưa có; tệp .py cùng tên được tạo bên cạnh)")
    p.add_argument("--plan", default=None, metavar="TÊN",
                   help="trích yếu của kế hoạch mới khi lập thêm một đợt trong cùng năm (ví dụ "
                        "'Kiểm tra công tác thi đua, khen thưởng khối trường học năm 2024'); ghi "
                        "vào mục 'Tên kế hoạch' của trang Cấu hình, in ở tên Kế hoạch, Báo cáo và "
                        "các văn bản dẫn Kế hoạch")
    p.set_defaults(func=run)


def run(args) -> int:
    from tdkt_xl.builder.names import forwarder_path
    from tdkt_xl.builder.next_round import new_round
    from tdkt_xl.excel import job_names
    from tdkt_xl.vocabulary import schema as S
    out = new_round(C.workbook_path(args), args.year, args.out, plan=args.plan, jobs=job_names())
    print(f"Đã tạo sổ tính '{out}' và tệp '{forwarder_path(out).name}' bên cạnh. Hãy mở trang "
          f"{S.SETTINGS.name}, kiểm tra các dòng ghi '{S.UNCONFIRMED}'; cập nhật trang "
          f"{S.UNITS.name} và ghi các đơn vị đã giải thể, sáp nhập vào trang {S.SUCCESSION.name}; "
          "rồi lập lịch kiểm tra.")
    return C.EXIT_OK
