from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .permissions import Perm
from .selectors import user_has_perm


def navigation(request: HttpRequest) -> dict[str, Any]:
    """What the top menu may offer this user (the pages check again themselves)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"can_manage_users": user_has_perm(user, Perm.USER_MANAGE)}
