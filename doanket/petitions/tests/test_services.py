import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from PIL import Image

from doanket.petitions import selectors, services
from doanket.petitions.models import Action, Channel, Petition, Status
from doanket.petitions.services import attachments

from .conftest import png_with_gps

CONTENT = "Đèn đường ở ngõ 12 phố Khương Trung đã hỏng hơn hai tuần, buổi tối rất tối."


def _submit(tree, link, **kwargs):
    data = {"unit": tree.phuong_liet, "subject": "Đèn đường ngõ 12 bị hỏng", "content": CONTENT,
            "contact_email": "dan@example.vn", "contact_name": "Lê Văn Dân", "consent": True,
            "link_for": link.link_for, "place_text": "phường Khương Mai"}
    data.update(kwargs)
    return services.petition_submit(**data)


@pytest.mark.django_db
def test_online_petition_counts_only_after_the_single_use_link(tree, users, sectors, link, mailoutbox):
    petition = _submit(tree, link, sector=sectors["ha-tang"])
    assert petition.status == Status.PENDING
    assert len(mailoutbox) == 1 and link.tokens[0] in mailoutbox[0].body
    assert petition.code_display in mailoutbox[0].body
    # Not in anybody's inbox, nor findable by its code, until confirmed.
    assert not selectors.inbox(users.new_ward).exists()
    with pytest.raises(Http404):
        services.petition_by_code(petition.code)

    confirmed = services.petition_confirm(token=link.tokens[0])
    assert confirmed.status == Status.SUBMITTED and confirmed.deadline is not None
    assert list(selectors.inbox(users.new_ward)) == [confirmed]
    with pytest.raises(Http404):  # the second click
        services.petition_confirm(token=link.tokens[0])
    assert [t.action for t in confirmed.transitions.all()] == [Action.SUBMIT, Action.CONFIRM]


@pytest.mark.django_db
def test_submit_refuses_bad_input_and_writes_nothing(tree, link, mailoutbox):
    with pytest.raises(ValidationError) as err:
        _submit(tree, link, consent=False)
    assert "đồng ý" in str(err.value)
    with pytest.raises(ValidationError) as err:
        _submit(tree, link, content="ngắn")
    assert "quá ngắn" in str(err.value)
    with pytest.raises(ValidationError) as err:
        _submit(tree, link, content="x" * 10_001)
    assert "quá dài" in str(err.value)
    fake = io.BytesIO(b"MZ\x90\x00 this is a program, not a photo" * 10)
    fake.name = "anh.jpg"
    with pytest.raises(ValidationError) as err:
        _submit(tree, link, files=[fake])
    assert "không phải ảnh" in str(err.value)
    with pytest.raises(ValidationError):  # an old unit is not a place to file to: today's ward is
        _submit(tree, link, unit=tree.khuong_mai)
    assert not Petition.objects.exists() and not mailoutbox


@pytest.mark.django_db
def test_photo_is_stored_without_its_gps_position(tree, link):
    source = png_with_gps()
    assert Image.open(source).getexif().get_ifd(0x8825)  # the fixture really has a GPS block
    source.seek(0)
    petition = _submit(tree, link, files=[source])
    stored = petition.attachments.get()
    with stored.file.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        assert image.format == "JPEG" and image.size == (40, 30)
        assert not image.getexif().get_ifd(0x8825) and 0x010F not in image.getexif()


@pytest.mark.django_db
def test_oversized_file_is_refused_before_reading(settings):
    settings.PETITIONS_ATTACHMENT_MAX_BYTES = 1000
    big = io.BytesIO(b"%PDF-1.4" + b"0" * 2000 + b"%%EOF")
    big.name = "to.pdf"
    with pytest.raises(ValidationError) as err:
        attachments.check_file(big)
    assert "quá lớn" in str(err.value)


@pytest.mark.django_db
def test_flood_is_rate_limited(settings):
    settings.PETITIONS_SUBMIT_LIMIT = 2
    services.check_rate("198.51.100.7")
    services.check_rate("198.51.100.7")
    with pytest.raises(ValidationError) as err:
        services.check_rate("198.51.100.7")
    assert "quá nhiều" in str(err.value)
    services.check_rate("198.51.100.8")  # another address is not held back


@pytest.mark.django_db
def test_forward_deadline_counts_working_days_and_skips_national_day(paper, users):
    petition = paper(received_on=dt.date(2026, 8, 26))
    forwarded = services.petition_forward(actor=users.new_ward, petition=petition, authority_name="UBND phường Phương Liệt",
                                          forwarded_on=dt.date(2026, 8, 27))
    rule_days = 15
    assert forwarded.status == Status.FORWARDED
    # 15 working days from Thu 27/8/2026, without 31/8, 1/9, 2/9: Tue 22/9/2026 (not Thu 17/9).
    assert rule_days and forwarded.deadline == dt.date(2026, 9, 22)
    assert "mặc định" in forwarded.deadline_basis


