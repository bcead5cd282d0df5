"""The demo: Phường Thanh Xuân Nam's 2022 campaign, a transfer up, support paid, a house handed over, the
typhoon relief fund — balanced, and disclosed publicly with the ledger's figures."""

import pytest
from django.db import transaction
from django.urls import reverse

from doanket.accounts.models import User
from doanket.core.reference import reload_reference_data
from doanket.demo import seed
from doanket.funds import selectors
from doanket.funds.demo import CAMPAIGN, HOUSE_TITLE, RELIEF, load_funds_demo
from doanket.funds.models import Fund, House, HouseStatus, Transfer
from doanket.orgunits.models import UnitType


@pytest.fixture(scope="module")
def _demo_loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        if not UnitType.objects.exists():
            reload_reference_data()
        seed.load_demo(provinces=["01"])
        yield load_funds_demo(out=None)
        transaction.set_rollback(True)


@pytest.fixture
def campaign(_demo_loaded, db) -> Fund:
    return Fund.objects.select_related("unit").get(name=CAMPAIGN)


def test_the_campaign_balances_and_is_disclosed(campaign, client):
    assert campaign.unit.name == "Phường Thanh Xuân Nam"
    assert all(selectors.aggregates_match(f) for f in Fund.objects.all())
    assert campaign.receipts.count() == 10 and campaign.received_kind == 9_000_000
    assert Transfer.objects.filter(source=campaign, target__unit__name="Quận Thanh Xuân").exists()
    house = House.objects.get(title=HOUSE_TITLE)
    assert house.status == HouseStatus.HANDED_OVER and house.budget.count() == 3
    assert Fund.objects.get(name=RELIEF).balance == 0
    data = selectors.disclosure(campaign)
    assert data.totals.balance == campaign.balance and data.houses_built == 1
    body = client.get(reverse("funds_public:fund", args=[campaign.pk])).content.decode()
    assert "Đỗ Văn Khang" not in body and "Hộ nghèo" in body and "đã bàn giao 1" in body


def test_loading_again_changes_nothing(campaign):
    before = Fund.objects.count()
    assert load_funds_demo(out=None) == campaign
    assert Fund.objects.count() == before


def test_the_district_login_sees_the_campaign(campaign, client):
    client.force_login(User.objects.get(username="thanhxuan"))
    body = client.get(reverse("funds:detail", args=[campaign.pk])).content.decode()
    assert "Công ty TNHH Thương mại Hoàng Long" in body
