import datetime as dt
import io
import re

import pytest
from django.urls import reverse

from doanket.petitions import services
from doanket.petitions.demo import load_petitions_demo
from doanket.petitions.models import Petition, Status

from .conftest import png_with_gps

FORM = reverse("petitions_public:submit")


def _form(tree, sectors, **overrides):
    data = {"kind": "feedback", "sector": sectors["ha-tang"].pk, "subject": "Đèn đường ngõ 12 không sáng",
            "content": "Đèn chiếu sáng đầu ngõ 12 Khương Trung không sáng đã hơn một tuần, tối rất nguy hiểm.",
            "province": tree.hanoi.pk, "place": "phường Khương Mai, quận Thanh Xuân", "contact_name": "Lê Văn Dân",
            "contact_phone": "0912 345 678", "contact_email": "dan@example.vn", "consent": "on"}
    data.update(overrides)
    return data


def _link(mail) -> str:
    return re.search(r"http://testserver(/\S+)", mail.body).group(1)


@pytest.mark.django_db
def test_citizen_files_with_an_old_address_confirms_and_follows_it(client, tree, sectors, mailoutbox, users):
    photo = png_with_gps()
    resp = client.post(FORM, {**_form(tree, sectors), "attachments": [photo]})
    assert resp.status_code == 302 and resp["Location"] == reverse("petitions_public:sent")
    petition = Petition.objects.get()
    assert petition.unit == tree.phuong_liet and petition.status == Status.PENDING
    assert petition.attachments.count() == 1
    link = _link(mailoutbox[0])
    assert "Đèn đường ngõ 12" in client.get(link).content.decode()
    resp = client.post(link)
    assert resp.status_code == 302
    page = client.get(resp["Location"]).content.decode()
    assert petition.code_display in page and "Phường Phương Liệt" in page and "Đã tiếp nhận" in page
    # The second click on the same link.
    again = client.post(link)
    assert again.status_code == 404 and "đã được dùng" in again.content.decode()
    # The ward's cadre sees it in the inbox.
    client.force_login(users.new_ward)
    assert "Đèn đường ngõ 12 không sáng" in client.get(reverse("petitions:inbox")).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(("overrides", "message"), [
    ({"subject": "", "content": ""}, "Trường này là bắt buộc"),
    ({"content": "x" * 10_001}, "tối đa 10000 kí tự"),
    ({"place": "phường Không Tồn Tại"}, "Không tìm thấy xã, phường"),
    ({"consent": ""}, "Hãy đồng ý"),
    ({"contact_phone": "12ab"}, "Số điện thoại không hợp lệ"),
    ({"contact_email": "khong-phai-email"}, "e-mail"),
])
def test_public_form_bad_input_gets_a_vietnamese_error(client, tree, sectors, overrides, message, mailoutbox):
    resp = client.post(FORM, _form(tree, sectors, **overrides))
    assert resp.status_code == 200
    assert message.lower() in resp.content.decode().lower()
    assert not Petition.objects.exists() and not mailoutbox


@pytest.mark.django_db
def test_fake_image_is_refused(client, tree, sectors):
    fake = io.BytesIO(b"<?php system($_GET['c']); ?>" * 20)
    fake.name = "anh.jpg"
    resp = client.post(FORM, {**_form(tree, sectors), "attachments": [fake]})
    assert resp.status_code == 200 and "không phải ảnh" in resp.content.decode()
    assert not Petition.objects.exists()


@pytest.mark.django_db
def test_similar_feedback_is_shown_before_sending(client, tree, sectors, paper, mailoutbox):
    existing = paper(unit=tree.phuong_liet, subject="Đèn đường ngõ 12 bị hỏng")
    # Typed without accents: still recognised.
    data = _form(tree, sectors, subject="den duong ngo 12 hong", content="Den duong ngo 12 Khuong Trung hong ca tuan nay.")
    resp = client.post(FORM, data)
    body = resp.content.decode()
    assert resp.status_code == 200 and "Phản ánh tương tự đã được tiếp nhận" in body and existing.subject in body
    assert not Petition.objects.filter(status=Status.PENDING).exists() and not mailoutbox
    resp = client.post(FORM, {**data, "confirm_new": "on"})
    assert resp.status_code == 302 and Petition.objects.filter(status=Status.PENDING).count() == 1


