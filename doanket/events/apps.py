from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "doanket.events"
    label = "events"
    verbose_name = _("Hội nghị, tập huấn")

    def ready(self) -> None:
        from . import receivers  # noqa: F401 — connects the erasure receiver
