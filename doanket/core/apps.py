from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "doanket.core"
    label = "core"
    verbose_name = "Lõi"

    def ready(self) -> None:
        from django.apps import apps
        from django.db.models.signals import pre_save

        from .signals import clean_text_fields

        # Every model of the project, its history models included: one rule for every write path.
        for model in apps.get_models():
            if model.__module__.startswith("doanket."):
                pre_save.connect(clean_text_fields, sender=model, dispatch_uid=f"clean-text-{model._meta.label}")
