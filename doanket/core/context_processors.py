from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .domains import public_nav_items


def public_navigation(request: HttpRequest) -> dict[str, Any]:
    """The citizens' site menu entries every domain registers (its domain.py's public_nav)."""
    return {"public_nav_items": public_nav_items()}
