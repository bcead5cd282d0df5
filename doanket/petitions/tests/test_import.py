import datetime as dt
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from doanket.petitions import services
from doanket.petitions.models import Status


def _xlsx(rows) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Mã tra cứu", "Nội dung trả lời", "Ngày nhận trả lời"])
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


@pytest.mark.django_db
def test_import_records_every_answer(paper, users, mailoutbox):
    a, b = paper(contact_email="a@example.vn"), paper(subject="Rác thải")
    data = _xlsx([[a.code_display, "UBND phường đã sửa đèn.", "02/09/2026"],
                  [b.code, "Đã bố trí thu gom rác đúng giờ.", dt.date(2026, 9, 3)]])
    assert services.answers_import(actor=users.new_ward, data=data) == 2
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, a.answer_on, b.answer_on) == (Status.ANSWERED, dt.date(2026, 9, 2), dt.date(2026, 9, 3))
    assert "UBND phường đã sửa đèn." in mailoutbox[-1].body


@pytest.mark.django_db
def test_one_bad_row_writes_nothing_and_every_error_says_where(paper, users, tree):
    a = paper()
    foreign = paper(unit=tree.nhan_chinh)
    data = _xlsx([[a.code, "UBND phường đã sửa đèn.", "02/09/2026"],
                  [foreign.code, "Trả lời của phường khác.", "02/09/2026"],
                  ["KHONGCO", "ngắn", "31/02/2026"]])
    with pytest.raises(ValidationError) as err:
        services.answers_import(actor=users.new_ward, data=data)
    messages = err.value.messages
    assert any(m.startswith("Dòng 3, cột “Mã tra cứu”") for m in messages)  # outside the reach
    assert any(m.startswith("Dòng 4, cột “Mã tra cứu”") for m in messages)
    a.refresh_from_db()
    assert a.status == Status.SUBMITTED


@pytest.mark.django_db
def test_not_a_workbook_is_refused_in_vietnamese(client, users):
    client.force_login(users.new_ward)
    upload = io.BytesIO(b"PK\x03\x04 not really a zip")
    upload.name = "tra-loi.xlsx"
    resp = client.post(reverse("petitions:answers_import"), {"file": upload})
    assert resp.status_code == 200 and "không phải là tệp Excel .xlsx hợp lệ" in resp.content.decode()
    assert client.get(reverse("petitions:answers_template")).content.startswith(b"PK")
