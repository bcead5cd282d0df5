"""Petitions' part of tests/test_isolation.py: an unpublished petition of the ward with an attachment."""

from __future__ import annotations

import io
from types import SimpleNamespace

from PIL import Image

from doanket.petitions import services
from doanket.petitions.models import Channel
from doanket.petitions.services import attachments

# The tracking code and the confirmation token are the citizen's credentials: an unknown one answers
# 404 (the route words give them the petition's id, which is never a valid code or token).
ROUTE_WORDS = {"phan-anh-kien-nghi": "petition", "tep-phan-anh": "petition_file", "petitions": "petition"}


def secret_texts(scope: SimpleNamespace) -> list[str]:
    return [f"Phản ánh nội bộ của {scope.ward.name}", "Người gửi Bí Mật"]


def ward_texts(scope: SimpleNamespace) -> list[str]:
    return ["0909876543"]


def _png() -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    buffer.seek(0)
    buffer.name = "anh.png"
    return buffer


def records(scope: SimpleNamespace) -> dict[str, int | str]:
    petition = services.petition_intake(
        actor=None, unit=scope.ward, area=scope.area, subject=secret_texts(scope)[0], channel=Channel.PAPER,
        content="Nội dung phản ánh chưa công khai, chỉ đơn vị tiếp nhận được xem.", contact_name="Người gửi Bí Mật",
        contact_phone=ward_texts(scope)[0])
    attachment = attachments.store(petition, attachments.check_file(_png()))
    return {"petition": petition.pk, "petition_file": attachment.pk}
