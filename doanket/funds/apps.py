from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundsConfig(AppConfig):
    name = "doanket.funds"
    label = "funds"
    verbose_name = _("Quỹ và cứu trợ")
