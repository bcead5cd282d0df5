"""The citizen's side: filing online, the single-use confirmation link, and the e-mails they receive.

A petition filed online does not count (it is not in any inbox, nor in the figures) until its author
opens the link sent to the e-mail address they gave: that proves the address is theirs and keeps
robots from filling the inboxes. The mail is sent inside the transaction: if the mail server refuses
it, nothing is written and the citizen is told, so "sent" is never shown for a mail that was not.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import IO

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from doanket.core.text import fold, normalize_text
from doanket.orgunits.models import OrgUnit

from ..models import Action, Channel, Kind, Petition, Sector, Status, Transition
from . import attachments
from ._common import deadline_for, move, new_code, normalize_code, today

CONFIRM_SALT = "doanket.petitions.confirm"
CONFIRM_MAX_AGE = 3 * 24 * 3600
MAX_CONTENT = 10_000
MIN_CONTENT = 20


def _limit() -> tuple[int, int]:
    """(petitions, per seconds) one address may file: a flood is refused, a family filing two is not."""
    return (int(getattr(settings, "PETITIONS_SUBMIT_LIMIT", 5)), int(getattr(settings, "PETITIONS_SUBMIT_WINDOW", 3600)))


def check_rate(client_key: str) -> None:
    """Count one submission from `client_key` (the client's address); refuse past the limit."""
    limit, window = _limit()
    key = f"petitions:submit:{client_key}"
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    if count > limit:
        raise ValidationError(_("Bạn đã gửi quá nhiều phản ánh trong thời gian ngắn. Xin hãy thử lại sau ít phút."),
                              code="rate_limited")


def prepare_text(petition: Petition) -> None:
    petition.subject = normalize_text(petition.subject)
    petition.content = (petition.content or "").strip()
    petition.contact_name = normalize_text(petition.contact_name)
    petition.contact_phone = normalize_text(petition.contact_phone).replace(" ", "")
    petition.contact_email = normalize_text(petition.contact_email).lower()
    petition.place_text = normalize_text(petition.place_text)
    petition.search_text = fold(f"{petition.subject} {petition.content}")
    errors: dict[str, list[str]] = {}
    if not petition.subject:
        errors["subject"] = [_("Hãy nhập tiêu đề phản ánh.")]
    if len(petition.content) < MIN_CONTENT:
        errors["content"] = [_("Nội dung quá ngắn: hãy mô tả rõ sự việc (ít nhất %(n)s ký tự).") % {"n": MIN_CONTENT}]
    elif len(petition.content) > MAX_CONTENT:
        errors["content"] = [_("Nội dung quá dài (%(len)s ký tự); tối đa %(n)s ký tự. Hãy gửi phần còn lại dưới "
                               "dạng tệp đính kèm.") % {"len": len(petition.content), "n": MAX_CONTENT}]
    if errors:
        raise ValidationError(errors)


def _token(petition: Petition) -> str:
    return signing.dumps({"p": petition.pk, "n": petition.confirm_nonce}, salt=CONFIRM_SALT, compress=True)


def _send(subject: str, body: str, to: str) -> None:
    EmailMessage(subject=subject, body=body, to=[to], from_email=settings.DEFAULT_FROM_EMAIL).send()


SIGNATURE = "\n\n— Đoàn Kết, Mặt trận Tổ quốc Việt Nam"


@transaction.atomic
def petition_submit(*, unit: OrgUnit, subject: str, content: str, contact_email: str, contact_name: str = "",
                    contact_phone: str = "", kind: str = Kind.FEEDBACK, sector: Sector | None = None,
                    area: OrgUnit | None = None, place_text: str = "", consent: bool = False,
                    files: list[IO[bytes]] | None = None, link_for: Callable[[str], str]) -> Petition:
    """File a petition online (status PENDING) and send its author the confirmation link. `link_for(token)`
    builds the absolute URL of the link."""
    if not consent:
        raise ValidationError({"consent": [_("Hãy đồng ý với việc xử lý dữ liệu cá nhân để gửi phản ánh.")]})
    if unit.unit_type.code != "commune" or unit.valid_to is not None:
        raise ValidationError({"place": [_("Hãy chọn một xã, phường hiện nay.")]})
    if area is not None and not (area.path.startswith(unit.path) and area.unit_type.code == "area"):
        raise ValidationError({"area": [_("Khu dân cư không thuộc xã, phường đã chọn.")]})
    checked = attachments.check_files(files or [])
    petition = Petition(code=new_code(), kind=kind, sector=sector, subject=subject, content=content, unit=unit,
                        origin_unit=unit, area=area, place_text=place_text, channel=Channel.ONLINE,
                        contact_name=contact_name, contact_phone=contact_phone, contact_email=contact_email,
                        consent_at=timezone.now(), confirm_nonce=secrets.token_hex(16), status=Status.PENDING)
    prepare_text(petition)
    petition.full_clean()
    petition.save()
    for item in checked:
        attachments.store(petition, item)
    Transition.objects.create(petition=petition, at=timezone.now(), action=Action.SUBMIT, to_status=Status.PENDING,
                              unit=unit)
    body = _("Xin chào%(name)s,\n\nBạn vừa gửi phản ánh “%(subject)s” tới %(unit)s. Để phản ánh được tiếp nhận, hãy "
             "mở liên kết sau (dùng được một lần, trong 72 giờ) và bấm “Xác nhận”:\n\n%(url)s\n\nMã tra cứu của bạn: "
             "%(code)s\n\nNếu bạn không gửi phản ánh này, hãy bỏ qua thư.") % {
        "name": f" {petition.contact_name}" if petition.contact_name else "", "subject": petition.subject,
        "unit": unit.name, "url": link_for(_token(petition)), "code": petition.code_display}
    _send(_("Xác nhận phản ánh, kiến nghị %(code)s") % {"code": petition.code_display}, body + SIGNATURE,
          petition.contact_email)
    return petition


def petition_from_token(token: str) -> Petition:
    """The petition a confirmation link is for, while it is valid and unused; Http404 otherwise."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature as exc:
        raise Http404 from exc
    petition = Petition.objects.select_related("unit").filter(pk=data.get("p"), status=Status.PENDING).first()
    if petition is None or not petition.confirm_nonce or petition.confirm_nonce != data.get("n"):
        raise Http404
    return petition


@transaction.atomic
def petition_confirm(*, token: str) -> Petition:
    """Use the link: the petition is received now, its deadline starts, and the link cannot serve again."""
    petition = petition_from_token(token)
    petition = Petition.objects.select_for_update().select_related("unit").get(pk=petition.pk)
    petition_from_token(token)  # re-checked under the lock: two clicks cannot both count
    now = timezone.now()
    petition.confirmed_at = now
    petition.received_at = now
    petition.confirm_nonce = ""
    petition.deadline, petition.deadline_basis = deadline_for(petition.kind, today())
    return move(petition, actor=None, action=Action.CONFIRM, to=Status.SUBMITTED, allowed_from=[Status.PENDING],
                fields=["confirmed_at", "received_at", "confirm_nonce", "deadline", "deadline_basis"])


def petition_by_code(code: str) -> Petition:
    """The petition a tracking code names (confirmed ones only); Http404 for anything else."""
    petition = (Petition.objects.select_related("unit", "sector").exclude(status__in=[Status.PENDING, Status.HIDDEN])
                .filter(code=normalize_code(code)).first())
    if petition is None:
        raise Http404
    return petition


def mail_author(petition: Petition, subject: str, body: str) -> bool:
    """Write to the petition's author when they left a confirmed address (or a cadre took it down at intake).
    Returns whether a mail was sent."""
    if not petition.contact_email or (petition.channel == Channel.ONLINE and petition.confirmed_at is None):
        return False
    _send(subject, body + SIGNATURE, petition.contact_email)
    return True
