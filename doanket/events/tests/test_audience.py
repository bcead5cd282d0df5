import datetime as dt
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from doanket.events import services
from doanket.events.models import AudienceRule, EventStatus, Exclusion, Invitation, InvitationStatus
from doanket.orgunits import services as unit_services
from doanket.orgunits.models import OrgUnit
from doanket.people import services as people_services
from doanket.people.models import Assignment, Person

from .conftest import move

pytestmark = pytest.mark.django_db


def invited(event) -> set[str]:
    return set(Invitation.objects.filter(event=event).values_list("person__full_name", flat=True))


def test_rule_resolves_from_assignments_valid_on_the_event_day(tree, people, positions, make_event):
    ended = people_services.person_create(actor=None, unit=tree.khuong_mai, full_name="Đỗ Văn Cũ")
    people_services.assignment_create(actor=None, person=ended, position=positions["UVTT"], unit=tree.khuong_mai,
                                      start_date=dt.date(2015, 1, 1), end_date=dt.date(2022, 9, 19))
    later = people_services.person_create(actor=None, unit=tree.nhan_chinh, full_name="Vũ Thị Mới")
    people_services.assignment_create(actor=None, person=later, position=positions["UVTT"], unit=tree.nhan_chinh,
                                      start_date=dt.date(2022, 9, 21))
    event = make_event(tree.district)
    services.rule_add(actor=None, event=event, root=tree.district, positions=[positions["UVTT"]])
    result = services.invitations_build(actor=None, event=event)
    assert invited(event) == {"Nguyễn Thị Đức Hạnh", "Trần Văn Đức"}
    assert result.added == 2 and result.total == 2
    inv = Invitation.objects.get(event=event, person=people.km)
    assert inv.via_unit == tree.khuong_mai and inv.position_label == "Ủy viên Thường trực Ủy ban MTTQ Việt Nam"
    assert len(inv.code) == 12 and inv.code.isalnum()


def test_unit_type_filter_and_unit_only(tree, people, positions, area_heads, make_event):
    event = make_event(tree.district)
    services.rule_add(actor=None, event=event, root=tree.district, positions=[positions["Trưởng ban CTMT"]],
                      unit_type=tree.km_area.unit_type)
    services.rule_add(actor=None, event=event, root=tree.khuong_mai, include_subtree=False,
                      positions=[positions["UVTT"], positions["Trưởng ban CTMT"]])
    services.invitations_build(actor=None, event=event)
    assert invited(event) == {"Lê Văn Bình", "Phạm Thị Lan", "Nguyễn Thị Đức Hạnh"}


def test_an_audience_of_nobody_is_refused_and_nothing_is_written(tree, people, positions, make_event):
    event = make_event(tree.district)
    with pytest.raises(ValidationError) as exc:
        services.rule_add(actor=None, event=event, root=tree.district, positions=[positions["Bí thư Chi bộ"]])
    assert "không có người nào" in str(exc.value) and "20/09/2022" in str(exc.value)
    assert not AudienceRule.objects.exists()
    with pytest.raises(ValidationError) as exc:
        services.invitations_build(actor=None, event=event)
    assert "Chưa có đối tượng mời" in str(exc.value)
    # A rule that matched when added but no longer does (the only holder's term was corrected).
    services.rule_add(actor=None, event=event, root=tree.khuong_mai, include_subtree=False, positions=[positions["UVTT"]])
    Assignment.objects.filter(person=people.km).update(end_date=dt.date(2020, 1, 1))
    with pytest.raises(ValidationError) as exc:
        services.invitations_build(actor=None, event=event)
    assert "danh sách mời trống" in str(exc.value)
    assert not Invitation.objects.exists()


def test_rebuild_is_idempotent_and_keeps_hand_changes(tree, people, positions, make_event):
    event = make_event(tree.district)
    services.rule_add(actor=None, event=event, root=tree.district, positions=[positions["UVTT"]])
    services.invitations_build(actor=None, event=event)
    codes = dict(Invitation.objects.filter(event=event).values_list("person_id", "code"))
    again = services.invitations_build(actor=None, event=event)
    assert (again.added, again.removed, again.total) == (0, 0, 2)
    assert dict(Invitation.objects.filter(event=event).values_list("person_id", "code")) == codes

    services.invitation_add(actor=None, event=event, person=people.son)  # by hand
    services.invitation_remove(actor=None, invitation=Invitation.objects.get(event=event, person=people.nc))
    newcomer = people_services.person_create(actor=None, unit=tree.nhan_chinh, full_name="Hồ Thị Mới")
    people_services.assignment_create(actor=None, person=newcomer, position=positions["UVTT"], unit=tree.nhan_chinh,
                                      start_date=dt.date(2022, 1, 1))
    result = services.invitations_build(actor=None, event=event)
    assert result.added == 1 and result.removed == 0
    assert invited(event) == {"Nguyễn Thị Đức Hạnh", "Văn Hùng Sơn", "Hồ Thị Mới"}
    assert Invitation.objects.get(event=event, person=people.son).source == "manual"
    assert Invitation.objects.get(event=event, person=people.km).code == codes[people.km.pk]
    # Invited again by hand: the removal is forgotten.
    services.invitation_add(actor=None, event=event, person=people.nc)
    assert not Exclusion.objects.filter(event=event).exists()
    with pytest.raises(ValidationError):
        services.invitation_add(actor=None, event=event, person=people.nc)


