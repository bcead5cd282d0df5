"""The cadres' side: intake of paper and spoken petitions, screening, routing along the tree,
forwarding to the competent authority, recording and publishing the answer, closing and reopening.
Each service is atomic, re-checks the actor's reach, and leaves a timeline step and a history row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import IO

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doanket.accounts.models import User
from doanket.accounts.selectors import user_reach
from doanket.core.services import validate_and_save
from doanket.core.text import normalize_text
from doanket.events.models import Event
from doanket.events.selectors import events_visible
from doanket.orgunits.models import OrgUnit

from ..models import Action, AttachmentRole, Channel, Kind, Petition, Sector, Status, Transition
from ..permissions import PetitionPerm
from . import attachments
from ._common import check_access, deadline_for, move, new_code, today
from .citizens import mail_author, prepare_text

VOTER_MEETING_TYPE = "tiep-xuc-cu-tri"
WORKING = (Status.SUBMITTED, Status.NEEDS_INFO, Status.SCREENED, Status.ROUTED, Status.ESCALATED)


def _locked(petition: Petition) -> Petition:
    return Petition.objects.select_for_update().select_related("unit", "unit__unit_type").get(pk=petition.pk)


@transaction.atomic
def petition_intake(*, actor: User | None, unit: OrgUnit, subject: str, content: str, channel: str,
                    kind: str = Kind.FEEDBACK, sector: Sector | None = None, area: OrgUnit | None = None,
                    contact_name: str = "", contact_phone: str = "", contact_email: str = "", place_text: str = "",
                    received_on: dt.date | None = None, event: Event | None = None) -> Petition:
    """A petition received on paper, by phone, at a voters' or residential-area meeting, taken down by a
    cadre of `unit`. It counts at once (no e-mail confirmation)."""
    if actor is not None and not user_reach(actor, PetitionPerm.HANDLE).covers(unit.path):
        raise PermissionDenied(_("Bạn không có quyền tiếp nhận phản ánh cho đơn vị này."))
    if channel == Channel.ONLINE:
        raise ValidationError({"channel": [_("Hãy chọn kênh tiếp nhận trực tiếp (đơn giấy, điện thoại, hội nghị…).")]})
    if area is not None and not area.path.startswith(unit.path):
        raise ValidationError({"area": [_("Khu dân cư không thuộc đơn vị tiếp nhận.")]})
    if event is not None:
        if event.event_type.code != VOTER_MEETING_TYPE:
            raise ValidationError({"event": [_("Hãy chọn một hội nghị tiếp xúc cử tri.")]})
        if actor is not None and not events_visible(actor).filter(pk=event.pk).exists():
            raise ValidationError({"event": [_("Hãy chọn một hội nghị tiếp xúc cử tri.")]})
        channel = Channel.VOTER_MEETING
    received_on = received_on or today()
    if received_on > today():
        raise ValidationError({"received_on": [_("Ngày tiếp nhận không được sau hôm nay.")]})
    deadline, basis = deadline_for(kind, received_on)
    now = timezone.now()
    # A letter taken down today but received earlier counts from the day it was received.
    received_at = now if received_on == today() else timezone.make_aware(
        dt.datetime.combine(received_on, dt.time(8, 0)))
    petition = Petition(code=new_code(), kind=kind, sector=sector, subject=subject, content=content, unit=unit,
                        origin_unit=unit, area=area, channel=channel, contact_name=contact_name,
                        contact_phone=contact_phone, contact_email=contact_email, place_text=place_text, event=event,
                        status=Status.SUBMITTED, received_at=received_at, deadline=deadline, deadline_basis=basis)
    prepare_text(petition)
    validate_and_save(petition, actor)
    Transition.objects.create(petition=petition, at=now, actor=actor, action=Action.INTAKE, to_status=Status.SUBMITTED,
                              unit=unit, note=str(Channel(channel).label))
    return petition


@transaction.atomic
# A long function on purpose: one branch per screening outcome, each with its own rule from the lifecycle.
def petition_screen(*, actor: User | None, petition: Petition, outcome: str, note: str = "",  # noqa: C901
                    kind: str | None = None, sector: Sector | None = None,
                    duplicate_of: Petition | None = None) -> Petition:
    """Screening: valid (classified by kind and sector), out of scope, duplicate of another petition the
    actor can see (merged into its cluster), or needs more information (the author is asked by e-mail)."""
    petition = _locked(petition)
    check_access(actor, petition, PetitionPerm.HANDLE)
    note = normalize_text(note)
    fields = []
    if kind:
        petition.kind = kind
        fields.append("kind")
    if sector is not None:
        petition.sector = sector
        fields.append("sector")
    if outcome == Status.SCREENED:
        return move(petition, actor=actor, action=Action.SCREEN, to=Status.SCREENED, allowed_from=WORKING, note=note,
                    fields=fields)
    if outcome == Status.OUT_OF_SCOPE:
        if not note:
            raise ValidationError({"note": [_("Hãy ghi lý do không thuộc phạm vi (người gửi sẽ được biết).")]})
        return move(petition, actor=actor, action=Action.SCREEN, to=Status.OUT_OF_SCOPE, allowed_from=WORKING,
                    note=note, fields=fields)
    if outcome == Status.DUPLICATE:
        if duplicate_of is None:
            raise ValidationError({"duplicate_of": [_("Hãy nhập mã tra cứu của phản ánh bị trùng.")]})
        if actor is not None:
            check_access(actor, duplicate_of, PetitionPerm.VIEW)
        # Merge into the head of the other's cluster, so clusters stay one level deep.
        fresh = Petition.objects.select_related("duplicate_of").get(pk=duplicate_of.pk)
        head = fresh.duplicate_of or fresh
        if head.pk == petition.pk:
            raise ValidationError({"duplicate_of": [_("Phản ánh không thể trùng với chính nó.")]})
        petition.duplicate_of = head
        return move(petition, actor=actor, action=Action.SCREEN, to=Status.DUPLICATE, allowed_from=WORKING,
                    note=note or head.code_display, fields=[*fields, "duplicate_of"])
    if outcome == Status.NEEDS_INFO:
        if not note:
            raise ValidationError({"note": [_("Hãy ghi rõ thông tin cần người gửi bổ sung.")]})
        move(petition, actor=actor, action=Action.SCREEN, to=Status.NEEDS_INFO, allowed_from=WORKING, note=note,
             fields=fields)
        mail_author(petition, _("Đề nghị bổ sung thông tin cho phản ánh %(code)s") % {"code": petition.code_display},
                    _("Phản ánh “%(subject)s” của bạn cần bổ sung thông tin:\n\n%(note)s\n\nXin hãy liên hệ %(unit)s "
                      "hoặc trả lời thư này.") % {"subject": petition.subject, "note": note, "unit": petition.unit.name})
        return petition
    raise ValidationError({"outcome": [_("Kết quả phân loại không hợp lệ.")]})


@transaction.atomic
def petition_route(*, actor: User | None, petition: Petition, unit: OrgUnit, reason: str) -> Petition:
    """Pass the petition up or down the tree to the Front unit that should handle it. The unit it came
    from keeps seeing it when it went up (its `origin_unit`), and every ancestor sees it anyway."""
    petition = _locked(petition)
    check_access(actor, petition, PetitionPerm.HANDLE)
    reason = normalize_text(reason)
    if not reason:
        raise ValidationError({"reason": [_("Hãy ghi lý do chuyển.")]})
    current = petition.unit
    if unit.pk == current.pk:
        raise ValidationError({"unit": [_("Phản ánh đang ở đơn vị này.")]})
    if unit.valid_to is not None or unit.unit_type.code == "area":
        raise ValidationError({"unit": [_("Hãy chọn một Ủy ban MTTQ đang hoạt động (không phải khu dân cư).")]})
    up, down = current.path.startswith(unit.path), unit.path.startswith(current.path)
    if not (up or down):
        raise ValidationError({"unit": [_("Chỉ chuyển được lên cấp trên hoặc xuống cấp dưới của đơn vị đang xử lý.")]})
    petition.unit = unit
    note = _("%(from)s → %(to)s: %(reason)s") % {"from": current.name, "to": unit.name, "reason": reason}
    return move(petition, actor=actor, action=Action.ROUTE, to=Status.ROUTED, allowed_from=WORKING, note=note,
                fields=["unit"])


@transaction.atomic
def petition_forward(*, actor: User | None, petition: Petition, authority_name: str, authority_address: str = "",
                     forwarded_on: dt.date | None = None, note: str = "") -> Petition:
    """Forward to the competent authority (a name and address, not necessarily a user). The answer
    deadline counts working days from the forwarding date, by the rule of the petition's kind."""
    petition = _locked(petition)
    check_access(actor, petition, PetitionPerm.HANDLE)
    authority_name = normalize_text(authority_name)
    if not authority_name:
        raise ValidationError({"authority_name": [_("Hãy nhập tên cơ quan có thẩm quyền.")]})
    forwarded_on = forwarded_on or today()
    if forwarded_on > today():
        raise ValidationError({"forwarded_on": [_("Ngày chuyển không được sau hôm nay.")]})
    if petition.received_at and forwarded_on < timezone.localtime(petition.received_at).date():
        raise ValidationError({"forwarded_on": [_("Ngày chuyển không được trước ngày tiếp nhận.")]})
    petition.authority_name = authority_name
    petition.authority_address = normalize_text(authority_address)
    petition.forwarded_on = forwarded_on
    petition.deadline, petition.deadline_basis = deadline_for(petition.kind, forwarded_on)
    petition.overdue_at = None
    return move(petition, actor=actor, action=Action.FORWARD, to=Status.FORWARDED,
                allowed_from=(Status.SUBMITTED, Status.SCREENED, Status.ROUTED, Status.ESCALATED),
                note=normalize_text(note) or authority_name,
                fields=["authority_name", "authority_address", "forwarded_on", "deadline", "deadline_basis",
                        "overdue_at"])


