"""Vietnamese numbers and money in words: the domain table (where num2words is
wrong for inner zero hundreds) and the reading rules."""
from __future__ import annotations

import pytest

from tdkt_xl.reports.vi_words import (format_decimal, format_int, money_with_words,
                                      money_words, read_int, read_number)


@pytest.mark.parametrize("n, words", [
    (21, "hai mươi mốt"),
    (105, "một trăm lẻ năm"),
    (702_000, "bảy trăm lẻ hai nghìn"),
    (2_340_000, "hai triệu ba trăm bốn mươi nghìn"),
    (1_234_567_890, "một tỷ hai trăm ba mươi bốn triệu năm trăm sáu mươi bảy nghìn "
                    "tám trăm chín mươi"),
    # num2words gets these wrong or non-standard:
    (1_015, "một nghìn không trăm mười lăm"),
    (2_025, "hai nghìn không trăm hai mươi lăm"),
    (2_005_000, "hai triệu không trăm lẻ năm nghìn"),
    (1_000_005, "một triệu không trăm lẻ năm"),
    # an all-zero inner group is skipped
    (1_000_100, "một triệu một trăm"),
    (1_000_000_001, "một tỷ không trăm lẻ một"),
])
def test_domain_table(n, words):
    assert read_int(n) == words


@pytest.mark.parametrize("n, words", [
    (0, "không"), (5, "năm"), (10, "mười"), (11, "mười một"), (14, "mười bốn"),
    (15, "mười lăm"), (20, "hai mươi"), (25, "hai mươi lăm"), (31, "ba mươi mốt"),
    (100, "một trăm"), (110, "một trăm mười"), (1_000, "một nghìn"),
    (10_000, "mười nghìn"), (100_000, "một trăm nghìn"), (1_000_000, "một triệu"),
    (12_000_000, "mười hai triệu"),
])
def test_small_and_round_numbers(n, words):
    assert read_int(n) == words


def test_above_a_billion_and_a_trillion():
    assert read_int(10 ** 12) == "một nghìn tỷ"
    assert read_int(1_000_005_000_000) == "một nghìn tỷ không trăm lẻ năm triệu"
    assert read_int(2_000_000_000_000_000) == "hai triệu tỷ"
    assert read_int(5_001_000_000_021) == "năm nghìn không trăm lẻ một tỷ không trăm hai mươi mốt"


def test_options_tu_linh_ngan():
    assert read_int(24) == "hai mươi bốn"
    assert read_int(24, tu=True) == "hai mươi tư"
    assert read_int(14, tu=True) == "mười bốn"          # "tư" only after tens >= 20
    assert read_int(105, linh=True) == "một trăm linh năm"
    assert read_int(2_005_000, linh=True) == "hai triệu không trăm linh năm nghìn"
    assert read_int(1_500, nghin="ngàn") == "một ngàn năm trăm"


def test_money_words_capitalised_with_unit():
    assert money_words(1_015) == "Một nghìn không trăm mười lăm đồng"
    assert money_words(2_005_000) == "Hai triệu không trăm lẻ năm nghìn đồng"
    assert money_words(1_000_000_001) == "Một tỷ không trăm lẻ một đồng"
    assert money_words(2_340_000, even=True) == "Hai triệu ba trăm bốn mươi nghìn đồng chẵn"
    assert money_with_words(2_340_000) == \
        "2.340.000 đồng (Bằng chữ: Hai triệu ba trăm bốn mươi nghìn đồng)"


def test_decimals_and_negative():
    assert read_number(2_340_000.5) == "hai triệu ba trăm bốn mươi nghìn phẩy năm"
    assert read_number("16,2") == "mười sáu phẩy hai"
    assert read_number("0,05") == "không phẩy không năm"
    assert read_number(-3) == "âm ba"


def test_figures_formatting():
    assert format_int(2_340_000) == "2.340.000"
    assert format_int(-1_500) == "-1.500"
    assert format_decimal(16.2) == "16,2"
    assert format_decimal(100.0) == "100"
    assert format_decimal(1234.56, 2) == "1.234,56"
