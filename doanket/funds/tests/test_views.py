"""The pages: a clerk posts a receipt through the form and prints it, a disbursement changes the public
figures; bad input is answered on the form in Vietamese; masking and logging of households; houses."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from doanket.events.tests.pdftext import pdf_text
from doanket.funds import selectors, services
from doanket.funds.models import Entry, HouseStatus, MilestoneKind, Receipt
from doanket.people.models import PersonalDataAccess

from .conftest import receive

pytestmark = pytest.mark.django_db
DAY = dt.date(2022, 10, 5)


def public_figure(client, fund, name: str) -> str:
    body = client.get(reverse("funds_public:fund", args=[fund.pk])).content.decode()
    return body.split(f'data-figure="{name}">', 1)[1].split("<", 1)[0]


def test_clerk_posts_a_receipt_prints_it_and_a_disbursement_moves_the_public_figures(client, funds, staff,
                                                                                    household):
    client.force_login(staff.clerk)
    resp = client.post(reverse("funds:receipt_create", args=[funds.ward.pk]), {
        "received_on": "05/10/2022", "donor_kind": "person", "donor_name": "Nguyễn Văn An", "form": "cash",
        "amount": "2.500.000", "channel": "cash"})
    receipt = Receipt.objects.get()
    assert resp.status_code == 302 and resp["Location"] == reverse("funds:receipt", args=[receipt.pk])
    assert receipt.amount == 2_500_000 and receipt.received_on == DAY
    pdf = client.get(reverse("funds:receipt_pdf", args=[receipt.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert "Hai triệu năm trăm nghìn đồng" in pdf_text(pdf.content)
    anonymous = client.__class__()
    assert public_figure(anonymous, funds.ward, "received_cash") == "2.500.000"
    resp = client.post(reverse("funds:disbursement_create", args=[funds.ward.pk]), {
        "paid_on": "06/10/2022", "form": "cash", "amount": "1.000.000", "purpose": "Hỗ trợ hộ nghèo",
        "decision": "5/QĐ-MTTQ", "decision_date": "06/10/2022", "beneficiary": household.pk, "households": 1})
    assert resp.status_code == 302
    assert public_figure(anonymous, funds.ward, "disbursed") == "1.000.000"
    assert public_figure(anonymous, funds.ward, "balance") == "1.500.000"
    body = anonymous.get(reverse("funds_public:fund", args=[funds.ward.pk])).content.decode()
    assert "Hộ nghèo" in body and "Lê Văn Bình" not in body and "Nguyễn Văn An" not in body


@pytest.mark.parametrize(("amount", "message"), [
    ("-50.000", "Số tiền phải lớn hơn 0 đồng."), ("1,5", "không có phần lẻ"), ("0", "lớn hơn 0")])
def test_bad_amounts_on_the_form(client, funds, staff, amount, message):
    client.force_login(staff.clerk)
    resp = client.post(reverse("funds:receipt_create", args=[funds.ward.pk]), {
        "received_on": "05/10/2022", "donor_kind": "anonymous", "form": "cash", "amount": amount, "channel": "cash"})
    assert resp.status_code == 200
    assert message in resp.content.decode()
    assert not Receipt.objects.exists()


def test_overdrawn_and_misdated_disbursement_answered_on_the_form(client, funds, staff):
    receive(funds.ward, staff.clerk, 100_000)
    client.force_login(staff.clerk)
    url = reverse("funds:disbursement_create", args=[funds.ward.pk])
    data = {"paid_on": "06/10/2022", "form": "cash", "amount": "300.000", "purpose": "Hỗ trợ", "decision": "5/QĐ",
            "decision_date": "06/10/2022", "category": "poor", "households": 3}
    body = client.post(url, data).content.decode()
    assert "là 100.000 đồng, không đủ để ghi 300.000 đồng" in body
    body = client.post(url, {**data, "amount": "50.000", "paid_on": "31/02/2022"}).content.decode()
    assert "Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy" in body
    body = client.post(url, {**data, "amount": "50.000", "paid_on": "06/10/2099"}).content.decode()
    assert "còn ở tương lai" in body
    assert not funds.ward.disbursements.exists()


def test_roles_and_reach_on_pages(client, funds, staff):
    r = receive(funds.ward, staff.clerk)
    client.force_login(staff.viewer)
    assert client.get(reverse("funds:detail", args=[funds.ward.pk])).status_code == 200
    assert client.get(reverse("funds:receipt_create", args=[funds.ward.pk])).status_code == 403
    client.force_login(staff.other)
    assert client.get(reverse("funds:detail", args=[funds.ward.pk])).status_code == 404
    assert client.get(reverse("funds:receipt_pdf", args=[r.pk])).status_code == 404
    client.force_login(staff.district)
    assert client.get(reverse("funds:receipt", args=[r.pk])).status_code == 200


def test_fund_list_and_detail_query_counts_do_not_grow(client, funds, staff, django_assert_max_num_queries):
    for i in range(6):
        receive(funds.ward, staff.clerk, 10_000 + i)
    client.force_login(staff.district)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("funds:list")).status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get(reverse("funds:detail", args=[funds.ward.pk])).status_code == 200
    with django_assert_max_num_queries(14):  # the portal's own header and menu included
        assert client.get(reverse("funds_public:fund", args=[funds.ward.pk])).status_code == 200


def test_households_are_masked_for_clerks_and_unmasked_views_are_logged(client, funds, staff, household):
    client.force_login(staff.clerk)
    body = client.get(reverse("funds:beneficiary", args=[household.pk])).content.decode()
    assert "L. V. Bình" in body and "Lê Văn Bình" not in body and "0912000111" not in body
    assert not PersonalDataAccess.objects.exists()
    client.force_login(staff.ward)
    body = client.get(reverse("funds:beneficiary", args=[household.pk])).content.decode()
    assert "Lê Văn Bình" in body and "0912000111" in body
    log = PersonalDataAccess.objects.get()
    assert (log.actor, log.person_name, log.unit) == (staff.ward, "Lê Văn Bình", household.unit)


def test_erasing_a_household_keeps_the_figures(client, funds, staff, household):
    receive(funds.ward, staff.clerk, 500_000)
    services.disbursement_post(actor=staff.clerk, fund=funds.ward, amount=200_000, paid_on=DAY, purpose="Hỗ trợ",
                               decision="1/QĐ", decision_date=DAY, beneficiary=household)
    client.force_login(staff.ward)
    client.get(reverse("funds:beneficiary", args=[household.pk]))
    client.post(reverse("funds:beneficiary_erase", args=[household.pk]), {"reason": "Theo yêu cầu của chủ hộ"})
    household.refresh_from_db()
    assert household.head_name.startswith("Hộ đã xoá dữ liệu") and household.phone == ""
    assert not household.history.filter(head_name="Lê Văn Bình").exists()
    assert not PersonalDataAccess.objects.filter(person_name="Lê Văn Bình").exists()
    assert selectors.disclosure(funds.ward).totals.disbursed == 200_000


def _photo() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "JPEG")
    return SimpleUploadedFile("khoi-cong.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_great_unity_house_budget_milestones_and_handover(client, funds, staff, household, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    house = services.house_create(actor=staff.ward, unit=funds.ward.unit, beneficiary=household,
                                  title="Nhà Đại đoàn kết hộ Lê Văn Bình", decision="9/QĐ-MTTQ")
    client.force_login(staff.ward)
    client.post(reverse("funds:house_budget", args=[house.pk]), {"source": "state", "amount": "30.000.000"})
    client.post(reverse("funds:house_budget", args=[house.pk]), {"source": "sponsor", "amount": "10.000.000"})
    assert house.budget.count() == 1  # a sponsor must be named
    resp = client.post(reverse("funds:house_milestone", args=[house.pk]),
                       {"kind": "roof", "reached_on": "01/11/2022"}, follow=True)
    assert "Hãy ghi mốc “Khởi công” trước." in resp.content.decode()
    client.post(reverse("funds:house_milestone", args=[house.pk]),
                {"kind": "start", "reached_on": "01/10/2022", "photo": _photo()})
    fake = SimpleUploadedFile("mai.jpg", b"not an image", content_type="image/jpeg")
    resp = client.post(reverse("funds:house_milestone", args=[house.pk]),
                       {"kind": "roof", "reached_on": "01/11/2022", "photo": fake}, follow=True)
    assert "Tệp không phải là ảnh" in resp.content.decode()
    services.milestone_record(actor=staff.ward, house=house, kind=MilestoneKind.ROOF, reached_on=dt.date(2022, 11, 1))
    resp = client.post(reverse("funds:house_milestone", args=[house.pk]),
                       {"kind": "handover", "reached_on": "20/11/2022"}, follow=True)
    assert "Hãy ghi biên bản bàn giao" in resp.content.decode()
    client.post(reverse("funds:house_milestone", args=[house.pk]), {
        "kind": "handover", "reached_on": "20/11/2022", "handover_record": "Bàn giao nhà 40 m² cho hộ."})
    house.refresh_from_db()
    assert house.status == HouseStatus.HANDED_OVER and house.handed_over_on == dt.date(2022, 11, 20)
    assert house.milestones.get(kind="start").photo.name.endswith(".jpg")
    body = client.get(reverse("funds:house", args=[house.pk])).content.decode()
    assert "Bàn giao nhà 40 m² cho hộ." in body and "30.000.000" in body


def test_api_reads_balances_refuses_floats_and_edits_of_posted_entries(client, funds, staff):
    client.force_login(staff.clerk)
    url = f"/api/funds/{funds.ward.pk}/receipts"
    body = {"amount": 1500.5, "received_on": "2022-10-05", "donor_kind": "anonymous"}
    resp = client.post(url, json.dumps(body), content_type="application/json")
    assert resp.status_code == 400 and "số nguyên đồng" in resp.json()["detail"]
    resp = client.post(url, json.dumps({**body, "amount": 1_500_000}), content_type="application/json")
    assert resp.status_code == 201 and resp.json()["code"] == "00001/2022"
    assert client.get(f"/api/funds/{funds.ward.pk}").json()["balance_cash"] == 1_500_000
    entry = Entry.objects.get()
    resp = client.patch(f"/api/funds/entries/{entry.pk}", json.dumps({"amount": 1}), content_type="application/json")
    assert resp.status_code == 400 and "không được sửa" in resp.json()["detail"]
    assert client.delete(f"/api/funds/entries/{entry.pk}").status_code == 400
    assert Entry.objects.get().amount == 1_500_000
    client.force_login(staff.other)
    assert client.get(f"/api/funds/{funds.ward.pk}").status_code == 404


def _sheet(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


HEADER = ["Ngày nhận", "Người ủng hộ", "Số tiền", "Hình thức tiếp nhận", "Số giao dịch", "Khu dân cư"]


def test_import_of_a_bank_statement_posts_every_row(client, funds, staff):
    data = _sheet([HEADER, [dt.datetime(2022, 10, 3), "Phạm Văn Cường", 500000.0, "Chuyển khoản", "FT1", None],
                   ["04/10/2022", None, "1.200.000", None, "FT2", None],
                   ["05/10/2022", "Tổ dân phố 3", 300000, None, None, "Khu dân cư số 1"]])
    client.force_login(staff.clerk)
    resp = client.post(reverse("funds:receipt_import", args=[funds.ward.pk]),
                       {"file": SimpleUploadedFile("sao-ke.xlsx", data), "channel": "bank"})
    assert resp.status_code == 302
    rows = list(Receipt.objects.order_by("number").values_list("number", "donor_kind", "amount", "channel"))
    assert rows == [(1, "person", 500_000, "bank"), (2, "anonymous", 1_200_000, "bank"), (3, "person", 300_000, "area")]
    assert selectors.aggregates_match(funds.ward)


def test_import_with_bad_rows_writes_nothing_and_names_each_row(client, funds, staff):
    data = _sheet([HEADER, ["03/10/2022", "Phạm Văn Cường", 500000, None, None, None],
                   ["31/02/2022", "B", 1000, None, None, None], ["04/10/2022", "C", 1500.5, None, None, None],
                   ["04/10/2022", "D", -3, None, None, None], ["04/10/2022", "E", 10, None, None, "Khu số 99"]])
    client.force_login(staff.clerk)
    body = client.post(reverse("funds:receipt_import", args=[funds.ward.pk]),
                       {"file": SimpleUploadedFile("sao-ke.xlsx", data), "channel": "bank"}).content.decode()
    assert "Dòng 3: Ngày không hợp lệ" in body and "Dòng 4: Số tiền phải là số nguyên đồng" in body
    assert "Dòng 5: Số tiền phải lớn hơn 0 đồng." in body and "Dòng 6: Không có khu dân cư" in body
    assert not Receipt.objects.exists() and not Entry.objects.exists()
    resp = client.post(reverse("funds:receipt_import", args=[funds.ward.pk]),
                       {"file": SimpleUploadedFile("x.xlsx", b"not a spreadsheet"), "channel": "bank"})
    assert "Tệp" in resp.content.decode() and resp.status_code == 200
    assert receive(funds.ward, staff.clerk).number == 1  # the refused import used no number


def test_standing_committee_configures_an_overdraft_on_the_edit_page(client, funds, staff):
    client.force_login(staff.clerk)
    assert client.get(reverse("funds:edit", args=[funds.ward.pk])).status_code == 403
    client.force_login(staff.ward)
    resp = client.post(reverse("funds:edit", args=[funds.ward.pk]), {
        "kind": "poor", "name": funds.ward.name, "starts_on": "01/01/2022", "is_public": "on",
        "overdraft_limit": "2.000.000"})
    assert resp.status_code == 302
    funds.ward.refresh_from_db()
    assert funds.ward.overdraft_limit == 2_000_000
    body = client.post(reverse("funds:edit", args=[funds.ward.pk]), {
        "kind": "poor", "name": funds.ward.name, "starts_on": "01/01/2022", "ends_on": "01/12/2021"}).content.decode()
    assert "Ngày kết thúc phải từ ngày bắt đầu trở về sau." in body
