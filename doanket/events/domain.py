from django.utils.translation import gettext_lazy as _

from doanket.core.domains import Domain, Mount, NavItem
from doanket.core.permissions import Role

from .permissions import EventPerm

_VIEW = frozenset({EventPerm.VIEW})

DOMAIN = Domain(
    label="events",
    permissions=EventPerm,
    roles={Role.STANDING: frozenset(EventPerm), Role.DATA_ENTRY: frozenset({EventPerm.VIEW, EventPerm.CHECKIN}),
           Role.EDITOR: _VIEW, Role.VIEWER: _VIEW},
    nav=(NavItem("events", _("Hội nghị, tập huấn"), "events:list", order=70),),
    mounts=(Mount("quan-ly/su-kien/", "doanket.events.urls"),
            # The invitee's own pages: the personal code is the credential.
            Mount("loi-moi/", "doanket.events.urls_public", public=True)),
    demo="doanket.events.demo:load_events_demo",
    demo_order=10,
    isolation="doanket.events.tests.isolation",
    person_panels=("doanket.events.panels:person_events_panel",),
)
