"""Writes to campaigns and the yearly evaluation. Atomic, keyword-only, actor first; each re-checks the
actor's reach (`actor=None` is the system: demo and tests' set-up) and is recorded in history."""

from __future__ import annotations

import datetime as dt
import io
import os
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from doanket.accounts.selectors import user_reach
from doanket.core.reach import subtree_q
from doanket.core.services import as_actor, validate_and_save
from doanket.core.text import name_sort_key, normalize_text
from doanket.orgunits.models import Branch, OrgUnit

from . import rules
from .models import (
    Activity,
    Adoption,
    Campaign,
    CriteriaSet,
    Criterion,
    CriterionMark,
    Decision,
    Household,
    HouseholdAccess,
    Indicator,
    IndicatorKind,
    LocalTarget,
    Meeting,
    MeetingVote,
    Photo,
    Registration,
    RegistrationStatus,
    Result,
    TitleKind,
)
from .permissions import MovementPerm
from .selectors import AREA, ancestor_paths

MB = 1024 * 1024
MAX_PHOTOS = 6
PHOTO_TYPES = {"JPEG": ("image/jpeg", ".jpg"), "PNG": ("image/png", ".png")}
MAX_PHOTO_PIXELS = 40_000_000


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _require(actor: Any, perm: MovementPerm, unit: OrgUnit) -> None:
    """The actor must hold `perm` over `unit`: 404 when they do not even see it, else 403."""
    if actor is None:
        return
    if user_reach(actor, perm).covers(unit.path):
        return
    if user_reach(actor, MovementPerm.VIEW).covers(unit.path):
        raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này ở đơn vị %(unit)s.") % {"unit": unit.name})
    raise Http404


def _in_campaign(campaign: Campaign, unit: OrgUnit, field: str = "unit") -> None:
    if not unit.path.startswith(campaign.unit.path):
        raise ValidationError({field: [_("%(unit)s không thuộc địa bàn của đơn vị phát động cuộc vận động.")
                                       % {"unit": unit.name}]})


# -- campaigns --------------------------------------------------------------------------------------
CAMPAIGN_FIELDS = ("title", "kind", "content", "starts_on", "ends_on")


@transaction.atomic
def campaign_create(*, actor: Any, unit: OrgUnit, title: str, starts_on: dt.date, ends_on: dt.date,
                    kind: str = "campaign", content: str = "") -> Campaign:
    """Launch a campaign; the launching unit carries it out itself from the first day."""
    _require(actor, MovementPerm.MANAGE, unit)
    if unit.unit_type.code == AREA:
        raise ValidationError({"unit": [_("Khu dân cư không phát động cuộc vận động; hãy chọn cấp xã trở lên.")]})
    campaign = Campaign(unit=unit, title=normalize_text(title), kind=kind, content=(content or "").strip(),
                        starts_on=starts_on, ends_on=ends_on, created_by=_user(actor))
    validate_and_save(campaign, actor)
    validate_and_save(Adoption(campaign=campaign, unit=unit, adopted_on=starts_on, adopted_by=_user(actor)), actor)
    return campaign


