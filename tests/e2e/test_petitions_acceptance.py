"""Issue 12's acceptance scenario in the browser: a citizen on a phone reports a broken street light with the
old address "phường Khương Mai", confirms by e-mail (read from a real SMTP server on loopback), follows it by
its tracking code; `phuongliet` finds it at Phường Phương Liệt, forwards it with a deadline that skips a
public holiday, records the answer and publishes it; the citizen's page and e-mail show the answer; the old
ward's account `khuongmai` does not reach it."""

import email
import re
from email.policy import default as default_policy

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from doanket.demo.seed import DEMO_PASSWORD, load_demo
from doanket.petitions.models import DeadlineRule, Petition
from doanket.petitions.workdays import add_working_days, skipped_holidays

aiosmtpd = pytest.importorskip("aiosmtpd.controller")
SMTP_PORT = 8132  # the petitions helper's port range: 8130–8139


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd calls this hook by name
        self.messages.append(email.message_from_bytes(envelope.content, policy=default_policy))
        return "250 OK"


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    controller = aiosmtpd.Controller(inbox, hostname="127.0.0.1", port=SMTP_PORT)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", SMTP_PORT, False
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.fixture
def demo(reference_data, live_server):
    load_demo(provinces=["01"])
    # The answer period is data: make it long enough to cross the next public holiday, so that the deadline
    # shown must skip it whatever day the test runs.
    today = timezone.localdate()
    days = next(n for n in range(5, 200) if skipped_holidays(today, add_working_days(today, n)))
    DeadlineRule.objects.filter(kind="feedback").update(working_days=days)


@pytest.mark.django_db(transaction=True)
def test_citizen_to_answer_round_trip(demo, smtp, phone, page, live_server, login):
    phone.goto(f"{live_server.url}/phan-anh-kien-nghi/gui/")
    phone.get_by_label("Lĩnh vực").select_option(label="Hạ tầng, chiếu sáng, cấp thoát nước")
    phone.get_by_label("Tiêu đề").fill("Đèn đường trước nhà văn hoá bị hỏng")
    phone.locator("#id_content").fill("Đèn chiếu sáng trước nhà văn hoá tổ 5 không sáng từ tuần trước, "
                                                    "buổi tối trẻ em đi học về rất nguy hiểm.")
    phone.get_by_label("Tỉnh, thành phố").select_option(label="Thành phố Hà Nội")
    phone.locator("#id_place").fill("phường Khương Mai, quận Thanh Xuân")
    phone.get_by_label("Họ và tên").fill("Lê Văn Dân")
    phone.locator("#id_contact_email").fill("dan@example.vn")
    phone.get_by_label("Tôi đồng ý").check()
    phone.get_by_role("button", name="Gửi phản ánh").click()
    if phone.get_by_text("Phản ánh tương tự đã được tiếp nhận").is_visible():
        # The demo ward already has a street-light report: the citizen reads it and sends theirs anyway.
        phone.get_by_label("vẫn muốn gửi phản ánh mới").check()
        phone.get_by_label("Tôi đồng ý").check()
        phone.get_by_role("button", name="Gửi phản ánh").click()
    expect(phone.get_by_role("heading", name="Hãy xác nhận e-mail")).to_be_visible()

    assert len(smtp.messages) == 1
    body = smtp.messages[0].get_content()
    link = re.search(r"http://\S+/phan-anh-kien-nghi/xac-nhan/\S+/", body).group(0)
    phone.goto(link)
    phone.get_by_role("button", name="Xác nhận").click()
    expect(phone.get_by_text("Phường Phương Liệt").first).to_be_visible()
    status_url = phone.url
    petition = Petition.objects.get(subject="Đèn đường trước nhà văn hoá bị hỏng")
    expect(phone.get_by_text(petition.code_display)).to_be_visible()

    login(page, "phuongliet", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/quan-ly/phan-anh-kien-nghi/")
    page.get_by_role("link", name="Đèn đường trước nhà văn hoá bị hỏng").click()
    page.locator("#id_authority_name").fill("UBND phường Phương Liệt")
    page.get_by_role("button", name="Chuyển và tính hạn trả lời").click()
    petition.refresh_from_db()
    expect(page.get_by_text(f"{petition.deadline:%d/%m/%Y}").first).to_be_visible()
    expect(page.get_by_text("Không tính các ngày nghỉ lễ")).to_be_visible()
    assert skipped_holidays(timezone.localdate(), petition.deadline)
    page.locator("#id_answer_text").fill("UBND phường đã thay bóng đèn trước nhà văn hoá tổ 5.")
    page.get_by_role("button", name="Ghi nhận trả lời").click()
    page.locator("#id_public_answer").fill("Đèn chiếu sáng trước nhà văn hoá tổ 5 đã được thay mới.")
    page.get_by_role("button", name="Công khai", exact=True).click()
    expect(page.get_by_text("Đã công khai trả lời.").first).to_be_visible()

    assert "đã thay bóng đèn" in smtp.messages[-1].get_content()
    phone.goto(status_url)
    expect(phone.get_by_text("UBND phường đã thay bóng đèn trước nhà văn hoá tổ 5.")).to_be_visible()
    phone.goto(f"{live_server.url}/phan-anh-kien-nghi/")
    expect(phone.get_by_text("Đèn chiếu sáng trước nhà văn hoá tổ 5 đã được thay mới.")).to_be_visible()
    assert "Lê Văn Dân" not in phone.content()

    # The old ward's account does not reach today's ward; Phương Liệt's reaches the old ward's records.
    login(page, "khuongmai", DEMO_PASSWORD)
    assert page.goto(f"{live_server.url}/quan-ly/phan-anh-kien-nghi/{petition.pk}/").status == 404
