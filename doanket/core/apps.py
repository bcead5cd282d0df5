from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "doanket.core"
    label = "core"
    verbose_name = "Lõi"
