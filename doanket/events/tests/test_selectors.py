import pytest
from django.http import Http404

from doanket.events import selectors, services
from doanket.events.models import EventStatus

from .conftest import move

pytestmark = pytest.mark.django_db


@pytest.fixture
def ward_events(tree, people, positions, make_event):
    """One event per ward, each inviting its own standing member."""
    out = {}
    for name, unit in (("km", tree.khuong_mai), ("nc", tree.nhan_chinh)):
        e = make_event(unit, title=f"Hội nghị {unit.name}")
        services.rule_add(actor=None, event=e, root=unit, positions=[positions["UVTT"]])
        services.invitations_build(actor=None, event=e)
        out[name] = e
    return out


def titles(user) -> set[str]:
    return set(selectors.events_visible(user).values_list("title", flat=True))


def test_ward_sees_its_events_and_higher_events_where_its_people_are_invited(seed_event, ward_events, users, tree,
                                                                            make_event):
    nobody_from_km = make_event(tree.district, title="Hội nghị chỉ mời Nhân Chính")
    services.invitation_add(actor=None, event=nobody_from_km, person=seed_event.nc.person)
    move(nobody_from_km, EventStatus.PLANNED)
    assert titles(users.ward) == {"Hội nghị Phường Khương Mai", seed_event.event.title}
    assert titles(users.other_ward) == {"Hội nghị Phường Nhân Chính", seed_event.event.title,
                                        "Hội nghị chỉ mời Nhân Chính"}
    assert len(titles(users.district)) == 4
    with pytest.raises(Http404):
        selectors.event_get(users.ward, ward_events["nc"].pk)
    with pytest.raises(Http404):
        selectors.event_get(users.ward, nobody_from_km.pk)


def test_a_draft_of_a_higher_unit_stays_hidden(tree, people, positions, make_event, users):
    draft = make_event(tree.district, title="Dự thảo của quận")
    services.rule_add(actor=None, event=draft, root=tree.district, positions=[positions["UVTT"]])
    services.invitations_build(actor=None, event=draft)
    assert draft.title not in titles(users.ward)
    assert draft.title in titles(users.district)


def test_successor_ward_sees_the_merged_wards_events(ward_events, users):
    assert "Hội nghị Phường Khương Mai" in titles(users.new_ward)


def test_at_a_higher_event_a_ward_sees_only_its_own_people(seed_event, users):
    event = seed_event.event
    access = selectors.event_access(users.ward, event)
    assert not access.manage and not access.full_view and access.checkin and not access.checkin_all
    names = [i.person.full_name for i in selectors.invitation_list(event, access)]
    assert names == ["Nguyễn Thị Đức Hạnh"]
    att = selectors.attendance(event, access)
    assert att.total.invited == 1 and [ua.unit.name for ua in att.by_unit] == ["Phường Khương Mai"]
    with pytest.raises(Http404):
        selectors.access_invitation(users.ward, seed_event.nc.pk)
    district = selectors.event_access(users.district, event)
    assert district.manage and district.full_view
    assert selectors.attendance_counts(event, district).invited == 2


def test_attendance_by_unit_and_units_that_sent_nobody(seed_event, users, area_heads, positions, tree):
    event = seed_event.event
    services.rule_add(actor=None, event=event, root=tree.district, positions=[positions["Trưởng ban CTMT"]])
    services.invitations_build(actor=None, event=event)
    services.event_check_in(actor=None, event=event, code=seed_event.km.code)
    access = selectors.event_access(users.district, event)
    att = selectors.attendance(event, access)
    assert (att.total.invited, att.total.present) == (4, 1)
    rows = {ua.unit.name: (ua.counts.invited, ua.counts.present, ua.counts.percent) for ua in att.by_unit}
    assert rows == {"Phường Khương Mai": (2, 1, "50,0"), "Phường Nhân Chính": (2, 0, "0,0")}
    absent = [(ua.unit.name, ua.unit.path[:8]) for ua in att.sent_nobody]
    assert absent == sorted(absent, key=lambda x: x[1])
    assert {(ua.unit.pk, ua.counts.invited) for ua in att.sent_nobody} == {
        (tree.km_area.pk, 1), (tree.nhan_chinh.pk, 1), (tree.nc_area.pk, 1)}


def test_person_events_for_the_person_page(seed_event, people, users):
    services.guest_add(actor=None, event=seed_event.event, person=people.thao)
    services.event_check_in(actor=None, event=seed_event.event, code=seed_event.km.code)
    rows = selectors.person_events(users.ward, people.km)
    assert [(r.event.title, r.role, r.invitation is not None and r.invitation.checked_in_at is not None)
            for r in rows] == [
        (seed_event.event.title, "Được mời", True)]
    assert selectors.training_count(rows) == 1
    assert [r.role for r in selectors.person_events(users.district, people.thao)] == ["Khách mời"]
    # The other ward's user sees the district event but not Khương Mai's invitation in it.
    assert selectors.person_events(users.other_ward, people.km) == []


def test_codes_are_found_only_outside_drafts(seed_event, tree, people, positions, make_event):
    assert selectors.invitation_by_code(seed_event.km.code.lower()).pk == seed_event.km.pk
    draft = make_event(tree.district, title="Dự thảo")
    services.rule_add(actor=None, event=draft, root=tree.district, positions=[positions["UVTT"]])
    services.invitations_build(actor=None, event=draft)
    with pytest.raises(Http404):
        selectors.invitation_by_code(draft.invitations.first().code)
    with pytest.raises(Http404):
        selectors.invitation_by_code("KHONGCOMANAY")
