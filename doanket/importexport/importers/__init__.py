"""One importer per entity (units, people, assignments), each a parse → plan → write pipeline on the
shared base (`base.Importer`): the whole file is checked before anything is written, in one transaction."""

from __future__ import annotations

from doanket.accounts.models import User

from ..columns import Kind
from ..reading import ImportResult
from .assignments import AssignmentImporter
from .base import Importer
from .people import PeopleImporter
from .units import UnitImporter

IMPORTERS: dict[Kind, type[Importer]] = {
    Kind.UNITS: UnitImporter,
    Kind.PEOPLE: PeopleImporter,
    Kind.ASSIGNMENTS: AssignmentImporter,
}


def import_file(*, actor: User, kind: Kind, data: bytes) -> ImportResult:
    """Import one workbook of the given kind; ImportRejected lists every problem when nothing was written."""
    return IMPORTERS[kind].run(actor=actor, data=data)
