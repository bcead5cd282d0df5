"""What every importer shares: the pipeline, the actor's scope, and the row problems said alike.

An import runs in three stages, in one transaction:
1. parse — read the sheet (`reading.read_sheet`: file checks, headers, cells by column); no database;
2. plan — fetch everything the rows refer to in a few queries (`load`), decide each row against those
   lookups and the other rows of the file (`plan_row`: a record to insert or update, unchanged, or
   RowErrors), then the checks that need the whole file (`check`);
3. write — only when no row has an error (else ImportRejected, nothing written): bulk inserts and
   updates that also write the history rows, attributed to the actor.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, ClassVar

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from doanket.accounts.models import User
from doanket.accounts.selectors import user_reach
from doanket.core.permissions import Permission
from doanket.core.reach import Reach
from doanket.importexport.permissions import DataPerm
from doanket.orgunits.models import OrgUnit
from doanket.people.models import Person
from doanket.people.selectors import people_visible

from ..columns import COLUMNS, Kind
from ..reading import ImportRejected, ImportResult, RowError, RowReader, SheetData, file_error, read_sheet
from ..refs import chunks

BATCH = 500


class Scope:
    """Where the actor may look (view permission) and write (data import + the kind's manage permission)."""

    def __init__(self, actor: User, manage: Permission, view: Permission) -> None:
        self.view: Reach = user_reach(actor, view)
        self.importing: Reach = user_reach(actor, DataPerm.IMPORT)
        self.manage: Reach = user_reach(actor, manage)

    def writable(self, path: str) -> bool:
        return self.importing.covers(path) and self.manage.covers(path)

    def visible(self, path: str) -> bool:
        return self.view.covers(path) or self.writable(path)

    def can_write_unit(self, unit: OrgUnit) -> bool:
        return self.writable(unit.path)

    def can_see_unit(self, unit: OrgUnit) -> bool:
        return self.visible(unit.path)


def not_found(ref: str) -> str:
    return _("Đơn vị “%(ref)s” không tìm thấy hoặc ngoài phạm vi.") % {"ref": ref}


def ref_problem(reader: RowReader, key: str, ref: str, problem: str) -> None:
    """A unit reference that did not resolve ("invalid", "ambiguous" or "missing")."""
    if problem == "invalid":
        reader.error(key, _("“%(ref)s” không đúng dạng: ghi mã đơn vị hoặc #<số>.") % {"ref": ref})
    elif problem == "ambiguous":
        reader.error(key, _("Mã “%(ref)s” trùng giữa nhiều đơn vị; hãy ghi #<số> của đơn vị như trong tệp xuất.")
                     % {"ref": ref})
    else:
        reader.error(key, not_found(ref))


def duplicate(reader: RowReader, key: str, first_row: int) -> None:
    reader.error(key, _("Trùng với dòng %(row)d.") % {"row": first_row})


def changed_fields(obj: Any, new: dict[str, Any]) -> list[str]:
    return [name for name, value in new.items() if getattr(obj, name) != value]


def person_not_found(pk: int) -> str:
    return _("Người có mã %(pk)d không tìm thấy hoặc ngoài phạm vi.") % {"pk": pk}


def visible_people(actor: User, pks: set[int]) -> dict[int, Person]:
    found: dict[int, Person] = {}
    for part in chunks(pks):
        found.update((p.pk, p) for p in people_visible(actor).filter(pk__in=part).select_related("unit"))
    return found


class Importer(ABC):
    """One entity's import. Subclasses name their kind and permissions and fill in the stages."""

    kind: ClassVar[Kind]
    manage: ClassVar[Permission]
    view: ClassVar[Permission]

    def __init__(self, actor: User, sheet: SheetData) -> None:
        self.actor = actor
        self.sheet = sheet
        self.scope = Scope(actor, self.manage, self.view)
        self.errors: list[RowError] = []
        self.result = ImportResult(kind=self.kind)

    @classmethod
    def run(cls, *, actor: User, data: bytes) -> ImportResult:
        with transaction.atomic():
            sheet = read_sheet(data, cls.kind)  # parse
            if user_reach(actor, DataPerm.IMPORT).is_empty:
                raise file_error(_("Bạn không có quyền nhập dữ liệu."))
            importer = cls(actor, sheet)
            importer.plan()
            importer.write_all()
            return importer.result

    def plan(self) -> None:
        self.load()
        for number, values in self.sheet.rows:
            self.plan_row(RowReader(self.kind, number, values, self.sheet.present, self.errors))
        self.check()
        if self.errors:
            order = {c.header: i for i, c in enumerate(COLUMNS[self.kind])}
            raise ImportRejected(sorted(self.errors, key=lambda e: (e.row, order.get(e.column, -1))))

    def write_all(self) -> None:
        """A concurrent edit can still break a unique constraint between our checks and our writes."""
        try:
            self.write()
        except IntegrityError:
            raise file_error(_("Dữ liệu vừa bị người khác thay đổi nên tệp không được nhập; hãy thử lại.")) from None

    @abstractmethod
    def load(self) -> None:
        """Fetch what the file's rows refer to, in a few queries."""

    @abstractmethod
    def plan_row(self, r: RowReader) -> None:
        """Decide one row: plan a write, count it unchanged, or record its errors on `r`."""

    @abstractmethod
    def check(self) -> None:
        """Checks that need every row (unique values after the whole file is applied)."""

    @abstractmethod
    def write(self) -> None:
        """Write the planned records (bulk, with history) and fill in the result's counts."""

