from django.urls import path

from .views import manage

app_name = "orgunits"
urlpatterns = [
    path("", manage.tree, name="tree"),
    path("tim/", manage.options, name="options"),
    path("<int:pk>/", manage.detail, name="detail"),
    path("<int:pk>/truc-thuoc/", manage.children, name="children"),
    path("<int:pk>/them/", manage.create_child, name="create_child"),
    path("<int:pk>/sua/", manage.edit, name="edit"),
    path("<int:pk>/xoa/", manage.delete, name="delete"),
    path("<int:pk>/bien-dong/", manage.lineage, name="lineage"),
    path("<int:pk>/chi-hoi/them/", manage.branch_create, name="branch_create"),
]
