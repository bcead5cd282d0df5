from django.urls import path

from .views import public

app_name = "polls_public"
urlpatterns = [
    path("", public.poll_list, name="list"),
    path("<int:pk>/", public.poll_detail, name="detail"),
    path("<int:pk>/ket-qua/", public.poll_results, name="results"),
    path("cong-dan/", public.citizen_start, name="citizen_start"),
    path("cong-dan/xac-nhan/<str:token>/", public.citizen_confirm, name="citizen_confirm"),
    path("cong-dan/thoat/", public.citizen_logout, name="citizen_logout"),
]
