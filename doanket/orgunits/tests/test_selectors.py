import pytest
from django.http import Http404

from doanket.accounts.selectors import user_reach
from doanket.orgunits import selectors
from doanket.orgunits.permissions import UnitPerm


@pytest.mark.django_db
def test_ward_user_reaches_only_its_subtree(tree, users):
    visible = set(selectors.units_visible(users.ward).values_list("name", flat=True))
    assert visible == {"Phường Khương Mai", "Khu dân cư số 1"}
    with pytest.raises(Http404):
        selectors.unit_get(users.ward, tree.nhan_chinh.pk)


@pytest.mark.django_db
def test_district_user_reaches_all_wards_but_not_the_province(tree, users):
    ids = set(selectors.units_visible(users.district).values_list("pk", flat=True))
    assert {tree.district.pk, tree.khuong_mai.pk, tree.nhan_chinh.pk, tree.km_area.pk, tree.nc_area.pk} == ids


@pytest.mark.django_db
def test_successor_ward_inherits_the_merged_wards_records(tree, users):
    reach = user_reach(users.new_ward, UnitPerm.VIEW)
    assert reach.covers(tree.khuong_mai.path) and reach.covers(tree.km_area.path)
    assert not reach.covers(tree.nhan_chinh.path)


@pytest.mark.django_db
def test_old_unit_shows_where_it_rolls_up_today(tree):
    chain = selectors.unit_current_successors(tree.khuong_mai)
    assert [(link.effective_date.isoformat(), unit.name) for link, unit in chain] == [("2025-07-01", "Phường Phương Liệt")]
    tree.khuong_mai.refresh_from_db()
    assert tree.khuong_mai.valid_to.isoformat() == "2025-06-30"


@pytest.mark.django_db
def test_unit_search_ignores_accents(tree, users):
    assert [u.name for u in selectors.unit_search(users.district, "khuong mai")] == ["Phường Khương Mai"]
    assert selectors.unit_search(users.ward, "nhan chinh") == []


@pytest.mark.django_db
def test_breadcrumb_is_one_query(tree, django_assert_num_queries):
    with django_assert_num_queries(1):
        names = [u.name for u in selectors.unit_ancestors(tree.km_area)]
    assert names == ["Ủy ban Trung ương MTTQ Việt Nam", "Thành phố Hà Nội", "Quận Thanh Xuân", "Phường Khương Mai"]


def test_subtree_range_bounds():
    from doanket.core.reach import next_path

    assert next_path("00010002") == "00010003"
    # carry: every path under 0001000Z is below 0001001…
    assert next_path("0001000Z") == "0001001"
    assert next_path("ZZZZ") is None


@pytest.mark.django_db
def test_subtree_q_matches_exactly_the_descendants(tree):
    from doanket.core.reach import subtree_q
    from doanket.orgunits.models import OrgUnit

    ids = set(OrgUnit.objects.filter(subtree_q(tree.district.path)).values_list("pk", flat=True))
    expected = {u.pk for u in OrgUnit.objects.all() if u.path.startswith(tree.district.path)}
    assert ids == expected and tree.district.pk in ids and tree.phuong_liet.pk not in ids
