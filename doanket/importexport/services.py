"""Imports of units, people and assignments from .xlsx workbooks (the importers are in `importers/`).

A row about an existing record that changes nothing is counted as unchanged and written nowhere, so
re-importing an export is harmless. A column missing from the file leaves that field as it is; a
present column with an empty cell clears it. Masked values (with "*") leave the real value as it is.
If any row has an error, nothing is written and ImportRejected lists every problem.
"""

from __future__ import annotations

from doanket.accounts.models import User

from .importers import IMPORTERS, import_file
from .importers.assignments import AssignmentImporter
from .importers.people import PeopleImporter
from .importers.units import UnitImporter
from .reading import ImportRejected, ImportResult, RowError

__all__ = ["IMPORTERS", "ImportRejected", "ImportResult", "RowError", "import_assignments", "import_file",
           "import_people", "import_units"]


def import_units(*, actor: User, data: bytes) -> ImportResult:
    return UnitImporter.run(actor=actor, data=data)


def import_people(*, actor: User, data: bytes) -> ImportResult:
    return PeopleImporter.run(actor=actor, data=data)


def import_assignments(*, actor: User, data: bytes) -> ImportResult:
    return AssignmentImporter.run(actor=actor, data=data)
