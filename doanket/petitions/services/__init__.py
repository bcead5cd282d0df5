"""Writes to petitions, one module per concept: the citizens' filing and confirmation (`citizens`), the
cadres' handling (`handling`), files (`attachments`) and the daily overdue run (`overdue`)."""

from ._common import normalize_code
from .answers_import import answers_import, template_workbook
from .citizens import check_rate, petition_by_code, petition_confirm, petition_from_token, petition_submit
from .handling import (
    attachment_add,
    petition_acknowledge,
    petition_answer,
    petition_close,
    petition_contact_viewed,
    petition_erase_contact,
    petition_forward,
    petition_hide,
    petition_intake,
    petition_publish,
    petition_reopen,
    petition_route,
    petition_screen,
    petition_withdraw,
    petitions_publish,
)
from .overdue import petitions_mark_overdue

__all__ = [
    "answers_import",
    "attachment_add",
    "check_rate",
    "normalize_code",
    "petition_acknowledge",
    "petition_answer",
    "petition_by_code",
    "petition_close",
    "petition_confirm",
    "petition_contact_viewed",
    "petition_erase_contact",
    "petition_forward",
    "petition_from_token",
    "petition_hide",
    "petition_intake",
    "petition_publish",
    "petition_reopen",
    "petition_route",
    "petition_screen",
    "petition_submit",
    "petition_withdraw",
    "petitions_mark_overdue",
    "petitions_publish",
    "template_workbook",
]
