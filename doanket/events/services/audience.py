"""The audience: rules (positions at a unit or across its subtree) and the concrete invitation list
they resolve to on the day of the event, plus people added or removed by hand.

Building the list is set-based: one query for every rule's matches, one for what is already there,
then bulk inserts with their history rows — a few queries whatever the number of invitees.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from doanket.accounts.models import User
from doanket.accounts.selectors import user_reach
from doanket.core.reach import subtree_q
from doanket.core.services import as_actor, validate_and_save
from doanket.core.text import normalize_text
from doanket.events.permissions import EventPerm
from doanket.orgunits.models import OrgUnit, UnitType
from doanket.orgunits.permissions import UnitPerm
from doanket.people.models import Assignment, Person, Position
from doanket.people.selectors import current_assignments_q

from ..labels import event_day, unit_phrase, vn_date
from ..models import AudienceRule, Event, Exclusion, Invitation, InvitationSource, InvitationStatus
from ..selectors import require_event
from ._common import BEFORE_CLOSE, BEFORE_HELD, require_person_seen, require_status

BATCH = 500


@dataclass(frozen=True)
class Match:
    """Why a person is invited: the highest-ranked position they hold, and where, on the day."""

    unit_id: int
    position: str
    rank: int


def rule_q(rule: AudienceRule, position_ids: Iterable[int]) -> Q:
    """Assignments a rule selects (terms on the day are added by the caller).

    The units come from a subquery (the path range, one index scan) rather than a join on the unit
    path: PostgreSQL then walks from the units to their assignments even when its statistics are
    stale (right after a bulk import), where a join was planned as a nested loop 100× slower."""
    units = OrgUnit.objects.filter(subtree_q(rule.root.path) if rule.include_subtree else Q(pk=rule.root_id))
    if rule.unit_type_id:
        units = units.filter(unit_type_id=rule.unit_type_id)
    return Q(position_id__in=list(position_ids), unit_id__in=units.values("id"))


def resolve_audience(event: Event, rules: list[AudienceRule]) -> dict[int, Match]:
    """person id → their best match over all rules, from the assignments valid on the event's day.
    One query for all the rules (their positions must be prefetched)."""
    if not rules:
        return {}
    cond = Q()
    for rule in rules:
        cond |= rule_q(rule, [p.pk for p in rule.positions.all()])
    rows = (Assignment.objects.filter(cond).filter(current_assignments_q(event_day(event.starts_at)))
            .values_list("person_id", "unit_id", "position__name", "position__rank", "unit__path").order_by())
    best: dict[int, tuple[tuple[int, int, str], Match]] = {}
    for person_id, unit_id, name, rank, path in rows:
        # Highest post first; on a tie the higher unit (shorter path), so a ward chair who also heads an
        # area is counted for the ward.
        key = (rank, len(path), path)
        if person_id not in best or key < best[person_id][0]:
            best[person_id] = (key, Match(unit_id=unit_id, position=name, rank=rank))
    return {pid: m for pid, (_k, m) in best.items()}


def rule_describe(rule: AudienceRule) -> str:
    """The rule in words, for reports and the article, unless it has its own label."""
    if rule.label:
        return rule.label
    positions = ", ".join(p.name for p in rule.positions.all())
    if rule.unit_type_id and rule.include_subtree:
        return _("%(positions)s các %(type)s thuộc %(unit)s") % {
            "positions": positions, "type": rule.unit_type.name.lower() if rule.unit_type else "",
            "unit": unit_phrase(rule.root.name)}
    if rule.include_subtree:
        return _("%(positions)s %(unit)s và các đơn vị trực thuộc") % {"positions": positions,
                                                                      "unit": unit_phrase(rule.root.name)}
    return f"{positions} {unit_phrase(rule.root.name)}"


@transaction.atomic
def rule_add(*, actor: User | None, event: Event, root: OrgUnit, positions: Iterable[Position], include_subtree: bool = True,
             unit_type: UnitType | None = None, label: str = "") -> AudienceRule:
    """A group of invitees. Refused when nobody matches it on the day of the event."""
    require_event(actor, event, EventPerm.MANAGE)
    require_status(event, BEFORE_HELD, _("Sự kiện đã diễn ra: không thêm đối tượng mời được nữa."))
    if actor is not None and not user_reach(actor, UnitPerm.VIEW).covers(root.path):
        raise ValidationError({"root": [_("Đơn vị này ngoài phạm vi của bạn.")]})
    positions = list(positions)
    if not positions:
        raise ValidationError({"positions": [_("Chọn ít nhất một chức vụ.")]})
    rule = AudienceRule(event=event, root=root, include_subtree=include_subtree, unit_type=unit_type,
                        label=normalize_text(label))
    day = event_day(event.starts_at)
    if not Assignment.objects.filter(rule_q(rule, [p.pk for p in positions])).filter(current_assignments_q(day)).exists():
        raise ValidationError(_("Không có ai giữ các chức vụ này tại đơn vị đã chọn vào ngày %(day)s: đối tượng mời "
                                "không có người nào. Hãy kiểm tra đơn vị, loại đơn vị và chức vụ.") % {"day": vn_date(day)})
    validate_and_save(rule, actor)
    rule.positions.set(positions)
    return rule


@transaction.atomic
def rule_delete(*, actor: User | None, rule: AudienceRule) -> None:
    """Remove a rule; the list changes when it is rebuilt (people who already answered stay)."""
    require_event(actor, rule.event, EventPerm.MANAGE)
    require_status(rule.event, BEFORE_HELD, _("Sự kiện đã diễn ra: không sửa đối tượng mời được nữa."))
    as_actor(rule, actor)
    rule.delete()


def invited_root_refresh(event: Event) -> None:
    """Keep `Event.invited_root`: the lowest unit above all the event's invitation units. The common
    prefix of the smallest and largest path is shared by every path between them, so two aggregates
    find it."""
    paths = Invitation.objects.filter(event=event).aggregate(lo=Min("via_unit__path"), hi=Max("via_unit__path"))
    root = None
    if paths["lo"] is not None:
        common = os.path.commonprefix([paths["lo"], paths["hi"]])  # noqa: RUF071 — tree paths, by character
        prefix = common[: len(common) - len(common) % OrgUnit.steplen]  # whole steps: a unit's path
        root = OrgUnit.objects.filter(path=prefix).first() if prefix else None
    Event.objects.filter(pk=event.pk).update(invited_root=root)
    event.invited_root = root


@dataclass
class BuildResult:
    added: int
    removed: int
    total: int


def _delete_with_history(objs: list[Invitation], actor: User | None) -> None:
    """Delete invitations in batches. Django still sends each deletion's signal, so simple-history
    writes a deletion row for every one; outside a request those rows name nobody, so name the actor."""
    since = timezone.now()
    ids = [o.pk for o in objs]
    for i in range(0, len(ids), BATCH):
        chunk = ids[i:i + BATCH]
        Invitation.objects.filter(pk__in=chunk).delete()
        if actor is not None:
            Invitation.history.filter(id__in=chunk, history_type="-", history_date__gte=since,
                                      history_user__isnull=True).update(history_user=actor)


@transaction.atomic
def invitations_build(*, actor: User | None, event: Event) -> BuildResult:
    """Turn the rules into invitations for the people holding those positions on the day.

    Idempotent: people already invited keep their invitation (and code); people removed by hand are
    not brought back; people added by hand stay. Rule-based invitations nobody has acted on yet
    (no answer, no check-in) are dropped when their holder no longer matches."""
    require_event(actor, event, EventPerm.MANAGE)
    require_status(event, BEFORE_HELD, _("Sự kiện đã diễn ra: danh sách mời không lập lại được nữa."))
    # Lock the event row so two clerks pressing the button at once cannot both insert.
    Event.objects.select_for_update().filter(pk=event.pk).first()
    rules = list(event.rules.select_related("root").prefetch_related("positions"))
    if not rules:
        raise ValidationError(_("Chưa có đối tượng mời: hãy thêm ít nhất một nhóm (đơn vị và chức vụ)."))
    matches = resolve_audience(event, rules)
    if not matches:
        raise ValidationError(_("Các đối tượng mời không khớp với ai vào ngày %(day)s: danh sách mời trống, "
                                "không có gì được ghi.") % {"day": vn_date(event_day(event.starts_at))})
    existing = list(Invitation.objects.filter(event=event))
    have = {inv.person_id for inv in existing}
    excluded = set(Exclusion.objects.filter(event=event).values_list("person_id", flat=True))
    new = [
        Invitation(event=event, person_id=pid, via_unit_id=m.unit_id, position_label=m.position, position_rank=m.rank,
                   source=InvitationSource.RULE)
        for pid, m in matches.items() if pid not in have and pid not in excluded
    ]
    if new:
        bulk_create_with_history(new, Invitation, batch_size=BATCH, default_user=actor)
    stale = [inv for inv in existing if inv.source == InvitationSource.RULE and inv.person_id not in matches
             and inv.status == InvitationStatus.INVITED and inv.checked_in_at is None]
    if stale:
        _delete_with_history(stale, actor)
    invited_root_refresh(event)
    return BuildResult(added=len(new), removed=len(stale), total=len(existing) + len(new) - len(stale))


def _best_post(person: Person, event: Event) -> tuple[int, str, int]:
    """(unit id, position, rank) of a person added by hand: their highest post on the day, else their unit."""
    a = (Assignment.objects.filter(person=person).filter(current_assignments_q(event_day(event.starts_at)))
         .select_related("position").order_by("position__rank", "unit__path").first())
    if a is None:
        return person.unit_id, "", 1000
    return a.unit_id, a.position.name, a.position.rank


@transaction.atomic
def invitation_add(*, actor: User | None, event: Event, person: Person) -> Invitation:
    """Invite one more person by hand (also someone removed earlier)."""
    require_event(actor, event, EventPerm.MANAGE)
    require_status(event, BEFORE_CLOSE, _("Sự kiện đã kết thúc: không thêm người được nữa."))
    require_person_seen(actor, person)
    if Invitation.objects.filter(event=event, person=person).exists():
        raise ValidationError(_("%(name)s đã có trong danh sách mời.") % {"name": person.full_name})
    for ex in Exclusion.objects.filter(event=event, person=person):
        as_actor(ex, actor)
        ex.delete()
    unit_id, position, rank = _best_post(person, event)
    inv = Invitation(event=event, person=person, via_unit_id=unit_id, position_label=position, position_rank=rank,
                     source=InvitationSource.MANUAL)
    validate_and_save(inv, actor)
    invited_root_refresh(event)
    return inv


@transaction.atomic
def invitation_remove(*, actor: User | None, invitation: Invitation) -> None:
    """Take a person off the list; a rebuild will not bring them back."""
    event = invitation.event
    require_event(actor, event, EventPerm.MANAGE)
    # After the event the list is the record of who was invited: taking an absentee off would raise the rate.
    require_status(event, BEFORE_HELD, _("Sự kiện đã tổ chức: không bớt người khỏi danh sách được nữa (tỷ lệ "
                                         "tham dự phải tính trên đúng danh sách đã mời)."))
    if invitation.checked_in_at is not None:
        raise ValidationError(_("%(name)s đã điểm danh có mặt nên không thể bỏ khỏi danh sách.")
                              % {"name": invitation.person.full_name})
    if not Exclusion.objects.filter(event=event, person_id=invitation.person_id).exists():
        validate_and_save(Exclusion(event=event, person_id=invitation.person_id), actor)
    as_actor(invitation, actor)
    invitation.delete()
    invited_root_refresh(event)