@pytest.mark.django_db
def test_full_handling_mails_the_answer_and_publishes(paper, users, mailoutbox):
    petition = paper(contact_email="dan@example.vn", contact_name="Lê Văn Dân")
    services.petition_screen(actor=users.new_ward, petition=petition, outcome=Status.SCREENED)
    services.petition_forward(actor=users.new_ward, petition=petition, authority_name="UBND phường Phương Liệt")
    services.petition_acknowledge(actor=users.new_ward, petition=petition)
    answered = services.petition_answer(actor=users.new_ward, petition=petition,
                                        answer_text="UBND phường đã thay bóng đèn ngày 02/12.")
    assert answered.status == Status.ANSWERED
    assert mailoutbox[-1].to == ["dan@example.vn"] and "đã thay bóng đèn" in mailoutbox[-1].body
    assert not selectors.published().exists()
    with pytest.raises(PermissionDenied):  # data entry may not publish
        services.petition_publish(actor=users.new_ward, petition=answered)
    published = services.petition_publish(actor=None, petition=answered, public_answer="Đã thay bóng đèn ngõ 12.")
    assert list(selectors.published()) == [published]
    assert [t.to_status for t in published.transitions.all()] == [
        Status.SUBMITTED, Status.SCREENED, Status.FORWARDED, Status.AWAITING, Status.ANSWERED, Status.PUBLISHED]
    assert published.history.count() >= 5  # every step audited


@pytest.mark.django_db
def test_wrong_state_is_a_vietnamese_validation_error(paper, users):
    petition = paper()
    with pytest.raises(ValidationError) as err:
        services.petition_publish(actor=None, petition=petition, public_answer="Trả lời công khai đầy đủ.")
    assert "đã có trả lời" in str(err.value)


@pytest.mark.django_db
def test_reach_other_ward_404_viewer_403(paper, users, tree, make_user):
    petition = paper()
    with pytest.raises(Http404):
        services.petition_screen(actor=users.other_ward, petition=petition, outcome=Status.SCREENED)
    with pytest.raises(PermissionDenied):
        services.petition_screen(actor=users.viewer, petition=petition, outcome=Status.SCREENED)


@pytest.mark.django_db
def test_route_up_keeps_it_visible_to_the_ward_that_passed_it(paper, users, tree):
    petition = paper(unit=tree.nhan_chinh)
    services.petition_route(actor=users.other_ward, petition=petition, unit=tree.hanoi, reason="Thuộc thẩm quyền thành phố")
    petition.refresh_from_db()
    assert petition.unit == tree.hanoi and petition.status == Status.ROUTED
    assert selectors.access_petition(users.other_ward, petition.pk) == petition
    with pytest.raises(PermissionDenied):  # sees it, no longer handles it
        selectors.access_petition(users.other_ward, petition.pk, perm=selectors.PetitionPerm.HANDLE)
    with pytest.raises(Http404):  # the neighbouring ward never saw it
        selectors.access_petition(users.ward, petition.pk)


@pytest.mark.django_db
def test_route_sideways_is_refused(paper, users, tree):
    petition = paper(unit=tree.nhan_chinh)
    with pytest.raises(ValidationError) as err:
        services.petition_route(actor=None, petition=petition, unit=tree.phuong_liet, reason="Nhầm địa bàn")
    assert "cấp trên hoặc xuống cấp dưới" in str(err.value)


@pytest.mark.django_db
def test_duplicate_merges_into_the_cluster_head(paper, users):
    first, second, third = paper(), paper(subject="Đèn ngõ 12 hỏng"), paper(subject="Ngõ 12 không có đèn")
    services.petition_screen(actor=users.new_ward, petition=second, outcome=Status.DUPLICATE, duplicate_of=first)
    services.petition_screen(actor=users.new_ward, petition=third, outcome=Status.DUPLICATE, duplicate_of=second)
    third.refresh_from_db()
    assert third.duplicate_of == first and third.status == Status.DUPLICATE
    assert set(selectors.cluster(first)) == {second, third}


@pytest.mark.django_db
def test_needs_information_asks_the_author_by_mail(paper, users, mailoutbox):
    petition = paper(contact_email="dan@example.vn")
    with pytest.raises(ValidationError):
        services.petition_screen(actor=users.new_ward, petition=petition, outcome=Status.NEEDS_INFO)
    services.petition_screen(actor=users.new_ward, petition=petition, outcome=Status.NEEDS_INFO,
                             note="Xin cho biết số nhà cụ thể.")
    assert "số nhà cụ thể" in mailoutbox[-1].body


