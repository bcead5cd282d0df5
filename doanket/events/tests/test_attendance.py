import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from doanket.core.permissions import Role
from doanket.events import services
from doanket.events.models import EventStatus, Feedback, Invitation, InvitationStatus

from .conftest import SEED_DAY, local, move

pytestmark = pytest.mark.django_db


def test_check_in_twice_is_harmless(seed_event, checkin_clerk):
    first = services.event_check_in(actor=checkin_clerk, event=seed_event.event, code=seed_event.km.code)
    assert first.first_time and first.message.startswith("Đã điểm danh: Nguyễn Thị Đức Hạnh.")
    assert "Giờ đến ghi nhận: 20/09/2022 14:00" in first.message  # ticked after the event: its start, not today
    when = first.invitation.checked_in_at
    second = services.event_check_in(actor=checkin_clerk, event=seed_event.event, code=seed_event.km.code)
    assert not second.first_time
    assert second.invitation.checked_in_at == when
    local_time = timezone.localtime(when).strftime("%d/%m/%Y %H:%M")
    assert second.message == f"Nguyễn Thị Đức Hạnh đã điểm danh lúc {local_time}."
    inv = Invitation.objects.get(pk=seed_event.km.pk)
    assert inv.checked_in_by == checkin_clerk
    assert inv.history.filter(history_type="~", history_user=checkin_clerk).count() == 1  # one record, not two


def test_a_stale_read_does_not_overwrite_the_first_check_in(seed_event):
    """Two phones scan the same code: the second update finds checked_in_at already set."""
    stale = Invitation.objects.select_related("event", "person", "via_unit").get(pk=seed_event.km.pk)
    first_time = local(SEED_DAY, 13, 40)
    Invitation.objects.filter(pk=stale.pk).update(checked_in_at=first_time)
    result = services.invitation_check_in(actor=None, invitation=stale)
    assert not result.first_time and result.invitation.checked_in_at == first_time


@pytest.mark.parametrize("typed", ["{code}", "{lower}", "{dashed}", " {dashed} ",
                                   "https://doanket.example/quan-ly/su-kien/loi-moi/{code}/"])
def test_codes_are_read_however_they_are_typed_or_scanned(seed_event, typed):
    code = seed_event.km.code
    dashed = "-".join(code[i:i + 4] for i in range(0, 12, 4))
    raw = typed.format(code=code, lower=code.lower(), dashed=dashed.lower())
    assert services.event_check_in(actor=None, event=seed_event.event, code=raw).first_time


def test_a_code_of_another_event_is_refused(seed_event, tree, people, positions, make_event):
    other = make_event(tree.district, title="Hội nghị khác")
    services.rule_add(actor=None, event=other, root=tree.district, positions=[positions["UVTT"]])
    services.invitations_build(actor=None, event=other)
    foreign = Invitation.objects.get(event=other, person=people.km)
    with pytest.raises(ValidationError) as exc:
        services.event_check_in(actor=None, event=seed_event.event, code=foreign.code)
    assert "một sự kiện khác" in str(exc.value) and "Không điểm danh" in str(exc.value)
    assert not Invitation.objects.filter(checked_in_at__isnull=False).exists()


@pytest.mark.parametrize("code", ["ABCDEFGHJKMN", "", "   ", "1234"])
def test_unknown_codes_are_refused(seed_event, code):
    with pytest.raises(ValidationError) as exc:
        services.event_check_in(actor=None, event=seed_event.event, code=code)
    assert "Không tìm thấy mã" in str(exc.value) or "Hãy nhập hoặc quét mã" in str(exc.value)
    assert not Invitation.objects.filter(checked_in_at__isnull=False).exists()


def test_no_check_in_on_a_draft_or_closed_event(seed_event):
    event = move(seed_event.event, EventStatus.HELD, EventStatus.REPORTED)
    with pytest.raises(ValidationError) as exc:
        services.event_check_in(actor=None, event=event, code=seed_event.km.code)
    assert "Đã báo cáo, kết thúc" in str(exc.value)


