"""The invitee's own pages, public (no login): the personal code in the address is the credential,
so an unknown code answers 404 like any missing page. Mounted at /loi-moi/."""

from django.urls import path

from .views import public

app_name = "events_public"
urlpatterns = [
    path("<str:code>/", public.invitation_public, name="invitation_public"),
    path("<str:code>/y-kien/", public.invitation_feedback, name="invitation_feedback"),
    path("<str:code>/qr.svg", public.invitation_public_qr, name="invitation_public_qr"),
]
