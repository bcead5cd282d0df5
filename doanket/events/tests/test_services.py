import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from doanket.events import services
from doanket.events.models import Event, EventStatus, Guest, Speaker
from doanket.people import services as people_services

from .conftest import SEED_DAY, local, move

pytestmark = pytest.mark.django_db


def test_end_before_start_is_refused_and_nothing_is_written(tree, users, event_types):
    with pytest.raises(ValidationError) as exc:
        services.event_create(actor=users.district, title="Hội nghị", event_type=event_types["hoi-nghi"],
                              organiser=tree.district, starts_at=local(SEED_DAY, 17), ends_at=local(SEED_DAY, 14))
    assert "Thời gian kết thúc phải sau thời gian bắt đầu." in exc.value.message_dict["ends_at"]
    assert not Event.objects.exists()


def test_the_database_refuses_end_before_start_too(tree, event_types):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Event.objects.create(title="x", event_type=event_types["hoi-nghi"], organiser=tree.district,
                             organiser_label="x", starts_at=local(SEED_DAY, 17), ends_at=local(SEED_DAY, 17))


def test_create_fills_the_organiser_label_and_records_history(tree, users, make_event):
    event = make_event(tree.district, actor=users.district)
    assert event.organiser_label == "Ban Thường trực Ủy ban MTTQ Việt Nam quận Thanh Xuân"
    assert event.status == EventStatus.DRAFT
    assert event.history.get().history_user == users.district


def test_a_ward_cannot_organise_for_the_district(tree, users, make_event):
    with pytest.raises(ValidationError) as exc:
        make_event(tree.district, actor=users.ward)
    assert "không có quyền tổ chức" in str(exc.value)
    assert not Event.objects.exists()


def test_lifecycle_and_who_may_move_it(tree, users, people, positions, make_event):
    event = make_event(tree.district)
    with pytest.raises(PermissionDenied):  # a ward's clerk, a viewer: not the organiser's right
        services.event_transition(actor=users.ward, event=event, to=EventStatus.PLANNED)
    with pytest.raises(ValidationError):  # no skipping stages
        services.event_transition(actor=users.district, event=event, to=EventStatus.HELD)
    event = services.event_transition(actor=users.district, event=event, to=EventStatus.PLANNED)
    with pytest.raises(ValidationError) as exc:  # registration needs a list
        services.event_transition(actor=users.district, event=event, to=EventStatus.OPEN)
    assert "Chưa có danh sách mời" in str(exc.value)
    services.rule_add(actor=users.district, event=event, root=tree.district, positions=[positions["UVTT"]])
    services.invitations_build(actor=users.district, event=event)
    event = services.event_transition(actor=users.district, event=event, to=EventStatus.OPEN)
    event = services.event_transition(actor=users.district, event=event, to=EventStatus.HELD)
    event = services.event_transition(actor=users.district, event=event, to=EventStatus.REPORTED)
    event = services.event_transition(actor=users.district, event=event, to=EventStatus.HELD)  # reopened
    assert [h.status for h in event.history.order_by("history_date", "history_id")] == [
        "draft", "planned", "open", "held", "reported", "held"]


def test_a_future_event_cannot_be_marked_held(tree, people, positions, make_event):
    future = timezone.localdate() + dt.timedelta(days=10)
    event = make_event(tree.district, day=future)
    services.rule_add(actor=None, event=event, root=tree.district, positions=[positions["UVTT"]])
    services.invitations_build(actor=None, event=event)
    move(event, EventStatus.PLANNED, EventStatus.OPEN)
    with pytest.raises(ValidationError) as exc:
        services.event_transition(actor=None, event=Event.objects.get(pk=event.pk), to=EventStatus.HELD)
    assert "chưa đến giờ bắt đầu" in str(exc.value)


def test_guests_get_their_positions_of_the_day_with_abbreviations(tree, users, people, make_event):
    event = make_event(tree.district)
    thao = services.guest_add(actor=users.district, event=event, person=people.thao)
    son = services.guest_add(actor=users.district, event=event, person=people.son)
    assert thao.position_label == "UVTV, Chủ tịch Ủy ban MTTQ Việt Nam quận"
    assert son.position_label == "Phó Trưởng Ban Dân vận Quận ủy"
    # After 30/6/2025 Thảo no longer chairs the district: a later event shows only what he still holds.
    later = make_event(tree.district, title="Hội nghị 2025", day=dt.date(2025, 9, 1))
    assert services.guest_add(actor=None, event=later, person=people.thao).position_label == "UVTV"
    with pytest.raises(ValidationError):
        services.guest_add(actor=users.district, event=event, person=people.thao)  # once per event
    assert Guest.objects.filter(event=event).count() == 2


