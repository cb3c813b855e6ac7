"""Build examples/phu_luc_gui_ve/: the Phụ lục I-III returned by the 14 units
of the example round, filled the way a unit would (forms made by
`tdkt forms`, typed with openpyxl, which keeps no cached formula values).
Deterministic: the same script gives the same figures and the same saved
times.  A few files carry deliberate mistakes; see examples/README.md.
``--round`` makes the returned files of another shipped example round
(data/example_rounds.csv) into its own folder, without deliberate mistakes;
a round that ships none (its ``inbox`` left blank, as tinh-2026) gets
nothing, said in one line.  Nothing is ever written outside the target folder.

    python examples/make_examples.py [--round truong-hoc-2024] [--out DIR]
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tdkt_xl.appendices.context import safe_name  # noqa: E402
from tdkt_xl.appendices.fill import fill_form, set_saved_time  # noqa: E402
from tdkt_xl.appendices.service import make_forms  # noqa: E402
from tdkt_xl.appendices.spec import layout, round_spec  # noqa: E402
from tdkt_xl.builder.example import example_sheets  # noqa: E402
from tdkt_xl.io.example import example_round, example_rounds  # noqa: E402
from tdkt_xl.io.reader import read_round  # noqa: E402

D = dt.date
HUYEN, XA, THU_TRUONG, TINH = ("Chủ tịch UBND huyện", "Chủ tịch UBND xã", "Thủ trưởng cơ quan, đơn vị",
                               "Chủ tịch UBND tỉnh")

# file names as units really send them (identification is by content, not name)
FILE_NAMES = {"XVL": "PL xa Van Linh gui PNV.xlsx", "CAH": "Phu luc - Cong an huyen.xlsx"}
# deliberate mistakes (documented in examples/README.md)
OVERWRITES_TOTAL = "PVHTT"        # typed a total over the formula 'Tổng số phong trào' -> PL22 warning
CSTDCS_OVER_LDTT = "XBM"          # CSTĐCS 14 > LĐTT 12 -> PL30, file rejected
ULTRA_VIRES = "XGL"               # commune chairman decided CSTĐCS in 2024 -> PL34 warning
RESUBMITTED = "XCL"               # an older first file and a corrected newer one -> PL12 for the older
TEXT_IN_NUMBER = "XHB"            # 'khoảng 1.500' typed in 'Số hộ gia đình' -> PL15, file rejected
# not a mistake: the data the delegation's assessment rests on (XCT 1.2.c.2 'Chưa đạt': 02 of the
# 27 individuals given the commune's Giấy khen were farmers or workers; the rest, office holders)
FEW_WORKERS = "XCT"


def district_figures(code: str, rng: random.Random) -> tuple[dict, dict]:
    big = code == "CAH"
    staff = rng.randint(95, 130) if big else rng.randint(12, 45)
    leaders = rng.randint(8, 14) if big else rng.randint(3, 7)
    workers = rng.randint(4, 12) if big else rng.randint(1, 6)
    ldtt_lead = leaders - rng.randint(0, 1)
    ldtt_staff = staff - leaders - rng.randint(1, 4)
    ldtt_work = workers - rng.randint(0, 1)
    ldtt = ldtt_lead + ldtt_staff + ldtt_work
    cstdcs = max(1, round(ldtt * rng.uniform(0.09, 0.14)))
    cs_lead = min(ldtt_lead, max(1, cstdcs // 3))
    values = {"mv_central": rng.randint(3, 6), "mv_district": rng.randint(3, 5), "mv_own": rng.randint(1, 3),
              "mv_thematic": 0, "mv_reviewed": 0, "special_plan": "Có", "pledge": "Có", "council": "Có",
              "council_rules": rng.choice(["Có", "Có", "Không"]),
              "works_registered": rng.randint(2, 6), "staff": staff, "staff_leaders": leaders, "workers": workers,
              "models_collective": rng.randint(0, 2), "models_individual": rng.randint(1, 3),
              "models_pattern": rng.randint(0, 2), "propaganda": rng.randint(2, 12)}
    total_mv = values["mv_central"] + values["mv_district"] + values["mv_own"]
    values["mv_thematic"] = rng.randint(1, total_mv - 1)
    values["mv_reviewed"] = rng.randint(1, total_mv)
    values["works_done"] = rng.randint(0, values["works_registered"])
    models = values["models_collective"] + values["models_individual"] + values["models_pattern"]
    values["models_awarded"] = rng.randint(0, models)
    values["models_spread"] = rng.randint(0, models)
    head = THU_TRUONG if code in ("CAH", "TTVHTT") else HUYEN
    awards = [
        {"title": "Lao động tiên tiến", "level": head, "dec_no": f"{rng.randint(5, 40):02d}/QĐ-{code}",
         "dec_date": D(2024, 1, rng.randint(8, 25)), "ind_leaders": ldtt_lead, "ind_staff": ldtt_staff,
         "ind_workers": ldtt_work, "women": rng.randint(ldtt // 4, ldtt // 2)},
        {"title": "Chiến sĩ thi đua cơ sở", "level": head, "dec_no": f"{rng.randint(41, 60)}/QĐ-{code}",
         "dec_date": D(2024, 1, rng.randint(8, 25)), "ind_leaders": cs_lead, "ind_staff": cstdcs - cs_lead,
         "women": rng.randint(0, cstdcs // 2)},
        {"title": "Tập thể lao động tiên tiến", "level": head, "dec_no": f"{rng.randint(61, 80)}/QĐ-{code}",
         "dec_date": D(2024, 1, rng.randint(8, 25)), "collectives": rng.randint(1, 4)},
    ]
    if rng.random() < 0.6:
        awards.append({"title": "Giấy khen của Chủ tịch UBND huyện", "level": HUYEN,
                       "dec_no": f"{rng.randint(100, 900)}/QĐ-UBND", "dec_date": D(2024, rng.randint(2, 5), 15),
                       "collectives": rng.randint(0, 1), "ind_staff": rng.randint(1, 4), "ind_workers": rng.randint(0, 1)})
    if big:
        awards.append({"title": "Bằng khen của Chủ tịch UBND tỉnh", "level": TINH, "dec_no": "412/QĐ-UBND",
                       "dec_date": D(2024, 3, 12), "collectives": 1, "ind_leaders": 1, "ind_staff": 2})
    return values, {"awards": awards}


def commune_figures(code: str, rng: random.Random) -> tuple[dict, dict]:
    staff = rng.randint(20, 28)
    leaders = rng.randint(6, 9)
    workers = rng.randint(2, 6)
    households = rng.randint(700, 2400)
    villages = rng.randint(8, 18)
    ldtt_lead = leaders - rng.randint(0, 1)
    ldtt_staff = staff - leaders - rng.randint(1, 3)
    ldtt = ldtt_lead + ldtt_staff
    cstdcs = rng.randint(2, 4)
    opening = rng.randint(2, 9) * 1_000_000
    allocated = rng.randint(25, 50) * 1_000_000
    fund = opening + allocated
    prizes = round(fund * rng.uniform(0.45, 0.6), -4)
    items = round(fund * rng.uniform(0.04, 0.08), -4)
    organising = round(fund * rng.uniform(0.08, 0.16), -4)
    values = {"mv_central": rng.randint(3, 5), "mv_district": rng.randint(3, 5), "mv_own": rng.randint(1, 2),
              "special_plan": "Có", "pledge": "Có", "council": "Có", "council_rules": "Có",
              "works_registered": rng.randint(3, 9), "staff": staff, "staff_leaders": leaders, "workers": workers,
              "households": households, "households_cultured": round(households * rng.uniform(0.8, 0.9)),
              "villages": villages, "villages_cultured": villages - rng.randint(1, 3),
              "models_collective": rng.randint(1, 3), "models_individual": rng.randint(1, 4),
              "models_pattern": rng.randint(1, 3), "propaganda": rng.randint(3, 15),
              "fund_opening": opening, "fund_allocated": allocated, "spent_prizes": prizes,
              "spent_items": items, "spent_organising": organising}
    total_mv = values["mv_central"] + values["mv_district"] + values["mv_own"]
    values["mv_thematic"] = rng.randint(1, total_mv - 1)
    values["mv_reviewed"] = rng.randint(1, total_mv)
    values["works_done"] = rng.randint(1, values["works_registered"])
    models = values["models_collective"] + values["models_individual"] + values["models_pattern"]
    values["models_awarded"] = rng.randint(1, models)
    values["models_spread"] = rng.randint(1, models)
    farmers = rng.randint(25, 70)
    awards = [
        {"title": "Lao động tiên tiến", "level": XA, "dec_no": f"{rng.randint(2, 12):02d}/QĐ-UBND",
         "dec_date": D(2024, 1, rng.randint(5, 20)), "ind_leaders": ldtt_lead, "ind_staff": ldtt_staff,
         "women": rng.randint(ldtt // 4, ldtt // 2)},
        {"title": "Chiến sĩ thi đua cơ sở", "level": HUYEN, "dec_no": f"{rng.randint(150, 260)}/QĐ-UBND",
         "dec_date": D(2024, 1, rng.randint(22, 31)), "ind_leaders": 1, "ind_staff": cstdcs - 1,
         "women": rng.randint(0, 2)},
        {"title": "Giấy khen của Chủ tịch UBND xã", "level": XA, "dec_no": f"{rng.randint(13, 60)}/QĐ-UBND",
         "dec_date": D(2024, rng.randint(1, 5), rng.randint(2, 27)), "collectives": rng.randint(3, villages // 2),
         "households": rng.randint(10, 40), "ind_workers": farmers, "women": rng.randint(farmers // 4, farmers // 2)},
        {"title": "Thôn, tổ dân phố văn hóa", "level": HUYEN, "dec_no": f"{rng.randint(300, 500)}/QĐ-UBND",
         "dec_date": D(2024, 1, 30), "collectives": values["villages_cultured"]},
    ]
    if rng.random() < 0.5:
        awards.append({"title": "Giấy khen của Chủ tịch UBND huyện", "level": HUYEN,
                       "dec_no": f"{rng.randint(600, 900)}/QĐ-UBND", "dec_date": D(2024, 4, 20),
                       "collectives": 1, "households": rng.randint(1, 3), "ind_workers": rng.randint(1, 3)})
    return values, {"awards": awards}


DOCS = (("Kế hoạch công tác thi đua, khen thưởng năm 2024", "KH", "Kế hoạch", D(2024, 1, 10)),
        ("Kế hoạch phát động phong trào thi đua yêu nước năm 2024", "KH", "Kế hoạch", D(2024, 1, 24)),
        ("Kế hoạch tổ chức đợt thi đua đặc biệt chào mừng 60 năm Ngày thành lập huyện Chi Lăng",
         "KH", "Kế hoạch", D(2024, 3, 5)),
        ("Quyết định kiện toàn Hội đồng Thi đua - Khen thưởng", "QĐ", "Quyết định", D(2024, 2, 2)),
        ("Công văn hướng dẫn đăng ký giao ước thi đua năm 2024", "", "Công văn", D(2024, 2, 20)))

SCHOOL_MODELS = (("Mô hình thư viện thân thiện, góc đọc sách trong lớp học", "Mô hình", "Giáo dục"),
                 ("Tổ chuyên môn tiêu biểu trong đổi mới phương pháp dạy học", "Tập thể", "Giáo dục"),
                 ("Cô giáo Nông Thị Mai - giáo viên dạy giỏi cấp huyện", "Cá nhân", "Giáo dục"),
                 ("Thầy giáo Hoàng Văn Lâm - sáng kiến dạy học tích cực", "Cá nhân", "Giáo dục"))

MODELS = (("Mô hình trồng hồi ghép cho năng suất cao", "Mô hình", "Nông nghiệp"),
          ("Chi hội Phụ nữ thôn Bản Thí - tiết kiệm giúp nhau phát triển kinh tế", "Tập thể", "Xã hội"),
          ("Ông Hoàng Văn Tư - nông dân sản xuất, kinh doanh giỏi", "Cá nhân", "Nông nghiệp"),
          ("Bà Lăng Thị Hoa - cán bộ tận tụy với công việc", "Cá nhân", "Công tác chuyên môn"),
          ("Mô hình Dân vận khéo trong xây dựng nông thôn mới", "Mô hình", "Dân vận"))


def unit_input(unit, rng: random.Random) -> tuple[dict, dict]:
    values, tables = (commune_figures if unit.is_commune else district_figures)(unit.code, rng)
    n_docs = rng.randint(3, len(DOCS))
    suffix = "UBND" if unit.is_commune else unit.code
    tables["docs"] = [{"summary": s, "number": (f"{rng.randint(2, 60):02d}/{k}-{suffix}" if k else
                                               f"{rng.randint(20, 200)}/{suffix}"),
                       "date": d, "kind": kind} for s, k, kind, d in DOCS[:n_docs]]
    n_models = min(3, values["models_collective"] + values["models_individual"] + values["models_pattern"])
    models = SCHOOL_MODELS if unit.block == "Khối trường học" else MODELS   # the schools' round
    tables["models"] = [{"name": n, "type": t, "field": f,
                         "achievement": "Cách làm hay được nhân rộng trên địa bàn.",
                         "recognition": "Giấy khen năm 2024" if i == 0 else "",
                         "spread": "Đài truyền thanh xã" if unit.is_commune else "Trang thông tin điện tử"}
                        for i, (n, t, f) in enumerate(models[rng.randint(0, 2):][:n_models])]
    return values, tables


# the other rounds' returned files: saved from this time on, three hours apart
FIRST_SAVED = {"truong-hoc-2024": dt.datetime(2024, 10, 9, 8, 0)}


class NoExample(ValueError):
    """The round asked for has no example returned appendices to make (Vietnamese message)."""


def why_none(example, name: str = "") -> str | None:
    """Why no returned appendices are made for ``example`` (the round called
    ``name``, None when there is no such round); None: they are made."""
    if example is None:
        return f"Không có đợt ví dụ '{name}' trong tdkt_xl/data/example_rounds.csv: không tạo tệp nào."
    if not example.inbox:
        return (f"Đợt ví dụ '{example.name}' không kèm phụ lục gửi về (cột inbox của "
                "tdkt_xl/data/example_rounds.csv để trống; lệnh demo bỏ bước tổng hợp): không tạo tệp nào.")
    if example != example_rounds()[0] and example.name not in FIRST_SAVED:
        return (f"Đợt ví dụ '{example.name}' chưa có giờ lưu của tệp gửi về đầu tiên (FIRST_SAVED trong "
                "examples/make_examples.py): không tạo tệp nào.")
    return None


def build(out_dir: Path, round_name: str | None = None) -> list[Path]:
    """The round's returned appendices in ``out_dir`` (its old .xlsx files replaced);
    raises ``NoExample`` before writing anything for a round that has none."""
    reference = example_rounds()[0]
    example = example_round(round_name) if round_name else reference
    why = why_none(example, round_name or "")
    if why:
        raise NoExample(why)
    is_reference = example == reference
    rnd = read_round(example_sheets(example.data_dir)).round
    spec = round_spec(rnd)
    out_dir.mkdir(parents=True, exist_ok=True)
    made_here = {p for pattern in (f"{spec.file_name.format(code='*')}.xlsx", *FILE_NAMES.values())
                 for p in out_dir.glob(pattern)}
    for old in made_here:       # what an earlier run made; a clerk's other files stay
        old.unlink()
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        forms = make_forms(rnd, Path(tmp))
        for n, unit in enumerate(rnd.selected_units()):
            rng = random.Random(f"tdkt-2024-{unit.code}" if is_reference
                                else f"tdkt-{example.name}-{unit.code}")
            values, tables = unit_input(unit, rng)
            overrides = {}
            lay = layout(spec, unit.is_commune)
            if not is_reference:
                form = Path(tmp) / f"{spec.file_name.format(code=safe_name(unit.code))}.xlsx"
                path = fill_form(spec, form, out_dir / form.name, values, tables, unit.is_commune)
                _stamp(path, FIRST_SAVED[example.name] + dt.timedelta(hours=3 * n))
                written.append(path)
                continue
            if unit.code == OVERWRITES_TOTAL:
                sheet, addr = lay.where("mv_total")
                overrides[(sheet, addr)] = values["mv_central"] + values["mv_district"] + 2   # forgot mv_own
            if unit.code == CSTDCS_OVER_LDTT:
                tables["awards"][0].update(ind_leaders=4, ind_staff=8, women=5)     # LĐTT 12
                tables["awards"][1].update(ind_leaders=3, ind_staff=11, women=4)    # CSTĐCS 14
            if unit.code == ULTRA_VIRES:
                tables["awards"][1]["level"] = XA
            if unit.code == TEXT_IN_NUMBER:
                values["households"] = "khoảng 1.500"
            if unit.code == FEW_WORKERS:
                gk = next(a for a in tables["awards"] if a["title"] == "Giấy khen của Chủ tịch UBND xã")
                n = gk.pop("ind_workers")
                leaders = values["staff_leaders"]
                gk.update(ind_leaders=leaders, ind_staff=n - leaders - 2, ind_workers=2)
            form = Path(tmp) / f"{spec.file_name.format(code=safe_name(unit.code))}.xlsx"
            name = FILE_NAMES.get(unit.code, form.name)
            saved = dt.datetime(2024, 6, 3, 8, 0) + dt.timedelta(hours=3 * n)
            if unit.code == RESUBMITTED:
                first = dict(values, staff=values["staff"] + 5)          # the first file had a wrong headcount
                old = fill_form(spec, form, out_dir / "Phu_luc_XCL (gui lan 1).xlsx", first, tables, unit.is_commune)
                _stamp(old, saved - dt.timedelta(days=2))
                written.append(old)
            path = fill_form(spec, form, out_dir / name, values, tables, unit.is_commune, overrides)
            _stamp(path, saved)
            written.append(path)
        del forms
    return written


def _stamp(path: Path, when: dt.datetime) -> None:
    set_saved_time(path, when)
    ts = when.replace(tzinfo=dt.timezone.utc).timestamp()
    os.utime(path, (ts, ts))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--round", default=None, help="a shipped example round (default: the 2024 district one)")
    ap.add_argument("--out", default=None, help="default: the round's folder of returned appendices")
    args = ap.parse_args(argv)
    example = example_round(args.round) if args.round else example_rounds()[0]
    why = why_none(example, args.round or "")
    if why:                     # said before any folder is named: nothing is written
        print(why, file=sys.stderr)
        return 2
    out = Path(args.out) if args.out else HERE.parent / example.inbox
    files = build(out, args.round)
    print(f"{len(files)} tệp trong {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
