from django.urls import path

from .views import manage

app_name = "importexport"
urlpatterns = [
    path("", manage.index, name="index"),
    path("nhap/", manage.import_upload, name="import"),
    path("viec/<str:token>/", manage.job, name="job"),
    path("viec/<str:token>/tep/", manage.job_file, name="job_file"),
    path("mau/<str:kind>/", manage.template_download, name="template"),
    path("xuat/<str:kind>/", manage.export_download, name="export"),
]