@transaction.atomic
def petition_acknowledge(*, actor: User | None, petition: Petition) -> Petition:
    """The authority confirmed it received the forwarded petition: now waiting for its answer."""
    petition = _locked(petition)
    check_access(actor, petition, PetitionPerm.HANDLE)
    return move(petition, actor=actor, action=Action.ACKNOWLEDGE, to=Status.AWAITING,
                allowed_from=[Status.FORWARDED])


@transaction.atomic
def petition_answer(*, actor: User | None, petition: Petition, answer_text: str, answer_on: dt.date | None = None,
                    document: IO[bytes] | None = None) -> Petition:
    """Record the answer (text, date received, optionally the authority's document) and e-mail it to the
    author."""
    petition = _locked(petition)
    check_access(actor, petition, PetitionPerm.HANDLE)
    answer_text = (answer_text or "").strip()
    if len(answer_text) < 10:
        raise ValidationError({"answer_text": [_("Hãy nhập nội dung trả lời.")]})
    answer_on = answer_on or today()
    if answer_on > today():
        raise ValidationError({"answer_on": [_("Ngày nhận trả lời không được sau hôm nay.")]})
    if petition.forwarded_on and answer_on < petition.forwarded_on:
        raise ValidationError({"answer_on": [_("Ngày nhận trả lời không được trước ngày chuyển.")]})
    checked = attachments.check_file(document) if document is not None else None
    petition.answer_text = answer_text
    petition.answer_on = answer_on
    if not petition.public_answer:
        petition.public_answer = answer_text
    move(petition, actor=actor, action=Action.ANSWER, to=Status.ANSWERED,
         allowed_from=(*WORKING, Status.FORWARDED, Status.AWAITING), fields=["answer_text", "answer_on", "public_answer"])
    if checked is not None:
        attachments.store(petition, checked, AttachmentRole.ANSWER)
    mail_author(petition, _("Trả lời phản ánh %(code)s") % {"code": petition.code_display},
                _("Phản ánh “%(subject)s” của bạn đã có trả lời:\n\n%(answer)s\n\nĐơn vị tiếp nhận: %(unit)s.") % {
                    "subject": petition.subject, "answer": answer_text, "unit": petition.unit.name})
    return petition


