from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("quan-ly/", RedirectView.as_view(pattern_name="orgunits:tree", permanent=False), name="manage_home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("doanket.core.urls")),  # /healthz, /readyz
    path("", include("doanket.accounts.urls")),
    path("quan-ly/don-vi/", include("doanket.orgunits.urls")),
    path("quan-ly/nguoi/", include("doanket.people.urls")),
    path("quan-ly/nhap-xuat/", include("doanket.importexport.urls")),
    path("quan-ly/su-kien/", include("doanket.events.urls")),
    path("quan-ly/tin-tuc/", include("doanket.news.urls")),
    path("quan-ly/binh-chon/", include("doanket.polls.urls")),
    # Public site (no login): news portal and public votes.
    path("binh-chon/", include("doanket.polls.urls_public")),
    path("loi-moi/", include("doanket.events.urls_public")),
    path("", include("doanket.news.urls_public")),
    path("api/", include("config.api")),
    # The Django admin is for operators (superusers) only, not the product's interface.
    path("van-hanh/", admin.site.urls),
]

# Benchmark-only views (/bench/bytes/<n>/: a page of n bytes from memory), when DOANKET_BENCH_VIEWS=1.
if getattr(settings, "DOANKET_BENCH_VIEWS", False):
    urlpatterns.insert(0, path("bench/", include("doanket.scale.urls")))

# Error pages in Vietnamese in the site's layout; an unreachable database answers 503 with Retry-After.
handler500 = "doanket.core.errors.server_error"
