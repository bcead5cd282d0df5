from django.urls import path

from .views import public

app_name = "funds_public"
urlpatterns = [
    path("", public.index, name="index"),
    path("don-vi/<int:pk>/", public.unit_page, name="unit"),
    path("quy/<int:pk>/", public.fund_page, name="fund"),
    path("quy/<int:pk>/cong-khai.xlsx", public.fund_xlsx, name="fund_xlsx"),
    path("quy/<int:pk>/thong-bao.pdf", public.fund_notice, name="fund_notice"),
]