@transaction.atomic
def campaign_update(*, actor: Any, campaign: Campaign, **changes: Any) -> Campaign:
    unknown = set(changes) - set(CAMPAIGN_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    _require(actor, MovementPerm.MANAGE, campaign.unit)
    for name, value in changes.items():
        setattr(campaign, name, value)
    campaign.title = normalize_text(campaign.title)
    return validate_and_save(campaign, actor)


@transaction.atomic
def indicator_add(*, actor: Any, campaign: Campaign, name: str, kind: str = IndicatorKind.NUMBER,
                  target: int | None = None, measure: str = "", unit: OrgUnit | None = None,
                  order: int = 100) -> Indicator:
    """An indicator of the campaign, or (with `unit`) one that an adopting unit adds for its own territory."""
    unit = unit or campaign.unit
    _require(actor, MovementPerm.MANAGE, unit)
    _in_campaign(campaign, unit)
    if unit != campaign.unit and not Adoption.objects.filter(campaign=campaign, unit=unit).exists():
        raise ValidationError({"unit": [_("Đơn vị chưa triển khai cuộc vận động nên chưa thêm được chỉ tiêu riêng.")]})
    if kind != IndicatorKind.NUMBER and target is not None:
        raise ValidationError({"target": [_("Chỉ chỉ tiêu số lượng mới có mục tiêu bằng số.")]})
    indicator = Indicator(campaign=campaign, unit=unit, name=normalize_text(name), kind=kind, target=target,
                          measure=normalize_text(measure), order=order)
    return validate_and_save(indicator, actor)


def _alive_during(campaign: Campaign) -> Q:
    """Units that existed during some of the campaign's period."""
    return ((Q(valid_to__isnull=True) | Q(valid_to__gte=campaign.starts_on))
            & (Q(valid_from__isnull=True) | Q(valid_from__lte=campaign.ends_on)))


@transaction.atomic
def campaign_adopt(*, actor: Any, campaign: Campaign, unit: OrgUnit, on: dt.date | None = None) -> int:
    """Roll the campaign out to `unit` and every unit below it that existed during the campaign: one
    set-based insert (with its history rows) of the units that have not adopted it yet. Returns how
    many adopted it now."""
    _require(actor, MovementPerm.MANAGE, unit)
    _in_campaign(campaign, unit)
    on = on or timezone.localdate()
    units = OrgUnit.objects.filter(subtree_q(unit.path)).filter(_alive_during(campaign))
    already = set(Adoption.objects.filter(campaign=campaign, unit__in=units).values_list("unit_id", flat=True))
    fresh = [Adoption(campaign=campaign, unit_id=pk, adopted_on=on, adopted_by=_user(actor))
             for pk in units.values_list("pk", flat=True) if pk not in already]
    if not fresh:
        if unit.pk in already:
            raise ValidationError(_("%(unit)s và các đơn vị trực thuộc đã triển khai cuộc vận động này rồi.")
                                  % {"unit": unit.name})
        raise ValidationError(_("%(unit)s không còn hoạt động trong thời gian của cuộc vận động.") % {"unit": unit.name})
    bulk_create_with_history(fresh, Adoption, batch_size=2000, default_user=_user(actor))
    return len(fresh)


@transaction.atomic
def target_set(*, actor: Any, indicator: Indicator, unit: OrgUnit, target: int | None) -> LocalTarget | None:
    """A unit's own target for an indicator in its territory (None removes it: the target above applies)."""
    campaign = indicator.campaign
    _require(actor, MovementPerm.MANAGE, unit)
    _in_campaign(campaign, unit)
    if indicator.kind != IndicatorKind.NUMBER:
        raise ValidationError({"target": [_("Chỉ đặt được mục tiêu cho chỉ tiêu số lượng.")]})
    if indicator.unit.path not in ancestor_paths(unit.path):
        raise ValidationError({"indicator": [_("Chỉ tiêu này không áp dụng cho đơn vị.")]})
    if not Adoption.objects.filter(campaign=campaign, unit=unit).exists():
        raise ValidationError({"unit": [_("Đơn vị chưa triển khai cuộc vận động.")]})
    existing = LocalTarget.objects.filter(indicator=indicator, unit=unit).first()
    if target is None:
        if existing is not None:
            as_actor(existing, actor).delete()
        return None
    lt = existing or LocalTarget(indicator=indicator, unit=unit, target=target)
    lt.target = target
    return validate_and_save(lt, actor)


# -- an area's results and activities ---------------------------------------------------------------
def _require_area_in_campaign(actor: Any, campaign: Campaign, area: OrgUnit) -> None:
    _require(actor, MovementPerm.REPORT, area)
    if area.unit_type.code != AREA:
        raise ValidationError({"area": [_("Hãy chọn một khu dân cư.")]})
    if not Adoption.objects.filter(campaign=campaign, unit=area).exists():
        raise ValidationError({"area": [_("%(area)s không tham gia cuộc vận động này (chưa được triển khai tới khu "
                                          "dân cư); không ghi được kết quả.") % {"area": area.name}]})


def _value(indicator: Indicator, raw: Any) -> dict[str, Any]:
    """The stored fields for a value of the indicator's kind; a wrong value says which indicator."""
    if indicator.kind == IndicatorKind.NUMBER:
        if raw in (None, ""):
            return {"value_number": None}
        try:
            number = int(str(raw).replace(".", "").replace(" ", ""))
        except ValueError:
            number = -1
        if number < 0 or number > 10**12:
            raise ValidationError({f"i{indicator.pk}": [_("“%(name)s”: hãy nhập một số nguyên không âm.")
                                                        % {"name": indicator.name}]})
        return {"value_number": number}
    if indicator.kind == IndicatorKind.YESNO:
        if raw in (None, ""):
            return {"value_bool": None}
        if raw not in (True, False, "yes", "no", "1", "0"):
            raise ValidationError({f"i{indicator.pk}": [_("“%(name)s”: hãy chọn Có hoặc Không.")
                                                        % {"name": indicator.name}]})
        return {"value_bool": raw in (True, "yes", "1")}
    return {"value_text": (raw or "").strip()}


@transaction.atomic
def results_record(*, actor: Any, campaign: Campaign, area: OrgUnit, values: Mapping[int, Any]) -> int:
    """The area's current values for the indicators given (by id). Only what changed is written (each
    change a history row); a bad value refuses the whole entry. Returns how many values changed."""
    _require_area_in_campaign(actor, campaign, area)
    indicators = {i.pk: i for i in campaign.indicators.filter(unit__path__in=ancestor_paths(area.path))}
    unknown = set(values) - set(indicators)
    if unknown:
        raise ValidationError(_("Có chỉ tiêu không thuộc cuộc vận động hoặc không áp dụng cho khu dân cư này."))
    existing = {r.indicator_id: r for r in Result.objects.filter(campaign=campaign, area=area,
                                                                 indicator_id__in=list(values))}
    errors: dict[str, list[str]] = {}
    planned: list[tuple[Indicator, dict[str, Any]]] = []
    for pk, raw in values.items():
        try:
            planned.append((indicators[pk], _value(indicators[pk], raw)))
        except ValidationError as exc:
            for key, msgs in exc.message_dict.items():
                errors.setdefault(key, []).extend(msgs)
    if errors:
        raise ValidationError(errors)
    changed = 0
    for indicator, fields in planned:
        result = existing.get(indicator.pk)
        empty = all(v in (None, "") for v in fields.values())
        if result is None and empty:
            continue
        result = result or Result(campaign=campaign, indicator=indicator, area=area)
        if result.pk and all(getattr(result, k) == v for k, v in fields.items()):
            continue
        for k, v in fields.items():
            setattr(result, k, v)
        result.updated_by = _user(actor)
        validate_and_save(result, actor)
        changed += 1
    return changed


def _photo(upload: Any) -> tuple[ContentFile, str, str, int]:
    """A JPEG or PNG, known by its bytes and decoded by Pillow (a renamed file or a damaged image is refused)."""
    name = os.path.basename(getattr(upload, "name", "") or "anh")[:200]
    limit = int(getattr(settings, "DOANKET_MOVEMENTS_PHOTO_MAX_BYTES", 10 * MB))
    size = getattr(upload, "size", None) or 0
    if size > limit:
        raise ValidationError({"photos": [_("Ảnh “%(name)s” quá lớn (tối đa %(mb)s MB).")
                                          % {"name": name, "mb": limit // MB}]})
    data = upload.read()
    if len(data) > limit:
        raise ValidationError({"photos": [_("Ảnh “%(name)s” quá lớn (tối đa %(mb)s MB).")
                                          % {"name": name, "mb": limit // MB}]})
    bad = ValidationError({"photos": [_("“%(name)s” không phải ảnh JPEG hoặc PNG thật (có thể đã bị đổi tên hoặc "
                                        "hỏng); không lưu.") % {"name": name}]})
    if not (data.startswith(b"\xff\xd8\xff") or data.startswith(b"\x89PNG\r\n\x1a\n")):
        raise bad
    try:
        with Image.open(io.BytesIO(data)) as img:
            fmt = img.format or ""
            if fmt not in PHOTO_TYPES or img.width * img.height > MAX_PHOTO_PIXELS:
                raise bad
            img.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise bad from None
    content_type, ext = PHOTO_TYPES[fmt]
    return ContentFile(data, name=f"{uuid.uuid4().hex}{ext}"), content_type, name, len(data)


@transaction.atomic
def activity_add(*, actor: Any, campaign: Campaign, area: OrgUnit, held_on: dt.date, title: str,
                 description: str = "", participants: int | None = None, branches: Iterable[Branch] = (),
                 photos: Iterable[Any] = ()) -> Activity:
    """An activity of the area for the campaign, naming the member organisations' branches (of the area or
    above it) that took part, with photos. Photos are checked before anything is written."""
    _require_area_in_campaign(actor, campaign, area)
    if not campaign.starts_on <= held_on <= campaign.ends_on:
        raise ValidationError({"held_on": [_("Ngày thực hiện phải trong thời gian của cuộc vận động (%(a)s – %(b)s).")
                                           % {"a": f"{campaign.starts_on:%d/%m/%Y}",
                                              "b": f"{campaign.ends_on:%d/%m/%Y}"}]})
    branches = list(branches)
    above = set(ancestor_paths(area.path))
    if any(b.unit.path not in above for b in branches):
        raise ValidationError({"branches": [_("Chỉ chọn chi hội, đoàn thể của khu dân cư hoặc của cấp trên.")]})
    photos = list(photos)
    if len(photos) > MAX_PHOTOS:
        raise ValidationError({"photos": [_("Tối đa %(n)s ảnh mỗi lần.") % {"n": MAX_PHOTOS}]})
    checked = [_photo(p) for p in photos]
    activity = Activity(campaign=campaign, area=area, held_on=held_on, title=normalize_text(title),
                        description=(description or "").strip(), participants=participants,
                        created_by=_user(actor))
    validate_and_save(activity, actor)
    if branches:
        activity.branches.set(branches)
    for content, content_type, original, size in checked:
        photo = Photo(activity=activity, content_type=content_type, original_name=original, size=size)
        photo.file.save(content.name, content, save=False)
        validate_and_save(photo, actor)
    return activity


# -- yearly evaluation ------------------------------------------------------------------------------
def _area(actor: Any, area: OrgUnit, perm: MovementPerm = MovementPerm.REPORT) -> None:
    _require(actor, perm, area)
    if area.unit_type.code != AREA:
        raise ValidationError({"area": [_("Hãy chọn một khu dân cư.")]})


@transaction.atomic
def household_add(*, actor: Any, area: OrgUnit, head_name: str, address: str = "",
                  members: int | None = None) -> Household:
    _area(actor, area)
    head_name = normalize_text(head_name)
    household = Household(area=area, head_name=head_name, address=normalize_text(address), members=members,
                          sort_key=name_sort_key(head_name))
    return validate_and_save(household, actor)


def households_seen(*, actor: Any, households: Iterable[Household], where: str) -> None:
    """Log that `actor` saw these households' personal data in clear (one insert)."""
    if _user(actor) is None:
        return
    HouseholdAccess.objects.bulk_create([HouseholdAccess(user=actor, household=h, where=where[:255])
                                         for h in households if h.erased_at is None])


@transaction.atomic
def household_erase(*, actor: Any, household: Household) -> Household:
    """Erase a household's personal data, its history included; its registrations and titles stay as
    counts."""
    _require(actor, MovementPerm.MANAGE, household.area)
    label = _("(đã xoá dữ liệu cá nhân)")
    household.head_name, household.address, household.members = label, "", None
    household.sort_key = name_sort_key(label)
    household.erased_at = timezone.now()
    validate_and_save(household, actor)
    household.history.update(head_name=label, address="", members=None)  # type: ignore[attr-defined]
    return household


@transaction.atomic
def register(*, actor: Any, year: int, kind: str, area: OrgUnit, household: Household | None = None,
             on: dt.date | None = None) -> Registration:
    """Register a household for "Gia đình văn hóa", or the area itself for the area's title."""
    _area(actor, area)
    if kind == TitleKind.FAMILY:
        if household is None or household.area_id != area.pk:
            raise ValidationError({"household": [_("Hãy chọn một hộ gia đình của khu dân cư.")]})
        if household.erased_at is not None:
            raise ValidationError({"household": [_("Dữ liệu của hộ này đã bị xoá.")]})
    else:
        household = None
    if Decision.objects.filter(unit__path__in=ancestor_paths(area.path), year=year, kind=kind).exists():
        raise ValidationError(_("Danh hiệu năm %(year)s đã có quyết định công nhận; không đăng ký thêm được.")
                              % {"year": year})
    criteria = (CriteriaSet.objects.filter(province__path__in=ancestor_paths(area.path), kind=kind, year=year)
                .order_by("-version").first())
    reg = Registration(year=year, kind=kind, area=area, household=household, criteria_set=criteria,
                       registered_on=on or timezone.localdate())
    return validate_and_save(reg, actor)


@transaction.atomic
def self_assess(*, actor: Any, registration: Registration, law_abiding: bool, takes_part: bool,
                prosperous: bool, text: str = "", on: dt.date | None = None,
                marks: Mapping[int, bool] | None = None) -> Registration:
    """The registrant's own assessment: the three standards of the Decree and, when the province set
    criteria, each criterion met or not (its points add up)."""
    _area(actor, registration.area)
    if registration.status not in (RegistrationStatus.REGISTERED, RegistrationStatus.SELF_ASSESSED):
        raise ValidationError(_("Đăng ký đã được họp bình xét; không sửa tự đánh giá được nữa."))
    if registration.criteria_set_id:
        criteria = {c.pk: c for c in Criterion.objects.filter(criteria_set_id=registration.criteria_set_id)}
        marks = dict(marks or {})
        if set(marks) - set(criteria):
            raise ValidationError(_("Có tiêu chí không thuộc bộ tiêu chí của đăng ký này."))
        CriterionMark.objects.filter(registration=registration).delete()
        fresh = [CriterionMark(registration=registration, criterion_id=pk, met=bool(marks.get(pk)))
                 for pk in criteria]
        bulk_create_with_history(fresh, CriterionMark, default_user=_user(actor))
        registration.points = sum(c.points for pk, c in criteria.items() if marks.get(pk))
    registration.law_abiding, registration.takes_part, registration.prosperous = law_abiding, takes_part, prosperous
    registration.self_assessment = (text or "").strip()
    registration.self_assessed_on = on or timezone.localdate()
    registration.status = RegistrationStatus.SELF_ASSESSED
    return validate_and_save(registration, actor)


def _pct(part: int, whole: int) -> str:
    return f"{(100 * part / whole) if whole else 0:.1f}".replace(".", ",")


def _meeting_rule(regs: list[Registration]) -> tuple[int, int]:
    """Quorum and approval shares of the meeting: those of the registrations' criteria sets (the strictest
    when they differ), the settings' defaults for registrations without a set."""
    quorums, approvals = [], []
    for reg in regs or [None]:  # type: ignore[list-item]
        cs = reg.criteria_set if reg is not None else None
        quorums.append(cs.quorum_percent if cs else rules.quorum_percent())
        approvals.append(cs.approval_percent if cs else rules.approval_percent())
    return max(quorums), max(approvals)


def _passes(reg: Registration) -> bool:
    """The self-assessment meets the set's rule: every required criterion, and enough points."""
    cs = reg.criteria_set
    if cs is None:
        return True
    if CriterionMark.objects.filter(registration=reg, criterion__required=True, met=False).exists():
        return False
    return (reg.points or 0) >= cs.pass_points


@transaction.atomic
def meeting_record(*, actor: Any, area: OrgUnit, year: int, held_on: dt.date, called: int, attended: int,
                   chair: str, secretary: str, votes: Mapping[int, int], method: str = "hands",
                   minutes: str = "") -> Meeting:
    """The area's evaluation meeting for the year: attendance, and the votes for each self-assessed
    registration. A meeting below the quorum cannot propose any title; a registration is proposed when
    its votes reach the approval share of those present. Both shares are the rule in force now
    (`rules`), kept with the meeting."""
    _area(actor, area)
    regs = {r.pk: r for r in Registration.objects.select_for_update(of=("self",)).select_related("criteria_set")
            .filter(area=area, year=year)}
    quorum, approval = _meeting_rule([regs[pk] for pk in votes if pk in regs])
    if called <= 0:
        raise ValidationError({"called": [_("Số người được triệu tập phải lớn hơn 0.")]})
    if attended > called:
        raise ValidationError({"attended": [_("Số người có mặt (%(a)s) không thể lớn hơn số người được triệu tập "
                                              "(%(c)s).") % {"a": attended, "c": called}]})
    unknown = set(votes) - set(regs)
    if unknown:
        raise ValidationError(_("Có đăng ký không thuộc khu dân cư hoặc năm bình xét này."))
    for pk, n in votes.items():
        if n < 0 or n > attended:
            raise ValidationError({f"v{pk}": [_("“%(who)s”: số tán thành (%(n)s) phải từ 0 đến số người có mặt "
                                                "(%(a)s); tỉ lệ không thể vượt 100 %%.")
                                              % {"who": regs[pk].holder_label, "n": n, "a": attended}]})
        if regs[pk].status != RegistrationStatus.SELF_ASSESSED:
            raise ValidationError({f"v{pk}": [_("“%(who)s” chưa tự đánh giá hoặc đã được bình xét.")
                                              % {"who": regs[pk].holder_label}]})
    if attended * 100 < quorum * called and votes:
        raise ValidationError({"attended": [_(
            "Cuộc họp chỉ có %(a)s/%(c)s người (%(p)s %%), chưa đủ tỉ lệ tối thiểu %(q)s %%: không được bình xét, đề "
            "nghị công nhận danh hiệu.") % {"a": attended, "c": called, "p": _pct(attended, called), "q": quorum}]})
    meeting = Meeting(area=area, year=year, held_on=held_on, called=called, attended=attended, method=method,
                      chair=normalize_text(chair), secretary=normalize_text(secretary), minutes=(minutes or "").strip(),
                      quorum_percent=quorum, approval_percent=approval, recorded_by=_user(actor))
    validate_and_save(meeting, actor)
    for pk, n in votes.items():
        approved = n * 100 >= approval * attended and _passes(regs[pk])
        validate_and_save(MeetingVote(meeting=meeting, registration=regs[pk], votes_for=n, approved=approved), actor)
        reg = regs[pk]
        reg.status = RegistrationStatus.APPROVED if approved else RegistrationStatus.REJECTED
        validate_and_save(reg, actor, update_fields=["status"])
    return meeting


@transaction.atomic
def decision_issue(*, actor: Any, unit: OrgUnit, year: int, kind: str, number: str, signed_on: dt.date,
                   signer: str) -> Decision:
    """The commune's decision: every registration of the year proposed by its areas' meetings gets the
    title (one set-based update with its history rows)."""
    _require(actor, MovementPerm.MANAGE, unit)
    if unit.unit_type.code != "commune":
        raise ValidationError({"unit": [_("Quyết định công nhận do cấp xã, phường ban hành.")]})
    approved = list(Registration.objects.select_for_update().filter(
        subtree_q(unit.path, "area__path"), year=year, kind=kind, status=RegistrationStatus.APPROVED))
    if not approved:
        raise ValidationError(_("Chưa có đăng ký nào được họp bình xét đề nghị công nhận trong năm %(year)s.")
                              % {"year": year})
    decision = Decision(unit=unit, year=year, kind=kind, number=normalize_text(number), signed_on=signed_on,
                        signer=normalize_text(signer), created_by=_user(actor))
    validate_and_save(decision, actor)
    for reg in approved:
        reg.status, reg.decision = RegistrationStatus.AWARDED, decision
    bulk_update_with_history(approved, Registration, ["status", "decision"], batch_size=1000,
                             default_user=_user(actor))
    return decision


# -- criteria sets ----------------------------------------------------------------------------------
def _require_unused(criteria_set: CriteriaSet) -> None:
    if criteria_set.registrations.exists():
        raise ValidationError(_("Bộ tiêu chí đã được dùng cho đăng ký, đánh giá nên không sửa được (để giữ nguyên các "
                                "đánh giá đã làm); hãy tạo phiên bản mới."))


@transaction.atomic
def criteria_set_create(*, actor: Any, province: OrgUnit, kind: str, year: int, name: str, pass_points: int = 0,
                        quorum_percent: int | None = None, approval_percent: int | None = None) -> CriteriaSet:
    """A province's criteria for a title and year; the next version when one exists already."""
    _require(actor, MovementPerm.MANAGE, province)
    if province.unit_type.code != "province":
        raise ValidationError({"province": [_("Bộ tiêu chí do cấp tỉnh, thành phố ban hành.")]})
    last = CriteriaSet.objects.filter(province=province, kind=kind, year=year).order_by("-version").first()
    cs = CriteriaSet(province=province, kind=kind, year=year, name=normalize_text(name), pass_points=pass_points,
                     version=(last.version + 1) if last else 1,
                     quorum_percent=quorum_percent or rules.quorum_percent(),
                     approval_percent=approval_percent or rules.approval_percent())
    return validate_and_save(cs, actor)


@transaction.atomic
def criteria_set_update(*, actor: Any, criteria_set: CriteriaSet, **changes: Any) -> CriteriaSet:
    allowed = {"name", "pass_points", "quorum_percent", "approval_percent"}
    if set(changes) - allowed:
        raise ValueError(f"not editable: {sorted(set(changes) - allowed)}")
    _require(actor, MovementPerm.MANAGE, criteria_set.province)
    criteria_set = CriteriaSet.objects.select_for_update().get(pk=criteria_set.pk)
    _require_unused(criteria_set)
    for key, value in changes.items():
        setattr(criteria_set, key, value)
    return validate_and_save(criteria_set, actor)


@transaction.atomic
def criterion_add(*, actor: Any, criteria_set: CriteriaSet, text: str, points: int = 1, required: bool = False,
                  order: int = 100) -> Criterion:
    _require(actor, MovementPerm.MANAGE, criteria_set.province)
    criteria_set = CriteriaSet.objects.select_for_update().get(pk=criteria_set.pk)
    _require_unused(criteria_set)
    return validate_and_save(Criterion(criteria_set=criteria_set, text=normalize_text(text), points=points,
                                       required=required, order=order), actor)


@transaction.atomic
def criteria_set_new_version(*, actor: Any, criteria_set: CriteriaSet) -> CriteriaSet:
    """A copy of the set, as the next version, to edit; registrations from now on use it."""
    fresh = criteria_set_create(actor=actor, province=criteria_set.province, kind=criteria_set.kind,
                                year=criteria_set.year, name=criteria_set.name, pass_points=criteria_set.pass_points,
                                quorum_percent=criteria_set.quorum_percent,
                                approval_percent=criteria_set.approval_percent)
    copies = [Criterion(criteria_set=fresh, text=c.text, points=c.points, required=c.required, order=c.order)
              for c in criteria_set.criteria.all()]
    bulk_create_with_history(copies, Criterion, default_user=_user(actor))
    return fresh
