from django.utils.translation import gettext_lazy as _

from doanket.core.domains import Domain, Mount, NavItem
from doanket.core.permissions import Role

from .permissions import SupervisionPerm

_VIEW = frozenset({SupervisionPerm.VIEW})

DOMAIN = Domain(
    label="supervision",
    permissions=SupervisionPerm,
    # The standing committee plans and concludes supervisions; data-entry staff record the answers and the
    # progress of recommendations as letters arrive; everyone else at the unit may read them.
    roles={Role.STANDING: frozenset(SupervisionPerm),
           Role.DATA_ENTRY: frozenset({SupervisionPerm.VIEW, SupervisionPerm.TRACK}),
           Role.EDITOR: _VIEW, Role.VIEWER: _VIEW},
    nav=(NavItem("supervision", _("Giám sát"), "supervision:list", order=110,
                 perms=(SupervisionPerm.VIEW,)),),
    mounts=(Mount("quan-ly/giam-sat/", "doanket.supervision.urls"),),
    api=(("/supervision-plans", "doanket.supervision.api:plans_router"),
         ("/supervision-activities", "doanket.supervision.api:activities_router"),
         ("/supervision-recommendations", "doanket.supervision.api:recommendations_router")),
    demo="doanket.supervision.demo:load_supervision_demo",
    demo_order=110,
    isolation="doanket.supervision.tests.isolation",
)
