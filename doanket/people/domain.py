from django.utils.translation import gettext_lazy as _

from doanket.core.domains import Domain, Mount, NavItem
from doanket.core.permissions import Role

from .permissions import PersonPerm

_VIEW = frozenset({PersonPerm.VIEW})

DOMAIN = Domain(
    label="people",
    permissions=PersonPerm,
    roles={Role.STANDING: frozenset({PersonPerm.VIEW, PersonPerm.MANAGE, PersonPerm.VIEW_PRIVATE}),
           Role.DATA_ENTRY: frozenset({PersonPerm.VIEW, PersonPerm.MANAGE}), Role.EDITOR: _VIEW, Role.VIEWER: _VIEW},
    nav=(NavItem("people", _("Danh bạ cán bộ"), "people:directory", order=20),
         NavItem("positions", _("Danh mục chức vụ"), "people:positions", order=30)),
    mounts=(Mount("quan-ly/nguoi/", "doanket.people.urls"),),
    # people.api also adds /units/{id}/assignments to the units router (registry imports routers before mounting).
    api=(("/people", "doanket.people.api:people_router"), ("/assignments", "doanket.people.api:assignments_router"),
         ("/positions", "doanket.people.api:positions_router")),
    isolation="doanket.people.tests.isolation",
    unit_panels=("doanket.people.panels:unit_people_panel",),
)
