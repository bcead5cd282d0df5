"""Events, mounted at /quan-ly/su-kien/ (cadres). The invitee's own pages are in urls_public.py."""

from django.urls import path

from .views.manage import article, attendance, audience, documents, events, materials

app_name = "events"
urlpatterns = [
    path("", events.event_list, name="list"),
    path("them/", events.event_create, name="create"),
    path("<int:pk>/", events.event_detail, name="detail"),
    path("<int:pk>/sua/", events.event_edit, name="edit"),
    path("<int:pk>/trang-thai/", events.event_transition, name="transition"),
    # audience and invitations
    path("<int:pk>/doi-tuong/them/", audience.rule_add, name="rule_add"),
    path("doi-tuong/<int:pk>/xoa/", audience.rule_delete, name="rule_delete"),
    path("<int:pk>/lap-danh-sach/", audience.invitations_build, name="build"),
    path("<int:pk>/danh-sach-moi/", audience.invitation_list, name="invitations"),
    path("<int:pk>/danh-sach-moi/them/", audience.invitation_add, name="invitation_add"),
    path("<int:pk>/tim-nguoi/", audience.people_search, name="people_search"),
    path("<int:pk>/in-giay-moi/", audience.invitation_cards, name="cards"),
    path("thu-moi/<int:pk>/xoa/", audience.invitation_remove, name="invitation_remove"),
    path("thu-moi/<int:pk>/qr.svg", audience.invitation_qr, name="invitation_qr"),
    path("thu-moi/<int:pk>/diem-danh/", attendance.invitation_checkin, name="invitation_checkin"),
    path("thu-moi/<int:pk>/chung-nhan.pdf", documents.certificate, name="certificate"),
    # programme, guests, speakers, materials
    path("<int:pk>/chuong-trinh/them/", events.programme_item_add, name="programme_add"),
    path("chuong-trinh/<int:pk>/xoa/", events.programme_item_remove, name="programme_remove"),
    path("<int:pk>/khach-moi/them/", events.guest_add, name="guest_add"),
    path("khach-moi/<int:pk>/xoa/", events.guest_remove, name="guest_remove"),
    path("<int:pk>/bao-cao-vien/them/", events.speaker_add, name="speaker_add"),
    path("bao-cao-vien/<int:pk>/xoa/", events.speaker_remove, name="speaker_remove"),
    path("<int:pk>/tai-lieu/them/", materials.material_upload, name="material_upload"),
    path("tai-lieu/<int:pk>/", materials.material_download, name="material_download"),
    path("tai-lieu/<int:pk>/xoa/", materials.material_delete, name="material_delete"),
    # on the day
    path("<int:pk>/diem-danh/", attendance.checkin, name="checkin"),
    path("<int:pk>/diem-danh/so-lieu/", attendance.checkin_counts, name="checkin_counts"),
    path("<int:pk>/diem-danh/tim/", attendance.checkin_search, name="checkin_search"),
    # after
    path("<int:pk>/tham-du/", attendance.attendance, name="attendance"),
    path("<int:pk>/ket-luan/", events.conclude, name="conclude"),
    path("<int:pk>/chung-nhan.pdf", documents.certificates, name="certificates"),
    path("<int:pk>/bao-cao.docx", documents.report_word, name="report_docx"),
    path("<int:pk>/bao-cao.xlsx", documents.report_excel, name="report_xlsx"),
    path("<int:pk>/bai-viet/", article.article, name="article"),
    path("<int:pk>/bai-viet/gui-tin-tuc/", article.article_to_news, name="article_to_news"),
    # the invitee's own pages (no login)
]
