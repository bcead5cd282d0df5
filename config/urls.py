from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="orgunits:tree", permanent=False)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("doanket.accounts.urls")),
    path("quan-ly/don-vi/", include("doanket.orgunits.urls")),
    path("quan-ly/nguoi/", include("doanket.people.urls")),
    path("quan-ly/nhap-xuat/", include("doanket.importexport.urls")),
    path("api/", include("config.api")),
    # The Django admin is for operators (superusers) only, not the product's interface.
    path("van-hanh/", admin.site.urls),
]
