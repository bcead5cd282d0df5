"""Issue 10: poll management counts the online ballots the public results show, imported ones included."""

import pytest
from django.urls import reverse

from doanket.polls import services
from doanket.polls.models import TallyKind

pytestmark = pytest.mark.django_db


def test_list_counts_imported_online_ballots(client, poll, staff):
    services.tally_import(actor=staff.city, poll=poll, kind=TallyKind.ONLINE_IMPORTED, ballots=131775,
                          votes={poll.options.rice.pk: 90000, poll.options.fan.pk: 100000},
                          source="Hệ thống bình chọn trực tuyến năm 2020")
    client.force_login(staff.city)
    body = client.get(reverse("polls:list")).content.decode()
    assert "131.775" in body
