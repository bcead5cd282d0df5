"""Writes to polls: set-up by the standing committee, ballot codes, online ballots, paper tallies,
citizens' e-mail confirmation. Atomic; staff actions are checked against the actor's reach and
recorded in history."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doanket.accounts.models import User
from doanket.accounts.selectors import require
from doanket.core.services import as_actor, validate_and_save
from doanket.core.text import normalize_text
from doanket.orgunits.models import OrgUnit
from doanket.polls.permissions import PollPerm

from .models import (
    Ballot,
    BallotChoice,
    BallotCode,
    Channel,
    Citizen,
    CodeBatch,
    Option,
    OptionGroup,
    Poll,
    PollStatus,
    TallyKind,
    TallyLine,
    TallySheet,
)

POLL_FIELDS = ("unit", "title", "description", "opens_at", "closes_at", "area", "allow_accounts", "allow_codes",
               "live_results")
# No 0/O, 1/I/L: a code read aloud or typed from a slip is not mistaken. 31^12 ≈ 7.9·10^17 codes.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12
MAX_CODES_PER_BATCH = 5000
CITIZEN_SALT = "doanket.polls.citizen"
CITIZEN_LINK_MAX_AGE = 2 * 24 * 3600
CITIZEN_LINK_RESEND_SECONDS = 60


# -- permissions ------------------------------------------------------------------------------------
# Setting a poll up is the organising unit's standing committee's (PollPerm.MANAGE): anyone else who sees the poll
# (polls_visible) is refused with this reason (403). Codes and paper tallies of a residential area need
# PollPerm.TALLY on it (404 without); every role holding MANAGE holds TALLY too (polls/domain.py).
MANAGE_DENIED = gettext_lazy("Chỉ Ban Thường trực của đơn vị tổ chức mới được thay đổi cuộc bình chọn này.")


def _check_area(poll: Poll, area: OrgUnit, field: str = "area") -> None:
    if area.unit_type.code != "area":
        raise ValidationError({field: [_("Hãy chọn một khu dân cư.")]})
    if not area.path.startswith(poll.unit.path):
        raise ValidationError({field: [_("Khu dân cư này không thuộc địa bàn của đơn vị tổ chức bình chọn.")]})
    if poll.area is not None and not area.path.startswith(poll.area.path):
        raise ValidationError({field: [_("Cuộc bình chọn này chỉ dành cho địa bàn %(area)s.") % {"area": poll.area}]})


def _user_or_none(actor: User | None) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _check_draft(poll: Poll) -> None:
    if poll.status != PollStatus.DRAFT:
        raise ValidationError(_("Cuộc bình chọn đã công bố: không thay đổi được nhóm và lựa chọn nữa."))


# -- set-up -----------------------------------------------------------------------------------------
def _prepare_poll(poll: Poll) -> Poll:
    poll.title = normalize_text(poll.title)
    poll.description = (poll.description or "").strip()
    if poll.area is not None and not poll.area.path.startswith(poll.unit.path):
        raise ValidationError({"area": [_("Địa bàn phải thuộc đơn vị tổ chức.")]})
    return poll


@transaction.atomic
def poll_create(*, actor: User | None, unit: OrgUnit, title: str, opens_at: dt.datetime, closes_at: dt.datetime,
                description: str = "", area: OrgUnit | None = None, allow_accounts: bool = True,
                allow_codes: bool = True, live_results: bool = False) -> Poll:
    require(actor, unit.path, PollPerm.MANAGE, seen=True, denied=str(MANAGE_DENIED))
    poll = Poll(unit=unit, title=title, description=description, opens_at=opens_at, closes_at=closes_at, area=area,
                allow_accounts=allow_accounts, allow_codes=allow_codes, live_results=live_results,
                created_by=_user_or_none(actor))
    _prepare_poll(poll)
    return validate_and_save(poll, actor)


@transaction.atomic
def poll_update(*, actor: User | None, poll: Poll, **changes: Any) -> Poll:
    unknown = set(changes) - set(POLL_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    require(actor, poll.unit.path, PollPerm.MANAGE, seen=True, denied=str(MANAGE_DENIED))
    if "unit" in changes:
        require(actor, changes["unit"].path, PollPerm.MANAGE, seen=True, denied=str(MANAGE_DENIED))
    if poll.status != PollStatus.DRAFT and any(
            changes.get(f, getattr(poll, f)) != getattr(poll, f) for f in ("unit", "area", "allow_accounts", "allow_codes")):
        raise ValidationError(_("Cuộc bình chọn đã công bố: không đổi được đơn vị, địa bàn và cách bình chọn."))
    for field, value in changes.items():
        setattr(poll, field, value)
    _prepare_poll(poll)
    return validate_and_save(poll, actor)


@transaction.atomic
def poll_open(*, actor: User | None, poll: Poll) -> Poll:
    """Publish the poll: it is listed publicly and takes ballots within its window."""
    require(actor, poll.unit.path, PollPerm.MANAGE, seen=True, denied=str(MANAGE_DENIED))
    if poll.status != PollStatus.DRAFT:
        raise ValidationError(_("Cuộc bình chọn này đã được công bố."))
    if not Option.objects.filter(group__poll=poll).exists():
        raise ValidationError(_("Hãy thêm ít nhất một nhóm và một lựa chọn trước khi công bố."))
    poll.status = PollStatus.OPEN
    return validate_and_save(poll, actor)


@transaction.atomic
def poll_close(*, actor: User | None, poll: Poll) -> Poll:
    """End the vote now (before its closing time, if need be). Results become public."""
    require(actor, poll.unit.path, PollPerm.MANAGE, seen=True, denied=str(MANAGE_DENIED))
    if poll.status != PollStatus.OPEN:
        raise ValidationError(_("Chỉ kết thúc được cuộc bình chọn đang công bố."))
    poll.status = PollStatus.CLOSED
    if poll.closes_at > timezone.now():
        poll.closes_at = max(timezone.now(), poll.opens_at + dt.timedelta(seconds=1))
    return validate_and_save(poll, actor)


@transaction.atomic
def group_add(*, actor: User | None, poll: Poll, name: str, max_choices: int = 1, order: int | None = None) -> OptionGroup:
    require(actor, poll.unit.path, PollPerm.MANAGE, seen=True, denied=str(MANAGE_DENIED))
    _check_draft(poll)
    if order is None:
        order = poll.groups.count() + 1
    return validate_and_save(OptionGroup(poll=poll, name=normalize_text(name), max_choices=max_choices, order=order),
                             actor)


@transaction.atomic
def group_delete(*, actor: User | None, group: OptionGroup) -> None:
    require(actor, group.poll.unit.path, PollPerm.MANAGE, seen=True, denied=str(MANAGE_DENIED))
    _check_draft(group.poll)
    as_actor(group, actor)
    group.delete()


@transaction.atomic
def option_add(*, actor: User | None, group: OptionGroup, name: str, description: str = "",
               order: int | None = None) -> Option:
    require(actor, group.poll.unit.path, PollPerm.MANAGE, seen=True, denied=str(MANAGE_DENIED))
    _check_draft(group.poll)
    if order is None:
        order = group.options.count() + 1
    return validate_and_save(Option(group=group, name=normalize_text(name), description=normalize_text(description),
                                    order=order), actor)


@transaction.atomic
def option_delete(*, actor: User | None, option: Option) -> None:
    require(actor, option.group.poll.unit.path, PollPerm.MANAGE, seen=True, denied=str(MANAGE_DENIED))
    _check_draft(option.group.poll)
    as_actor(option, actor)
    option.delete()


# -- ballot codes -----------------------------------------------------------------------------------
def normalize_code(text: str | None) -> str:
    """What the citizen typed, as stored: upper case, separators and spaces removed."""
    return re.sub(r"[^A-Z0-9]", "", (text or "").upper())


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))


@transaction.atomic
def codes_generate(*, actor: User | None, poll: Poll, area: OrgUnit, count: int,
                   fixed: Iterable[str] = ()) -> CodeBatch:
    """A batch of one-time codes for a residential area to print and hand out. `fixed` codes (the demo's
    published ones) are used as given; the rest are random."""
    require(actor, area.path, PollPerm.TALLY)
    _check_area(poll, area)
    if poll.is_finished:
        raise ValidationError(_("Cuộc bình chọn đã kết thúc."))
    fixed = [normalize_code(c) for c in fixed]
    if not 1 <= count <= MAX_CODES_PER_BATCH or len(fixed) > count:
        raise ValidationError({"count": [_("Số mã mỗi đợt từ 1 đến %(max)s.") % {"max": MAX_CODES_PER_BATCH}]})
    batch = validate_and_save(CodeBatch(poll=poll, area=area, size=count, created_by=_user_or_none(actor)), actor)
    codes: set[str] = set(fixed)
    while len(codes) < count:
        wanted = {_new_code() for _i in range(count - len(codes))}
        taken = set(BallotCode.objects.filter(code__in=wanted).values_list("code", flat=True))
        codes |= wanted - taken
    if fixed and BallotCode.objects.filter(code__in=fixed).exists():
        raise ValidationError(_("Mã phiếu đã tồn tại."))
    BallotCode.objects.bulk_create([BallotCode(poll=poll, batch=batch, area=area, code=c) for c in sorted(codes)])
    return batch


# -- voting -----------------------------------------------------------------------------------------
def _already_voted() -> ValidationError:
    return ValidationError(_("Bạn đã bình chọn trong cuộc bình chọn này rồi. Mỗi người (hoặc mỗi mã phiếu) chỉ được "
                             "bình chọn một lần. Xin cảm ơn bạn đã tham gia!"), code="already_voted")


def _check_choices(poll: Poll, option_ids: Iterable[int]) -> list[Option]:
    ids = {int(i) for i in option_ids}
    options = list(Option.objects.filter(group__poll=poll, pk__in=ids).select_related("group"))
    if len(options) != len(ids):
        raise ValidationError(_("Lựa chọn không thuộc cuộc bình chọn này; hãy tải lại trang và chọn lại."))
    if not options:
        raise ValidationError(_("Hãy chọn ít nhất một lựa chọn."))
    per_group: dict[int, list[Option]] = {}
    for option in options:
        per_group.setdefault(option.group_id, []).append(option)
    for chosen in per_group.values():
        group = chosen[0].group
        if len(chosen) > group.max_choices:
            raise ValidationError(_("Nhóm “%(group)s”: chỉ được chọn tối đa %(n)s, bạn đã chọn %(k)s.") % {
                "group": group.name, "n": group.max_choices, "k": len(chosen)})
    return options


def _code_to_use(poll: Poll, code: str) -> BallotCode:
    """The poll's unused ballot code, locked for the transaction."""
    if not poll.allow_codes:
        raise ValidationError(_("Cuộc bình chọn này không dùng mã phiếu."))
    ballot_code = BallotCode.objects.select_for_update().filter(poll=poll, code=normalize_code(code)).first()
    if ballot_code is None:
        raise ValidationError({"code": [_("Mã phiếu không đúng hoặc không dùng cho cuộc bình chọn này. "
                                          "Hãy kiểm tra lại các ký tự trên phiếu.")]})
    if ballot_code.used_at is not None:
        raise ValidationError({"code": [_("Mã phiếu này đã được dùng để bình chọn. Mỗi mã chỉ dùng được một lần.")]})
    return ballot_code


