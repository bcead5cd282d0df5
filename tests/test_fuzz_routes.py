"""Every GET and POST route with malformed values — ids, dates, `next`, page numbers, NUL, huge strings — answers
without a 500 (issue 11). Routes come from the resolver, so a new route is fuzzed without a list to update."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from doanket.core.permissions import Role

SKIP_PREFIXES = ("van-hanh/",)  # the Django admin: operators only, Django's own
PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")
HUGE = "x" * 5000
# Per converter: values the converter accepts but no view expects.
BAD_PARAMS = {"int": ["0", "18446744073709551616"], "str": ["%00", HUGE], "slug": ["-", "a" * 300],
              "path": ["..%2F..%2Fsecret", "%00.jpg"], None: ["%00", HUGE]}
BAD_QUERY = {"page": "-1", "trang": "abc", "next": "//evil.example/", "q": "\x00" + HUGE, "unit": "abc",
             "position": "18446744073709551616", "date": "31/02/2022", "on": "99/99/9999", "current": "\x00",
             "kind": "\x00", "selected": "1,2,x", "field": HUGE, "blank": "\x00"}
BAD_BODY = {**BAD_QUERY, "start_date": "32/13/2020", "end_date": "00/00/0000", "valid_from": "x", "valid_to": HUGE,
            "full_name": HUGE, "name": "\x00", "title": HUGE, "unit": "-1", "person": "18446744073709551616",
            "role": "\x00", "code": "\x00", "email": "@@", "password": HUGE, "id_number": "\x00" * 12,
            "birth_year": "1e9", "rating": "NaN", "answer": "\x00", "option-1": "x", "count": "-5"}


def routes() -> list[str]:
    def walk(patterns, prefix=""):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                yield prefix + str(p.pattern)

    return sorted({r for r in walk(get_resolver().url_patterns) if not r.startswith(SKIP_PREFIXES)})


def urls(route: str) -> list[str]:
    found = PARAM.findall(route)
    if not found:
        return ["/" + route]
    made = []
    for i in range(2):
        made.append("/" + PARAM.sub(lambda m, i=i: BAD_PARAMS.get(m.group(1), BAD_PARAMS[None])[i], route))
    return made


ROUTES = routes()


@pytest.fixture
def strongest(tree, make_user):
    return make_user("quantri-khuongmai", tree.khuong_mai, *Role.values)


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES)
def test_no_route_answers_500_to_malformed_values(route, strongest, client, django_capture_on_commit_callbacks):
    client.raise_request_exception = False
    for logged_in in (True, False):
        if logged_in:
            client.force_login(strongest)
        else:
            client.logout()
        for url in urls(route):
            with django_capture_on_commit_callbacks(execute=False):
                get = client.get(url, BAD_QUERY)
                post = client.post(url, BAD_BODY)
            assert get.status_code < 500, f"GET {url} ({'cadre' if logged_in else 'anonymous'}): {get.status_code}"
            assert post.status_code < 500, f"POST {url} ({'cadre' if logged_in else 'anonymous'}): {post.status_code}"
