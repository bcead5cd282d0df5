from django.utils.translation import gettext_lazy as _

from doanket.core.domains import Domain, Mount, NavItem
from doanket.core.permissions import Role

from .permissions import MovementPerm

_VIEW = frozenset({MovementPerm.VIEW})

DOMAIN = Domain(
    label="movements",
    permissions=MovementPerm,
    roles={Role.STANDING: frozenset(MovementPerm),
           # The area's cadres enter results, activities, registrations and meetings; deciding is the standing
           # committee's (launch, roll out, targets, titles).
           Role.DATA_ENTRY: frozenset({MovementPerm.VIEW, MovementPerm.REPORT}),
           Role.EDITOR: _VIEW, Role.VIEWER: _VIEW},
    nav=(NavItem("movements", _("Phong trào, cuộc vận động"), "movements:list", order=110,
                 perms=tuple(MovementPerm)),),
    mounts=(Mount("quan-ly/phong-trao/", "doanket.movements.urls"),),
    api=(("/movements", "doanket.movements.api:router"),),
    demo="doanket.movements.demo:load_movements_demo",
    demo_order=40,
    isolation="doanket.movements.tests.isolation",
)
