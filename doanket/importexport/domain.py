from django.utils.translation import gettext_lazy as _

from doanket.core.domains import Domain, Mount, NavItem
from doanket.core.permissions import Role

from .permissions import DataPerm

DOMAIN = Domain(
    label="importexport",
    permissions=DataPerm,
    roles={Role.STANDING: frozenset({DataPerm.EXPORT}), Role.DATA_ENTRY: frozenset({DataPerm.IMPORT, DataPerm.EXPORT})},
    nav=(NavItem("io", _("Nhập / xuất Excel"), "importexport:index", order=40),),
    mounts=(Mount("quan-ly/nhap-xuat/", "doanket.importexport.urls"),),
)
