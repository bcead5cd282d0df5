"""Exports hold only what the user may export, with personal data masked where they may not see it."""

from __future__ import annotations

import pytest

from doanket.importexport import selectors

from .helpers import as_dicts

pytestmark = pytest.mark.django_db


def test_ward_export_has_no_other_wards_people(people, users):
    names = {r["Họ và tên"] for r in as_dicts(selectors.export_people(users.ward))}
    assert names == {"Nguyễn Thị Đức Hạnh"}
    assignments = as_dicts(selectors.export_assignments(users.ward))
    assert {r["Họ và tên"] for r in assignments} == {"Nguyễn Thị Đức Hạnh"}
    units = {r["Tên đơn vị"] for r in as_dicts(selectors.export_units(users.ward))}
    assert units == {"Phường Khương Mai", "Khu dân cư số 1"}
    other = {r["Họ và tên"] for r in as_dicts(selectors.export_people(users.other_ward))}
    assert other == {"Trần Văn Đức"}


def test_successor_ward_exports_the_merged_wards_people(people, users):
    names = {r["Họ và tên"] for r in as_dicts(selectors.export_people(users.new_ward))}
    assert names == {"Nguyễn Thị Đức Hạnh"}


def test_private_data_masked_without_the_right(people, users):
    ward = {r["Mã người"]: r for r in as_dicts(selectors.export_people(users.ward))}
    assert ward[people.km.pk]["Điện thoại"] == "09******21"
    district = {r["Mã người"]: r for r in as_dicts(selectors.export_people(users.district))}
    assert district[people.km.pk]["Điện thoại"] == "0987654321"
    assert district[people.thao.pk]["Số định danh cá nhân"] == "001080000123"


def test_user_without_export_right_gets_nothing(people, users):
    assert not selectors.can_export(users.viewer)
    assert as_dicts(selectors.export_people(users.viewer)) == []
