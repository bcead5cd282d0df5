"""JSON API of campaigns: list, one campaign with its indicators, progress below a unit, and an area's
results (read and write). Same selectors and services as the pages, so the same reach and refusals."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from doanket.core.api import READ_ERRORS, WRITE_ERRORS, Pagination, actor

from . import selectors, services
from .models import Campaign, IndicatorKind, Result
from .permissions import MovementPerm

router = Router(tags=["Cuộc vận động, phong trào"])


class BoundedPagination(Pagination):
    """Pages up to a million: a larger page number is a client's mistake (422), not an offset the
    database cannot hold."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1)


class IndicatorOut(Schema):
    id: int
    name: str
    kind: str
    target: int | None
    measure: str
    unit_id: int


class CampaignOut(Schema):
    id: int
    title: str
    kind: str
    unit_id: int
    starts_on: dt.date
    ends_on: dt.date


class CampaignDetailOut(CampaignOut):
    content: str
    indicators: list[IndicatorOut]


class IndicatorProgressOut(Schema):
    indicator_id: int
    total: int
    met: int
    reported: int
    share: int | None


class UnitProgressOut(Schema):
    unit_id: int
    name: str
    areas: int
    silent: int
    activities: int
    festivals: int
    indicators: list[IndicatorProgressOut]


class ProgressOut(Schema):
    unit_id: int
    total: UnitProgressOut
    rows: list[UnitProgressOut]


class ResultOut(Schema):
    indicator_id: int
    value: int | bool | str | None


class ResultsIn(Schema):
    values: dict[int, int | bool | str | None]


@router.get("/campaigns", response=list[CampaignOut], summary="Cuộc vận động, phong trào trong phạm vi")
@paginate(BoundedPagination)
def campaign_list(request: HttpRequest) -> QuerySet[Campaign]:
    return selectors.campaign_list(actor(request))


@router.get("/campaigns/{campaign_id}", response={200: CampaignDetailOut, **READ_ERRORS},
            summary="Một cuộc vận động với các chỉ tiêu")
def campaign_get(request: HttpRequest, campaign_id: int) -> Any:
    campaign = selectors.access_campaign(actor(request), campaign_id)
    return {**CampaignOut.from_orm(campaign).dict(), "content": campaign.content,
            "indicators": list(campaign.indicators.all())}


def _row(p: selectors.UnitProgress) -> dict[str, Any]:
    return {"unit_id": p.unit.pk, "name": p.unit.name, "areas": p.areas, "silent": p.silent,
            "activities": p.activities, "festivals": p.festivals,
            "indicators": [{"indicator_id": pk, "total": ip.total, "met": ip.met, "reported": ip.reported,
                            "share": p.share(pk)} for pk, ip in p.indicators.items()]}


@router.get("/campaigns/{campaign_id}/progress", response={200: ProgressOut, **READ_ERRORS},
            summary="Tiến độ theo các đơn vị trực thuộc (unit: đơn vị xem; mặc định đơn vị phát động)")
def campaign_progress(request: HttpRequest, campaign_id: int, unit: int | None = None) -> Any:
    user = actor(request)
    campaign = selectors.access_campaign(user, campaign_id)
    rollup = selectors.progress(campaign, selectors.progress_unit(user, campaign, unit))
    return {"unit_id": rollup.unit.pk, "total": _row(rollup.total), "rows": [_row(r) for r in rollup.rows]}


def _value(r: Result) -> Any:
    if r.indicator.kind == IndicatorKind.NUMBER:
        return r.value_number
    if r.indicator.kind == IndicatorKind.YESNO:
        return r.value_bool
    return r.value_text


@router.get("/campaigns/{campaign_id}/areas/{area_id}/results", response={200: list[ResultOut], **READ_ERRORS},
            summary="Kết quả của một khu dân cư")
def area_results(request: HttpRequest, campaign_id: int, area_id: int) -> Any:
    user = actor(request)
    campaign = selectors.access_campaign(user, campaign_id)
    area = selectors.access_area(user, campaign, area_id)
    results = Result.objects.filter(campaign=campaign, area=area).select_related("indicator")
    return [{"indicator_id": r.indicator_id, "value": _value(r)} for r in results]


@router.put("/campaigns/{campaign_id}/areas/{area_id}/results",
            response={200: list[ResultOut], **WRITE_ERRORS}, summary="Ghi kết quả của một khu dân cư")
def area_results_put(request: HttpRequest, campaign_id: int, area_id: int, payload: ResultsIn) -> Any:
    user = actor(request)
    campaign = selectors.access_campaign(user, campaign_id)
    area = selectors.access_area(user, campaign, area_id, MovementPerm.REPORT)
    values = {pk: ("yes" if v is True else "no" if v is False else v) for pk, v in payload.values.items()}
    services.results_record(actor=user, campaign=campaign, area=area, values=values)
    return area_results(request, campaign_id, area_id)
