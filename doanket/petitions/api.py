"""JSON API for petitions: the inbox of the reach, one petition, recording its answer. Same selectors and
services as the pages: outside the reach 404, inside without the right 403, wrong state 400. The
petitioner's contact is masked unless the user may read contacts."""


import datetime as dt

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from pydantic import ValidationError as PydanticValidationError

from doanket.core.api import READ_ERRORS, WRITE_ERRORS, Pagination, actor
from doanket.core.text import mask

from . import selectors, services
from .models import Petition
from .permissions import PetitionPerm

router = Router(tags=["Phản ánh, kiến nghị"])


class PetitionOut(Schema):
    id: int
    code: str
    kind: str
    status: str
    status_label: str
    subject: str
    unit_id: int
    unit_name: str
    sector: str | None
    received_at: dt.datetime | None
    deadline: dt.date | None
    overdue: bool
    authority_name: str
    answer_on: dt.date | None
    published_at: dt.datetime | None

    @staticmethod
    def resolve_status_label(obj: Petition) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_unit_name(obj: Petition) -> str:
        return obj.unit.name

    @staticmethod
    def resolve_sector(obj: Petition) -> str | None:
        return obj.sector.name if obj.sector else None

    @staticmethod
    def resolve_overdue(obj: Petition) -> bool:
        return obj.is_overdue(timezone.localdate())


class PetitionDetailOut(PetitionOut):
    content: str
    place_text: str
    channel: str
    contact_name: str
    contact_phone: str
    contact_email: str
    answer_text: str
    public_answer: str


class InboxQuery(Schema):
    status: str = ""
    overdue: bool = False
    sector: int | None = None
    q: str = ""


class AnswerIn(Schema):
    answer_text: str
    answer_on: dt.date | None = None


def _detail(request: HttpRequest, petition: Petition) -> PetitionDetailOut:
    out = PetitionDetailOut.from_orm(petition)
    if not selectors.can(actor(request), petition, PetitionPerm.CONTACT):
        out.contact_name = mask(petition.contact_name, 1, 0)
        out.contact_phone = mask(petition.contact_phone)
        out.contact_email = mask(petition.contact_email, 2, 4)
    return out


@router.get("", response={200: list[PetitionOut], **READ_ERRORS})
@paginate(Pagination)
def petition_list(request: HttpRequest, filters: Query[InboxQuery]):
    flt = selectors.InboxFilter(status=filters.status, overdue=filters.overdue, sector=filters.sector, q=filters.q)
    return selectors.inbox(actor(request), flt)


@router.get("/{petition_id}", response={200: PetitionDetailOut, **READ_ERRORS})
def petition_detail(request: HttpRequest, petition_id: int):
    return _detail(request, selectors.access_petition(actor(request), petition_id))


@router.post("/{petition_id}/answer", response={200: PetitionDetailOut, **WRITE_ERRORS},
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/json": {"schema": AnswerIn.model_json_schema()}}}})
def petition_answer(request: HttpRequest, petition_id: int):
    # The body is read here, after the reach is checked: a petition outside it answers 404 whatever the
    # body (ninja would refuse a malformed body with 400 first, telling that the id exists).
    petition = selectors.access_petition(actor(request), petition_id, PetitionPerm.HANDLE)
    try:
        payload = AnswerIn.model_validate_json(request.body or b"{}")
    except PydanticValidationError as exc:
        raise ValidationError({"answer_text": [_("Hãy gửi nội dung trả lời dạng JSON: {\"answer_text\": \"…\"}.")]}) from exc
    petition = services.petition_answer(actor=actor(request), petition=petition, answer_text=payload.answer_text,
                                        answer_on=payload.answer_on)
    return _detail(request, selectors.access_petition(actor(request), petition.pk))
