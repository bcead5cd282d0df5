from django.utils.translation import gettext_lazy as _

from doanket.core.domains import Domain, Mount, NavItem
from doanket.core.permissions import Role

from .permissions import NewsPerm

DOMAIN = Domain(
    label="news",
    permissions=NewsPerm,
    roles={Role.STANDING: frozenset(NewsPerm), Role.EDITOR: frozenset({NewsPerm.WRITE})},
    nav=(NavItem("news", _("Tin tức"), "news:list", order=50),),
    mounts=(Mount("quan-ly/tin-tuc/", "doanket.news.urls"),
            # The portal sits at the site's root, so it is mounted after every other prefix.
            Mount("", "doanket.news.urls_public", public=True, order=900)),
    demo="doanket.news.demo:load_news_demo",
    demo_order=20,
    demo_logins="doanket.news.demo:DEMO_NEWS_LOGINS",
    isolation="doanket.news.tests.isolation",
)
