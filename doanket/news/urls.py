from django.urls import path

from .views import manage

app_name = "news"
urlpatterns = [
    path("", manage.article_list, name="list"),
    path("them/", manage.article_create, name="create"),
    path("<int:pk>/", manage.article_detail, name="detail"),
    path("<int:pk>/sua/", manage.article_edit, name="edit"),
    path("<int:pk>/gui-duyet/", manage.article_submit, name="submit"),
    path("<int:pk>/xuat-ban/", manage.article_publish, name="publish"),
    path("<int:pk>/go-bai/", manage.article_withdraw, name="withdraw"),
    path("<int:pk>/tra-lai/", manage.article_return, name="return"),
    path("<int:pk>/xoa/", manage.article_delete, name="delete"),
    path("<int:pk>/anh/", manage.image_upload, name="image_upload"),
    path("<int:pk>/phien-ban/<int:history_id>/", manage.revision, name="revision"),
]
