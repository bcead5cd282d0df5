"""Health endpoints for the load balancer and systemd (docs/PRODUCTION.md "Health checks")."""

from django.urls import path

from . import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
]
