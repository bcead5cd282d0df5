import pytest
from django.core.exceptions import ValidationError

from doanket.people import services
from doanket.people.models import Assignment, Person


@pytest.mark.django_db
def test_ward_cannot_delete_a_person_holding_a_position_outside_its_reach(tree, users, people, positions):
    services.assignment_create(actor=None, person=people.km, position=positions["UVTT"], unit=tree.district)
    with pytest.raises(ValidationError):
        services.person_delete(actor=users.ward, person=people.km)
    assert Person.objects.filter(pk=people.km.pk).exists()
    assert Assignment.objects.filter(person=people.km).count() == 2


@pytest.mark.django_db
def test_delete_is_in_history_with_the_actor(tree, users, people):
    pk = people.km.pk
    services.person_delete(actor=users.ward, person=people.km)
    last = Person.history.filter(id=pk).order_by("-history_date").first()
    assert last.history_type == "-" and last.history_user == users.ward


@pytest.mark.django_db
def test_bad_id_number_is_refused_in_vietnamese(tree, users):
    with pytest.raises(ValidationError) as exc:
        services.person_create(actor=users.ward, unit=tree.khuong_mai, full_name="Lê Văn Tám", id_number="12ab")
    assert "12 chữ số" in str(exc.value)
    assert not Person.objects.filter(full_name="Lê Văn Tám").exists()


@pytest.mark.django_db
def test_duplicate_id_number_is_refused(tree, users, people):
    with pytest.raises(ValidationError) as exc:
        services.person_create(actor=users.district, unit=tree.district, full_name="Người Trùng", id_number="001080000123")
    assert "đã có trong hệ thống" in str(exc.value)