def test_a_ward_clerk_checks_in_only_its_own_people_at_a_district_event(seed_event, users):
    assert services.event_check_in(actor=users.ward, event=seed_event.event, code=seed_event.km.code).first_time
    with pytest.raises(ValidationError) as exc:
        services.event_check_in(actor=users.ward, event=seed_event.event, code=seed_event.nc.code)
    assert "không thuộc phạm vi điểm danh" in str(exc.value)
    with pytest.raises(PermissionDenied):
        services.invitation_check_in(actor=users.ward, invitation=seed_event.nc)


def test_a_viewer_cannot_check_in(seed_event, users):
    with pytest.raises(ValidationError):
        services.event_check_in(actor=users.viewer, event=seed_event.event, code=seed_event.km.code)


def test_invitee_confirms_or_declines_until_the_event_ends(tree, people, positions, make_event):
    soon = timezone.localdate() + dt.timedelta(days=3)
    event = make_event(tree.district, day=soon)
    services.rule_add(actor=None, event=event, root=tree.district, positions=[positions["UVTT"]])
    services.invitations_build(actor=None, event=event)
    move(event, EventStatus.PLANNED)
    inv = Invitation.objects.select_related("event").get(event=event, person=people.km)
    assert services.invitation_respond(invitation=inv, accept=True).status == InvitationStatus.CONFIRMED
    assert services.invitation_respond(invitation=inv, accept=False).status == InvitationStatus.DECLINED


def test_no_answers_after_the_event(seed_event):
    with pytest.raises(ValidationError) as exc:  # 20/9/2022 is over
        services.invitation_respond(invitation=seed_event.km, accept=True)
    assert "không còn nhận xác nhận" in str(exc.value)


def test_feedback_from_attendees_after_the_event(seed_event):
    event, inv = seed_event.event, seed_event.km
    services.event_check_in(actor=None, event=event, code=inv.code)
    inv.refresh_from_db()
    with pytest.raises(ValidationError):  # not yet held
        services.feedback_submit(invitation=inv, rating=5)
    move(event, EventStatus.HELD)
    inv = Invitation.objects.select_related("event").get(pk=inv.pk)
    services.feedback_submit(invitation=inv, rating=4, comment="Bổ ích")
    services.feedback_submit(invitation=inv, rating=5, comment="Rất bổ ích")  # replaces, one per invitation
    assert list(Feedback.objects.values_list("rating", "comment")) == [(5, "Rất bổ ích")]
    with pytest.raises(ValidationError):
        services.feedback_submit(invitation=inv, rating=6)
    absent = Invitation.objects.select_related("event").get(pk=seed_event.nc.pk)
    with pytest.raises(ValidationError) as exc:
        services.feedback_submit(invitation=absent, rating=3)
    assert "đã điểm danh" in str(exc.value)


def test_a_standing_member_of_a_ward_checks_in_at_its_own_event(tree, people, positions, make_event, make_user):
    ward_chair = make_user("chutich-km", tree.khuong_mai, Role.STANDING)
    event = make_event(tree.khuong_mai, title="Hội nghị phường", actor=ward_chair)
    services.rule_add(actor=ward_chair, event=event, root=tree.khuong_mai, positions=[positions["UVTT"]])
    services.invitations_build(actor=ward_chair, event=event)
    move(event, EventStatus.PLANNED)
    code = Invitation.objects.get(event=event).code
    assert services.event_check_in(actor=ward_chair, event=event, code=code).first_time


@pytest.mark.django_db(transaction=True)
def test_two_phones_scanning_the_same_code_at_once_record_one_check_in(tree, people, positions, make_event):
    """A real race on PostgreSQL: both requests reach the UPDATE together; one wins, the other is told."""
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs a database with concurrent transactions")
    event = make_event(tree.district)
    services.rule_add(actor=None, event=event, root=tree.district, positions=[positions["UVTT"]])
    services.invitations_build(actor=None, event=event)
    move(event, EventStatus.PLANNED)
    code = Invitation.objects.get(event=event, person=people.km).code
    barrier = threading.Barrier(4)
    results: list[bool] = []

    def scan() -> None:
        try:
            barrier.wait()
            results.append(services.event_check_in(actor=None, event=event, code=code).first_time)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=scan) for _i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [False, False, False, True]
    assert Invitation.history.filter(person_id=people.km.pk, checked_in_at__isnull=False).count() == 1