@pytest.mark.django_db
def test_a_different_topic_in_the_same_ward_is_not_called_similar(tree, paper):
    from doanket.petitions.selectors import similar_petitions

    paper(unit=tree.phuong_liet, subject="Đèn đường ngõ 12 bị hỏng")
    assert similar_petitions(tree.phuong_liet, "Rác thải tập kết sai giờ ở chợ") == []
    assert similar_petitions(tree.nhan_chinh, "Đèn đường ngõ 12 bị hỏng") == []  # another commune


@pytest.mark.django_db
def test_tracking_an_unknown_code_says_so(client):
    resp = client.get(reverse("petitions_public:track"), {"code": "ABCD-EFGH-JK"})
    assert resp.status_code == 200 and "Không tìm thấy phản ánh với mã này" in resp.content.decode()
    assert client.get(reverse("petitions_public:status", args=["KHONGCOMA2"])).status_code == 404


@pytest.mark.django_db
def test_cadre_forwards_answers_publishes_and_citizen_sees_it(client, tree, users, paper, mailoutbox, make_user):
    from doanket.core.permissions import Role

    petition = paper(contact_email="dan@example.vn", received_on=dt.date(2026, 8, 26))
    client.force_login(users.new_ward)
    detail = reverse("petitions:detail", args=[petition.pk])
    assert "Ghi kết quả phân loại" in client.get(detail).content.decode()
    resp = client.post(reverse("petitions:forward", args=[petition.pk]),
                       {"authority_name": "UBND phường Phương Liệt", "forwarded_on": "27/08/2026"})
    assert resp.status_code == 302
    page = client.get(detail).content.decode()
    assert "22/09/2026" in page and "Quốc khánh" in page  # the deadline and the holiday it skipped
    letter = client.get(reverse("petitions:letter", args=[petition.pk]))
    assert letter.status_code == 200 and letter.content.startswith(b"PK")
    resp = client.post(reverse("petitions:answer", args=[petition.pk]),
                       {"answer_text": "Đã thay bóng đèn ngõ 12 ngày 02/09.", "answer_on": "31/08/2026"})
    assert resp.status_code == 302 and "Đã thay bóng đèn" in mailoutbox[-1].body
    # Data entry cannot publish: 403; the standing committee can.
    assert client.post(reverse("petitions:publish", args=[petition.pk]),
                       {"subject": "Đèn ngõ 12", "public_answer": "Đã thay bóng đèn."}).status_code == 403
    client.force_login(make_user("btt-phuongliet", tree.phuong_liet, Role.STANDING))
    resp = client.post(reverse("petitions:publish", args=[petition.pk]),
                       {"subject": "Đèn chiếu sáng ngõ 12", "public_answer": "UBND phường đã thay bóng đèn ngõ 12."})
    assert resp.status_code == 302
    client.logout()
    listing = client.get(reverse("petitions_public:answers")).content.decode()
    assert "Đèn chiếu sáng ngõ 12" in listing and "0912" not in listing
    status = client.get(reverse("petitions_public:status", args=[petition.code])).content.decode()
    assert "Đã thay bóng đèn ngõ 12" in status and "Đã công khai trả lời" in status


@pytest.mark.django_db
def test_bad_forward_shows_the_error_on_the_page(client, users, paper):
    petition = paper()
    client.force_login(users.new_ward)
    resp = client.post(reverse("petitions:forward", args=[petition.pk]),
                       {"authority_name": "UBND phường", "forwarded_on": "01/01/2099"})
    assert resp.status_code == 400 and "không được sau hôm nay" in resp.content.decode()
    assert Petition.objects.get().status == Status.SUBMITTED


@pytest.mark.django_db
def test_other_ward_gets_404_and_viewer_403(client, users, paper):
    petition = paper()
    client.force_login(users.other_ward)
    assert client.get(reverse("petitions:detail", args=[petition.pk])).status_code == 404
    client.force_login(users.viewer)
    assert client.get(reverse("petitions:detail", args=[petition.pk])).status_code == 200
    resp = client.post(reverse("petitions:screen", args=[petition.pk]), {"outcome": "screened", "kind": "feedback"})
    assert resp.status_code == 403


@pytest.mark.django_db
def test_contact_is_masked_without_the_contact_right(client, users, paper):
    paper(contact_name="Lê Văn Dân", contact_phone="0912345678")
    petition = Petition.objects.get()
    client.force_login(users.new_ward)
    page = client.get(reverse("petitions:detail", args=[petition.pk])).content.decode()
    assert "0912345678" not in page and "09******78" in page


