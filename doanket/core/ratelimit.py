"""Rate limits on the public doors (issue 11): ballot codes, invitation codes, password reset, citizens'
e-mail sign-in, public search, and person creation (the ID-number check). Built on django-ratelimit, whose
counters live in the shared cache (Redis in production, `REDIS_URL`), so a limit holds across workers and
machines. Each door counts per client address and, when it has one, per target (the code, the e-mail
address, the poll) — so neither many addresses against one target nor one address against many targets
get through. The rates are settings (`DOANKET_RATELIMITS`, defaults and meaning in SECURITY.md); a refused
request gets the Vietnamese 429 page with `Retry-After`. Login is limited by django-axes, not here."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django_ratelimit.core import get_usage

# door -> {"address": rate, "target": rate, "account": rate}; rates as django-ratelimit writes them ("5/m",
# "20/h", "100/d"). Overridden key by key by settings.DOANKET_RATELIMITS.
DEFAULTS: dict[str, dict[str, str]] = {
    "ballot_code": {"address": "30/h", "target": "1000/h"},  # target: the poll; keep above its hourly turnout
    "invitation_code": {"address": "300/h", "target": "60/h"},  # target: the code; a conference's wifi is one address
    "password_reset": {"address": "10/h", "target": "3/h"},  # target: the e-mail address
    "citizen_email": {"address": "10/h", "target": "3/h"},  # target: the e-mail address
    "petition_code": {"address": "60/h", "target": "30/h"},  # a petition's tracking code is its credential
    "public_search": {"address": "60/m"},
    "person_create": {"account": "300/h"},  # form and API, per account
}


def rates(door: str) -> dict[str, str]:
    return {**DEFAULTS.get(door, {}), **(getattr(settings, "DOANKET_RATELIMITS", {}) or {}).get(door, {})}


class Limited(Exception):
    """Raised by `check` when a door's limit is reached; `retry_after` is in seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


def client_ip(request: HttpRequest) -> str:
    """The client's address. Behind `DOANKET_PROXY_COUNT` trusted reverse proxies it is the entry that
    many places from the right of X-Forwarded-For (the one our own proxy appended); otherwise
    REMOTE_ADDR, so a client cannot choose its own address by sending the header."""
    count = int(getattr(settings, "DOANKET_PROXY_COUNT", 0) or 0)
    if count > 0:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
        if len(forwarded) >= count:
            return forwarded[-count]
    return str(request.META.get("REMOTE_ADDR") or "")


def check(request: HttpRequest, door: str, *, target: str | None = None) -> None:
    """Count one attempt at `door` for the request's address (and `target`, and the account); raise `Limited`
    when any of them is over its rate. Every counter is incremented, so a refused attempt counts too."""
    door_rates = rates(door)
    keys = {"address": client_ip(request)}
    if target:
        # Hashed: cache keys stay short and hold no e-mail address.
        keys["target"] = hashlib.sha256(target.strip().lower().encode()).hexdigest()[:32]
    user: Any = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        keys["account"] = str(user.pk)
    wait = 0
    for kind, value in keys.items():
        rate = door_rates.get(kind)
        if not rate:
            continue
        usage = get_usage(request, group=f"doanket:{door}:{kind}", key=lambda _g, _r, v=value: v, rate=rate,
                          increment=True)
        if usage and usage["should_limit"]:
            wait = max(wait, int(usage["time_left"]), 1)
    if wait:
        raise Limited(wait)


def too_many(request: HttpRequest, retry_after: int) -> HttpResponse:
    """The Vietnamese 429 page. Standalone (no database query): a flood must cost us as little as possible."""
    response = HttpResponse(render_to_string("429.html", {"minutes": max(1, (retry_after + 59) // 60)},
                                             request=request), status=429)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


def too_many_json(retry_after: int) -> HttpResponse:
    """The API's 429: JSON, like every API answer."""
    from django.http import JsonResponse
    from django.utils.translation import gettext as _

    response = JsonResponse({"detail": _("Quá nhiều yêu cầu. Vui lòng thử lại sau %(seconds)d giây.")
                             % {"seconds": retry_after}}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def rate_limited(door: str, *, methods: tuple[str, ...] = ("POST",),
                 target: Callable[..., str | None] | None = None) -> Callable[[Callable[..., HttpResponse]],
                                                                           Callable[..., HttpResponse]]:
    """View decorator: `check` the door on the given methods; `target(request, *args, **kwargs)` names what is
    attacked (None: address only)."""
    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method in methods:
                try:
                    check(request, door, target=target(request, *args, **kwargs) if target else None)
                except Limited as exc:
                    return too_many(request, exc.retry_after)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate
