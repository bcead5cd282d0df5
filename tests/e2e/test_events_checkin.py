"""Check-in at the door, on a phone: a cadre enters (or scans) a code and sees the count rise."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from doanket.events import services
from doanket.events.models import EventStatus, EventType, Invitation


@pytest.fixture
def training(tree, people, positions):
    """The district training of 20/9/2022, list built, open: two standing members invited."""
    tz = timezone.get_default_timezone()
    event = services.event_create(
        actor=None, title="Hội nghị tập huấn kỹ năng, nghiệp vụ công tác Mặt trận Tổ quốc năm 2022",
        event_type=EventType.objects.get(code="tap-huan"), organiser=tree.district,
        starts_at=dt.datetime(2022, 9, 20, 14, tzinfo=tz), ends_at=dt.datetime(2022, 9, 20, 17, tzinfo=tz))
    services.rule_add(actor=None, event=event, root=tree.district, positions=[positions["UVTT"]])
    event = services.event_transition(actor=None, event=event, to=EventStatus.PLANNED)
    services.invitations_build(actor=None, event=event)
    event = services.event_transition(actor=None, event=event, to=EventStatus.OPEN)
    return event


@pytest.mark.django_db(transaction=True)
def test_phone_check_in_by_code(phone, live_server, login, users, people, training):
    code = Invitation.objects.get(event=training, person=people.km).code
    login(phone, "quan")
    phone.goto(f"{live_server.url}/quan-ly/su-kien/{training.pk}/diem-danh/")
    present = phone.get_by_test_id("present-count")
    expect(present).to_have_text("0")
    expect(phone.get_by_test_id("invited-count")).to_have_text("2")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")

    box = phone.get_by_label("Mã cá nhân trên giấy mời")
    box.fill(f"{code[:4]}-{code[4:8]}-{code[8:]}".lower())  # typed from paper, in lower case, with dashes
    phone.get_by_role("button", name="Điểm danh", exact=True).click()
    result = phone.locator("#checkin-result")
    expect(result).to_contain_text("Đã điểm danh: Nguyễn Thị Đức Hạnh.")
    expect(present).to_have_text("1")
    expect(box).to_have_value("")  # ready for the next person

    box.fill(code)
    phone.get_by_role("button", name="Điểm danh", exact=True).click()
    expect(result).to_contain_text("đã điểm danh lúc")
    expect(present).to_have_text("1")

    box.fill("ZZZZ-ZZZZ-ZZZZ")
    phone.get_by_role("button", name="Điểm danh", exact=True).click()
    expect(result).to_contain_text("Không tìm thấy mã")
    expect(present).to_have_text("1")
    assert Invitation.objects.filter(event=training, checked_in_at__isnull=False).count() == 1

    # A name ticked in the list counts too.
    phone.get_by_placeholder("vd: nguyen van an").fill("tran van duc")
    phone.get_by_role("button", name="Có mặt").click()
    expect(result).to_contain_text("Đã điểm danh: Trần Văn Đức.")
    expect(present).to_have_text("2")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.django_db(transaction=True)
def test_phone_check_in_says_so_on_a_server_error_or_a_lost_connection_and_keeps_the_code(
        phone, live_server, login, users, people, training):
    """A 5xx or a dropped connection used to show nothing: the clerk kept seeing the previous "Đã điểm danh: …"."""
    code = Invitation.objects.get(event=training, person=people.km).code
    other = Invitation.objects.get(event=training, person=people.nc).code
    login(phone, "quan")
    url = f"{live_server.url}/quan-ly/su-kien/{training.pk}/diem-danh/"
    phone.goto(url)
    box = phone.get_by_label("Mã cá nhân trên giấy mời")
    button = phone.get_by_role("button", name="Điểm danh", exact=True)
    result = phone.locator("#checkin-result")
    box.fill(code)
    button.click()
    expect(result).to_contain_text("Đã điểm danh: Nguyễn Thị Đức Hạnh.")

    phone.route(url, lambda route: route.fulfill(status=500, body="Server Error (500)")
                if route.request.method == "POST" else route.continue_())
    box.fill(other)
    button.click()
    expect(result).to_contain_text("Máy chủ gặp lỗi: chưa rõ đã điểm danh được chưa")
    expect(result).not_to_contain_text("Nguyễn Thị Đức Hạnh")
    expect(box).to_have_value(other)  # kept for the retry

    phone.unroute(url)
    phone.route(url, lambda route: route.abort("connectionreset") if route.request.method == "POST"
                else route.continue_())
    button.click()
    expect(result).to_contain_text("Mất kết nối")
    expect(box).to_have_value(other)

    phone.unroute(url)
    button.click()  # the retry is one tap
    expect(result).to_contain_text("Đã điểm danh: Trần Văn Đức.")
    expect(phone.get_by_test_id("present-count")).to_have_text("2")
