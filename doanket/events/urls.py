"""Events, mounted at /quan-ly/su-kien/ (cadres). The invitee's own pages are in urls_public.py."""

from django.urls import path

from .views import manage

app_name = "events"
urlpatterns = [
    path("", manage.event_list, name="list"),
    path("them/", manage.event_create, name="create"),
    path("<int:pk>/", manage.event_detail, name="detail"),
    path("<int:pk>/sua/", manage.event_edit, name="edit"),
    path("<int:pk>/trang-thai/", manage.event_transition, name="transition"),
    # audience and invitations
    path("<int:pk>/doi-tuong/them/", manage.rule_add, name="rule_add"),
    path("doi-tuong/<int:pk>/xoa/", manage.rule_delete, name="rule_delete"),
    path("<int:pk>/lap-danh-sach/", manage.invitations_build, name="build"),
    path("<int:pk>/danh-sach-moi/", manage.invitation_list, name="invitations"),
    path("<int:pk>/danh-sach-moi/them/", manage.invitation_add, name="invitation_add"),
    path("<int:pk>/tim-nguoi/", manage.people_search, name="people_search"),
    path("<int:pk>/in-giay-moi/", manage.invitation_cards, name="cards"),
    path("thu-moi/<int:pk>/xoa/", manage.invitation_remove, name="invitation_remove"),
    path("thu-moi/<int:pk>/qr.svg", manage.invitation_qr, name="invitation_qr"),
    path("thu-moi/<int:pk>/diem-danh/", manage.invitation_checkin, name="invitation_checkin"),
    path("thu-moi/<int:pk>/chung-nhan.pdf", manage.certificate, name="certificate"),
    # programme, guests, speakers, materials
    path("<int:pk>/chuong-trinh/them/", manage.programme_item_add, name="programme_add"),
    path("chuong-trinh/<int:pk>/xoa/", manage.programme_item_remove, name="programme_remove"),
    path("<int:pk>/khach-moi/them/", manage.guest_add, name="guest_add"),
    path("khach-moi/<int:pk>/xoa/", manage.guest_remove, name="guest_remove"),
    path("<int:pk>/bao-cao-vien/them/", manage.speaker_add, name="speaker_add"),
    path("bao-cao-vien/<int:pk>/xoa/", manage.speaker_remove, name="speaker_remove"),
    path("<int:pk>/tai-lieu/them/", manage.material_upload, name="material_upload"),
    path("tai-lieu/<int:pk>/", manage.material_download, name="material_download"),
    path("tai-lieu/<int:pk>/xoa/", manage.material_delete, name="material_delete"),
    # on the day
    path("<int:pk>/diem-danh/", manage.checkin, name="checkin"),
    path("<int:pk>/diem-danh/so-lieu/", manage.checkin_counts, name="checkin_counts"),
    path("<int:pk>/diem-danh/tim/", manage.checkin_search, name="checkin_search"),
    # after
    path("<int:pk>/tham-du/", manage.attendance, name="attendance"),
    path("<int:pk>/ket-luan/", manage.conclude, name="conclude"),
    path("<int:pk>/chung-nhan.pdf", manage.certificates, name="certificates"),
    path("<int:pk>/bao-cao.docx", manage.report_word, name="report_docx"),
    path("<int:pk>/bao-cao.xlsx", manage.report_excel, name="report_xlsx"),
    path("<int:pk>/bai-viet/", manage.article, name="article"),
    # the invitee's own pages (no login)
]
