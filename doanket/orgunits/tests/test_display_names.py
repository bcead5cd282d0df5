"""Issue 10: residential areas share names, so they are shown with their commune everywhere."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django import forms
from django.urls import reverse

from doanket.importexport import selectors as export_selectors
from doanket.orgunits import selectors
from doanket.orgunits.forms import UnitChoiceField
from doanket.orgunits.permissions import UnitPerm
from doanket.people import services as people_services

pytestmark = pytest.mark.django_db


def test_picker_names_each_area_with_its_commune(tree, users):
    class F(forms.Form):
        unit = UnitChoiceField(queryset=selectors.units_visible(users.district, UnitPerm.VIEW), required=False)

    html = str(F(initial={"unit": tree.km_area.pk})["unit"])
    assert "Khu dân cư số 1 — Phường Khương Mai" in html
    assert "Phường Khương Mai —" not in html  # a ward is not an area: no context added


def test_directory_and_export_name_the_area_with_its_commune(tree, users, client):
    people_services.person_create(actor=None, unit=tree.km_area, full_name="Trần Văn Khu")
    client.force_login(users.district)
    page = client.get(reverse("people:directory"), {"q": "Trần Văn Khu"}).content.decode()
    assert "Khu dân cư số 1 — Phường Khương Mai" in page
    sheet = openpyxl.load_workbook(io.BytesIO(export_selectors.export_people(users.district))).worksheets[0]
    rows = list(sheet.values)
    name_col = rows[0].index("Tên đơn vị quản lý")
    row = next(r for r in rows if r[1] == "Trần Văn Khu")
    assert row[name_col] == "Khu dân cư số 1 — Phường Khương Mai"
    assert row[name_col - 1].startswith("#")  # the code column is still beside it


def test_a_pre_2025_ward_is_not_typed_with_special_zones(tree, users, client):
    client.force_login(users.district)
    old = client.get(reverse("orgunits:detail", args=[tree.khuong_mai.pk])).content.decode()
    assert "Xã, phường, thị trấn" in old and "đặc khu" not in old
    assert tree.phuong_liet.type_label == "Xã, phường, đặc khu"  # the reformed ward keeps today's name
    children = client.get(reverse("orgunits:children", args=[tree.district.pk])).content.decode()
    assert "Xã, phường, thị trấn" in children  # Khương Mai, ended 30/06/2025


def test_a_district_records_its_wards_merger_into_the_provinces_new_ward(tree, users, client):
    from doanket.orgunits.models import LineageLink

    client.force_login(users.district)
    url = reverse("orgunits:lineage", args=[tree.nhan_chinh.pk])
    form = client.get(url).content.decode()
    assert f'value="{tree.phuong_liet.pk}"' in form  # beyond the district's reach, in its province
    assert f'value="{tree.hanoi.pk}"' not in form
    resp = client.post(url, {"successor": tree.phuong_liet.pk, "kind": "merge", "effective_date": "01/07/2025"})
    assert resp.status_code == 302
    assert LineageLink.objects.filter(predecessor=tree.nhan_chinh, successor=tree.phuong_liet).exists()


def test_a_successor_elsewhere_is_still_refused(tree, users, unit_types):
    from django.http import Http404

    from doanket.orgunits import services as unit_services

    other = unit_services.unit_create(actor=None, parent=tree.root, unit_type=unit_types["province"],
                                      name="Tỉnh Khác", code="99")
    with pytest.raises(Http404):
        unit_services.lineage_record(actor=users.district, predecessors=[tree.nhan_chinh], successor=other,
                                     kind="merge", effective_date=__import__("datetime").date(2025, 7, 1))
