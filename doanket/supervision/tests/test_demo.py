"""The demo supervision on the demo tree: loaded once, seen as the demo logins see it."""

import pytest
from django.db import transaction
from django.urls import reverse

from doanket.accounts.models import User
from doanket.core.reference import reload_reference_data
from doanket.demo import seed
from doanket.orgunits.models import UnitType
from doanket.supervision.demo import SANITATION_TITLE, load_supervision_demo
from doanket.supervision.models import ActivityStatus, Outcome, SupervisionActivity


@pytest.fixture(scope="module")
def _demo_loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        if not UnitType.objects.exists():
            reload_reference_data()
        seed.load_demo(provinces=["01"])
        load_supervision_demo(out=None)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_loaded, db):
    return load_supervision_demo(out=None)  # idempotent: the same records


def test_the_sanitation_supervision_of_2022(demo):
    a = demo.sanitation
    assert SupervisionActivity.objects.filter(title=SANITATION_TITLE).count() == 1
    assert a.unit.name == "Phường Khương Đình" and a.status == ActivityStatus.RECOMMENDED
    assert a.team.filter(role="head").count() == 1
    assert demo.answered.outcome == Outcome.ACCEPTED and demo.answered.answered_on is not None
    overdue = demo.overdue
    assert overdue.answered_on is None
    assert [e.to_unit.name for e in overdue.escalations.all()] == ["Quận Thanh Xuân"]
    assert demo.current.status == ActivityStatus.PLANNED and demo.current.unit.name == "Phường Phương Liệt"


def test_the_district_sees_the_escalation(demo, client):
    client.force_login(User.objects.get(username="thanhxuan"))
    body = client.get(reverse("supervision:followup"), {"show": "escalated"}).content.decode()
    assert demo.overdue.content[:40] in body and demo.answered.content[:40] not in body


def test_another_ward_does_not_see_it(demo, client):
    client.force_login(User.objects.get(username="nhanchinh"))
    assert client.get(reverse("supervision:activity", args=[demo.sanitation.pk])).status_code == 404


def test_the_2023_critique(demo):
    c = demo.critique
    assert c.status == "answered" and c.outcome == "partly" and c.opinions.count() == 2
    assert c.unit.name == "Phường Khương Đình" and c.received_on.year == 2023


def test_the_household_consultation(demo):
    from doanket.supervision.selectors import consultation_result

    r = consultation_result(demo.consultation)
    assert (r.households, r.answers, r.agree, r.quorum_met, r.approved) == (12, 8, 6, True, False)