@pytest.mark.django_db
def test_overdue_run_marks_then_escalates_to_the_parent(paper, tree):
    petition = paper(unit=tree.nhan_chinh, received_on=dt.date(2026, 9, 21))
    assert petition.deadline == dt.date(2026, 10, 12)
    run = services.petitions_mark_overdue(on=dt.date(2026, 10, 13))
    petition.refresh_from_db()
    assert run.marked == 1 and run.escalated == 0 and petition.overdue_at is not None
    assert petition.status == Status.SUBMITTED
    run = services.petitions_mark_overdue(on=dt.date(2026, 10, 20))  # 5 working days late
    petition.refresh_from_db()
    assert run.escalated == 1 and petition.status == Status.ESCALATED and petition.unit == tree.district
    assert petition.origin_unit == tree.nhan_chinh
    assert services.petitions_mark_overdue(on=dt.date(2026, 10, 21)).escalated == 0  # not twice


@pytest.mark.django_db
def test_bulk_publish_reports_each_refusal(paper, users):
    answered = paper()
    services.petition_answer(actor=None, petition=answered, answer_text="Đã sửa xong đèn đường.")
    waiting = paper(subject="Rác thải tập kết sai giờ")
    done, errors = services.petitions_publish(actor=None, petitions=[answered, waiting])
    assert done == 1 and len(errors) == 1 and waiting.code_display in errors[0]


@pytest.mark.django_db
def test_intake_refuses_online_channel_and_future_date(tree, users, sectors):
    with pytest.raises(ValidationError):
        services.petition_intake(actor=users.ward, unit=tree.khuong_mai, subject="A", content=CONTENT,
                                 channel=Channel.ONLINE)
    with pytest.raises(ValidationError):
        services.petition_intake(actor=users.ward, unit=tree.khuong_mai, subject="A", content=CONTENT,
                                 channel=Channel.PAPER, received_on=dt.date(2099, 1, 1))
    with pytest.raises(PermissionDenied):
        services.petition_intake(actor=users.ward, unit=tree.nhan_chinh, subject="A", content=CONTENT,
                                 channel=Channel.PAPER)


@pytest.mark.django_db
def test_erasing_the_contact_scrubs_the_history_too(paper, users, tree, make_user):
    from doanket.core.permissions import Role

    petition = paper(contact_name="Lê Văn Dân", contact_phone="0912345678")
    with pytest.raises(PermissionDenied):  # data entry handles petitions but may not erase contacts
        services.petition_erase_contact(actor=users.new_ward, petition=petition)
    standing = make_user("btt", tree.phuong_liet, Role.STANDING)
    erased = services.petition_erase_contact(actor=standing, petition=petition)
    assert (erased.contact_name, erased.contact_phone) == ("", "")
    assert not Petition.history.filter(id=petition.pk, contact_phone="0912345678").exists()
    assert erased.transitions.filter(action=Action.ERASE, actor=standing).exists()


@pytest.mark.django_db
def test_reading_the_contact_unmasked_is_logged(client, paper, tree, make_user):
    from django.urls import reverse

    from doanket.core.permissions import Role

    petition = paper(contact_phone="0912345678")
    client.force_login(make_user("btt", tree.phuong_liet, Role.STANDING))
    assert "0912345678" in client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
    assert petition.transitions.filter(action=Action.CONTACT_VIEW).count() == 1


@pytest.mark.django_db
def test_intake_at_a_voters_meeting_links_the_event(tree, users, sectors):
    from django.utils import timezone

    from doanket.events import services as event_services
    from doanket.events.models import EventType

    start = timezone.now() - dt.timedelta(days=2)
    meeting = event_services.event_create(
        actor=None, title="Tiếp xúc cử tri phường Khương Mai", event_type=EventType.objects.get(code="tiep-xuc-cu-tri"),
        organiser=tree.khuong_mai, starts_at=start, ends_at=start + dt.timedelta(hours=2))
    petition = services.petition_intake(actor=users.ward, unit=tree.khuong_mai, subject="Kiến nghị sửa đường",
                                        content=CONTENT, channel=Channel.PAPER, event=meeting)
    assert petition.event == meeting and petition.channel == Channel.VOTER_MEETING
    conference = event_services.event_create(
        actor=None, title="Hội nghị", event_type=EventType.objects.get(code="hoi-nghi"),
        organiser=tree.khuong_mai, starts_at=start, ends_at=start + dt.timedelta(hours=2))
    with pytest.raises(ValidationError):
        services.petition_intake(actor=users.ward, unit=tree.khuong_mai, subject="A", content=CONTENT,
                                 channel=Channel.PAPER, event=conference)
