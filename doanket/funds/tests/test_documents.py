"""The receipt PDF (Decree 30 layout) and the public notice, read back; the disclosure spreadsheet."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from doanket.events.tests.pdftext import pdf_text
from doanket.funds import selectors, services
from doanket.funds.documents import notice_pdf, receipt_pdf
from doanket.funds.exports import disclosure_xlsx
from doanket.funds.models import Form

from .conftest import receive

pytestmark = pytest.mark.django_db
DAY = dt.date(2022, 10, 5)


def test_receipt_pdf_reads_back_with_number_amount_in_words_and_layout(funds, staff):
    r = receive(funds.ward, staff.clerk, 1_500_000, donor_name="Công ty Cổ phần Đức Thành", donor_kind="organisation")
    data = receipt_pdf(r)
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    for expected in ("ỦY BAN MTTQ VIỆT NAM", "PHƯỜNG KHƯƠNG MAI", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                     "Độc lập - Tự do - Hạnh phúc", "Khương Mai, ngày 5 tháng 10 năm 2022", "Số: 00001/2022/BN-MTTQ",
                     "BIÊN NHẬN", "Công ty Cổ phần Đức Thành", "1.500.000 đồng", "Một triệu năm trăm nghìn đồng",
                     "NGƯỜI NỘP", "NGƯỜI NHẬN"):
        assert expected in text, expected
    assert b"/MediaBox [ 0 0 595.2756 841.8898 ]" in data  # A4


def test_anonymous_and_in_kind_receipt_and_a_cancelled_one_says_so(funds, staff):
    r = receive(funds.storm, staff.clerk, 2_000_000, donor_kind="anonymous", donor_name="Không in tên này",
                form=Form.KIND, goods="100 thùng nước uống")
    services.receipt_cancel(actor=staff.ward, receipt=r, reason="Trả lại hàng")
    r.refresh_from_db()
    text = pdf_text(receipt_pdf(r))
    assert "Nhà hảo tâm không nêu tên" in text and "Không in tên này" not in text
    assert "100 thùng nước uống" in text and "ĐÃ HUỶ" in text


def test_notice_and_spreadsheet_carry_the_ledger_figures_and_no_names(funds, staff, household):
    receive(funds.ward, staff.clerk, 5_000_000)
    services.disbursement_post(actor=staff.clerk, fund=funds.ward, amount=1_000_000, paid_on=DAY, purpose="Hỗ trợ",
                               decision="3/QĐ-MTTQ", decision_date=DAY, beneficiary=household)
    data = selectors.disclosure(funds.ward)
    text = pdf_text(notice_pdf(data))
    assert "THÔNG BÁO" in text and "5.000.000" in text and "4.000.000" in text and "Hộ nghèo" in text
    assert "Lê Văn Bình" not in text and "Nguyễn Văn An" not in text
    wb = load_workbook(io.BytesIO(disclosure_xlsx(data)))
    summary = {row[0]: row[1] for row in wb.worksheets[0].iter_rows(min_row=2, values_only=True)}
    assert summary["Tiếp nhận bằng tiền"] == 5_000_000 and summary["Đã phân phối, hỗ trợ"] == 1_000_000
    assert summary["Còn lại"] == 4_000_000
    cells = [str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row]
    assert not any("Lê Văn Bình" in c or "Nguyễn Văn An" in c for c in cells)


def test_receipts_print_in_a_batch_one_per_page(client, funds, staff, settings, tmp_path):
    from django.urls import reverse

    from doanket.funds.jobs import receipts_job

    receive(funds.ward, staff.clerk, 100_000)
    receive(funds.ward, staff.clerk, 200_000)
    client.force_login(staff.viewer)
    resp = client.get(reverse("funds:receipts_pdf", args=[funds.ward.pk]))
    text = pdf_text(resp.content)
    assert resp["Content-Type"] == "application/pdf"
    assert resp.content.count(b"/Type /Page") - resp.content.count(b"/Type /Pages") == 2
    assert "00001/2022" in text and "00002/2022" in text
    settings.MEDIA_ROOT = tmp_path  # where the job stores its file for the queue's download page
    result = receipts_job(staff.viewer.pk, funds.ward.pk, "vi")
    assert result["ok"] and result["filename"] == f"bien-nhan-quy-{funds.ward.pk}.pdf"
    refused = receipts_job(staff.other.pk, funds.ward.pk, "vi")
    assert not refused["ok"] and "phạm vi" in refused["message"]
