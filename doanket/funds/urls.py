from django.urls import path

from .views import manage

app_name = "funds"
urlpatterns = [
    path("", manage.fund_list, name="list"),
    path("them/", manage.fund_create, name="create"),
    path("<int:pk>/", manage.fund_detail, name="detail"),
    path("<int:pk>/sua/", manage.fund_edit, name="edit"),
    path("<int:pk>/so-quy.xlsx", manage.fund_xlsx, name="xlsx"),
    path("<int:pk>/thu/", manage.receipt_create, name="receipt_create"),
    path("<int:pk>/bien-nhan.pdf", manage.receipts_print, name="receipts_pdf"),
    path("<int:pk>/nhap/", manage.receipt_import, name="receipt_import"),
    path("<int:pk>/chuyen/", manage.transfer_create, name="transfer_create"),
    path("<int:pk>/chi/", manage.disbursement_create, name="disbursement_create"),
    path("<int:pk>/khoa-so/", manage.period_close, name="period_close"),
    path("bien-nhan/<int:pk>/", manage.receipt_detail, name="receipt"),
    path("bien-nhan/<int:pk>/in.pdf", manage.receipt_print, name="receipt_pdf"),
    path("bien-nhan/<int:pk>/huy/", manage.receipt_cancel, name="receipt_cancel"),
    path("chuyen-quy/<int:pk>/huy/", manage.transfer_cancel, name="transfer_cancel"),
    path("khoan-chi/<int:pk>/huy/", manage.disbursement_cancel, name="disbursement_cancel"),
    path("ho/", manage.beneficiary_list, name="beneficiaries"),
    path("ho/them/", manage.beneficiary_create, name="beneficiary_create"),
    path("ho/<int:pk>/", manage.beneficiary_detail, name="beneficiary"),
    path("ho/<int:pk>/xoa-du-lieu/", manage.beneficiary_erase, name="beneficiary_erase"),
    path("nha/them/", manage.house_create, name="house_create"),
    path("nha/<int:pk>/", manage.house_detail, name="house"),
    path("nha/<int:pk>/kinh-phi/", manage.house_budget, name="house_budget"),
    path("nha/<int:pk>/moc/", manage.house_milestone, name="house_milestone"),
]
