"""Supervision plans, their activities, the team and the lifecycle planned → notified → conducted →
concluded → recommendations issued → closed. Every write is atomic and leaves a history row."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from doanket.accounts.selectors import user_reach
from doanket.core.services import as_actor, validate_and_save
from doanket.core.text import normalize_text
from doanket.events.labels import person_label_on
from doanket.orgunits.models import OrgUnit
from doanket.people.models import Person
from doanket.people.selectors import people_visible

from .. import conf
from ..models import (
    ActivityStatus,
    SupervisionActivity,
    SupervisionForm,
    SupervisionPlan,
    TeamMember,
    TeamRole,
)
from ..permissions import SupervisionPerm
from ._common import BEFORE_CONDUCT, not_future, require_perm, require_status, required_text

PLAN_FIELDS = ("title", "year", "note")
ACTIVITY_FIELDS = ("title", "subject", "subject_superior", "content", "form", "starts_on", "ends_on")


def _require_plan_unit(actor: Any, unit: OrgUnit) -> None:
    if actor is not None and not user_reach(actor, SupervisionPerm.MANAGE).covers(unit.path):
        raise ValidationError({"unit": [_("Bạn không có quyền lập kế hoạch giám sát cho đơn vị này.")]})


def _prepare_plan(plan: SupervisionPlan) -> None:
    plan.title = required_text(plan.title, "title", _("Cần nhập tên kế hoạch."))
    plan.note = normalize_text(plan.note)


@transaction.atomic
def plan_create(*, actor: Any, unit: OrgUnit, year: int, title: str = "", note: str = "") -> SupervisionPlan:
    _require_plan_unit(actor, unit)
    plan = SupervisionPlan(unit=unit, year=year, note=note, created_by=actor,
                           title=title or _("Kế hoạch giám sát năm %(year)s") % {"year": year})
    _prepare_plan(plan)
    return validate_and_save(plan, actor)


@transaction.atomic
def plan_update(*, actor: Any, plan: SupervisionPlan, **changes: Any) -> SupervisionPlan:
    require_perm(actor, plan.unit, SupervisionPerm.MANAGE)
    unknown = set(changes) - set(PLAN_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if "year" in changes and changes["year"] != plan.year and plan.activities.exists():
        raise ValidationError({"year": [_("Kế hoạch đã có cuộc giám sát nên không đổi được năm.")]})
    for name, value in changes.items():
        setattr(plan, name, value)
    _prepare_plan(plan)
    return validate_and_save(plan, actor, update_fields=list(changes))


# -- activities -----------------------------------------------------------------------------------


def _prepare_activity(activity: SupervisionActivity) -> None:
    activity.title = required_text(activity.title, "title", _("Cần nhập tên cuộc giám sát."))
    activity.subject = required_text(activity.subject, "subject", _("Cần nhập đối tượng được giám sát."))
    activity.subject_superior = normalize_text(activity.subject_superior or "")
    activity.content = required_text(activity.content, "content", _("Cần nhập nội dung giám sát."))
    if activity.starts_on is None:
        raise ValidationError({"starts_on": [_("Cần nhập ngày bắt đầu (dd/mm/yyyy).")]})
    if activity.ends_on is None:
        raise ValidationError({"ends_on": [_("Cần nhập ngày kết thúc (dd/mm/yyyy).")]})
    if activity.starts_on.year != activity.plan.year:
        raise ValidationError({"starts_on": [_("Cuộc giám sát phải bắt đầu trong năm của kế hoạch (%(year)s).")
                                             % {"year": activity.plan.year}]})


@transaction.atomic
def activity_create(*, actor: Any, plan: SupervisionPlan, title: str, subject: str, content: str,
                    starts_on: dt.date, ends_on: dt.date, form: str = SupervisionForm.TEAM,
                    subject_superior: str = "") -> SupervisionActivity:
    require_perm(actor, plan.unit, SupervisionPerm.MANAGE)
    activity = SupervisionActivity(plan=plan, unit=plan.unit, title=title, subject=subject, content=content,
                                   form=form, starts_on=starts_on, ends_on=ends_on, subject_superior=subject_superior)
    _prepare_activity(activity)
    return validate_and_save(activity, actor)


@transaction.atomic
def activity_update(*, actor: Any, activity: SupervisionActivity, **changes: Any) -> SupervisionActivity:
    require_perm(actor, activity.unit, SupervisionPerm.MANAGE)
    unknown = set(changes) - set(ACTIVITY_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    # The superior body may be learnt late (it is needed only to escalate); the plan itself is fixed once the
    # team has worked with the body.
    if set(changes) - {"subject_superior"}:
        require_status(activity, BEFORE_CONDUCT, _("Cuộc giám sát đã tiến hành nên không sửa được kế hoạch."))
    for name, value in changes.items():
        setattr(activity, name, value)
    _prepare_activity(activity)
    return validate_and_save(activity, actor, update_fields=list(changes))


def _locked(activity: SupervisionActivity) -> SupervisionActivity:
    return SupervisionActivity.objects.select_for_update().select_related("plan", "unit").get(pk=activity.pk)


@transaction.atomic
def activity_notify(*, actor: Any, activity: SupervisionActivity, notified_on: dt.date) -> SupervisionActivity:
    """The plan is sent to the body supervised, at least `conf.notice_days()` days before the work starts."""
    require_perm(actor, activity.unit, SupervisionPerm.MANAGE)
    activity = _locked(activity)
    require_status(activity, (ActivityStatus.PLANNED,))
    if notified_on is None:
        raise ValidationError({"notified_on": [_("Cần nhập ngày gửi thông báo (dd/mm/yyyy).")]})
    days = conf.notice_days()
    if (activity.starts_on - notified_on).days < days:
        raise ValidationError({"notified_on": [
            _("Kế hoạch giám sát phải gửi đối tượng được giám sát ít nhất %(days)s ngày trước ngày bắt đầu "
              "(%(start)s); hãy gửi chậm nhất ngày %(latest)s hoặc dời ngày bắt đầu.")
            % {"days": days, "start": activity.starts_on.strftime("%d/%m/%Y"),
               "latest": (activity.starts_on - dt.timedelta(days=days)).strftime("%d/%m/%Y")}]})
    if activity.form == SupervisionForm.TEAM and not activity.team.filter(role=TeamRole.HEAD).exists():
        raise ValidationError(_("Hãy chọn Trưởng đoàn giám sát trước khi gửi thông báo."))
    activity.status, activity.notified_on = ActivityStatus.NOTIFIED, notified_on
    return validate_and_save(activity, actor, update_fields=["status", "notified_on"])


@transaction.atomic
def activity_conduct(*, actor: Any, activity: SupervisionActivity, conducted_on: dt.date) -> SupervisionActivity:
    require_perm(actor, activity.unit, SupervisionPerm.MANAGE)
    activity = _locked(activity)
    require_status(activity, (ActivityStatus.NOTIFIED,), _("Chỉ ghi nhận đã tiến hành sau khi đã gửi thông báo."))
    not_future(conducted_on, "conducted_on", _("ngày làm việc với đối tượng"))
    if activity.notified_on and conducted_on < activity.notified_on:
        raise ValidationError({"conducted_on": [_("Ngày làm việc không được trước ngày gửi thông báo.")]})
    activity.status, activity.conducted_on = ActivityStatus.CONDUCTED, conducted_on
    return validate_and_save(activity, actor, update_fields=["status", "conducted_on"])


@transaction.atomic
def activity_conclude(*, actor: Any, activity: SupervisionActivity, findings: str,
                      concluded_on: dt.date) -> SupervisionActivity:
    require_perm(actor, activity.unit, SupervisionPerm.MANAGE)
    activity = _locked(activity)
    require_status(activity, (ActivityStatus.CONDUCTED,), _("Chỉ kết luận sau khi đã tiến hành giám sát."))
    text = required_text(findings, "findings", _("Cần nhập kết quả giám sát."))
    not_future(concluded_on, "concluded_on", _("ngày kết luận"))
    if activity.conducted_on and concluded_on < activity.conducted_on:
        raise ValidationError({"concluded_on": [_("Ngày kết luận không được trước ngày làm việc với đối tượng.")]})
    activity.status, activity.findings, activity.concluded_on = ActivityStatus.CONCLUDED, text, concluded_on
    return validate_and_save(activity, actor, update_fields=["status", "findings", "concluded_on"])


@transaction.atomic
def activity_issue_recommendations(*, actor: Any, activity: SupervisionActivity) -> SupervisionActivity:
    """The recommendations drafted after the conclusion are sent: from now on they are followed up."""
    require_perm(actor, activity.unit, SupervisionPerm.MANAGE)
    activity = _locked(activity)
    require_status(activity, (ActivityStatus.CONCLUDED,), _("Chỉ gửi kiến nghị sau khi đã có kết luận giám sát."))
    if not activity.recommendations.exists():
        raise ValidationError(_("Chưa có kiến nghị nào: hãy thêm kiến nghị trước khi gửi, hoặc kết thúc cuộc giám "
                                "sát nếu không có kiến nghị."))
    activity.status = ActivityStatus.RECOMMENDED
    return validate_and_save(activity, actor, update_fields=["status"])


@transaction.atomic
def activity_close(*, actor: Any, activity: SupervisionActivity, closed_on: dt.date) -> SupervisionActivity:
    """Closed once every recommendation is answered (or straight after the conclusion when there is none)."""
    require_perm(actor, activity.unit, SupervisionPerm.MANAGE)
    activity = _locked(activity)
    require_status(activity, (ActivityStatus.CONCLUDED, ActivityStatus.RECOMMENDED))
    if activity.status == ActivityStatus.CONCLUDED and activity.recommendations.exists():
        raise ValidationError(_("Cuộc giám sát có kiến nghị chưa gửi: hãy gửi kiến nghị trước."))
    waiting = activity.recommendations.filter(answered_on__isnull=True).count()
    if waiting:
        raise ValidationError(_("Còn %(n)s kiến nghị chưa được trả lời; chưa thể kết thúc cuộc giám sát.")
                              % {"n": waiting})
    not_future(closed_on, "closed_on", _("ngày kết thúc"))
    activity.status, activity.closed_on = ActivityStatus.CLOSED, closed_on
    return validate_and_save(activity, actor, update_fields=["status", "closed_on"])


# -- the team -------------------------------------------------------------------------------------


@transaction.atomic
def member_add(*, actor: Any, activity: SupervisionActivity, person: Person, role: str = TeamRole.MEMBER,
               position_label: str = "") -> TeamMember:
    """A person of the directory joins the team; their positions on the first day are written unless given."""
    require_perm(actor, activity.unit, SupervisionPerm.MANAGE)
    require_status(activity, BEFORE_CONDUCT, _("Cuộc giám sát đã tiến hành nên không đổi được thành phần đoàn."))
    if actor is not None and not people_visible(actor).filter(pk=person.pk).exists():
        raise ValidationError({"person": [_("Người này không thuộc phạm vi quản lý của bạn; hãy chọn người trong "
                                            "danh bạ của đơn vị.")]})
    label = normalize_text(position_label) or person_label_on(person, activity.starts_on)
    member = TeamMember(activity=activity, person=person, role=role, position_label=label[:255])
    return validate_and_save(member, actor)


@transaction.atomic
def member_remove(*, actor: Any, member: TeamMember) -> None:
    require_perm(actor, member.activity.unit, SupervisionPerm.MANAGE)
    require_status(member.activity, BEFORE_CONDUCT,
                   _("Cuộc giám sát đã tiến hành nên không đổi được thành phần đoàn."))
    as_actor(member, actor).delete()
