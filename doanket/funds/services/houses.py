"""Great Unity houses: a project for a household with a budget by source, milestones with photos and the
handover. Money from a fund reaches the house only through disbursements (ledger.disbursement_post with
`house=`), so the ledger stays the one record of what was spent."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from doanket.core.services import validate_and_save
from doanket.core.text import normalize_text
from doanket.orgunits.models import OrgUnit

from ..models import Beneficiary, BudgetSource, House, HouseBudget, HouseMilestone, HouseStatus, MilestoneKind
from ..money import check_amount
from ..permissions import FundPerm
from .ledger import _check_day, require_fund_perm

MAX_PHOTO_BYTES = 8 * 1024 * 1024


@transaction.atomic
def house_create(*, actor: Any, unit: OrgUnit, beneficiary: Beneficiary, title: str, decision: str,
                 is_repair: bool = False) -> House:
    require_fund_perm(actor, unit, FundPerm.MANAGE)
    if not beneficiary.unit.path.startswith(unit.path):
        raise ValidationError({"beneficiary": [_("Hộ này không thuộc địa bàn của đơn vị thực hiện.")]})
    return validate_and_save(House(unit=unit, beneficiary=beneficiary, title=normalize_text(title),
                                   decision=normalize_text(decision), is_repair=is_repair), actor)


@transaction.atomic
def budget_add(*, actor: Any, house: House, source: str, amount: Any, sponsor: str = "") -> HouseBudget:
    require_fund_perm(actor, house.unit, FundPerm.MANAGE)
    amount = check_amount(amount)
    if source == BudgetSource.SPONSOR and not normalize_text(sponsor):
        raise ValidationError({"sponsor": [_("Hãy ghi tên nhà tài trợ.")]})
    return validate_and_save(HouseBudget(house=house, source=source, amount=amount,
                                         sponsor=normalize_text(sponsor)), actor)


def _check_photo(photo: UploadedFile | None) -> None:
    """A photo is a real image: Pillow must read it (the name and the browser's word are not trusted)."""
    if photo is None:
        return
    if photo.size and photo.size > MAX_PHOTO_BYTES:
        raise ValidationError({"photo": [_("Ảnh lớn hơn 8 MB: hãy chọn ảnh nhỏ hơn.")]})
    from PIL import Image

    try:
        with Image.open(photo) as img:
            img.verify()
    except Exception as exc:  # Pillow raises many kinds for a file that is not an image
        raise ValidationError({"photo": [_("Tệp không phải là ảnh (JPEG, PNG).")]}) from exc
    photo.seek(0)


_ORDER = [MilestoneKind.START, MilestoneKind.ROOF, MilestoneKind.HANDOVER]


@transaction.atomic
def milestone_record(*, actor: Any, house: House, kind: str, reached_on: Any, photo: UploadedFile | None = None,
                     note: str = "", handover_record: str = "") -> HouseMilestone:
    """Record a milestone in order (start, roof, handover). The handover milestone hands the house over:
    its record (who handed over, who received, what) is required."""
    require_fund_perm(actor, house.unit, FundPerm.MANAGE)
    reached_on = _check_day(reached_on, "reached_on")
    house = House.objects.select_for_update().get(pk=house.pk)
    done = {m.kind: m.reached_on for m in house.milestones.all()}
    if kind in done:
        raise ValidationError({"kind": [_("Công trình đã có mốc này.")]})
    for earlier in _ORDER[: _ORDER.index(MilestoneKind(kind))]:
        if earlier not in done:
            raise ValidationError({"kind": [_("Hãy ghi mốc “%(m)s” trước.") % {"m": MilestoneKind(earlier).label}]})
        if reached_on < done[earlier]:
            raise ValidationError({"reached_on": [_("Ngày này trước mốc “%(m)s” (%(d)s).") % {
                "m": MilestoneKind(earlier).label, "d": done[earlier].strftime("%d/%m/%Y")}]})
    if kind == MilestoneKind.HANDOVER and not normalize_text(handover_record):
        raise ValidationError({"handover_record": [_("Hãy ghi biên bản bàn giao: thành phần, nội dung bàn giao.")]})
    _check_photo(photo)
    milestone = HouseMilestone(house=house, kind=kind, reached_on=reached_on, note=normalize_text(note))
    if photo is not None:
        milestone.photo = photo
    validate_and_save(milestone, actor)
    if kind == MilestoneKind.START:
        house.status = HouseStatus.BUILDING
        validate_and_save(house, actor, update_fields=["status"])
    elif kind == MilestoneKind.HANDOVER:
        house.status = HouseStatus.HANDED_OVER
        house.handed_over_on = reached_on
        house.handover_record = normalize_text(handover_record)
        validate_and_save(house, actor, update_fields=["status", "handed_over_on", "handover_record"])
    return milestone


def house_budget_total(house: House) -> int:
    return sum(b.amount for b in house.budget.all())



