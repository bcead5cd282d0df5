from django.utils.translation import gettext_lazy as _

from doanket.core.domains import Domain, Mount, NavItem
from doanket.core.permissions import Role

from .permissions import PollPerm

DOMAIN = Domain(
    label="polls",
    permissions=PollPerm,
    roles={Role.STANDING: frozenset(PollPerm), Role.DATA_ENTRY: frozenset({PollPerm.TALLY})},
    nav=(NavItem("polls", _("Bình chọn"), "polls:list", order=60),),
    public_nav=(NavItem("polls", _("Bình chọn trực tuyến"), "polls_public:list", order=10),),
    mounts=(Mount("quan-ly/binh-chon/", "doanket.polls.urls"),
            Mount("binh-chon/", "doanket.polls.urls_public", public=True)),
    demo="doanket.polls.demo:load_polls_demo",
    demo_order=30,
    isolation="doanket.polls.tests.isolation",
)
