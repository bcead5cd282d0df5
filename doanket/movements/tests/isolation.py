"""Movements' part of tests/test_isolation.py: a campaign of the ward rolled out to its area, with a
result, an activity with a photo, and a household registered for the family title."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from doanket.movements import services
from doanket.movements.models import Photo, TitleKind
from doanket.movements.selectors import ancestor_paths
from doanket.orgunits.models import OrgUnit

ROUTE_WORDS = {"phong-trao": "mv_campaign", "campaigns": "mv_campaign", "khu": "mv_area", "areas": "mv_area",
               "anh": "mv_photo", "dang-ky": "mv_registration", "ho": "mv_household",
               "quyet-dinh": "mv_decision", "tieu-chi": "mv_criteria"}


def ward_texts(scope: SimpleNamespace) -> list[str]:
    return [f"Phong trào riêng của {scope.ward.name}", f"Chủ hộ bí mật {scope.ward.name}"]


def records(scope: SimpleNamespace) -> dict[str, int | str]:
    title, head = ward_texts(scope)
    campaign = services.campaign_create(actor=None, unit=scope.ward, title=title, starts_on=dt.date(2022, 1, 1),
                                        ends_on=dt.date(2022, 12, 31))
    indicator = services.indicator_add(actor=None, campaign=campaign, name="Số buổi ra quân", target=4)
    services.campaign_adopt(actor=None, campaign=campaign, unit=scope.ward)
    services.results_record(actor=None, campaign=campaign, area=scope.area, values={indicator.pk: 3})
    activity = services.activity_add(actor=None, campaign=campaign, area=scope.area, held_on=dt.date(2022, 5, 1),
                                     title="Ra quân vệ sinh")
    photo = Photo.objects.create(activity=activity, file="movements/photos/khong-co.jpg", content_type="image/jpeg",
                                 original_name="x.jpg", size=1)
    household = services.household_add(actor=None, area=scope.area, head_name=head)
    reg = services.register(actor=None, year=2022, kind=TitleKind.FAMILY, area=scope.area, household=household)
    # A second household through the whole procedure, up to the ward's decision.
    other = services.household_add(actor=None, area=scope.area, head_name=f"{head} 2")
    done = services.register(actor=None, year=2022, kind=TitleKind.FAMILY, area=scope.area, household=other)
    services.self_assess(actor=None, registration=done, law_abiding=True, takes_part=True, prosperous=True)
    services.meeting_record(actor=None, area=scope.area, year=2022, held_on=dt.date(2022, 12, 5), called=10,
                            attended=8, chair="Chủ trì", secretary="Thư ký", votes={done.pk: 8})
    decision = services.decision_issue(actor=None, unit=scope.ward, year=2022, kind=TitleKind.FAMILY,
                                       number="1/QĐ-UBND", signed_on=dt.date(2022, 12, 12), signer="Chủ tịch")
    # A province's criteria set: wards (the isolation test's users) do not open its page at all.
    province = OrgUnit.objects.get(unit_type__code="province", path__in=ancestor_paths(scope.ward.path))
    criteria = services.criteria_set_create(actor=None, province=province, kind=TitleKind.AREA, year=2022,
                                            name="Tiêu chí tổ dân phố văn hóa")
    return {"mv_criteria": criteria.pk, "mv_campaign": campaign.pk, "mv_area": scope.area.pk, "mv_photo": photo.pk,
            "mv_registration": reg.pk, "mv_household": household.pk, "mv_decision": decision.pk}


def may_404(route: str, user_reach) -> bool:
    """The planted photo has no file on disk; criteria sets are the province's, not found from a ward."""
    return route.startswith(("quan-ly/phong-trao/anh/", "quan-ly/phong-trao/danh-hieu/tieu-chi/"))