@transaction.atomic
def petition_publish(*, actor: User | None, petition: Petition, public_answer: str | None = None,
                     subject: str | None = None) -> Petition:
    """Publish the answer in its moderated public wording (no personal data: the cadre words it)."""
    petition = _locked(petition)
    check_access(actor, petition, PetitionPerm.PUBLISH)
    if public_answer is not None:
        petition.public_answer = public_answer.strip()
    if subject is not None and normalize_text(subject):
        petition.subject = normalize_text(subject)
    if len(petition.public_answer) < 10:
        raise ValidationError({"public_answer": [_("Hãy nhập nội dung trả lời công khai.")]})
    petition.published_at = timezone.now()
    return move(petition, actor=actor, action=Action.PUBLISH, to=Status.PUBLISHED, allowed_from=[Status.ANSWERED],
                fields=["public_answer", "subject", "published_at"],
                message=_("Chỉ công khai được phản ánh đã có trả lời."))


def petitions_publish(*, actor: User | None, petitions: Iterable[Petition]) -> tuple[int, list[str]]:
    """Publish many answers with their current public wording. Each is its own transaction: one refused
    petition (with its reason) does not hold back the others. Returns (published, errors)."""
    done, errors = 0, []
    for petition in petitions:
        try:
            petition_publish(actor=actor, petition=petition)
        except ValidationError as exc:
            errors.append(f"{petition.code_display}: {' '.join(exc.messages)}")
        else:
            done += 1
    return done, errors


