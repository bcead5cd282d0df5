"""The synthetic data generator: deterministic, consistent with the services' derived columns, no history."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import transaction

from doanket.core.text import fold, name_sort_key, normalize_text
from doanket.events.models import Event, Invitation
from doanket.news.models import Article
from doanket.news.services import article_prepare
from doanket.orgunits.models import Branch, OrgUnit
from doanket.people.models import Assignment, Person
from doanket.scale.generator import Spec, generate, invitation_code
from doanket.scale.names import NameMaker
from doanket.scale.texts import fast_fold, story

pytestmark = pytest.mark.django_db

TINY = Spec("test", catalogue=("01",), populate=("01",), max_communes=2, areas_per_commune=3, commune_committee=5,
            province_committee=5, central_committee=3, commune_events=2, province_trainings=1, commune_articles=3,
            province_articles=2)


class _Rollback(Exception):
    pass


def _generate_and_read(seed: int) -> tuple[dict[str, int], list[str]]:
    """Generate TINY, read what it made, and roll it all back (so the next run starts from the same state)."""
    try:
        with transaction.atomic():
            result = generate(TINY, seed=seed, password="")
            counts = {
                "areas": OrgUnit.objects.filter(unit_type__code="area").count(), "branches": Branch.objects.count(),
                "people": Person.objects.count(), "assignments": Assignment.objects.count(),
                "events": Event.objects.count(), "invitations": Invitation.objects.count(),
                "present": Invitation.objects.filter(checked_in_at__isnull=False).count(),
                "articles": Article.objects.count(),
            }
            assert counts["people"] == result.counts.people
            assert counts["invitations"] == result.counts.invitations
            names = list(Person.objects.order_by("id").values_list("full_name", flat=True)[:20])
            raise _Rollback
    except _Rollback:
        pass
    return counts, names


def test_same_seed_same_data_and_another_seed_other_names(reference_data):
    counts, names = _generate_and_read(seed=7)
    # 3 central + 5 province + 2 communes × (5 committee + 3 areas × 9)
    assert counts["people"] == 3 + 5 + 2 * (5 + 3 * 9)
    assert counts["areas"] == 2 * 3 and counts["branches"] == 2 * 3 * 3
    assert counts["events"] == 2 * 2 + 1
    assert counts["invitations"] == 2 * 2 * 32 + (1 + 2 + 2 * 3)  # commune events + one training of heads
    assert counts["articles"] == 2 * 3 + 2
    assert 0 < counts["present"] < counts["invitations"]
    again_counts, again_names = _generate_and_read(seed=7)
    assert (again_counts, again_names) == (counts, names)
    _other_counts, other_names = _generate_and_read(seed=8)
    assert other_names != names


def test_rows_match_what_the_services_would_compute(reference_data):
    generate(TINY, seed=1, password="")
    for p in Person.objects.all():
        assert p.full_name == normalize_text(p.full_name)
        assert p.search_text == fold(p.full_name)
        assert p.sort_key == name_sort_key(p.full_name)
    for a in Article.objects.all():
        prepared = article_prepare(Article(title=a.title, lede=a.lede, body=a.body, source=a.source))
        assert (a.slug, a.title_search, a.search_text, a.body) == (
            prepared.slug, prepared.title_search, prepared.search_text, prepared.body)
    # The tree stays a valid materialised path: numchild, depth and paths agree.
    assert OrgUnit.objects.find_problems() == ([], [], [], [], [])
    commune = OrgUnit.objects.filter(unit_type__code="commune", numchild__gt=0).first()
    assert commune is not None and OrgUnit.objects.get_children(commune).count() == commune.numchild == 3
    # Generated rows have no history; new records get their primary keys after the generated ones.
    assert Person.history.count() == 0 and Invitation.history.count() == 0 and Article.history.count() == 0
    unit = OrgUnit.objects.get(code="01", unit_type__code="province")
    created = Person.objects.create(full_name="Người Mới", unit=unit)
    assert created.pk > max(Person.objects.exclude(pk=created.pk).values_list("pk", flat=True))
    codes = list(Invitation.objects.values_list("code", flat=True))
    assert len(set(codes)) == len(codes)


def test_command_with_logins(reference_data, capsys):
    call_command("generate_data", scale="district", communes=1, seed=3)
    out = capsys.readouterr().out
    assert "Xong trong" in out
    assert Person.objects.count() == 60 + 40 + 300
    from doanket.accounts.models import User

    assert set(User.objects.values_list("username", flat=True)) == {"quymo-trunguong", "quymo-tinh", "quymo-xa"}
    assert User.objects.get(username="quymo-tinh").check_password("doanket2025")
    with pytest.raises(Exception, match="--flush"):
        call_command("generate_data", scale="district", communes=1)


def test_invitation_codes_are_distinct_and_use_the_events_alphabet():
    codes = {invitation_code(n, seed=1) for n in range(1, 20_001)}
    assert len(codes) == 20_000
    assert all(len(c) == 12 and set(c) <= set("ABCDEFGHJKMNPQRSTUVWXYZ23456789") for c in codes)


def test_names_have_realistic_frequencies():
    rng = random.Random(1)
    north = NameMaker.for_province("01")
    names = [north.make(rng, "F" if i % 2 else "M", 1970 + i % 40) for i in range(20_000)]
    families = Counter(n.split()[0] for n in names)
    assert 0.33 < families["Nguyễn"] / len(names) < 0.43
    assert families["Hoàng"] > families["Huỳnh"] * 5
    women = [n for i, n in enumerate(names) if i % 2]
    assert sum(n.split()[1] == "Thị" for n in women) / len(women) > 0.4
    assert all(normalize_text(n) == n and 3 <= len(n.split()) <= 4 for n in names)
    south = NameMaker.for_province("79")
    southern = Counter(south.make(rng, "M").split()[0] for _i in range(5_000))
    assert southern["Huỳnh"] > southern["Hoàng"]


def test_fast_fold_equals_fold_on_generated_text():
    rng = random.Random(5)
    for _i in range(200):
        s = story(rng, "Phường Đống Đa", ["Tổ dân phố số 1", "Tổ dân phố số 2"])
        text = " ".join([s.title, s.lede, s.body_text])
        assert fast_fold(text) == fold(text)


def test_bench_view_answers_exactly_n_bytes(rf):
    from doanket.scale.views import fixed_bytes

    for n in (10, 12_345, 40_000):
        response = fixed_bytes(rf.get(f"/bench/bytes/{n}/"), n)
        assert response.status_code == 200 and len(response.content) == n
        assert response["Content-Type"].startswith("text/html")


def test_bench_views_are_not_routed_unless_enabled():
    from django.urls import Resolver404, resolve

    with pytest.raises(Resolver404):
        resolve("/bench/bytes/100/")
