"""Rules of the yearly evaluation that the law sets as defaults and a province may change.

Read from Django settings when present (DOANKET_MOVEMENTS_*), so a deployment configures them without
editing this package; the defaults are those of the procedure in Decree 122/2018 kept by Decree 86/2023.
"""

from __future__ import annotations

from django.conf import settings

# An evaluation meeting is valid when at least this share of those called attend.
QUORUM_PERCENT = 60
# A title is proposed when at least this share of those attending vote for it.
APPROVAL_PERCENT = 60
# Consecutive years of a title that earn a certificate of merit.
MERIT_YEARS_FAMILY = 3
MERIT_YEARS_AREA = 5


def quorum_percent() -> int:
    return int(getattr(settings, "DOANKET_MOVEMENTS_QUORUM_PERCENT", QUORUM_PERCENT))


def approval_percent() -> int:
    return int(getattr(settings, "DOANKET_MOVEMENTS_APPROVAL_PERCENT", APPROVAL_PERCENT))


def merit_years(kind: str) -> int:
    if kind == "family":
        return int(getattr(settings, "DOANKET_MOVEMENTS_MERIT_YEARS_FAMILY", MERIT_YEARS_FAMILY))
    return int(getattr(settings, "DOANKET_MOVEMENTS_MERIT_YEARS_AREA", MERIT_YEARS_AREA))


# The commune chairman decides within this many working days of the area's meeting.
DECISION_WORKING_DAYS = 5


def decision_working_days() -> int:
    return int(getattr(settings, "DOANKET_MOVEMENTS_DECISION_WORKING_DAYS", DECISION_WORKING_DAYS))
