"""Roles and what they allow. A role is granted on a unit and reaches that unit's subtree."""

from __future__ import annotations

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Quản trị đơn vị")
    STANDING = "standing", _("Ban Thường trực")
    EDITOR = "editor", _("Biên tập viên")
    DATA_ENTRY = "data_entry", _("Cán bộ nhập liệu")
    VIEWER = "viewer", _("Xem")


class Perm(StrEnum):
    UNIT_VIEW = "unit.view"
    UNIT_MANAGE = "unit.manage"
    PERSON_VIEW = "person.view"
    PERSON_MANAGE = "person.manage"
    PERSON_VIEW_PRIVATE = "person.view_private"  # unmasked phone and ID number
    DATA_IMPORT = "data.import"
    DATA_EXPORT = "data.export"
    HISTORY_VIEW = "history.view"
    CATALOGUE_MANAGE = "catalogue.manage"  # the shared catalogue of positions
    USER_MANAGE = "user.manage"  # accounts and role grants of the subtree
    EVENT_VIEW = "event.view"
    EVENT_MANAGE = "event.manage"  # plan, invite, move through the lifecycle, conclude
    EVENT_CHECKIN = "event.checkin"  # record attendance on the day
    NEWS_WRITE = "news.write"  # write and submit articles of the unit
    NEWS_PUBLISH = "news.publish"  # approve, publish, withdraw
    POLL_MANAGE = "poll.manage"  # create and open/close public votes
    POLL_TALLY = "poll.tally"  # enter paper ballots per residential area
    PRIVACY_LOG_VIEW = "privacy.log_view"  # who saw whose personal data (administrators)
    PERSON_ERASE = "person.erase"  # erase a person's personal data on request (administrators)


_READ = {Perm.UNIT_VIEW, Perm.PERSON_VIEW, Perm.EVENT_VIEW}

ROLE_PERMS: dict[str, frozenset[Perm]] = {
    Role.ADMIN: frozenset(Perm),
    Role.STANDING: frozenset(_READ | {Perm.PERSON_VIEW_PRIVATE, Perm.DATA_EXPORT, Perm.HISTORY_VIEW, Perm.UNIT_MANAGE,
                                      Perm.PERSON_MANAGE, Perm.EVENT_MANAGE, Perm.EVENT_CHECKIN, Perm.NEWS_WRITE,
                                      Perm.NEWS_PUBLISH, Perm.POLL_MANAGE, Perm.POLL_TALLY}),
    Role.DATA_ENTRY: frozenset(_READ | {Perm.UNIT_MANAGE, Perm.PERSON_MANAGE, Perm.DATA_IMPORT, Perm.DATA_EXPORT,
                                        Perm.HISTORY_VIEW, Perm.EVENT_CHECKIN, Perm.POLL_TALLY}),
    Role.EDITOR: frozenset(_READ | {Perm.NEWS_WRITE}),
    Role.VIEWER: frozenset(_READ),
}


def roles_with(perm: Perm) -> list[str]:
    return [role for role, perms in ROLE_PERMS.items() if perm in perms]
