"""The gate: read a workbook once, validate it once (the reader's value
findings and every rule's findings together), and answer "may job J run for
unit U".  Every service and both front doors ask here; nothing else decides
which findings stop a job (the policy itself is ``vocabulary.blocking`` and
each finding type's ``blocks``)."""
from tdkt_xl.gate.core import (Blocked, Checked, check, check_read, explain, read, validate,  # noqa: F401
                                validate_arrays, validate_workbook)

__all__ = ["Blocked", "Checked", "check", "check_read", "explain", "read", "validate", "validate_arrays",
           "validate_workbook"]
