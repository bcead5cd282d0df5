from django.apps import AppConfig


class ImportexportConfig(AppConfig):
    name = "doanket.importexport"
    label = "importexport"
