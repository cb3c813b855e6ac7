"""Entry point of the buttons of tdkt_2024.xlsm.

The workbook's VBA macro SampleCall (xlwings) runs ``import tdkt_2024; tdkt_2024.main()``.
Keep this file beside the workbook, with the same name; all logic lives in tdkt_xl.
"""


def main():
    from tdkt_xl.excel import main as _m
    return _m()
