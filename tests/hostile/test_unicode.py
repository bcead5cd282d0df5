"""Unicode in names: NFD input is normalised to NFC, invisible characters are removed, and names mixing
writing systems (a Cyrillic "а" inside a Vietnamese name) are refused with a clear Vietnamese message."""

from __future__ import annotations

import unicodedata

import pytest
from django.core.exceptions import ValidationError

from doanket.accounts import services as account_services
from doanket.core.permissions import Role
from doanket.importexport import services as import_services
from doanket.importexport.columns import Kind
from doanket.importexport.reading import ImportRejected
from doanket.importexport.tests.helpers import build_xlsx, headers
from doanket.orgunits import services as unit_services
from doanket.people import services as people_services
from doanket.people.models import Person, Position

NAME = "Nguyễn Thị Đức Hạnh"
NFD = unicodedata.normalize("NFD", NAME)
INVISIBLE = "Nguyễn\u200b Thị\u00ad Đức\u2060 Hạnh\ufeff\u202e"
CYRILLIC = "Nguyễn Thị Đức Hаnh"  # the "а" is U+0430


@pytest.fixture
def admin(tree, make_user):
    return make_user("quantri-quan", tree.district, *Role.values)


@pytest.mark.django_db
@pytest.mark.parametrize("typed", [NFD, INVISIBLE, f"  {NAME}  "])
def test_every_name_field_is_normalised(typed, tree, unit_types, admin):
    person = people_services.person_create(actor=admin, unit=tree.khuong_mai, full_name=typed)
    assert person.full_name == NAME and Person.objects.filter(search_text="nguyen thi duc hanh").exists()
    unit = unit_services.unit_create(actor=admin, parent=tree.khuong_mai, unit_type=unit_types["area"],
                                     name=typed)
    assert unit.name == NAME
    position = people_services.position_create(actor=admin, name=typed)
    assert Position.objects.get(pk=position.pk).name == NAME
    user = account_services.user_create(actor=admin, username=f"u{len(typed)}", full_name=typed, unit=tree.khuong_mai,
                                        password="Bầu trời xanh 2025!")
    assert user.full_name == NAME


@pytest.mark.django_db
def test_mixed_scripts_are_refused_in_forms_services_and_imports(tree, admin, client):
    with pytest.raises(ValidationError) as exc:
        people_services.person_create(actor=admin, unit=tree.khuong_mai, full_name=CYRILLIC)
    assert "nhiều bộ chữ" in str(exc.value)
    client.force_login(admin)
    resp = client.post("/quan-ly/nguoi/them/", {"full_name": CYRILLIC, "unit": tree.khuong_mai.pk})
    assert resp.status_code == 200 and "nhiều bộ chữ" in resp.content.decode()
    cols = headers(Kind.PEOPLE)
    row = {c: None for c in cols} | {"Họ và tên": CYRILLIC, "Mã đơn vị quản lý": f"#{tree.khuong_mai.pk}"}
    with pytest.raises(ImportRejected) as rejected:
        import_services.import_people(actor=admin, data=build_xlsx(cols, [[row[c] for c in cols]]))
    assert any("nhiều bộ chữ" in e.message and e.column == "Họ và tên" for e in rejected.value.errors)
    assert not Person.objects.filter(full_name=CYRILLIC).exists()


@pytest.mark.django_db
def test_names_in_one_other_script_are_accepted(tree, admin):
    """A foreign guest written wholly in Cyrillic or Chinese is one script, not a trick."""
    assert people_services.person_create(actor=admin, unit=tree.khuong_mai, full_name="Иван Петров").pk
    assert people_services.person_create(actor=admin, unit=tree.khuong_mai, full_name="王小明").pk
