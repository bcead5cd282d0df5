"""Public pages answer GET and HEAD (and POST where a form lives), nothing else (issue 11): TRACE and OPTIONS
used to answer the cached page. Walks the resolver, so a new public route is covered without a list."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

PUBLIC_NAMESPACES = {"news_public", "polls_public", "events_public"}
# Views with a form (vote, citizen sign-in and confirmation, an invitee's answer and feedback).
FORM_VIEWS = {"detail", "citizen_start", "citizen_confirm", "citizen_logout", "invitation_public",
              "invitation_feedback"}
POST_ONLY = {"citizen_logout"}
SAMPLE = {"slug": "tat-ca", "path": "khong-co.jpg", "token": "khong-co", "code": "khong-co"}


def public_routes() -> list[tuple[str, str]]:
    def walk(patterns, prefix="", public=False):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern), public or p.namespace in PUBLIC_NAMESPACES)
            elif isinstance(p, URLPattern) and public:
                yield prefix + str(p.pattern), p.name

    return sorted(set(walk(get_resolver().url_patterns)))


def sample_url(route: str) -> str:
    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", lambda m: SAMPLE.get(m.group(2), "1"), route)


ROUTES = public_routes()


def test_public_routes_were_found():
    assert len(ROUTES) >= 15


@pytest.mark.django_db
@pytest.mark.parametrize(("route", "name"), ROUTES)
def test_public_route_answers_only_its_methods(route, name, tree, client):
    url = sample_url(route)
    for method in ("TRACE", "OPTIONS", "PUT", "PATCH", "DELETE", "CONNECT", "PROPFIND"):
        resp = client.generic(method, url)
        assert resp.status_code == 405, f"{method} {url} answered {resp.status_code}"
    post = client.post(url)
    assert (post.status_code == 405) == (name not in FORM_VIEWS), f"POST {url} answered {post.status_code}"
    if name not in POST_ONLY:
        for method in ("get", "head"):
            resp = getattr(client, method)(url)
            assert resp.status_code != 405, f"{method.upper()} {url} answered 405"


@pytest.mark.django_db
def test_trace_no_longer_answers_the_cached_home_page(tree, client):
    page = client.get("/")
    assert page.status_code == 200
    trace = client.generic("TRACE", "/")
    assert trace.status_code == 405 and trace["Allow"] == "GET, HEAD"
    assert b"<html" not in trace.content