def _citizen_to_vote(poll: Poll, citizen: Citizen) -> Citizen:
    """The confirmed citizen, locked for the transaction, who has not voted in this poll yet."""
    if not poll.allow_accounts:
        raise ValidationError(_("Cuộc bình chọn này chỉ nhận phiếu bằng mã phiếu do khu dân cư phát."))
    if poll.area is not None:
        raise ValidationError(_("Cuộc bình chọn này chỉ dành cho người dân %(area)s: hãy dùng mã phiếu do khu dân "
                                "cư phát.") % {"area": poll.area})
    citizen = Citizen.objects.select_for_update().get(pk=citizen.pk)
    if citizen.confirmed_at is None:
        raise ValidationError(_("Hãy xác nhận địa chỉ e-mail trước khi bình chọn."))
    if Ballot.objects.filter(poll=poll, citizen=citizen).exists():
        raise _already_voted()
    return citizen


@transaction.atomic
def ballot_cast(*, poll: Poll, option_ids: Iterable[int], citizen: Citizen | None = None,
                code: str | None = None) -> Ballot:
    """Record one online ballot, by a confirmed citizen or with a one-time code.

    The code's (or citizen's) row is locked for the transaction, and the unique constraints on
    (poll, citizen) and (poll, code) refuse a second ballot even when two submissions race: only one
    can commit, the other is told politely that the vote is already counted."""
    poll = Poll.objects.select_related("unit", "area").get(pk=poll.pk)
    if not poll.is_open:
        raise ValidationError(_("Cuộc bình chọn hiện không nhận phiếu (chưa bắt đầu hoặc đã kết thúc)."))
    if code:
        ballot_code: BallotCode | None = _code_to_use(poll, code)
        ballot = Ballot(poll=poll, channel=Channel.CODE, code=ballot_code)
    elif citizen is not None:
        ballot_code = None
        ballot = Ballot(poll=poll, channel=Channel.ACCOUNT, citizen=_citizen_to_vote(poll, citizen))
    else:
        raise ValidationError(_("Hãy nhập mã phiếu hoặc xác nhận e-mail để bình chọn."))
    options = _check_choices(poll, option_ids)
    try:
        with transaction.atomic():
            ballot.save()
    except IntegrityError as exc:
        raise _already_voted() if ballot_code is None else ValidationError(
            {"code": [_("Mã phiếu này đã được dùng để bình chọn. Mỗi mã chỉ dùng được một lần.")]}) from exc
    BallotChoice.objects.bulk_create([BallotChoice(ballot=ballot, option=o) for o in options])
    if ballot_code is not None:
        ballot_code.used_at = timezone.now()
        ballot_code.save(update_fields=["used_at"])
    return ballot


