"""Polls' part of tests/test_isolation.py: a draft poll of the ward with one of each of its parts."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from django.utils import timezone

from doanket.polls import services
from doanket.polls.permissions import PollPerm

ROUTE_WORDS = {"binh-chon": "poll", "nhom": "group", "lua-chon": "option", "ma-phieu": "batch"}


def secret_texts(scope: SimpleNamespace) -> list[str]:
    return [f"Bình chọn nội bộ {scope.ward.name}"]


def records(scope: SimpleNamespace) -> dict[str, int | str]:
    now = timezone.now()
    poll = services.poll_create(actor=None, unit=scope.ward, title=secret_texts(scope)[0], opens_at=now,
                                closes_at=now + dt.timedelta(days=1))
    group = services.group_add(actor=None, poll=poll, name="Nhóm")
    option = services.option_add(actor=None, group=group, name="Lựa chọn")
    batch = services.codes_generate(actor=None, poll=poll, area=scope.area, count=1)
    return {"poll": poll.pk, "group": group.pk, "option": option.pk, "batch": batch.pk}


def may_404(route: str, user_reach) -> bool:
    """Draft polls do not exist for a role without any poll permission (there is no "view" right)."""
    no_polls = user_reach(PollPerm.MANAGE).is_empty and user_reach(PollPerm.TALLY).is_empty
    return no_polls and route.startswith("quan-ly/binh-chon/")
