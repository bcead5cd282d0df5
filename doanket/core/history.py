"""Readable change history (django-simple-history) for a record's page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .text import mask

_ACTIONS = {"+": gettext_lazy("Tạo mới"), "~": gettext_lazy("Sửa"), "-": gettext_lazy("Xoá")}


@dataclass
class HistoryEntry:
    when: datetime
    actor: Any
    action: str
    subject: str = ""
    changes: list[dict[str, Any]] = field(default_factory=list)


def _label(model: Any, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except Exception:
        return name


def _field(model: Any, name: str) -> Any:
    try:
        return model._meta.get_field(name)
    except Exception:
        return None


def _shown(value: Any, field: Any = None, related: dict[Any, dict[Any, Any]] | None = None) -> str:
    """A value as a reader knows it: the Vietnamese label of a choice, the name of a related record
    (never its raw id), "có"/"không" for a yes/no, dates dd/mm/yyyy."""
    if value is None or value == "":
        return ""
    if field is not None:
        if getattr(field, "many_to_one", False) or getattr(field, "one_to_one", False):
            obj = (related or {}).get(field.related_model, {}).get(value)
            return str(obj) if obj is not None else str(_("(đã xoá)"))
        if getattr(field, "choices", None):
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(value, bool):
            return str(_("có") if value else _("không"))
    if hasattr(value, "hour") and hasattr(value, "strftime"):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M") if timezone.is_aware(value) \
            else value.strftime("%d/%m/%Y %H:%M")
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, list | tuple | set):  # many-to-many rows
        return ", ".join(_shown(v) for v in value)
    return str(value)


def _related(pending: dict[Any, set[Any]]) -> dict[Any, dict[Any, Any]]:
    """One query per related model for every foreign key named in the diffs (no query per line)."""
    out: dict[Any, dict[Any, Any]] = {}
    for model, pks in pending.items():
        out[model] = model._base_manager.in_bulk(list(pks)) if pks else {}
    return out


def entries(records: list[Any], *, subject: bool = False, limit: int = 100,
            masked: frozenset[str] = frozenset()) -> list[HistoryEntry]:
    """Turn historical rows (any order, any mix of records) into entries with field-level diffs.
    Values of `masked` fields are hidden (personal data the reader may not see)."""
    rows = sorted(records, key=lambda r: (r.history_date, r.history_id))
    previous: dict[Any, Any] = {}
    raw: list[tuple[Any, list[tuple[Any, Any, Any, Any]]]] = []
    pending: dict[Any, set[Any]] = {}
    for rec in rows:
        prev = previous.get(rec.id)
        diffs: list[tuple[Any, Any, Any, Any]] = []
        if prev is not None and rec.history_type == "~":
            for ch in rec.diff_against(prev).changes:
                fld = _field(rec.instance_type, ch.field)
                if fld is not None and (fld.many_to_one or fld.one_to_one):
                    pending.setdefault(fld.related_model, set()).update(
                        v for v in (ch.old, ch.new) if v not in (None, ""))
                diffs.append((ch.field, fld, ch.old, ch.new))
        previous[rec.id] = rec
        raw.append((rec, diffs))
    related = _related(pending)
    out: list[HistoryEntry] = []
    for rec, diffs in raw:
        changes: list[dict[str, Any]] = []
        for name, fld, old_v, new_v in diffs:
            old, new = _shown(old_v, fld, related), _shown(new_v, fld, related)  # as typed: no separator in years
            if name in masked:
                old, new = mask(old), mask(new)
            changes.append({"field": _label(rec.instance_type, name), "old": old, "new": new})
        out.append(HistoryEntry(when=rec.history_date, actor=rec.history_user, action=str(_ACTIONS[rec.history_type]),
                                subject=str(rec.instance) if subject else "", changes=changes))
    out.reverse()
    return out[:limit]