def test_a_ward_cannot_add_a_guest_it_cannot_see(tree, users, people, make_event):
    event = make_event(tree.khuong_mai, title="Hội nghị phường")
    with pytest.raises(PermissionDenied):
        services.guest_add(actor=users.ward, event=event, person=people.nc)


def test_speaker_from_the_tree_gets_former_post(tree, people, positions, make_event):
    sy = people_services.person_create(actor=None, unit=tree.district, full_name="Tạ Văn Sỹ", title="Tiến sỹ",
                                       affiliation="Báo cáo viên")
    people_services.assignment_create(
        actor=None, person=sy, unit=tree.root,
        position=positions["Giám đốc Trung tâm Bồi dưỡng cán bộ và Nghiên cứu khoa học MTTQ Việt Nam"],
        start_date=dt.date(2009, 1, 1), end_date=dt.date(2016, 6, 30))
    event = make_event(tree.district)
    speaker = services.speaker_add(actor=None, event=event, person=sy)
    assert speaker.display == ("Tiến sỹ Tạ Văn Sỹ - Nguyên Giám đốc Trung tâm Bồi dưỡng cán bộ và Nghiên cứu khoa "
                               "học MTTQ Việt Nam")
    # In 2015 he was still in office: no "Nguyên".
    old = make_event(tree.district, title="Hội nghị 2015", day=dt.date(2015, 5, 5))
    assert services.speaker_add(actor=None, event=old, person=sy).affiliation.startswith("Giám đốc Trung tâm")


def test_speaker_from_outside_the_tree(tree, make_event):
    event = make_event(tree.district)
    s = services.speaker_add(actor=None, event=event, full_name="  Nguyễn  Văn  Khách ", title="Phó Giáo sư",
                             affiliation="Học viện Chính trị quốc gia Hồ Chí Minh")
    assert s.display == "Phó Giáo sư Nguyễn Văn Khách - Học viện Chính trị quốc gia Hồ Chí Minh"
    with pytest.raises(ValidationError):
        services.speaker_add(actor=None, event=event, full_name=" ")
    assert Speaker.objects.filter(event=event).count() == 1


def test_programme_speaker_must_belong_to_the_event(tree, make_event):
    a, b = make_event(tree.district), make_event(tree.district, title="Khác")
    speaker = services.speaker_add(actor=None, event=b, full_name="Người Khác")
    with pytest.raises(ValidationError):
        services.programme_item_add(actor=None, event=a, title="Chủ đề", speaker=speaker)
    item = services.programme_item_add(actor=None, event=a, title="Chủ đề", time=dt.time(14, 10))
    assert item.order == 1 and services.programme_item_add(actor=None, event=a, title="Chủ đề 2").order == 2


def test_conclusion_only_after_the_event_and_takes_the_chairs_position(seed_event, people, users):
    event = seed_event.event
    with pytest.raises(ValidationError):
        services.event_conclude(actor=users.district, event=event, conclusion="ghi nhận …", concluded_by=people.thao)
    move(event, EventStatus.HELD)
    event.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.event_conclude(actor=users.ward, event=event, conclusion="x")
    with pytest.raises(ValidationError):
        services.event_conclude(actor=users.district, event=event, conclusion="  ")
    event = services.event_conclude(actor=users.district, event=event, conclusion="ghi nhận và đánh giá cao …",
                                    concluded_by=people.thao)
    assert event.concluded_by_label == "UVTV, Chủ tịch Ủy ban MTTQ Việt Nam quận"


def test_reported_event_is_closed_for_changes(seed_event, users):
    event = move(seed_event.event, EventStatus.HELD, EventStatus.REPORTED)
    event.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.programme_item_add(actor=users.district, event=event, title="Muộn")
    assert "mở lại" in str(exc.value)
    with pytest.raises(ValidationError):
        services.event_update(actor=users.district, event=event, title="Đổi tên")