# -- paper tallies ----------------------------------------------------------------------------------
def _check_tally(poll: Poll, ballots: int, votes: Mapping[int, int]) -> dict[int, Option]:
    if ballots < 0 or any(v < 0 for v in votes.values()):
        raise ValidationError(_("Số phiếu không được âm."))
    options = {o.pk: o for o in Option.objects.filter(group__poll=poll).select_related("group")}
    unknown = set(votes) - set(options)
    if unknown:
        raise ValidationError(_("Lựa chọn không thuộc cuộc bình chọn này."))
    per_group: dict[int, int] = {}
    for option_id, n in votes.items():
        option = options[option_id]
        if n > ballots:
            raise ValidationError({f"option_{option_id}": [
                _("“%(option)s”: %(n)s phiếu chọn, nhiều hơn số phiếu thu về (%(b)s).") % {
                    "option": option.name, "n": n, "b": ballots}]})
        per_group[option.group_id] = per_group.get(option.group_id, 0) + n
    for group_id, total in per_group.items():
        group = next(o.group for o in options.values() if o.group_id == group_id)
        if total > ballots * group.max_choices:
            raise ValidationError(_("Nhóm “%(group)s”: tổng %(n)s lượt chọn vượt quá %(b)s phiếu × %(m)s lựa chọn "
                                    "mỗi phiếu.") % {"group": group.name, "n": total, "b": ballots, "m": group.max_choices})
    return options


