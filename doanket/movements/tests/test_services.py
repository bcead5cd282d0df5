"""Campaign services: roll-out to a subtree, an area's results and activities, refusals in Vietnamese."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from PIL import Image

from doanket.core.permissions import Role
from doanket.movements import services
from doanket.movements.models import Activity, Adoption, Photo, Result
from doanket.orgunits.models import Branch, MemberOrganisation


def png_bytes() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buf, format="PNG")
    return buf.getvalue()


@pytest.mark.django_db
def test_rollout_adopts_the_whole_subtree_in_one_insert(campaign, tree, staff, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        n = services.campaign_adopt(actor=staff.district, campaign=campaign, unit=tree.district)
    # The district adopted it when launching; now both wards and both areas (Khương Mai existed in 2022).
    assert n == 4
    adopted = set(Adoption.objects.filter(campaign=campaign).values_list("unit_id", flat=True))
    assert adopted == {tree.district.pk, tree.khuong_mai.pk, tree.nhan_chinh.pk, tree.km_area.pk, tree.nc_area.pk}
    assert Adoption.history.count() >= 5  # audited, in bulk
    with pytest.raises(ValidationError, match="đã triển khai cuộc vận động này rồi"):
        services.campaign_adopt(actor=staff.district, campaign=campaign, unit=tree.district)


@pytest.mark.django_db
def test_rollout_needs_the_standing_committee(campaign, tree, staff):
    with pytest.raises(PermissionDenied):
        services.campaign_adopt(actor=staff.ward, campaign=campaign, unit=tree.khuong_mai)
    with pytest.raises(Http404):  # another ward's cadre does not even see Khương Mai
        services.campaign_adopt(actor=staff.other_ward, campaign=campaign, unit=tree.khuong_mai)


@pytest.mark.django_db
def test_units_outside_the_period_do_not_adopt(tree, staff, make_user):
    """Phường Phương Liệt exists from 1/7/2025: a Hà Nội campaign of 2022 does not reach it."""
    import datetime as dt2

    city = staff.city
    c = services.campaign_create(actor=city, unit=tree.hanoi, title="Người Việt Nam ưu tiên dùng hàng Việt Nam",
                                 starts_on=dt2.date(2022, 1, 1), ends_on=dt2.date(2022, 12, 31))
    services.campaign_adopt(actor=city, campaign=c, unit=tree.hanoi)
    assert not Adoption.objects.filter(campaign=c, unit=tree.phuong_liet).exists()
    assert Adoption.objects.filter(campaign=c, unit=tree.khuong_mai).exists()


@pytest.mark.django_db
def test_area_records_results_only_when_the_campaign_reached_it(campaign, tree, staff):
    with pytest.raises(ValidationError, match="không tham gia cuộc vận động này"):
        services.results_record(actor=staff.ward, campaign=campaign, area=tree.km_area,
                                values={campaign.sessions.pk: 3})
    assert not Result.objects.exists()
    services.campaign_adopt(actor=staff.district, campaign=campaign, unit=tree.district)
    n = services.results_record(actor=staff.ward, campaign=campaign, area=tree.km_area,
                                values={campaign.sessions.pk: "12", campaign.street.pk: "yes",
                                        campaign.model.pk: "Ngõ phố xanh"})
    assert n == 3
    assert Result.objects.get(indicator=campaign.sessions).value_number == 12
    assert Result.objects.get(indicator=campaign.street).value_bool is True
    # Unchanged values write nothing; a changed one writes a history row.
    assert services.results_record(actor=staff.ward, campaign=campaign, area=tree.km_area,
                                   values={campaign.sessions.pk: 12}) == 0
    services.results_record(actor=staff.ward, campaign=campaign, area=tree.km_area, values={campaign.sessions.pk: 13})
    assert Result.history.filter(indicator=campaign.sessions).count() == 2


@pytest.mark.django_db
def test_bad_values_are_refused_in_vietnamese_and_nothing_is_written(adopted, tree, staff):
    with pytest.raises(ValidationError) as err:
        services.results_record(actor=staff.ward, campaign=adopted, area=tree.km_area,
                                values={adopted.street.pk: "yes", adopted.sessions.pk: "-4"})
    assert "“Số buổi ra quân”: hãy nhập một số nguyên không âm." in str(err.value)
    assert not Result.objects.exists()
    with pytest.raises(Http404):  # another ward's area
        services.results_record(actor=staff.other_ward, campaign=adopted, area=tree.km_area,
                                values={adopted.sessions.pk: 1})
    with pytest.raises(PermissionDenied):  # a viewer sees it but may not write
        services.results_record(actor=staff.viewer, campaign=adopted, area=tree.km_area,
                                values={adopted.sessions.pk: 1})


@pytest.mark.django_db
def test_ward_adds_its_own_indicator_and_target(adopted, tree, staff, make_user):
    ward_standing = make_user("tt-khuongmai", tree.khuong_mai, Role.STANDING)
    own = services.indicator_add(actor=ward_standing, campaign=adopted, unit=tree.khuong_mai,
                                 name="Số camera an ninh", target=2)
    services.target_set(actor=ward_standing, indicator=adopted.sessions, unit=tree.khuong_mai, target=5)
    from doanket.movements import selectors

    applying = {i.pk for i in selectors.indicators_for(adopted, tree.km_area)}
    assert own.pk in applying
    assert own.pk not in {i.pk for i in selectors.indicators_for(adopted, tree.nc_area)}
    targets = selectors.effective_targets(selectors.indicators_for(adopted, tree.km_area), tree.km_area)
    assert targets[adopted.sessions.pk] == 5
    with pytest.raises(ValidationError, match="không áp dụng"):  # Nhân Chính's area cannot report Khương Mai's
        services.results_record(actor=staff.other_ward, campaign=adopted, area=tree.nc_area, values={own.pk: 1})


@pytest.mark.django_db
def test_activity_with_photo_and_branches(adopted, tree, staff):
    women = MemberOrganisation.objects.get_or_create(code="phu-nu", defaults={"name": "Hội Liên hiệp Phụ nữ"})[0]
    km_branch = Branch.objects.create(organisation=women, unit=tree.km_area, name="Chi hội Phụ nữ KDC 1")
    nc_branch = Branch.objects.create(organisation=women, unit=tree.nc_area, name="Chi hội Phụ nữ Nhân Chính")
    photo = SimpleUploadedFile("anh.png", png_bytes(), content_type="image/png")
    activity = services.activity_add(actor=staff.ward, campaign=adopted, area=tree.km_area,
                                     held_on=dt.date(2022, 5, 1), title="Ra quân vệ sinh", branches=[km_branch],
                                     photos=[photo])
    assert list(activity.branches.all()) == [km_branch]
    assert Photo.objects.get().content_type == "image/png"
    fake = SimpleUploadedFile("anh.jpg", b"this is not an image", content_type="image/jpeg")
    with pytest.raises(ValidationError, match="không phải ảnh JPEG hoặc PNG thật"):
        services.activity_add(actor=staff.ward, campaign=adopted, area=tree.km_area, held_on=dt.date(2022, 5, 2),
                              title="Ảnh giả", photos=[fake])
    with pytest.raises(ValidationError, match="Chỉ chọn chi hội"):
        services.activity_add(actor=staff.ward, campaign=adopted, area=tree.km_area, held_on=dt.date(2022, 5, 2),
                              title="Chi hội khác", branches=[nc_branch])
    with pytest.raises(ValidationError, match="trong thời gian của cuộc vận động"):
        services.activity_add(actor=staff.ward, campaign=adopted, area=tree.km_area, held_on=dt.date(2023, 1, 2),
                              title="Ngoài thời gian")
    assert Activity.objects.count() == 1 and Photo.objects.count() == 1
