"""Reach: which subtrees of the unit tree a user may see or change, as ranges of the unit path.

`Reach` is computed by `doanket.accounts.selectors.user_reach(user, perm)`; filtering any model by it is
one indexed range condition per subtree, never a loop over units. `Reach.require` is the one outcome
table every access check ends in:

| the object's unit | answer |
|---|---|
| outside what the user may see | 404 (its existence is not told) |
| visible, but the user lacks the right for this action | 403 |
| allowed, but the object is in the wrong state | the service's ValidationError (a Vietnamese message) |
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

# The unit tree's materialised path: steps of 4 base-36 digits (django-treebeard's MP_Node defaults).
PATH_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
PATH_STEPLEN = 4


def next_path(path: str) -> str | None:
    """The smallest path greater than every path that starts with `path` (base-36 increment)."""
    chars = list(path)
    for i in range(len(chars) - 1, -1, -1):
        pos = PATH_ALPHABET.index(chars[i])
        if pos + 1 < len(PATH_ALPHABET):
            chars[i] = PATH_ALPHABET[pos + 1]
            return "".join(chars[: i + 1])
    return None


def subtree_q(path: str, field: str = "path") -> Q:
    """Condition "`field` is `path` or below it" as a range on the path index.

    A range and not `startswith`: SQLite cannot use an index for LIKE … ESCAPE, so a prefix test
    there scans the whole index, while a range is an index search on every database."""
    upper = next_path(path)
    cond = Q(**{f"{field}__gte": path})
    return cond & Q(**{f"{field}__lt": upper}) if upper else cond


@dataclass(frozen=True)
class Reach:
    """Subtrees (by path prefix) a user may reach with one permission. `everything` for operators."""

    prefixes: tuple[str, ...] = ()
    everything: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.everything and not self.prefixes

    def q(self, path_field: str = "path") -> Q:
        """Condition on a unit path field, e.g. `reach.q("unit__path")`."""
        if self.everything:
            return Q()
        if not self.prefixes:
            return Q(pk__in=[])
        cond = Q()
        for prefix in self.prefixes:
            cond |= subtree_q(prefix, path_field)
        return cond

    def covers(self, path: str) -> bool:
        return self.everything or any(path.startswith(p) for p in self.prefixes)

    def require(self, path: str, *, visible: Reach | None = None, denied: str | None = None) -> None:
        """Refuse unless `path` is in this reach: 404 when the unit is not even in `visible` (the
        reach that lets the user see the object; this reach itself when not given), else 403 (with
        `denied`, a Vietnamese reason the page shows, when given)."""
        if self.covers(path):
            return
        if visible is not None and visible.covers(path):
            raise PermissionDenied(denied) if denied else PermissionDenied
        raise Http404
