"""Entry point of the buttons of tdkt_2024_truong_hoc.xlsm.

The workbook's VBA macro SampleCall (xlwings) runs ``import tdkt_2024_truong_hoc; tdkt_2024_truong_hoc.main()``.
Keep this file beside the workbook, with the same name; all logic lives in tdkt_xl.
When the project folder (this file's parent's parent) holds the tdkt_xl package,
that copy is used, wherever the folder has been moved or renamed to.
"""
import sys
from pathlib import Path

_PROJECT = Path(__file__).resolve().parent.parent
if (_PROJECT / "tdkt_xl" / "__init__.py").is_file():
    sys.path.insert(0, str(_PROJECT))


def main():
    from tdkt_xl.excel import main as _m
    return _m()