def _write_lines(sheet: TallySheet, votes: Mapping[int, int], actor: User | None) -> None:
    existing = {line.option_id: line for line in sheet.lines.all()}
    for option_id, n in votes.items():
        line = existing.get(option_id)
        if line is None:
            validate_and_save(TallyLine(sheet=sheet, option_id=option_id, votes=n), actor)
        elif line.votes != n:
            line.votes = n
            validate_and_save(line, actor, update_fields=["votes"])


@transaction.atomic
def tally_save(*, actor: User | None, poll: Poll, area: OrgUnit, ballots: int, votes: Mapping[int, int]) -> TallySheet:
    """Enter (or correct) the paper ballots of one residential area: ballots collected and votes per option."""
    require(actor, area.path, PollPerm.TALLY)
    _check_area(poll, area)
    if poll.status == PollStatus.DRAFT:
        raise ValidationError(_("Cuộc bình chọn chưa công bố."))
    _check_tally(poll, ballots, votes)
    sheet = TallySheet.objects.select_for_update().filter(poll=poll, kind=TallyKind.PAPER, area=area).first()
    if sheet is None:
        sheet = TallySheet(poll=poll, kind=TallyKind.PAPER, area=area)
    sheet.ballots = ballots
    sheet.entered_by = _user_or_none(actor)
    validate_and_save(sheet, actor)
    _write_lines(sheet, votes, actor)
    return sheet


