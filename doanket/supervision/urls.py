from django.urls import path

from .views import critiques, manage

# Route words name the record an id belongs to (tests/test_isolation.py): each is unique in the project.
app_name = "supervision"
urlpatterns = [
    path("", manage.plan_list, name="list"),
    path("ke-hoach-giam-sat/them/", manage.plan_create, name="plan_create"),
    path("ke-hoach-giam-sat/<int:pk>/", manage.plan_detail, name="plan"),
    path("ke-hoach-giam-sat/<int:pk>/ke-hoach.xlsx", manage.plan_xlsx, name="plan_xlsx"),
    path("ke-hoach-giam-sat/<int:pk>/sua/", manage.plan_edit, name="plan_edit"),
    path("ke-hoach-giam-sat/<int:pk>/them-cuoc-giam-sat/", manage.activity_create, name="activity_create"),
    path("cuoc-giam-sat/<int:pk>/", manage.activity_detail, name="activity"),
    path("cuoc-giam-sat/<int:pk>/sua/", manage.activity_edit, name="activity_edit"),
    path("cuoc-giam-sat/<int:pk>/buoc/", manage.activity_step, name="activity_step"),
    path("cuoc-giam-sat/<int:pk>/thanh-vien/", manage.member_add, name="member_add"),
    path("cuoc-giam-sat/<int:pk>/van-ban/", manage.document_add, name="document_add"),
    path("cuoc-giam-sat/<int:pk>/kien-nghi/", manage.recommendation_add, name="recommendation_add"),
    path("cuoc-giam-sat/<int:pk>/thong-bao.docx", manage.notification_docx, name="notification_docx"),
    path("doan-giam-sat/<int:pk>/xoa/", manage.member_remove, name="member_remove"),
    path("van-ban-giam-sat/<int:pk>/", manage.document_download, name="document"),
    path("van-ban-giam-sat/<int:pk>/xoa/", manage.document_delete, name="document_delete"),
    path("kien-nghi-giam-sat/", manage.followup, name="followup"),
    path("kien-nghi-giam-sat/theo-doi.xlsx", manage.followup_xlsx, name="followup_xlsx"),
    path("kien-nghi-giam-sat/<int:pk>/", manage.recommendation_detail, name="recommendation"),
    path("kien-nghi-giam-sat/<int:pk>/tra-loi/", manage.recommendation_answer, name="recommendation_answer"),
    path("kien-nghi-giam-sat/<int:pk>/tien-do/", manage.recommendation_progress, name="recommendation_progress"),
    path("kien-nghi-giam-sat/<int:pk>/chuyen-cap-tren/", manage.recommendation_escalate,
         name="recommendation_escalate"),
    path("kien-nghi-giam-sat/<int:pk>/van-ban-chuyen-cap-tren.docx", manage.escalation_docx, name="escalation_docx"),
    path("phan-bien/", critiques.critique_list, name="critiques"),
    path("phan-bien/them/", critiques.critique_create, name="critique_create"),
    path("phan-bien-xa-hoi/<int:pk>/", critiques.critique_detail, name="critique"),
    path("phan-bien-xa-hoi/<int:pk>/y-kien/", critiques.opinion_add, name="opinion_add"),
    path("phan-bien-xa-hoi/<int:pk>/gui/", critiques.critique_issue, name="critique_issue"),
    path("phan-bien-xa-hoi/<int:pk>/giai-trinh/", critiques.critique_response, name="critique_response"),
    path("phan-bien-xa-hoi/<int:pk>/van-ban-phan-bien.docx", critiques.critique_docx, name="critique_docx"),
    path("y-kien-phan-bien/<int:pk>/xoa/", critiques.opinion_remove, name="opinion_remove"),
]
