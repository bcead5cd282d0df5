from django.contrib.auth import views as auth_views
from django.urls import path

from .views import manage, security

app_name = "accounts"
urlpatterns = [
    path("tai-khoan/dang-nhap/", auth_views.LoginView.as_view(template_name="accounts/login.html"), name="login"),
    path("tai-khoan/dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    # A user's own account security: two-factor authentication, password.
    path("tai-khoan/bao-mat/", security.security, name="security"),
    path("tai-khoan/bao-mat/xac-thuc-hai-buoc/", security.twofactor_setup, name="twofactor_setup"),
    path("tai-khoan/bao-mat/ma-khoi-phuc/", security.recovery_codes, name="recovery_codes"),
    path("tai-khoan/bao-mat/tat-xac-thuc-hai-buoc/", security.twofactor_disable, name="twofactor_disable"),
    path("tai-khoan/bao-mat/doi-mat-khau/", security.PasswordChangeView.as_view(), name="password_change"),
    path("tai-khoan/xac-thuc/", security.twofactor_verify, name="twofactor_verify"),
    # Password reset by e-mail: the same answer whether the address belongs to an account or not.
    path("tai-khoan/quen-mat-khau/", security.PasswordResetView.as_view(), name="password_reset"),
    path("tai-khoan/quen-mat-khau/da-gui/", security.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("tai-khoan/dat-lai-mat-khau/<uidb64>/<token>/", security.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("tai-khoan/dat-lai-mat-khau/xong/", security.PasswordResetCompleteView.as_view(),
         name="password_reset_complete"),
    path("quan-ly/tai-khoan/", manage.user_list, name="user_list"),
    path("quan-ly/tai-khoan/them/", manage.user_create, name="user_create"),
    path("quan-ly/tai-khoan/<int:pk>/", manage.user_detail, name="user_detail"),
    path("quan-ly/tai-khoan/<int:pk>/khoa/", manage.user_toggle_active, name="user_toggle_active"),
    path("quan-ly/tai-khoan/<int:pk>/xac-thuc-hai-buoc/dat-lai/", manage.user_twofactor_reset,
         name="user_twofactor_reset"),
    path("quan-ly/tai-khoan/<int:pk>/mat-khau/dat-lai/", manage.user_password_reset, name="user_password_reset"),
    path("quan-ly/tai-khoan/vai-tro/<int:pk>/thu-hoi/", manage.grant_revoke, name="grant_revoke"),
]