@transaction.atomic
def tally_import(*, actor: User | None, poll: Poll, kind: str, source: str, ballots: int, votes: Mapping[int, int],
                 area: OrgUnit | None = None) -> TallySheet:
    """Totals counted elsewhere (another voting system, shops' ballot boxes): a sheet that names its source."""
    require(actor, poll.unit.path, PollPerm.MANAGE, seen=True, denied=str(MANAGE_DENIED))
    _check_tally(poll, ballots, votes)
    source = normalize_text(source)
    if not source:
        raise ValidationError({"source": [_("Hãy ghi rõ nguồn số liệu.")]})
    sheet = TallySheet.objects.select_for_update().filter(poll=poll, kind=kind, area=area, source=source).first() \
        or TallySheet(poll=poll, kind=kind, area=area, source=source)
    sheet.ballots = ballots
    sheet.entered_by = _user_or_none(actor)
    validate_and_save(sheet, actor)
    _write_lines(sheet, votes, actor)
    return sheet


# -- citizens ---------------------------------------------------------------------------------------
def _citizen_token(citizen: Citizen) -> str:
    sent = citizen.link_sent_at.timestamp() if citizen.link_sent_at else 0
    return signing.dumps({"c": citizen.pk, "s": sent}, salt=CITIZEN_SALT, compress=True)


@transaction.atomic
def citizen_request_link(*, email: str, full_name: str = "", link_for: Any) -> Citizen | None:
    """Send a one-time sign-in link (which also confirms the address) to `email`. `link_for(token)` builds
    the absolute URL. A link is not re-sent within a minute. The answer shown never tells whether the
    address was known."""
    email = normalize_text(email).lower()
    citizen = Citizen.objects.select_for_update().filter(email=email).first()
    if citizen is None:
        citizen = Citizen(email=email, full_name=normalize_text(full_name))
        citizen.full_clean()
        citizen.save()
    now = timezone.now()
    if citizen.link_sent_at and (now - citizen.link_sent_at).total_seconds() < CITIZEN_LINK_RESEND_SECONDS:
        return None
    citizen.link_sent_at = now
    if full_name and not citizen.full_name:
        citizen.full_name = normalize_text(full_name)
    citizen.save(update_fields=["link_sent_at", "full_name"])
    url = link_for(_citizen_token(citizen))
    body = _("Xin chào%(name)s,\n\nĐể xác nhận địa chỉ e-mail và bình chọn, hãy mở liên kết sau (dùng được một lần, "
             "trong 48 giờ):\n\n%(url)s\n\nNếu bạn không yêu cầu, hãy bỏ qua thư này.\n\nĐoàn Kết — Mặt trận Tổ quốc "
             "Việt Nam") % {"name": f" {citizen.full_name}" if citizen.full_name else "", "url": url}
    EmailMessage(subject=_("Xác nhận e-mail để bình chọn"), body=body, to=[citizen.email],
                 from_email=settings.DEFAULT_FROM_EMAIL).send()
    return citizen


def citizen_from_token(token: str) -> Citizen:
    """The citizen a sign-in link is for, while the link is valid and unused; Http404 otherwise."""
    try:
        data = signing.loads(token, salt=CITIZEN_SALT, max_age=CITIZEN_LINK_MAX_AGE)
    except signing.BadSignature as exc:
        raise Http404 from exc
    citizen = Citizen.objects.filter(pk=data.get("c")).first()
    if citizen is None or citizen.link_sent_at is None or citizen.link_sent_at.timestamp() != data.get("s"):
        raise Http404
    return citizen


@transaction.atomic
def citizen_confirm(*, token: str) -> Citizen:
    """Use a sign-in link: the address is confirmed and the link cannot be used again."""
    citizen = citizen_from_token(token)
    citizen = Citizen.objects.select_for_update().get(pk=citizen.pk)
    citizen_from_token(token)  # re-checked under the lock: two clicks cannot both use it
    citizen.confirmed_at = citizen.confirmed_at or timezone.now()
    citizen.link_sent_at = None
    citizen.save(update_fields=["confirmed_at", "link_sent_at"])
    return citizen