@transaction.atomic
def petition_close(*, actor: User | None, petition: Petition, note: str = "") -> Petition:
    petition = _locked(petition)
    check_access(actor, petition, PetitionPerm.HANDLE)
    return move(petition, actor=actor, action=Action.CLOSE, to=Status.CLOSED, note=normalize_text(note),
                allowed_from=(Status.ANSWERED, Status.PUBLISHED, Status.OUT_OF_SCOPE, Status.DUPLICATE,
                              Status.NEEDS_INFO))


@transaction.atomic
def petition_reopen(*, actor: User | None, petition: Petition, note: str) -> Petition:
    """Back to handling (an unsatisfying answer, a wrong screening). The answer leaves the public list."""
    petition = _locked(petition)
    check_access(actor, petition, PetitionPerm.HANDLE)
    note = normalize_text(note)
    if not note:
        raise ValidationError({"note": [_("Hãy ghi lý do mở lại.")]})
    petition.published_at = None
    return move(petition, actor=actor, action=Action.REOPEN, to=Status.SCREENED, note=note, fields=["published_at"],
                allowed_from=(Status.CLOSED, Status.OUT_OF_SCOPE, Status.DUPLICATE, Status.ANSWERED, Status.PUBLISHED))


@transaction.atomic
def petition_hide(*, actor: User | None, petition: Petition, note: str) -> Petition:
    """Hide an abusive or spam petition from every public page and from the figures."""
    petition = _locked(petition)
    check_access(actor, petition, PetitionPerm.PUBLISH)
    note = normalize_text(note)
    if not note:
        raise ValidationError({"note": [_("Hãy ghi lý do ẩn.")]})
    petition.published_at = None
    return move(petition, actor=actor, action=Action.HIDE, to=Status.HIDDEN, note=note, public=False,
                fields=["published_at"], allowed_from=[s for s in Status if s not in (Status.PENDING, Status.HIDDEN)])


@transaction.atomic
def petition_withdraw(*, actor: User | None, petition: Petition, note: str = "") -> Petition:
    """The author withdrew the petition (told to a cadre, who records it)."""
    petition = _locked(petition)
    check_access(actor, petition, PetitionPerm.HANDLE)
    return move(petition, actor=actor, action=Action.WITHDRAW, to=Status.WITHDRAWN, note=normalize_text(note),
                allowed_from=(*WORKING, Status.FORWARDED, Status.AWAITING))


def attachment_add(*, actor: User | None, petition: Petition, upload: IO[bytes]) -> None:
    """A cadre adds a document (e.g. the forwarding letter as sent, the citizen's supplement)."""
    check_access(actor, petition, PetitionPerm.HANDLE)
    with transaction.atomic():
        attachments.store(petition, attachments.check_file(upload))


@transaction.atomic
def petition_contact_viewed(*, actor: User, petition: Petition) -> None:
    """Log that `actor` read the petitioner's contact unmasked (Law 91/2025: who saw personal data, when)."""
    check_access(actor, petition, PetitionPerm.CONTACT)
    Transition.objects.create(petition=petition, at=timezone.now(), actor=actor, action=Action.CONTACT_VIEW,
                              from_status=petition.status, to_status=petition.status, unit=petition.unit, public=False)


@transaction.atomic
def petition_erase_contact(*, actor: User | None, petition: Petition) -> Petition:
    """Erase the petitioner's contact at their request: from the petition and from its history rows too
    (the audit trail keeps who erased it and when, not what was erased)."""
    petition = _locked(petition)
    check_access(actor, petition, PetitionPerm.CONTACT)
    cleared = {"contact_name": "", "contact_phone": "", "contact_email": ""}
    Petition.history.filter(id=petition.pk).update(**cleared)
    for field, value in cleared.items():
        setattr(petition, field, value)
    # Online petitions must keep an e-mail while they exist (the constraint): they are hidden instead.
    if petition.channel == Channel.ONLINE and petition.status != Status.HIDDEN:
        petition.published_at = None
        return move(petition, actor=actor, action=Action.ERASE, to=Status.HIDDEN, public=False,
                    allowed_from=list(Status), fields=[*cleared, "published_at"])
    return move(petition, actor=actor, action=Action.ERASE, to=Status(petition.status), public=False,
                allowed_from=list(Status), fields=list(cleared))
