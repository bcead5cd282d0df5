import datetime as dt

import pytest
from django.core.management import call_command

from doanket.orgunits import services
from doanket.orgunits.catalogue import load_catalogue, read_catalogue
from doanket.orgunits.models import OrgUnit


def _current(type_code: str):
    return OrgUnit.objects.filter(unit_type__code=type_code, valid_to__isnull=True)


def test_catalogue_has_34_provinces_and_3321_communes():
    catalogue = read_catalogue()
    assert len(catalogue) == 34
    assert sum(len(p.communes) for p in catalogue) == 3321
    hanoi = catalogue[0]
    assert (hanoi.code, hanoi.name) == ("01", "Thành phố Hà Nội")
    assert ("00352", "Phường Phương Liệt") in {(c.code, c.name) for c in hanoi.communes}
    assert any(p.name == "Tỉnh Cao Bằng" for p in catalogue)


@pytest.mark.django_db
def test_loading_twice_creates_nothing_the_second_time():
    first = load_catalogue()
    assert (first.tally("province").created, first.tally("commune").created) == (34, 3321)
    second = load_catalogue()
    assert second.created == 0 and second.updated == 0
    assert second.tally("commune").unchanged == 3321
    assert _current("province").count() == 34
    assert _current("commune").count() == 3321
    assert _current("central").count() == 1
    root = OrgUnit.objects.get(unit_type__code="central", code="VN")
    hanoi = OrgUnit.objects.get(unit_type__code="province", code="01")
    ward = OrgUnit.objects.get(unit_type__code="commune", code="00352")
    assert OrgUnit.objects.get_parent(hanoi) == root and OrgUnit.objects.get_parent(ward) == hanoi
    assert ward.valid_from == dt.date(2025, 7, 1)
    assert not any(OrgUnit.objects.find_problems())


@pytest.mark.django_db
def test_renamed_unit_gets_its_name_back():
    load_catalogue(provinces=["01"])
    ward = OrgUnit.objects.get(unit_type__code="commune", code="00352", valid_to__isnull=True)
    services.unit_update(actor=None, unit=ward, name="Phường Phương Liệt (gõ sai)")
    result = load_catalogue(provinces=["01"])
    assert result.tally("commune").updated == 1 and result.created == 0
    ward.refresh_from_db()
    assert ward.name == "Phường Phương Liệt"


@pytest.mark.django_db
def test_historic_unit_with_the_same_code_is_left_alone(unit_types):
    load_catalogue(provinces=["01"])
    hanoi = OrgUnit.objects.get(unit_type__code="province", code="01")
    ward = OrgUnit.objects.get(unit_type__code="commune", code="00352")
    old = services.unit_create(actor=None, parent=hanoi, unit_type=unit_types["commune"], name="Phường Khương Mai",
                               code="00352", valid_to=dt.date(2025, 6, 30))
    result = load_catalogue(provinces=["01"])
    assert result.created == 0 and result.updated == 0
    old.refresh_from_db()
    assert (old.name, old.valid_to) == ("Phường Khương Mai", dt.date(2025, 6, 30))
    assert list(OrgUnit.objects.filter(code="00352").order_by("pk")) == [ward, old]


@pytest.mark.django_db
def test_command_reports_counts(capsys):
    call_command("load_catalogue", province=["1"])
    out = capsys.readouterr().out
    assert "province: 1 mới" in out and "commune: 126 mới" in out
    call_command("load_catalogue", province=["01"])
    assert "0 mới, 0 cập nhật" in capsys.readouterr().out
