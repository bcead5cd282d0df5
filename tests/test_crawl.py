"""A crawl of the cadre site over the whole demo (every domain's demo loader): no link, form value or htmx
attribute carries an id printed with the thousands separator ("?unit=3.361" lands on an unfiltered page,
because USE_THOUSAND_SEPARATOR localises every number a template prints), and no page answers 500."""

from __future__ import annotations

import re
from collections import Counter, deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.db import transaction

from doanket.core.reference import reload_reference_data
from doanket.demo.seed import load_demo, load_modules_demo
from doanket.orgunits.models import UnitType

# Attributes that carry addresses or values sent back to the server.
CARRIERS = re.compile(r"^(href|action|value|src|hx-[a-z-]+|data-[a-z-]+)$")
# A number of four digits or more printed with separators: 1.234, 12.345.678 (dates use "/").
LOCALISED_NUMBER = re.compile(r"(?<![\d.])\d{1,3}(?:\.\d{3})+(?![\d.])")
SKIP = re.compile(r"dang-xuat|\.(pdf|xlsx|docx|svg|png|jpg|zip)$|/tep/|/xuat/|/mau/|/tai-ve/|chung-nhan|/in/")
MAX_PAGES = 160
PER_SHAPE = 2  # pages of one shape ("/quan-ly/don-vi/<n>/") visited at most


class _Attrs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is not None and CARRIERS.match(name):
                self.found.append((tag, name, value))


def start_ids_high(first: int = 12_345) -> None:
    """Make every table's next id five digits long, as on a real instance (the demo alone stays below 1,000,
    where the separator never shows)."""
    from django.apps import apps
    from django.db import connection

    with connection.cursor() as cursor:
        for model in apps.get_models():
            table = model._meta.db_table
            if not model._meta.pk or model._meta.pk.get_internal_type() not in ("AutoField", "BigAutoField"):
                continue
            if connection.vendor == "postgresql":
                cursor.execute("SELECT setval(pg_get_serial_sequence(%s, %s), %s, false)",
                               [table, model._meta.pk.column, first])
            else:
                cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [table])
                cursor.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, first])


@pytest.fixture(scope="module")
def _demo(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.test import override_settings

    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")), \
            transaction.atomic():
        if not UnitType.objects.exists():
            reload_reference_data()
        start_ids_high()
        load_demo(provinces=["01"])
        load_modules_demo(out=None)
        yield
        transaction.set_rollback(True)


def crawl(client, start: str = "/quan-ly/") -> tuple[list[str], list[str], int]:
    """Breadth-first over same-site cadre links; returns the offending attributes, pages that failed, pages seen."""
    queue, seen, shapes = deque([start]), {start}, Counter[str]()
    offences, failures, pages = [], [], 0
    while queue and pages < MAX_PAGES:
        url = queue.popleft()
        resp = client.get(url, follow=True)
        pages += 1
        if resp.status_code >= 500:
            failures.append(f"{url} answered {resp.status_code}")
            continue
        if "text/html" not in resp.get("Content-Type", ""):
            continue
        parser = _Attrs()
        parser.feed(resp.content.decode("utf-8", "replace"))
        for tag, name, value in parser.found:
            if LOCALISED_NUMBER.search(value):
                offences.append(f"{url}: <{tag} {name}=\"{value}\">")
            if tag != "a" or name != "href":
                continue
            target = urlsplit(urljoin(url, value))
            if target.netloc or not target.path.startswith("/quan-ly/") or SKIP.search(target.path):
                continue
            link = target.path + (f"?{target.query}" if target.query and "page=" not in target.query else "")
            shape = re.sub(r"\d+", "N", target.path)
            if link not in seen and shapes[shape] < PER_SHAPE:
                seen.add(link)
                shapes[shape] += 1
                queue.append(link)
    return offences, failures, pages


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["thanhxuan", "phuongliet"])
def test_no_cadre_page_prints_a_localised_id(_demo, client, username):
    from doanket.accounts.models import User

    client.raise_request_exception = False  # a 500 is recorded as a failure of the crawl, not raised
    client.force_login(User.objects.get(username=username))
    offences, failures, pages = crawl(client)
    assert pages > 40, f"the crawl saw only {pages} pages"
    assert not failures, failures
    assert not offences, "\n".join(offences[:20])


@pytest.mark.django_db
def test_a_malformed_unit_in_the_query_is_ignored(users, client):
    client.force_login(users.ward)
    for value in ("abc", "12.474", "²", "-1"):
        assert client.get(f"/quan-ly/nguoi/them/?unit={value}").status_code == 200
