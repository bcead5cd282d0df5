from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from doanket.core.domains import nav_items

from .selectors import user_has_perm


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The cadre menu: every domain's entries this user may open (the pages check again themselves)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    items = [item for item in nav_items() if not item.perms or any(user_has_perm(user, p) for p in item.perms)]
    return {"nav_items": items}
