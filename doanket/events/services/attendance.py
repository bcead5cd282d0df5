"""Answers to invitations, check-in on the day, and attendees' feedback.

Check-in is one conditional UPDATE (`… WHERE checked_in_at IS NULL`): two phones scanning the same
code at once record one time, and the second learns when the first did it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doanket.accounts.models import User
from doanket.core.services import validate_and_save
from doanket.events.permissions import EventPerm

from ..labels import vn_datetime
from ..models import Event, EventStatus, Feedback, Invitation, InvitationStatus
from ..selectors import normalise_code, require_event

# On the day the event may still be "planned" or "open" (registration); afterwards "held".
ARRIVAL_EARLY = dt.timedelta(hours=2)  # people arrive before the start; not a day before
CHECKIN_STATUSES = (EventStatus.PLANNED, EventStatus.OPEN, EventStatus.HELD)
RESPOND_STATUSES = (EventStatus.PLANNED, EventStatus.OPEN)
FEEDBACK_STATUSES = (EventStatus.HELD, EventStatus.REPORTED)


@transaction.atomic
def invitation_respond(*, invitation: Invitation, accept: bool) -> Invitation:
    """The invitee confirms or declines, with their code (no login: the code is the credential)."""
    event = invitation.event
    if event.status not in RESPOND_STATUSES or event.ends_at <= timezone.now():
        raise ValidationError(_("Sự kiện không còn nhận xác nhận tham dự."))
    invitation.status = InvitationStatus.CONFIRMED if accept else InvitationStatus.DECLINED
    invitation.responded_at = timezone.now()
    return validate_and_save(invitation, None, update_fields=["status", "responded_at"])


@dataclass
class CheckIn:
    invitation: Invitation
    first_time: bool  # False: they had already been checked in (harmless)
    late: bool = False  # recorded after the event ended: the arrival time was given (or taken as the start)

    @property
    def message(self) -> str:
        name = self.invitation.person.full_name
        if self.first_time:
            text = _("Đã điểm danh: %(name)s.") % {"name": name}
            if self.invitation.status == InvitationStatus.DECLINED:
                # Checked in all the same (they came), but the clerk is told their answer was "no".
                text += " " + _("Lưu ý: người này đã báo vắng trước đó.")
            if self.late:
                assert self.invitation.checked_in_at is not None
                text += " " + _("Giờ đến ghi nhận: %(when)s.") % {"when": vn_datetime(self.invitation.checked_in_at)}
            return text
        assert self.invitation.checked_in_at is not None
        return _("%(name)s đã điểm danh lúc %(when)s.") % {"name": name,
                                                           "when": vn_datetime(self.invitation.checked_in_at)}


def _check_in(actor: User | None, invitation: Invitation, at: dt.datetime | None) -> CheckIn:
    event = invitation.event
    if event.status not in CHECKIN_STATUSES:
        raise ValidationError(_("Sự kiện đang ở trạng thái “%(status)s”: chưa (hoặc không còn) điểm danh được.")
                              % {"status": event.get_status_display()})
    require_event(actor, event, EventPerm.CHECKIN, invited_unit=invitation.via_unit.path)
    now = timezone.now()
    late = now > event.ends_at
    if at is not None:
        if not (event.starts_at - ARRIVAL_EARLY <= at <= min(event.ends_at, now)):
            raise ValidationError(_("Giờ đến phải trong thời gian diễn ra sự kiện (từ %(start)s đến %(end)s).")
                                  % {"start": vn_datetime(event.starts_at), "end": vn_datetime(event.ends_at)})
        when = at
    else:
        # Recorded after the event (a list ticked the next day): today's time would be false; the start
        # is the best-known arrival unless the clerk gives the real one.
        when = event.starts_at if late else now
    done = Invitation.objects.filter(pk=invitation.pk, checked_in_at__isnull=True).update(
        checked_in_at=when, checked_in_by=actor)
    invitation.refresh_from_db(fields=["checked_in_at", "checked_in_by"])
    if done:
        Invitation.history.bulk_history_create([invitation], update=True, default_user=actor, default_date=when)
    return CheckIn(invitation=invitation, first_time=bool(done), late=late)


@transaction.atomic
def event_check_in(*, actor: User | None, event: Event, code: str, at: dt.datetime | None = None) -> CheckIn:
    """Check in the holder of a code (scanned or typed). Twice is harmless; a code of another event
    or an unknown one is refused, and nothing is written."""
    normalised = normalise_code(code)
    if not normalised:
        raise ValidationError(_("Hãy nhập hoặc quét mã cá nhân trên giấy mời."))
    invitation = (Invitation.objects.filter(code=normalised).select_related("event", "event__organiser", "person",
                                                                           "via_unit").first())
    if invitation is None:
        raise ValidationError(_("Không tìm thấy mã “%(code)s”. Hãy kiểm tra lại mã trên giấy mời.")
                              % {"code": normalised})
    if invitation.event_id != event.pk:
        raise ValidationError(_("Mã này là giấy mời của một sự kiện khác, không phải “%(title)s”. Không điểm danh.")
                              % {"title": event.title})
    try:
        return _check_in(actor, invitation, at)
    except PermissionDenied:
        raise ValidationError(_("Người có mã này không thuộc phạm vi điểm danh của bạn.")) from None


@transaction.atomic
def invitation_check_in(*, actor: User | None, invitation: Invitation, at: dt.datetime | None = None) -> CheckIn:
    """Check in by ticking a name in the list."""
    return _check_in(actor, invitation, at)


@transaction.atomic
def feedback_submit(*, invitation: Invitation, rating: int, comment: str = "") -> Feedback:
    """An attendee's rating (1–5) and comment, with their code; sending again replaces the first."""
    if invitation.event.status not in FEEDBACK_STATUSES:
        raise ValidationError(_("Chỉ gửi ý kiến sau khi sự kiện đã diễn ra."))
    if invitation.checked_in_at is None:
        raise ValidationError(_("Chỉ người đã điểm danh có mặt mới gửi ý kiến được."))
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValidationError({"rating": [_("Điểm đánh giá từ 1 đến 5.")]})
    feedback = Feedback.objects.filter(invitation=invitation).first() or Feedback(invitation=invitation)
    feedback.rating = rating
    feedback.comment = (comment or "").strip()[:2000]
    return validate_and_save(feedback, None)
