from __future__ import annotations

from doanket.core.permissions import Permission


class PetitionPerm(Permission):
    VIEW = "petition.view"  # the inbox and the petitions of the reach (contact masked)
    HANDLE = "petition.handle"  # intake, screening, routing, forwarding, recording the answer
    PUBLISH = "petition.publish"  # publish answers (moderated public wording), hide
    CONTACT = "petition.contact"  # read the petitioner's contact unmasked (access is logged)
