from django.urls import path

from .views import manage

app_name = "movements"
urlpatterns = [
    path("", manage.campaign_list, name="list"),
    path("them/", manage.campaign_create, name="create"),
    path("<int:pk>/", manage.campaign_detail, name="detail"),
    path("<int:pk>/sua/", manage.campaign_edit, name="edit"),
    path("<int:pk>/chi-tieu/them/", manage.indicator_add, name="indicator_add"),
    path("<int:pk>/trien-khai/", manage.adopt, name="adopt"),
    path("<int:pk>/muc-tieu/", manage.target_set, name="target_set"),
    path("<int:pk>/ket-qua.xlsx", manage.results_xlsx, name="results_xlsx"),
    path("<int:pk>/khu/<int:area>/", manage.area_report, name="area"),
    path("<int:pk>/khu/<int:area>/hoat-dong/", manage.activity_add, name="activity_add"),
    path("anh/<int:pk>/", manage.photo, name="photo"),
    path("danh-hieu/", manage.titles, name="titles"),
    path("danh-hieu/khu/<int:area>/", manage.eval_area, name="eval_area"),
    path("danh-hieu/khu/<int:area>/ho/them/", manage.household_add, name="household_add"),
    path("danh-hieu/khu/<int:area>/dang-ky-khu/", manage.area_register, name="area_register"),
    path("danh-hieu/khu/<int:area>/hop/", manage.meeting, name="meeting"),
    path("danh-hieu/dang-ky/<int:pk>/tu-danh-gia/", manage.self_assess, name="self_assess"),
    path("danh-hieu/ho/<int:pk>/xoa/", manage.household_erase, name="household_erase"),
    path("danh-hieu/quyet-dinh/", manage.decision_issue, name="decision"),
    path("danh-hieu/quyet-dinh/<int:pk>/van-ban.docx", manage.decision_docx, name="decision_docx"),
    path("danh-hieu/dang-ky/<int:pk>/ban-dang-ky.docx", manage.registration_docx, name="registration_docx"),
    path("danh-hieu/khu/<int:area>/bien-ban.docx", manage.minutes_docx, name="minutes_docx"),
    path("danh-hieu/tieu-chi/", manage.criteria_sets, name="criteria_sets"),
    path("danh-hieu/tieu-chi/<int:pk>/", manage.criteria_set, name="criteria_set"),
    path("danh-hieu/tieu-chi/<int:pk>/phien-ban-moi/", manage.criteria_set_new_version, name="criteria_new_version"),
    path("danh-hieu/nhap/", manage.titles_import, name="titles_import"),
    path("danh-hieu/nhap/mau.xlsx", manage.titles_import_template, name="titles_import_template"),
    path("danh-hieu/danh-sach.xlsx", manage.titles_xlsx, name="titles_xlsx"),
]
