from django.urls import path

from .views import manage

app_name = "polls"
urlpatterns = [
    path("", manage.poll_list, name="list"),
    path("them/", manage.poll_create, name="create"),
    path("<int:pk>/", manage.poll_detail, name="detail"),
    path("<int:pk>/sua/", manage.poll_edit, name="edit"),
    path("<int:pk>/trang-thai/", manage.poll_status, name="status"),
    path("<int:pk>/nhom/them/", manage.group_add, name="group_add"),
    path("<int:pk>/lua-chon/them/", manage.option_add, name="option_add"),
    path("<int:pk>/ma-phieu/them/", manage.codes_generate, name="codes_generate"),
    path("<int:pk>/kiem-phieu/", manage.tallies, name="tallies"),
    path("<int:pk>/ket-qua.xlsx", manage.results_xlsx, name="results_xlsx"),
    path("nhom/<int:pk>/xoa/", manage.group_delete, name="group_delete"),
    path("lua-chon/<int:pk>/xoa/", manage.option_delete, name="option_delete"),
    path("ma-phieu/<int:pk>/", manage.batch_print, name="batch_print"),
    path("ma-phieu/<int:pk>/ma-phieu.xlsx", manage.batch_xlsx, name="batch_xlsx"),
]
