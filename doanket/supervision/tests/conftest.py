"""Khương Mai's 2022 supervision plan, its cadres, and an activity at each stage the tests need."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from doanket.core.permissions import Role
from doanket.supervision import services
from doanket.supervision.models import SupervisionForm, TeamRole


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def staff(tree, make_user) -> SimpleNamespace:
    return SimpleNamespace(
        standing=make_user("thuongtruc-khuongmai", tree.khuong_mai, Role.STANDING),
        entry=make_user("nhaplieu-khuongmai", tree.khuong_mai, Role.DATA_ENTRY),
        viewer=make_user("xem-khuongmai", tree.khuong_mai, Role.VIEWER),
        other=make_user("thuongtruc-nhanchinh", tree.nhan_chinh, Role.STANDING),
        district=make_user("thuongtruc-quan", tree.district, Role.STANDING),
    )


@pytest.fixture
def plan(tree, staff):
    return services.plan_create(actor=staff.standing, unit=tree.khuong_mai, year=2022)


@pytest.fixture
def activity(plan, staff):
    return services.activity_create(
        actor=staff.standing, plan=plan, title="Giám sát công tác thu gom rác thải",
        subject="Ủy ban nhân dân phường Khương Mai", subject_superior="Ủy ban nhân dân quận Thanh Xuân",
        content="Việc thu gom, vận chuyển rác thải sinh hoạt tại các khu dân cư.", form=SupervisionForm.TEAM,
        starts_on=dt.date(2022, 9, 5), ends_on=dt.date(2022, 9, 30))


@pytest.fixture
def concluded(activity, staff, people):
    services.member_add(actor=staff.standing, activity=activity, person=people.km, role=TeamRole.HEAD)
    services.activity_notify(actor=staff.standing, activity=activity, notified_on=dt.date(2022, 8, 15))
    services.activity_conduct(actor=staff.standing, activity=activity, conducted_on=dt.date(2022, 9, 12))
    services.activity_conclude(actor=staff.standing, activity=activity, findings="Rác được thu gom đúng giờ.",
                               concluded_on=dt.date(2022, 10, 3))
    activity.refresh_from_db()
    return activity


@pytest.fixture
def rec(concluded, staff):
    """Sent on Wednesday 5/10/2022: due 20 working days later, Wednesday 2/11/2022 (long overdue)."""
    r = services.recommendation_add(actor=staff.standing, activity=concluded, issued_on=dt.date(2022, 10, 5),
                                    content="Tăng tần suất thu gom rác tại các ngõ nhỏ.")
    services.activity_issue_recommendations(actor=staff.standing, activity=concluded)
    return r
