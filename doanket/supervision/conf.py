"""The domain's legal numbers, as settings: laws change, and the two defaults below could not be confirmed
from the primary text (shared design notes, marked "(default)"), so the help texts say they are defaults."""

from __future__ import annotations

from django.conf import settings

# The supervision plan reaches the supervised body at least this many (calendar) days before the team works.
NOTICE_DAYS_DEFAULT = 15
# The body answers a recommendation within this many working days.
ANSWER_WORKING_DAYS_DEFAULT = 20


def notice_days() -> int:
    return int(getattr(settings, "DOANKET_SUPERVISION_NOTICE_DAYS", NOTICE_DAYS_DEFAULT))


def answer_working_days() -> int:
    return int(getattr(settings, "DOANKET_SUPERVISION_ANSWER_WORKING_DAYS", ANSWER_WORKING_DAYS_DEFAULT))

# Household consultations: the shares a new consultation starts with (each consultation keeps its own rule).
TURNOUT_PERCENT_DEFAULT = 50
APPROVAL_PERCENT_DEFAULT = 50


def turnout_percent() -> int:
    return int(getattr(settings, "DOANKET_GRASSROOTS_TURNOUT_PERCENT", TURNOUT_PERCENT_DEFAULT))


def approval_percent() -> int:
    return int(getattr(settings, "DOANKET_GRASSROOTS_APPROVAL_PERCENT", APPROVAL_PERCENT_DEFAULT))
