"""Script and markup payloads in every text field that is rendered back come back inert: escaped in
names and titles, removed from article bodies, never an executable link."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from doanket.core.permissions import Role
from doanket.importexport import services as import_services
from doanket.importexport.columns import Kind
from doanket.importexport.reading import ImportRejected
from doanket.importexport.tests.helpers import build_xlsx, headers
from doanket.news import services as news_services
from doanket.news.models import Category
from doanket.orgunits import services as unit_services
from doanket.people import services as people_services
from doanket.people.models import Person
from doanket.polls import services as poll_services

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
LINK = "javascript:alert(1)"
PAYLOADS = (SCRIPT, ATTRIBUTE)


def assert_inert(body: str, *payloads: str) -> None:
    """No payload survives as markup: neither verbatim, nor as a live tag, handler or link."""
    for payload in payloads:
        assert payload not in body, f"{payload!r} rendered verbatim"
    assert "<script>alert" not in body
    assert not re.search(r"<img[^>]*onerror", body, re.IGNORECASE)
    assert not re.search(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", body, re.IGNORECASE)


def assert_escaped(body: str, text: str) -> None:
    assert text.replace("<", "&lt;").replace(">", "&gt;") in body.replace("&#x27;", "'").replace("&quot;", '"')


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()


@pytest.fixture
def admin(tree, make_user):
    return make_user("quantri-quan", tree.district, *Role.values)


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_people_units_and_positions(payload, tree, unit_types, admin, client):
    unit = unit_services.unit_create(actor=admin, parent=tree.khuong_mai, unit_type=unit_types["area"],
                                     name=f"Khu {payload}")
    position = people_services.position_create(actor=admin, name=f"Tổ trưởng {payload}")
    person = people_services.person_create(actor=admin, unit=unit, full_name=f"Lê Văn {payload}",
                                           title=payload, affiliation=payload, note=f"{payload}\n{LINK}")
    people_services.assignment_create(actor=admin, person=person, position=position, unit=unit, note=payload)
    client.force_login(admin)
    for url in (f"/quan-ly/nguoi/{person.pk}/", "/quan-ly/nguoi/?q=le+van", f"/quan-ly/don-vi/{unit.pk}/",
                f"/quan-ly/don-vi/{tree.khuong_mai.pk}/truc-thuoc/", "/quan-ly/nguoi/danh-muc-chuc-vu/",
                f"/quan-ly/nguoi/{person.pk}/sua/", "/quan-ly/nguoi/nhat-ky-du-lieu-ca-nhan/"):
        resp = client.get(url)
        assert resp.status_code == 200, url
        assert_inert(resp.content.decode(), payload)
    assert_escaped(client.get(f"/quan-ly/nguoi/{person.pk}/").content.decode(), f"Lê Văn {payload}")


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_articles(payload, tree, admin, client, reference_data):
    body = (f"<p>Mở đầu {payload}</p><p><a href=\"{LINK}\">bấm vào</a> <img src=\"x\" onerror=\"alert(1)\">"
            f"<a href=\"JaVaScRiPt:alert(1)\">hoa thường</a></p>{SCRIPT}<p style=\"color:red\">kết</p>")
    article = news_services.article_create(actor=admin, unit=tree.district, title=f"Tin {payload}", lede=payload,
                                           body=body, categories=list(Category.objects.all()[:1]),
                                           source=payload)
    article = news_services.article_publish(actor=admin, article=article, published_at=timezone.now())
    assert "script" not in article.body and "onerror" not in article.body and "javascript" not in article.body.lower()
    assert "style=" not in article.body
    client.force_login(admin)
    for url in (article.get_absolute_url(), "/", "/tim-kiem/?q=tin", f"/quan-ly/tin-tuc/{article.pk}/",
                "/rss/tat-ca.xml"):
        resp = client.get(url)
        assert resp.status_code == 200, url
        assert_inert(resp.content.decode(), payload)
    for url in (article.get_absolute_url(), "/", f"/quan-ly/tin-tuc/{article.pk}/"):
        assert_escaped(client.get(url).content.decode(), f"Tin {payload}")  # the title was shown, as text


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_poll_options(payload, tree, admin, client):
    now = timezone.now()
    poll = poll_services.poll_create(actor=admin, unit=tree.district, title=f"Bình chọn {payload}",
                                     opens_at=now - dt.timedelta(days=1), closes_at=now + dt.timedelta(days=1))
    group = poll_services.group_add(actor=admin, poll=poll, name=f"Nhóm {payload}")
    poll_services.option_add(actor=admin, group=group, name=f"Lựa chọn {payload}", description=payload)
    poll_services.option_add(actor=admin, group=group, name="Lựa chọn khác")
    poll_services.poll_open(actor=admin, poll=poll)
    client.force_login(admin)
    for url in (f"/binh-chon/{poll.pk}/", f"/binh-chon/{poll.pk}/ket-qua/", "/binh-chon/",
                f"/quan-ly/binh-chon/{poll.pk}/"):
        resp = client.get(url)
        assert resp.status_code == 200, url  # a 404 would show nothing, hence prove nothing
        assert_inert(resp.content.decode(), payload)
        assert_escaped(resp.content.decode(), f"Bình chọn {payload}")  # the payload was there, shown as text
    for url in (f"/binh-chon/{poll.pk}/", f"/quan-ly/binh-chon/{poll.pk}/"):
        body = client.get(url).content.decode()
        assert_escaped(body, f"Nhóm {payload}")
        assert_escaped(body, f"Lựa chọn {payload}")


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_spreadsheet_cells_in_people_and_in_the_error_report(payload, tree, admin, client):
    cols = headers(Kind.PEOPLE)
    row = {c: None for c in cols}
    row.update({"Họ và tên": f"Đỗ Thị {payload}", "Mã đơn vị quản lý": f"#{tree.khuong_mai.pk}", "Ghi chú": payload})
    import_services.import_people(actor=admin, data=build_xlsx(cols, [[row[c] for c in cols]]))
    person = Person.objects.get(full_name__startswith="Đỗ Thị")
    client.force_login(admin)
    for url in (f"/quan-ly/nguoi/{person.pk}/", "/quan-ly/nguoi/?q=do+thi"):
        resp = client.get(url)
        assert resp.status_code == 200, url
        assert_inert(resp.content.decode(), payload)
        assert_escaped(resp.content.decode(), f"Đỗ Thị {payload}")
    # A bad cell is quoted back in the error report: escaped there too.
    row.update({"Năm sinh": payload})
    bad = build_xlsx(cols, [[row[c] for c in cols]])
    with pytest.raises(ImportRejected):
        import_services.import_people(actor=admin, data=bad)
    resp = client.post("/quan-ly/nhap-xuat/nhap/", {"kind": "nguoi", "file": _upload(bad)})
    assert resp.status_code == 200
    assert_inert(resp.content.decode(), payload)
    assert_escaped(resp.content.decode(), payload)  # the bad cell is quoted back, as text


def _upload(data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("nguoi.xlsx", data, content_type="application/vnd.openxmlformats-officedocument."
                              "spreadsheetml.sheet")
