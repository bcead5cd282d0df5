"""Readable change history (django-simple-history) for a record's page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

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


def _shown(value: Any) -> str:
    if value is None or value == "":
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value)


def entries(records: list[Any], *, subject: bool = False, limit: int = 100,
            masked: frozenset[str] = frozenset()) -> list[HistoryEntry]:
    """Turn historical rows (any order, any mix of records) into entries with field-level diffs.
    Values of `masked` fields are hidden (personal data the reader may not see)."""
    rows = sorted(records, key=lambda r: (r.history_date, r.history_id))
    previous: dict[Any, Any] = {}
    out: list[HistoryEntry] = []
    for rec in rows:
        prev = previous.get(rec.id)
        changes: list[dict[str, Any]] = []
        if prev is not None and rec.history_type == "~":
            delta = rec.diff_against(prev)
            for ch in delta.changes:
                old, new = _shown(ch.old), _shown(ch.new)  # as typed: no thousands separator in years
                if ch.field in masked:
                    old, new = mask(old), mask(new)
                changes.append({"field": _label(rec.instance_type, ch.field), "old": old, "new": new})
        previous[rec.id] = rec
        out.append(HistoryEntry(when=rec.history_date, actor=rec.history_user, action=str(_ACTIONS[rec.history_type]),
                                subject=str(rec.instance) if subject else "", changes=changes))
    out.reverse()
    return out[:limit]
