"""The demo: Thanh Xuân's 2022 campaign and Ngày hội, with results, and the 2022 evaluation."""

import datetime as dt

import pytest
from django.db import transaction
from django.urls import reverse

from doanket.accounts.models import User
from doanket.core.reference import reload_reference_data
from doanket.demo import seed
from doanket.movements import selectors
from doanket.movements.demo import CAMPAIGN_TITLE, FESTIVAL_TITLE, load_movements_demo
from doanket.movements.models import Campaign, Decision, TitleKind
from doanket.orgunits.models import UnitType


@pytest.fixture(scope="module")
def _demo_loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        if not UnitType.objects.exists():
            reload_reference_data()
        seed.load_demo(provinces=["01"])
        load_movements_demo(out=None)
        load_movements_demo(out=None)  # idempotent
        yield
        transaction.set_rollback(True)


def test_demo_campaigns_progress_and_titles(_demo_loaded, db, client):
    campaign = Campaign.objects.get(title=CAMPAIGN_TITLE)
    festival = Campaign.objects.get(title=FESTIVAL_TITLE)
    rollup = selectors.progress(campaign, campaign.unit, on=dt.date(2022, 12, 31))
    assert len(rollup.rows) == 11 and rollup.total.areas >= 33
    assert 0 < rollup.total.silent < rollup.total.areas
    assert selectors.progress(festival, festival.unit, on=dt.date(2022, 12, 31)).total.festivals == rollup.total.areas
    assert Decision.objects.filter(year=2022, kind=TitleKind.FAMILY).count() == 11
    user = User.objects.get(username="khuongmai")
    assert selectors.consecutive_titles(user, TitleKind.FAMILY, 2022, 3)
    client.force_login(user)
    assert client.get(reverse("movements:detail", args=[campaign.pk])).status_code == 200
    assert client.get(reverse("movements:titles") + "?nam=2022").status_code == 200
