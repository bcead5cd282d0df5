from django.urls import path

from .views import manage

app_name = "people"
urlpatterns = [
    path("", manage.directory, name="directory"),
    path("them/", manage.create, name="create"),
    path("danh-muc-chuc-vu/", manage.positions, name="positions"),
    path("da-xoa/", manage.deleted, name="deleted"),
    path("cho-hop-nhat/", manage.held_duplicates, name="held"),
    path("cho-hop-nhat/<int:pk>/", manage.held_resolve, name="held_resolve"),
    path("nhat-ky-du-lieu-ca-nhan/", manage.privacy_log, name="privacy_log"),
    path("<int:pk>/", manage.detail, name="detail"),
    path("<int:pk>/sua/", manage.edit, name="edit"),
    path("<int:pk>/xoa/", manage.delete, name="delete"),
    path("<int:pk>/xoa-du-lieu-ca-nhan/", manage.erase, name="erase"),
    path("<int:pk>/chuc-vu/them/", manage.assignment_create, name="assignment_create"),
    path("chuc-vu/<int:pk>/sua/", manage.assignment_edit, name="assignment_edit"),
    path("chuc-vu/<int:pk>/xoa/", manage.assignment_delete, name="assignment_delete"),
]