def test_removing_a_rule_drops_only_untouched_invitations(tree, people, positions, area_heads, make_event):
    event = make_event(tree.district)
    keep = services.rule_add(actor=None, event=event, root=tree.district, positions=[positions["UVTT"]])
    heads = services.rule_add(actor=None, event=event, root=tree.district, positions=[positions["Trưởng ban CTMT"]])
    services.invitations_build(actor=None, event=event)
    answered = Invitation.objects.get(event=event, person=area_heads.km)
    answered.status = InvitationStatus.CONFIRMED
    answered.save()
    services.rule_delete(actor=None, rule=heads)
    result = services.invitations_build(actor=None, event=event)
    assert result.removed == 1
    assert invited(event) == {"Nguyễn Thị Đức Hạnh", "Trần Văn Đức", "Lê Văn Bình"}
    dropped = Invitation.history.filter(person_id=area_heads.nc.pk, history_type="-")
    assert dropped.count() == 1  # the deletion is in the history
    assert keep.pk


def test_invitations_are_written_with_history_and_actor(tree, users, people, positions, make_event):
    event = make_event(tree.district)
    services.rule_add(actor=users.district, event=event, root=tree.district, positions=[positions["UVTT"]])
    services.invitations_build(actor=users.district, event=event)
    assert Invitation.history.filter(history_type="+", history_user=users.district).count() == 2


def test_a_ward_cannot_build_or_change_the_districts_list(seed_event, users, people):
    with pytest.raises(PermissionDenied):
        services.invitations_build(actor=users.ward, event=seed_event.event)
    with pytest.raises(PermissionDenied):
        services.invitation_remove(actor=users.ward, invitation=seed_event.km)
    with pytest.raises(PermissionDenied):
        services.invitation_add(actor=users.ward, event=seed_event.event, person=people.thao)


def test_no_rebuild_after_the_event(seed_event):
    move(seed_event.event, EventStatus.HELD)
    seed_event.event.refresh_from_db()
    with pytest.raises(ValidationError):
        services.invitations_build(actor=None, event=seed_event.event)


def test_checked_in_people_cannot_be_removed(seed_event):
    services.event_check_in(actor=None, event=seed_event.event, code=seed_event.km.code)
    seed_event.km.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.invitation_remove(actor=None, invitation=seed_event.km)
    assert "đã điểm danh" in str(exc.value)


def test_province_wide_training_of_three_thousand(tree, users, positions, make_event):
    """~100 communes × 30 residential areas, one committee head each: the list builds in a few queries."""
    commune, area = tree.nhan_chinh.unit_type, tree.km_area.unit_type
    communes = unit_services.unit_bulk_add_children(
        actor=None, parent=tree.hanoi, units=[OrgUnit(unit_type=commune, name=f"Xã Thử {i}") for i in range(100)])
    areas: list[OrgUnit] = []
    for c in communes:
        areas += unit_services.unit_bulk_add_children(
            actor=None, parent=c, units=[OrgUnit(unit_type=area, name=f"Thôn {j}") for j in range(30)])
    people = []
    for i, a in enumerate(areas):
        p = Person(unit=a, full_name=f"Nguyễn Văn Thử {i}")
        p.refresh_derived()
        people.append(p)
    people = Person.objects.bulk_create(people, batch_size=500)
    head = positions["Trưởng ban CTMT"]
    Assignment.objects.bulk_create([Assignment(person=p, position=head, unit_id=p.unit_id,
                                               start_date=dt.date(2021, 1, 1)) for p in people], batch_size=500)
    event = make_event(tree.hanoi, title="Tập huấn toàn thành phố")
    services.rule_add(actor=None, event=event, root=tree.hanoi, positions=[head], unit_type=area)
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        result = services.invitations_build(actor=None, event=event)
    elapsed = time.perf_counter() - start
    print(f"\nInvitation list of {result.added} people on {connection.vendor}: {elapsed:.3f} s, "
          f"{len(queries)} queries")
    assert result.added == 3000
    # Batched, not one per invitee: SQLite caps a statement at 999 parameters (~80 rows a batch).
    assert len(queries) < 150
    start = time.perf_counter()
    again = services.invitations_build(actor=None, event=event)
    print(f"Rebuild (nothing new) on {connection.vendor}: {time.perf_counter() - start:.3f} s")
    assert again.added == 0 and Invitation.objects.filter(event=event).count() == 3000
    assert Invitation.history.filter(event_id=event.pk).count() == 3000
