from django.urls import path

from .views import manage

app_name = "petitions"
urlpatterns = [
    path("", manage.inbox, name="inbox"),
    path("tiep-nhan/", manage.intake, name="intake"),
    path("cong-bo-nhieu/", manage.publish_many, name="publish_many"),
    path("nhap-tra-loi/", manage.answers_import, name="answers_import"),
    path("nhap-tra-loi/mau.xlsx", manage.answers_template, name="answers_template"),
    path("<int:pk>/", manage.detail, name="detail"),
    path("<int:pk>/phan-loai/", manage.screen, name="screen"),
    path("<int:pk>/chuyen-don-vi/", manage.route, name="route"),
    path("<int:pk>/chuyen-co-quan/", manage.forward, name="forward"),
    path("<int:pk>/tra-loi/", manage.answer, name="answer"),
    path("<int:pk>/cong-bo/", manage.publish, name="publish"),
    path("<int:pk>/trang-thai/", manage.change_state, name="state"),
    path("<int:pk>/cong-van.docx", manage.forwarding_letter, name="letter"),
    path("tep-phan-anh/<int:pk>/", manage.attachment_download, name="attachment"),
]
