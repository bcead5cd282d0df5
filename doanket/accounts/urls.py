from django.contrib.auth import views as auth_views
from django.urls import path

from .views import manage

app_name = "accounts"
urlpatterns = [
    path("tai-khoan/dang-nhap/", auth_views.LoginView.as_view(template_name="accounts/login.html"), name="login"),
    path("tai-khoan/dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("quan-ly/tai-khoan/", manage.user_list, name="user_list"),
    path("quan-ly/tai-khoan/them/", manage.user_create, name="user_create"),
    path("quan-ly/tai-khoan/<int:pk>/", manage.user_detail, name="user_detail"),
    path("quan-ly/tai-khoan/<int:pk>/khoa/", manage.user_toggle_active, name="user_toggle_active"),
    path("quan-ly/tai-khoan/vai-tro/<int:pk>/thu-hoi/", manage.grant_revoke, name="grant_revoke"),
]
