"""Health endpoints for the load balancer and systemd (docs/PRODUCTION.md "Health checks")."""

from django.urls import path

from . import health

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
]
