from django.utils.translation import gettext_lazy as _

from doanket.core.domains import Domain, Mount, NavItem
from doanket.core.permissions import Role

from .permissions import AccountPerm

DOMAIN = Domain(
    label="accounts",
    permissions=AccountPerm,
    roles={Role.STANDING: frozenset({AccountPerm.HISTORY_VIEW}), Role.DATA_ENTRY: frozenset({AccountPerm.HISTORY_VIEW})},
    nav=(NavItem("users", _("Tài khoản"), "accounts:user_list", order=90, perms=(AccountPerm.USER_MANAGE,)),),
    # Login, password reset, security settings and the administrators' account pages.
    mounts=(Mount("", "doanket.accounts.urls", order=10),),
    isolation="doanket.accounts.tests.isolation",
)
