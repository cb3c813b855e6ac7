"""Typed errors the services raise, in domain words (never a command-line
flag, never a button): each front door phrases them for its people (the CLI
with flags and exit codes, the buttons with sheets and cells).

- ``InputError``: an input or an output the job cannot use (the workbook, a
  template, a consolidated file, a folder); nothing of the job was written.
- ``NeedsDate``: the job needs a date of reference that neither the workbook
  nor the caller gave (the CLI asks for ``--as-of``, a button for the cell).
Data errors that stop a job are the gate's ``Blocked`` (with the findings)."""
from __future__ import annotations


class InputError(Exception):
    """An input or output that cannot be used; the message is Vietnamese."""


class NeedsDate(InputError):
    """A date of reference is missing; the message says which one."""


class AppendixError(InputError, ValueError):
    """A consolidated appendices file that cannot be used (Vietnamese message)."""
