"""Personal data: one registry classes every field of a person; masking follows it; erasure removes the
data (also from history) but keeps the record's positions, and is logged with who, when and why."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from doanket.core.permissions import Role
from doanket.importexport import selectors as export_selectors
from doanket.importexport import services as import_services
from doanket.importexport.reading import ImportRejected
from doanket.people import selectors, services
from doanket.people.models import AccessAction, Assignment, Person, PersonalDataAccess
from doanket.people.personal_data import MASKED_FIELDS, NOT_PERSONAL, PERSONAL_FIELDS, DataClass


def test_every_person_field_is_classed():
    """A new field on Person must be classed in personal_data.PERSONAL_FIELDS (or declared not personal)."""
    fields = {f.name for f in Person._meta.concrete_fields}
    assert fields - NOT_PERSONAL == set(PERSONAL_FIELDS)
    assert {"phone", "id_number"} <= MASKED_FIELDS
    assert all(PERSONAL_FIELDS[f] is not DataClass.BASIC for f in MASKED_FIELDS)
    # Birth date and address are not stored at all (only the birth year).
    assert not {"birth_date", "address", "ethnicity", "religion"} & fields


@pytest.mark.django_db
def test_masking_follows_the_registry(people, users):
    shown = selectors.private_view(users.viewer, people.km)
    assert shown["masked"] and set(shown) - {"masked"} == MASKED_FIELDS
    assert shown["phone"] == "09******21"


@pytest.fixture
def admin(tree, make_user):
    return make_user("quantri-quan", tree.district, Role.ADMIN)


@pytest.mark.django_db
def test_erasure_removes_personal_data_everywhere_and_keeps_statistics(people, users, admin, client):
    km = people.km
    services.person_update(actor=users.district, person=km, birth_year=1980, note="Nhà ở ngõ 5")
    client.force_login(users.district)
    client.get(reverse("people:detail", args=[km.pk]))  # an unmasked view, logged with the name
    positions_before = Assignment.objects.filter(person=km).count()

    services.person_erase(actor=admin, person=km, reason="Theo đơn yêu cầu ngày 05/01/2026")

    km.refresh_from_db()
    assert km.full_name == f"Người đã xoá dữ liệu #{km.pk}" and km.erased_at is not None
    assert (km.phone, km.id_number, km.birth_year, km.note) == ("", "", None, "")
    assert Assignment.objects.filter(person=km).count() == positions_before  # statistics intact
    for row in Person.history.filter(id=km.pk).values():
        assert "Hạnh" not in row["full_name"] and row["phone"] == "" and row["birth_year"] is None
        assert row["note"] == ""
    assert not PersonalDataAccess.objects.filter(person_name__contains="Hạnh").exists()
    audit = PersonalDataAccess.objects.get(action=AccessAction.ERASE)
    assert (audit.actor, audit.person, audit.detail) == (admin, km, "Theo đơn yêu cầu ngày 05/01/2026")
    # Searching the old name finds nobody.
    assert not selectors.person_directory(users.district, query="duc hanh").exists()
    # The administrator reads it in the privacy log.
    client.force_login(admin)
    body = client.get(reverse("people:privacy_log")).content.decode()
    assert "Xoá dữ liệu cá nhân" in body and "Theo đơn yêu cầu ngày 05/01/2026" in body and "Hạnh" not in body


@pytest.mark.django_db
def test_erased_data_cannot_come_back(people, users, admin):
    old_export = export_selectors.export_people(users.district)
    services.person_erase(actor=admin, person=people.km, reason="Theo yêu cầu")
    with pytest.raises(ImportRejected) as exc:
        import_services.import_people(actor=users.district, data=old_export)
    assert any("đã bị xoá" in e.message for e in exc.value.errors)
    with pytest.raises(ValidationError):
        services.person_update(actor=users.district, person=people.km, full_name="Nguyễn Thị Đức Hạnh")
    with pytest.raises(ValidationError):
        services.person_erase(actor=admin, person=people.km, reason="Lần nữa")


@pytest.mark.django_db
def test_only_administrators_erase_and_a_reason_is_required(people, users, admin, client):
    url = reverse("people:erase", args=[people.km.pk])
    client.force_login(users.district)  # standing committee + data entry: may edit, may not erase
    assert client.get(url).status_code == 403
    assert "Xoá dữ liệu cá nhân" not in client.get(reverse("people:detail", args=[people.km.pk])).content.decode()
    client.force_login(admin)
    assert "Xoá dữ liệu cá nhân" in client.get(reverse("people:detail", args=[people.km.pk])).content.decode()
    resp = client.post(url, {"reason": "  "})
    assert resp.status_code == 200 and Person.objects.get(pk=people.km.pk).erased_at is None
    assert client.post(url, {"reason": "Theo yêu cầu"}).status_code == 302
    assert Person.objects.get(pk=people.km.pk).erased_at is not None