@pytest.mark.django_db
def test_inbox_query_count_does_not_grow(client, users, paper, django_assert_max_num_queries):
    for i in range(3):
        paper(subject=f"Phản ánh số {i}")
    client.force_login(users.new_ward)
    with django_assert_max_num_queries(17):
        client.get(reverse("petitions:inbox"))
    for i in range(10):
        paper(subject=f"Phản ánh thêm {i}")
    with django_assert_max_num_queries(17):
        resp = client.get(reverse("petitions:inbox"), {"qua_han": "", "trang_thai": "open"})
    assert resp.content.decode().count("Phản ánh thêm") == 10


@pytest.mark.django_db
def test_figures_count_received_answered_and_overdue(client, tree, paper):
    late = paper(received_on=dt.date(2026, 1, 5))
    services.petition_answer(actor=None, petition=paper(), answer_text="Đã xử lý xong nội dung.")
    assert late.deadline < dt.date.today()
    page = client.get(reverse("petitions_public:figures")).content.decode()
    row = re.search(r"<tr><td>Phường Khương Mai</td>(.*?)</tr>", page).group(1)
    assert re.findall(r"<td>(\d+)</td>", row) == ["2", "1", "1", "1"]


@pytest.mark.django_db
def test_api_lists_within_reach_and_records_an_answer(client, users, paper, tree):
    petition = paper()
    paper(unit=tree.nhan_chinh, subject="Của phường khác")
    client.force_login(users.new_ward)
    data = client.get("/api/petitions").json()
    assert [p["code"] for p in data["items"]] == [petition.code]
    detail = client.get(f"/api/petitions/{petition.pk}").json()
    assert detail["unit_name"] == "Phường Khương Mai"
    resp = client.post(f"/api/petitions/{petition.pk}/answer", {"answer_text": "ngắn"}, content_type="application/json")
    assert resp.status_code == 400 and "nội dung trả lời" in resp.json()["detail"]
    resp = client.post(f"/api/petitions/{petition.pk}/answer", {"answer_text": "UBND đã xử lý xong."},
                       content_type="application/json")
    assert resp.status_code == 200 and resp.json()["status"] == "answered"
    client.force_login(users.other_ward)
    assert client.get(f"/api/petitions/{petition.pk}").status_code == 404


@pytest.mark.django_db
def test_demo_covers_every_state_and_runs_once(tree, sectors):
    assert load_petitions_demo(out=None) > 10
    assert load_petitions_demo(out=None) == 0
    states = set(Petition.objects.values_list("status", flat=True))
    assert states == set(Status.values)
    assert Petition.objects.filter(overdue_at__isnull=False).exists()


@pytest.mark.django_db
def test_intake_page_takes_down_a_paper_petition(client, users, tree, sectors):
    client.force_login(users.new_ward)
    assert client.get(reverse("petitions:intake")).status_code == 200
    resp = client.post(reverse("petitions:intake"), {
        "unit": tree.phuong_liet.pk, "channel": "paper", "kind": "petition", "sector": sectors["an-sinh"].pk,
        "subject": "Kiến nghị mở lớp học bơi", "content": "Đề nghị phường phối hợp mở lớp học bơi hè cho trẻ em.",
        "received_on": f"{dt.date.today() - dt.timedelta(days=3):%d/%m/%Y}"})
    petition = Petition.objects.get()
    assert resp.status_code == 302 and petition.received_at.date() == dt.date.today() - dt.timedelta(days=3)
    resp = client.post(reverse("petitions:intake"), {"unit": tree.nhan_chinh.pk, "channel": "paper", "kind": "feedback",
                                                     "subject": "X", "content": "Nội dung đủ dài để kiểm tra."})
    assert resp.status_code == 200 and Petition.objects.count() == 1  # another ward's unit is not a choice


@pytest.mark.django_db
def test_figures_filter_by_period(client, paper):
    paper(received_on=dt.date(2026, 1, 5))
    paper(received_on=dt.date(2026, 3, 5))
    page = client.get(reverse("petitions_public:figures"), {"tu": "01/03/2026", "den": "31/03/2026"}).content.decode()
    row = re.search(r"<tr><td>Phường Khương Mai</td>(.*?)</tr>", page).group(1)
    assert re.findall(r"<td>(\d+)</td>", row)[0] == "1"
    bad = client.get(reverse("petitions_public:figures"), {"tu": "31/02/2026"})
    assert bad.status_code == 200 and "ngày" in bad.content.decode().lower()
