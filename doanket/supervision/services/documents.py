"""Documents of a supervision (plan, the body's report, the conclusions, answers): PDF, Word, PowerPoint or
images, accepted only when their bytes are what their name says (the events domain's `sniff`)."""

from __future__ import annotations

import os
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from doanket.core.services import as_actor, validate_and_save
from doanket.core.text import normalize_text
from doanket.events.services.materials import CONTENT_TYPES, max_bytes, sniff

from ..models import ActivityDocument, DocumentKind, SupervisionActivity
from ..permissions import SupervisionPerm
from ._common import require_perm

MB = 1024 * 1024


@transaction.atomic
def document_add(*, actor: Any, activity: SupervisionActivity, upload: File, title: str = "",
                 kind: str = DocumentKind.OTHER) -> ActivityDocument:
    require_perm(actor, activity.unit, SupervisionPerm.TRACK)
    name = normalize_text(os.path.basename(upload.name or ""))[:255]
    size = upload.size or 0
    if size <= 0:
        raise ValidationError({"file": [_("Tệp rỗng.")]})
    if size > max_bytes():
        raise ValidationError({"file": [_("Tệp vượt giới hạn %(max)s MB.") % {"max": max_bytes() // MB}]})
    file_kind = sniff(upload, name)
    doc = ActivityDocument(activity=activity, kind=kind, title=normalize_text(title) or name, original_name=name,
                           size=size, file_kind=file_kind, uploaded_by=actor)
    doc.file.save(name, upload, save=False)
    stored = doc.file.name
    # The file is on disk before the row: if the row is not written, the file goes too.
    try:
        validate_and_save(doc, actor)
    except Exception:
        doc.file.storage.delete(stored)
        raise
    return doc


@transaction.atomic
def document_delete(*, actor: Any, document: ActivityDocument) -> None:
    require_perm(actor, document.activity.unit, SupervisionPerm.MANAGE)
    storage, name = document.file.storage, document.file.name
    as_actor(document, actor).delete()
    transaction.on_commit(lambda: storage.delete(name))


def content_type(document: ActivityDocument) -> str:
    return CONTENT_TYPES.get(document.file_kind, "application/octet-stream")  # type: ignore[call-overload]
