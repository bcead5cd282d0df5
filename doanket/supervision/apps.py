from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "doanket.supervision"
    label = "supervision"
    verbose_name = _("Giám sát và phản biện xã hội")
