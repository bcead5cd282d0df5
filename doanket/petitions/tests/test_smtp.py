"""E-mail over real SMTP: a server on loopback (aiosmtpd) receives what Django's SMTP backend sends."""

import email
import re
from email.policy import default as default_policy

import pytest
from django.urls import reverse

from doanket.petitions import services
from doanket.petitions.models import Petition, Status

aiosmtpd = pytest.importorskip("aiosmtpd.controller")
SMTP_PORT = 8130  # this package's test port range: 8130–8139


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=default_policy))
        return "250 OK"


@pytest.fixture
def smtp_inbox(settings):
    inbox = Inbox()
    controller = aiosmtpd.Controller(inbox, hostname="127.0.0.1", port=SMTP_PORT)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", SMTP_PORT, False
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.mark.django_db
def test_confirmation_and_answer_travel_over_smtp(tree, smtp_inbox):
    petition = services.petition_submit(
        unit=tree.phuong_liet, subject="Đèn đường ngõ 12 bị hỏng", contact_email="dan@example.vn", consent=True,
        content="Đèn chiếu sáng ngõ 12 không sáng hơn một tuần nay, buổi tối rất tối.",
        link_for=lambda token: f"http://testserver/phan-anh-kien-nghi/xac-nhan/{token}/")
    assert len(smtp_inbox.messages) == 1
    message = smtp_inbox.messages[0]
    assert message["To"] == "dan@example.vn" and petition.code_display in message["Subject"]
    token = re.search(r"/xac-nhan/([^/\s]+)/", message.get_content()).group(1)
    assert services.petition_confirm(token=token).status == Status.SUBMITTED
    services.petition_answer(actor=None, petition=petition, answer_text="UBND phường đã thay bóng đèn.")
    assert "đã thay bóng đèn" in smtp_inbox.messages[-1].get_content()


@pytest.mark.django_db
def test_mail_server_down_tells_the_citizen_and_writes_nothing(client, tree, sectors, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    # Nothing listens on this port of the range: the connection is refused.
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", SMTP_PORT + 1, 2
    resp = client.post(reverse("petitions_public:submit"), {
        "kind": "feedback", "sector": sectors["ha-tang"].pk, "subject": "Đèn đường hỏng", "place": "Phương Liệt",
        "content": "Đèn chiếu sáng ngõ 12 không sáng hơn một tuần nay.", "contact_name": "Lê Văn Dân",
        "contact_email": "dan@example.vn", "consent": "on"})
    assert resp.status_code == 200 and "Chưa gửi được thư xác nhận" in resp.content.decode()
    assert not Petition.objects.exists()
