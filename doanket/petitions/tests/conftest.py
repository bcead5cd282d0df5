from __future__ import annotations

import io
from types import SimpleNamespace

import pytest
from PIL import Image

from doanket.petitions import services
from doanket.petitions.models import Channel, DeadlineRule, Sector
from doanket.petitions.reference import ensure_reference


@pytest.fixture
def sectors(db) -> dict[str, Sector]:
    ensure_reference(Sector, DeadlineRule)
    return {s.code: s for s in Sector.objects.all()}


@pytest.fixture
def paper(tree, sectors):
    """A paper petition received by Phường Khương Mai (2022), before the 2025 merger."""

    def _make(unit=None, subject="Đèn chiếu sáng ngõ 12 bị hỏng", **kwargs):
        kwargs.setdefault("content", "Đèn đường ở ngõ 12 phố Khương Trung đã hỏng hơn hai tuần, buổi tối rất tối.")
        kwargs.setdefault("channel", Channel.PAPER)
        kwargs.setdefault("sector", sectors["ha-tang"])
        return services.petition_intake(actor=None, unit=unit or tree.khuong_mai, subject=subject, **kwargs)

    return _make


def png_with_gps() -> io.BytesIO:
    """A photo as a phone writes it: with an EXIF block holding a GPS position."""
    image = Image.new("RGB", (40, 30), "orange")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (21.0, 0.0, 0.0), "E", (105.0, 50.0, 0.0)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    buffer.seek(0)
    buffer.name = "anh-den-duong.jpg"
    return buffer


@pytest.fixture
def link():
    """Collects the confirmation tokens the service would put in its mail."""
    got = SimpleNamespace(tokens=[])

    def link_for(token: str) -> str:
        got.tokens.append(token)
        return f"http://testserver/phan-anh-kien-nghi/xac-nhan/{token}/"

    got.link_for = link_for
    return got
