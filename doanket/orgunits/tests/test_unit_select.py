"""The unit picker lists the top of the reach and the level below it; deeper units come by search,
and a chosen unit is always shown."""

from __future__ import annotations

from django import forms

from doanket.orgunits import selectors
from doanket.orgunits.forms import UnitChoiceField
from doanket.orgunits.permissions import UnitPerm


def _options(user, value=None) -> list[str]:
    class F(forms.Form):
        unit = UnitChoiceField(queryset=selectors.units_visible(user, UnitPerm.VIEW), required=False)

    html = str(F(initial={"unit": value})["unit"])
    return [line for line in html.splitlines() if "<option" in line]


def test_district_user_sees_district_and_wards_not_areas(tree, users):
    text = "\n".join(_options(users.district))
    assert "Quận Thanh Xuân" in text and "Phường Khương Mai" in text and "Phường Nhân Chính" in text
    assert f'value="{tree.km_area.pk}"' not in text


def test_ward_user_sees_its_areas(tree, users):
    text = "\n".join(_options(users.ward))
    assert f'value="{tree.khuong_mai.pk}"' in text and f'value="{tree.km_area.pk}"' in text
    assert f'value="{tree.nc_area.pk}"' not in text


def test_a_chosen_deeper_unit_is_still_shown(tree, users):
    text = "\n".join(_options(users.district, value=tree.km_area.pk))
    assert f'value="{tree.km_area.pk}" selected' in text
