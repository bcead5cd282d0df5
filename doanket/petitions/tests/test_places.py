import pytest

from doanket.petitions.places import resolve_place


@pytest.mark.django_db
def test_old_address_resolves_through_lineage_to_todays_ward(tree):
    matches = resolve_place("phường Khương Mai, quận Thanh Xuân")
    assert [(m.unit, m.via) for m in matches] == [(tree.phuong_liet, tree.khuong_mai)]
    assert "Khương Mai cũ" in matches[0].label


@pytest.mark.django_db
def test_todays_name_typed_without_accents(tree):
    assert [m.unit for m in resolve_place("phuong phuong liet")] == [tree.phuong_liet]
    assert [m.unit for m in resolve_place("Khuong Mai")] == [tree.phuong_liet]


@pytest.mark.django_db
def test_province_limits_and_unknown_address_matches_nothing(tree):
    assert resolve_place("phường Không Có Thật") == []
    assert resolve_place("") == []
    assert [m.unit for m in resolve_place("Nhân Chính", tree.hanoi)] == [tree.nhan_chinh]
