from django.utils.translation import gettext_lazy as _

from doanket.core.domains import Domain, Mount, NavItem
from doanket.core.permissions import Role

from .permissions import UnitPerm

_VIEW = frozenset({UnitPerm.VIEW})
_MANAGE = frozenset({UnitPerm.VIEW, UnitPerm.MANAGE})

DOMAIN = Domain(
    label="orgunits",
    permissions=UnitPerm,
    roles={Role.STANDING: _MANAGE, Role.DATA_ENTRY: _MANAGE, Role.EDITOR: _VIEW, Role.VIEWER: _VIEW},
    nav=(NavItem("units", _("Đơn vị"), "orgunits:tree", order=10),),
    mounts=(Mount("quan-ly/don-vi/", "doanket.orgunits.urls"),),
    api=(("/units", "doanket.orgunits.api:router"),),
    isolation="doanket.orgunits.tests.isolation",
)
