from django.utils.translation import gettext_lazy as _

from doanket.core.domains import Domain, Mount, NavItem
from doanket.core.permissions import Role

from .permissions import PetitionPerm

_VIEW = frozenset({PetitionPerm.VIEW})

DOMAIN = Domain(
    label="petitions",
    permissions=PetitionPerm,
    # The standing committee decides what is published; data entry staff receive, screen, route, forward
    # and record answers; editors moderate the public wording; viewers follow the inbox. Contacts are
    # personal data: only the standing committee reads them unmasked.
    roles={Role.STANDING: frozenset(PetitionPerm),
           Role.DATA_ENTRY: frozenset({PetitionPerm.VIEW, PetitionPerm.HANDLE}),
           Role.EDITOR: frozenset({PetitionPerm.VIEW, PetitionPerm.PUBLISH}),
           Role.VIEWER: _VIEW},
    nav=(NavItem("petitions", _("Phản ánh, kiến nghị"), "petitions:inbox", order=110,
                 perms=(PetitionPerm.VIEW,)),),
    public_nav=(NavItem("petitions", _("Phản ánh, kiến nghị"), "petitions_public:answers", order=20),),
    mounts=(Mount("quan-ly/phan-anh-kien-nghi/", "doanket.petitions.urls"),
            Mount("phan-anh-kien-nghi/", "doanket.petitions.urls_public", public=True)),
    api=(("/petitions", "doanket.petitions.api:router"),),
    demo="doanket.petitions.demo:load_petitions_demo",
    demo_order=110,
    isolation="doanket.petitions.tests.isolation",
)
