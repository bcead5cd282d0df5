"""Events reached through invitations: `Event.invited_root` narrows the search to events at or above the
user's units, and the audience services keep it right as invitations come and go."""

from __future__ import annotations

from typing import Any

from doanket.events import selectors, services
from doanket.events.models import EventStatus

from .conftest import move


def test_invited_root_is_the_lowest_unit_above_every_invitation(seed_event, tree):
    seed_event.event.refresh_from_db()
    # Standing members of the district and of both wards: the district is the lowest common unit.
    assert seed_event.event.invited_root == tree.district


def test_a_ward_sees_another_wards_event_only_once_its_people_are_invited(tree, people, positions, users,
                                                                         make_event):
    event = make_event(tree.nhan_chinh, title="Hội nghị của phường Nhân Chính")
    services.rule_add(actor=None, event=event, root=tree.nhan_chinh, positions=[positions["UVTT"]])
    move(event, EventStatus.PLANNED)
    services.invitations_build(actor=None, event=event)
    event.refresh_from_db()
    assert event.invited_root.path.startswith(tree.nhan_chinh.path)
    assert not selectors.events_visible(users.ward).filter(pk=event.pk).exists()
    assert selectors.events_visible(users.other_ward).filter(pk=event.pk).exists()

    invitation = services.invitation_add(actor=None, event=event, person=people.km)
    event.refresh_from_db()
    assert event.invited_root == tree.district  # Khương Mai and Nhân Chính meet at the district
    assert selectors.events_visible(users.ward).filter(pk=event.pk).exists()
    assert [e.pk for e in selectors.event_counts(users.ward, selectors.event_list(users.ward).filter(pk=event.pk))] \
        == [event.pk]

    services.invitation_remove(actor=None, invitation=invitation)
    event.refresh_from_db()
    assert event.invited_root.path.startswith(tree.nhan_chinh.path)
    assert not selectors.events_visible(users.ward).filter(pk=event.pk).exists()


def test_list_counts_only_the_users_own_invitations_at_a_higher_event(seed_event, users, people):
    services.event_check_in(actor=None, event=seed_event.event, code=seed_event.km.code)
    page = selectors.event_counts(users.ward, selectors.event_list(users.ward))
    row: Any = next(e for e in page if e.pk == seed_event.event.pk)  # with the counts set on it
    mine = seed_event.event.invitations.filter(via_unit__path__startswith=users.ward.unit.path)
    assert (row.n_present, row.n_invited) == (1, mine.count())
    district_row: Any = next(e for e in selectors.event_counts(users.district, selectors.event_list(users.district))
                        if e.pk == seed_event.event.pk)
    assert district_row.n_invited == seed_event.event.invitations.count() > row.n_invited
