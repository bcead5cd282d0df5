"""Fixtures for events: the seed's district training on the shared test tree, and helpers."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from doanket.core.permissions import Role
from doanket.events import services
from doanket.events.models import Event, EventStatus, EventType
from doanket.people import services as people_services

SEED_DAY = dt.date(2022, 9, 20)


def local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)), timezone.get_default_timezone())


@pytest.fixture
def event_types(reference_data) -> dict[str, EventType]:
    return {t.code: t for t in EventType.objects.all()}


@pytest.fixture
def make_event(event_types):
    def _make(organiser, *, title: str = "Hội nghị tập huấn kỹ năng, nghiệp vụ công tác Mặt trận Tổ quốc năm 2022",
              day: dt.date = SEED_DAY, start: int = 14, end: int = 17, type_code: str = "tap-huan", actor=None,
              **fields) -> Event:
        return services.event_create(actor=actor, title=title, event_type=event_types[type_code], organiser=organiser,
                                     starts_at=local(day, start), ends_at=local(day, end), **fields)

    return _make


def move(event: Event, *stages: str) -> Event:
    for stage in stages:
        event = services.event_transition(actor=None, event=event, to=stage)
    return event


@pytest.fixture
def seed_event(tree, people, positions, make_event) -> SimpleNamespace:
    """The district training of 20/9/2022: standing members of the district and its wards invited,
    list built, open for registration (the day has passed, so it can be marked held)."""
    event = make_event(tree.district, audience_label="cán bộ quận và cơ sở")
    rule = services.rule_add(actor=None, event=event, root=tree.district, positions=[positions["UVTT"]],
                             label="Ủy viên Thường trực Ủy ban MTTQ Việt Nam quận và các phường")
    move(event, EventStatus.PLANNED)
    services.invitations_build(actor=None, event=event)
    move(event, EventStatus.OPEN)
    event.refresh_from_db()
    inv = {i.person_id: i for i in event.invitations.all()}
    return SimpleNamespace(event=event, rule=rule, km=inv[people.km.pk], nc=inv[people.nc.pk])


@pytest.fixture
def area_heads(tree, positions):
    """Heads of the front work committees of both residential areas, in office on the seed day."""
    mk = people_services.person_create
    km_head = mk(actor=None, unit=tree.km_area, full_name="Lê Văn Bình", gender="M")
    nc_head = mk(actor=None, unit=tree.nc_area, full_name="Phạm Thị Lan", gender="F")
    for person, area in ((km_head, tree.km_area), (nc_head, tree.nc_area)):
        people_services.assignment_create(actor=None, person=person, position=positions["Trưởng ban CTMT"], unit=area,
                                          start_date=dt.date(2021, 3, 1))
    return SimpleNamespace(km=km_head, nc=nc_head)


@pytest.fixture
def checkin_clerk(tree, make_user):
    """A data-entry clerk of the district: may check people in, may not plan events."""
    return make_user("diemdanh-quan", tree.district, Role.DATA_ENTRY)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
