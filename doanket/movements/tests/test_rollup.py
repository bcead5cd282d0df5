"""Progress up the tree: each level's rows add up to its total, merged units count with their successor,
targets come from the nearest unit, and the number of queries does not grow with the units."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from doanket.core.permissions import Role
from doanket.movements import selectors, services
from doanket.orgunits import services as unit_services


def rows_by_name(rollup):
    return {r.unit.name: r for r in rollup.rows}


@pytest.fixture
def reported(adopted, tree, staff):
    services.results_record(actor=staff.ward, campaign=adopted, area=tree.km_area,
                            values={adopted.sessions.pk: 12, adopted.street.pk: "yes"})
    services.results_record(actor=staff.other_ward, campaign=adopted, area=tree.nc_area,
                            values={adopted.sessions.pk: 4, adopted.street.pk: "no"})
    return adopted


@pytest.mark.django_db
def test_ward_sees_its_areas_and_district_its_wards(reported, tree):
    district = selectors.progress(reported, tree.district, on=dt.date(2022, 12, 31))
    rows = rows_by_name(district)
    assert set(rows) == {"Phường Khương Mai", "Phường Nhân Chính"}
    km, nc = rows["Phường Khương Mai"], rows["Phường Nhân Chính"]
    assert km.indicators[reported.sessions.pk].total == 12 and km.share(reported.sessions.pk) == 100
    assert nc.indicators[reported.sessions.pk].total == 4 and nc.share(reported.sessions.pk) == 0
    assert km.indicators[reported.street.pk].total == 1 and nc.indicators[reported.street.pk].total == 0
    # The level's total is the sum of its rows.
    assert district.total.indicators[reported.sessions.pk].total == 16
    assert district.total.areas == 2 and district.total.share(reported.sessions.pk) == 50
    ward = selectors.progress(reported, tree.khuong_mai, on=dt.date(2022, 12, 31))
    assert [r.unit.pk for r in ward.rows] == [tree.km_area.pk]


@pytest.mark.django_db
def test_areas_that_reported_nothing_are_counted(adopted, tree, staff):
    services.results_record(actor=staff.ward, campaign=adopted, area=tree.km_area, values={adopted.sessions.pk: 1})
    rollup = selectors.progress(adopted, tree.district, on=dt.date(2022, 12, 31))
    rows = rows_by_name(rollup)
    assert rows["Phường Khương Mai"].silent == 0 and rows["Phường Nhân Chính"].silent == 1
    assert rollup.total.silent == 1


@pytest.mark.django_db
def test_merged_ward_counts_with_its_successor(tree, staff):
    """Khương Mai merged into Phường Phương Liệt on 1/7/2025: in a Hà Nội campaign, its results count with
    Phương Liệt from that day, with Quận Thanh Xuân before it; each result once either way."""
    city = services.campaign_create(actor=staff.city, unit=tree.hanoi, title="Người Việt Nam ưu tiên dùng hàng Việt Nam",
                                    starts_on=dt.date(2024, 1, 1), ends_on=dt.date(2025, 12, 31))
    shops = services.indicator_add(actor=staff.city, campaign=city, name="Số điểm bán hàng Việt", target=3)
    services.campaign_adopt(actor=staff.city, campaign=city, unit=tree.hanoi)
    services.results_record(actor=None, campaign=city, area=tree.km_area, values={shops.pk: 5})
    services.results_record(actor=None, campaign=city, area=tree.nc_area, values={shops.pk: 2})
    before = rows_by_name(selectors.progress(city, tree.hanoi, on=dt.date(2025, 6, 30)))
    after_rollup = selectors.progress(city, tree.hanoi, on=dt.date(2025, 7, 1))
    after = rows_by_name(after_rollup)
    assert before["Quận Thanh Xuân"].indicators[shops.pk].total == 7
    assert before["Phường Phương Liệt"].indicators[shops.pk].total == 0
    assert after["Phường Phương Liệt"].indicators[shops.pk].total == 5
    assert after["Phường Phương Liệt"].areas == 1 and after["Phường Phương Liệt"].share(shops.pk) == 100
    assert after["Quận Thanh Xuân"].indicators[shops.pk].total == 2
    assert after_rollup.total.indicators[shops.pk].total == 7 and after_rollup.total.areas == 2


@pytest.mark.django_db
def test_nearest_units_target_decides_who_reached_it(reported, tree, make_user):
    ward = make_user("tt-khuongmai", tree.khuong_mai, Role.STANDING)
    services.target_set(actor=ward, indicator=reported.sessions, unit=tree.khuong_mai, target=15)
    rows = rows_by_name(selectors.progress(reported, tree.district, on=dt.date(2022, 12, 31)))
    assert rows["Phường Khương Mai"].share(reported.sessions.pk) == 0  # 12 < its own 15
    services.target_set(actor=ward, indicator=reported.sessions, unit=tree.km_area, target=12)
    rows = rows_by_name(selectors.progress(reported, tree.district, on=dt.date(2022, 12, 31)))
    assert rows["Phường Khương Mai"].share(reported.sessions.pk) == 100  # the area's own target is nearer


@pytest.mark.django_db
def test_festivals_of_the_areas_are_counted(adopted, tree):
    from doanket.events import services as event_services
    from doanket.events.models import EventType

    festival = EventType.objects.get(code="ngay-hoi-dai-doan-ket")
    start = timezone.make_aware(dt.datetime(2022, 11, 16, 18, 0))
    event_services.event_create(actor=None, title="Ngày hội KDC số 1", event_type=festival, organiser=tree.km_area,
                                starts_at=start, ends_at=start + dt.timedelta(hours=3))
    rows = rows_by_name(selectors.progress(adopted, tree.district, on=dt.date(2022, 12, 31)))
    assert rows["Phường Khương Mai"].festivals == 1 and rows["Phường Nhân Chính"].festivals == 0


@pytest.mark.django_db
def test_query_count_does_not_grow_with_units(reported, tree, unit_types):
    def count() -> tuple[int, selectors.Rollup]:
        with CaptureQueriesContext(connection) as ctx:
            rollup = selectors.progress(reported, tree.district, on=dt.date(2025, 7, 1))
        return len(ctx.captured_queries), rollup

    small, _rollup = count()
    areas = []
    for i in range(2, 7):
        ward = unit_services.unit_create(actor=None, parent=tree.district, unit_type=unit_types["commune"],
                                         name=f"Phường Thử {i}")
        areas += [unit_services.unit_create(actor=None, parent=ward, unit_type=unit_types["area"],
                                            name=f"Khu dân cư số {j}") for j in range(3)]
    services.campaign_adopt(actor=None, campaign=reported, unit=tree.district)
    for area in areas:
        area.refresh_from_db()
        services.results_record(actor=None, campaign=reported, area=area, values={reported.sessions.pk: 10})
    large, rollup = count()
    assert large == small <= 9
    assert len(rollup.rows) == 7 and rollup.total.indicators[reported.sessions.pk].total == 16 + 150
