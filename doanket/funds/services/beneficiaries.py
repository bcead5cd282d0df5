"""Households supported by funds: recorded with what the support needs, masked for most readers, every
unmasked view logged in the personal-data log, erasable on request (Law 91/2025/QH15)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doanket.core.services import validate_and_save
from doanket.core.text import normalize_text
from doanket.orgunits.models import OrgUnit
from doanket.people.models import AccessAction, PersonalDataAccess

from ..models import Beneficiary
from ..permissions import FundPerm
from .ledger import require_fund_perm

# Cleared by an erasure; the category and household size stay for the statistics the public sees.
ERASED_FIELDS = ("address", "phone", "id_number")


def log_tag(beneficiary: Beneficiary) -> str:
    """How the personal-data log names a household (the log is shared with the people directory)."""
    return _("Hộ nhận hỗ trợ #%(pk)s") % {"pk": beneficiary.pk}


def erased_name(pk: int) -> str:
    return f"Hộ đã xoá dữ liệu #{pk}"


@transaction.atomic
def beneficiary_create(*, actor: Any, unit: OrgUnit, head_name: str, category: str, address: str = "",
                       phone: str = "", id_number: str = "", members: int = 1) -> Beneficiary:
    require_fund_perm(actor, unit, FundPerm.POST)
    id_number = normalize_text(id_number)
    if id_number and not (id_number.isdigit() and len(id_number) == 12):
        raise ValidationError({"id_number": [_("Số định danh cá nhân gồm đúng 12 chữ số.")]})
    return validate_and_save(Beneficiary(unit=unit, head_name=normalize_text(head_name), category=category,
                                         address=normalize_text(address), phone=normalize_text(phone),
                                         id_number=id_number, members=members), actor)


def beneficiary_viewed(*, actor: Any, beneficiary: Beneficiary, action: str = AccessAction.VIEW) -> None:
    """Record that `actor` was shown the household's unmasked details."""
    PersonalDataAccess.objects.create(
        actor=actor if getattr(actor, "pk", None) else None, actor_name=str(actor or ""), person=None,
        person_name=beneficiary.head_name, unit=beneficiary.unit, action=action, detail=log_tag(beneficiary))


@transaction.atomic
def beneficiary_erase(*, actor: Any, beneficiary: Beneficiary, reason: str) -> Beneficiary:
    """Erase a household's personal data: the name becomes a placeholder, contact details are cleared in the
    record, its history and the access log. Disbursements and houses stay, so the published figures do not
    change."""
    require_fund_perm(actor, beneficiary.unit, FundPerm.MANAGE)
    reason = normalize_text(reason)
    if not reason:
        raise ValidationError({"reason": [_("Cần ghi lý do xoá dữ liệu (ví dụ: theo yêu cầu của chủ hộ).")]})
    beneficiary = Beneficiary.objects.select_for_update().get(pk=beneficiary.pk)
    if beneficiary.erased_at is not None:
        raise ValidationError(_("Dữ liệu cá nhân của hộ này đã được xoá trước đó."))
    anonymous = erased_name(beneficiary.pk)
    blank = {f: "" for f in ERASED_FIELDS}
    for field, value in blank.items():
        setattr(beneficiary, field, value)
    beneficiary.head_name = anonymous
    beneficiary.erased_at = timezone.now()
    validate_and_save(beneficiary, actor)
    Beneficiary.history.filter(id=beneficiary.pk).update(head_name=anonymous, **blank)
    tag = log_tag(beneficiary)
    PersonalDataAccess.objects.filter(person=None, detail=tag).update(person_name=anonymous)
    PersonalDataAccess.objects.create(
        actor=actor if getattr(actor, "pk", None) else None, actor_name=str(actor or ""), person=None,
        person_name=anonymous, unit=beneficiary.unit, action=AccessAction.ERASE, detail=f"{tag}: {reason}"[:255])
    return beneficiary
