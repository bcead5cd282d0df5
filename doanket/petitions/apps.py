from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "doanket.petitions"
    label = "petitions"
    verbose_name = _("Phản ánh, kiến nghị")
