"""Unit types form a hierarchy (issue 11): a ward cannot create a "Trung ương" or a province under itself and
publish in its name — refused in Vietnamese by the service, so by the form and the import alike — and public
pages name a unit with its full path."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from doanket.core.permissions import Role
from doanket.importexport import services as import_services
from doanket.importexport.columns import Kind
from doanket.importexport.reading import ImportRejected
from doanket.importexport.tests.helpers import build_xlsx, headers
from doanket.orgunits import services
from doanket.orgunits.models import OrgUnit, UnitType

U = headers(Kind.UNITS)


@pytest.fixture
def ward_admin(tree, make_user):
    return make_user("quantri-nhanchinh", tree.nhan_chinh, Role.ADMIN)


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["central", "province", "district", "commune"])
def test_service_refuses_a_higher_type_under_a_ward(code, tree, unit_types, ward_admin):
    with pytest.raises(ValidationError) as exc:
        services.unit_create(actor=ward_admin, parent=tree.nhan_chinh, unit_type=unit_types[code],
                             name="Ủy ban Trung ương MTTQ Việt Nam")
    assert "Không thể đặt đơn vị loại" in exc.value.message_dict["unit_type"][0]
    assert "chỉ được: Khu dân cư" in exc.value.message_dict["unit_type"][0]
    assert not OrgUnit.objects.filter(name="Ủy ban Trung ương MTTQ Việt Nam", depth__gt=1).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["central", "province"])
def test_form_refuses_in_vietnamese(code, tree, unit_types, ward_admin, client):
    client.force_login(ward_admin)
    resp = client.post(reverse("orgunits:create_child", args=[tree.nhan_chinh.pk]),
                       {"name": "Trung ương giả", "unit_type": unit_types[code].pk})
    assert resp.status_code == 200
    assert "Không thể đặt đơn vị loại" in resp.content.decode()
    assert not OrgUnit.objects.filter(name="Trung ương giả").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["central", "province"])
def test_import_refuses_in_vietnamese(code, tree, ward_admin):
    data = build_xlsx(U, [[{"Tên đơn vị": "Trung ương giả", "Loại đơn vị": code, "Mã đơn vị cấp trên": "00343"}.get(h)
                           for h in U]])
    with pytest.raises(ImportRejected) as exc:
        import_services.import_units(actor=ward_admin, data=data)
    assert [(e.row, e.column) for e in exc.value.errors] == [(2, "Loại đơn vị")]
    assert "Không thể đặt đơn vị loại" in exc.value.errors[0].message
    assert not OrgUnit.objects.filter(name="Trung ương giả").exists()


@pytest.mark.django_db
def test_import_checks_a_new_unit_under_a_new_unit_of_the_same_file(tree, ward_admin):
    rows = [{"Mã đơn vị": "KDC-9", "Tên đơn vị": "Khu dân cư số 9", "Loại đơn vị": "area", "Mã đơn vị cấp trên": "00343"},
            {"Tên đơn vị": "Tỉnh giả", "Loại đơn vị": "province", "Mã đơn vị cấp trên": "KDC-9"}]
    with pytest.raises(ImportRejected) as exc:
        import_services.import_units(actor=ward_admin, data=build_xlsx(U, [[r.get(h) for h in U] for r in rows]))
    assert [(e.row, e.column) for e in exc.value.errors] == [(3, "Loại đơn vị")]


@pytest.mark.django_db
def test_the_usual_placements_are_allowed(tree, unit_types, ward_admin):
    area = services.unit_create(actor=ward_admin, parent=tree.nhan_chinh, unit_type=unit_types["area"], name="Tổ 5")
    assert OrgUnit.objects.get_parent(area).pk == tree.nhan_chinh.pk
    commune = services.unit_create(actor=None, parent=tree.hanoi, unit_type=unit_types["commune"], name="Xã Mới")
    assert commune.depth == tree.hanoi.depth + 1


@pytest.mark.django_db
def test_editing_the_type_is_checked_too(tree, unit_types, ward_admin, make_user):
    district_admin = make_user("quantri-quan", tree.district, Role.ADMIN)
    with pytest.raises(ValidationError):
        services.unit_update(actor=district_admin, unit=tree.nhan_chinh, unit_type=unit_types["central"])
    special = UnitType.objects.create(code="dac-khu", name="Đặc khu thử", level=3)
    special.allowed_parents.add(unit_types["district"])
    with pytest.raises(ValidationError) as exc:
        # Allowed under the district, but the ward's residential area may not sit under this new type.
        services.unit_update(actor=district_admin, unit=tree.nhan_chinh, unit_type=special)
    assert "đơn vị trực thuộc loại" in exc.value.message_dict["unit_type"][0]
    tree.nhan_chinh.refresh_from_db()
    assert tree.nhan_chinh.unit_type.code == "commune"


@pytest.mark.django_db
def test_operators_configure_their_own_types(tree, unit_types, ward_admin):
    team = UnitType.objects.create(code="to-cong-tac", name="Tổ công tác", level=5)
    with pytest.raises(ValidationError):
        services.unit_create(actor=ward_admin, parent=tree.nc_area, unit_type=team, name="Tổ công tác 1")
    team.allowed_parents.add(unit_types["area"])
    services.unit_create(actor=ward_admin, parent=tree.nc_area, unit_type=team, name="Tổ công tác 1")


@pytest.mark.django_db
def test_public_pages_show_the_full_path(tree, client):
    """A residential area is named with its ward, district and province, so that another "Khu dân cư số 1"
    (there is one in Khương Mai) cannot pass for it."""
    import datetime as dt

    from django.utils import timezone

    from doanket.news import services as news_services
    from doanket.news.models import Category
    from doanket.polls import services as poll_services

    full = "Khu dân cư số 1, Phường Nhân Chính, Quận Thanh Xuân, Thành phố Hà Nội"
    assert OrgUnit.objects.get(pk=tree.nc_area.pk).full_label == full
    Category.objects.get_or_create(slug="hoat-dong", defaults={"name": "Hoạt động"})
    article = news_services.article_create(actor=None, unit=tree.nc_area, title="Ngày hội", body="<p>Nội dung</p>",
                                           categories=list(Category.objects.all()[:1]))
    article = news_services.article_publish(actor=None, article=article)
    for url in (article.get_absolute_url(), reverse("news_public:home"),
                reverse("news_public:unit", args=[tree.nc_area.pk])):
        assert full in client.get(url).content.decode(), url
    now = timezone.now()
    poll = poll_services.poll_create(actor=None, unit=tree.nc_area, title="Bình chọn", opens_at=now,
                                     closes_at=now + dt.timedelta(days=1))
    group = poll_services.group_add(actor=None, poll=poll, name="Nhóm")
    poll_services.option_add(actor=None, group=group, name="Lựa chọn")
    poll_services.poll_open(actor=None, poll=poll)
    for url in (reverse("polls_public:list"), reverse("polls_public:detail", args=[poll.pk])):
        assert full in client.get(url).content.decode(), url
