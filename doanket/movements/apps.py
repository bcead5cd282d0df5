from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MovementsConfig(AppConfig):
    name = "doanket.movements"
    label = "movements"
    verbose_name = _("Cuộc vận động, phong trào thi đua")
