from __future__ import annotations

from doanket.core.permissions import Permission


class PersonPerm(Permission):
    VIEW = "person.view"
    MANAGE = "person.manage"
    VIEW_PRIVATE = "person.view_private"  # unmasked phone and ID number
    ERASE = "person.erase"  # erase a person's personal data on request (administrators)
    CATALOGUE_MANAGE = "catalogue.manage"  # the shared catalogue of positions
