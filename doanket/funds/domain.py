from django.utils.translation import gettext_lazy as _

from doanket.core.domains import Domain, Mount, NavItem
from doanket.core.permissions import Role

from .permissions import FundPerm

DOMAIN = Domain(
    label="funds",
    permissions=FundPerm,
    # The standing committee runs the funds; data-entry staff record receipts and payments; editors and
    # viewers read the ledger (personal data masked). Unmasked beneficiaries: the standing committee only.
    roles={Role.STANDING: frozenset(FundPerm),
           Role.DATA_ENTRY: frozenset({FundPerm.VIEW, FundPerm.POST}),
           Role.EDITOR: frozenset({FundPerm.VIEW}), Role.VIEWER: frozenset({FundPerm.VIEW})},
    nav=(NavItem("funds", _("Quỹ, cứu trợ"), "funds:list", order=110, perms=(FundPerm.VIEW,)),),
    mounts=(Mount("quan-ly/quy/", "doanket.funds.urls"),
            Mount("cong-khai-quy/", "doanket.funds.urls_public", public=True)),
    api=(("/funds", "doanket.funds.api:router"),),
    demo="doanket.funds.demo:load_funds_demo",
    demo_order=120,
    isolation="doanket.funds.tests.isolation",
)
