from django.urls import path

from .views import public

app_name = "petitions_public"
urlpatterns = [
    path("", public.answers, name="answers"),
    path("gui/", public.submit, name="submit"),
    path("da-gui/", public.sent, name="sent"),
    path("xac-nhan/<str:token>/", public.confirm, name="confirm"),
    path("tra-cuu/", public.track, name="track"),
    path("tra-cuu/<str:code>/", public.status, name="status"),
    path("tra-loi/<int:pk>/", public.answer_detail, name="answer"),
    path("so-lieu/", public.figures, name="figures"),
]
