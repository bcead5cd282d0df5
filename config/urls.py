from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from doanket.core.domains import mounts

# Each domain mounts its own cadre and public URLs (its domain.py); the public news portal at "" last.
urlpatterns = [
    path("quan-ly/", RedirectView.as_view(pattern_name="orgunits:tree", permanent=False), name="manage_home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("doanket.core.urls")),  # /healthz, /readyz
    path("api/", include("config.api")),
    # The Django admin is for operators (superusers) only, not the product's interface.
    path("van-hanh/", admin.site.urls),
    *(path(mount.prefix, include(mount.urls)) for mount in mounts()),
]

# Benchmark-only views (/bench/bytes/<n>/: a page of n bytes from memory), when DOANKET_BENCH_VIEWS=1.
if getattr(settings, "DOANKET_BENCH_VIEWS", False):
    urlpatterns.insert(0, path("bench/", include("doanket.scale.urls")))

# Error pages in Vietnamese in the site's layout; an unreachable database answers 503 with Retry-After.
handler500 = "doanket.core.errors.server_error"
