from django.apps import AppConfig


class ScaleConfig(AppConfig):
    """Synthetic data at district, province or national scale (`manage.py generate_data`)."""

    name = "doanket.scale"
    label = "scale"
    verbose_name = "Dữ liệu tổng hợp để đo hiệu năng"
