"""Uploaded files that never leave debris: no truncated file, no file without its row.

`SafeFileSystemStorage` (the default storage, settings STORAGES) writes an upload to a temporary name in
the target folder and links it to its final name only once it is complete, so a file under a real name is
always whole; a failed write (full or read-only disk) removes the temporary file and answers a Vietnamese
`StorageFull` (a ValidationError, so the form says it instead of a 500 page).

Saved inside a transaction (every service is `transaction.atomic`), the file is also tied to it: if the
transaction rolls back — the row was refused, a later step failed — the file is removed. Django has no
"on rollback" hook; the file is registered with `transaction.on_commit` and a rollback is what discards
that registration without running it (the callback object is then freed, and `weakref.finalize` removes
the file). Committed, the callback runs and the file stays.

The file takes its final name when it is complete rather than at commit: readers cannot see the row before
the commit anyway, and code inside the transaction (image dimensions, thumbnails) can open it by its name.
"""

from __future__ import annotations

import errno
import logging
import os
import secrets
import weakref
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.utils.translation import gettext as _

logger = logging.getLogger("doanket.storage")

FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG}


class StorageFull(ValidationError):
    def __init__(self) -> None:
        super().__init__(_("Máy chủ hết chỗ lưu tệp (hoặc ổ đĩa đang chỉ cho đọc): tệp chưa được lưu và không có "
                           "gì bị ghi dở. Hãy báo bộ phận kỹ thuật, rồi thử lại sau."), code="storage_full")


class _KeepOnCommit:
    """Registered with on_commit: run means committed; freed without running means rolled back."""

    def __init__(self, state: list[bool]) -> None:
        self.state = state

    def __call__(self) -> None:
        self.state[0] = True


def _remove_unless_committed(path: str, state: list[bool]) -> None:
    if not state[0]:
        try:
            os.remove(path)
        except FileNotFoundError:
            pass
        except OSError:
            logger.warning("Could not remove %s, an upload whose transaction rolled back", path, exc_info=True)


def tie_to_transaction(path: str, using: str | None = None) -> None:
    """Remove the file at `path` if the current transaction rolls back (nothing outside a transaction)."""
    connection = transaction.get_connection(using)
    if not connection.in_atomic_block:
        return
    state = [False]
    keeper = _KeepOnCommit(state)
    weakref.finalize(keeper, _remove_unless_committed, path, state)
    transaction.on_commit(keeper, using=using)


class SafeFileSystemStorage(FileSystemStorage):
    def _save(self, name: str, content: Any) -> str:
        folder = os.path.dirname(name)
        partial = os.path.join(folder, f".{secrets.token_hex(8)}.part")
        try:
            partial = super()._save(partial, content)  # type: ignore[misc]  # not in django-stubs
        except OSError as exc:
            self._discard(partial)
            if exc.errno in FULL_ERRNOS:
                logger.error("Upload refused: %s (%s)", exc, self.path(name))
                raise StorageFull() from exc
            raise
        final = name
        try:
            while True:
                try:
                    os.link(self.path(partial), self.path(final))  # never replaces an existing file
                    break
                except FileExistsError:
                    final = self.get_available_name(name)
        except OSError as exc:
            if exc.errno in FULL_ERRNOS:
                raise StorageFull() from exc
            raise
        finally:
            self._discard(partial)
        tie_to_transaction(self.path(final))
        return final.replace("\\", "/")

    def _discard(self, name: str) -> None:
        try:
            os.remove(self.path(name))
        except OSError:
            pass
