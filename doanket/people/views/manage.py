"""Cadre pages for people and their positions: directory, person page, create/edit, assignments."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from doanket.accounts.http import AuthedRequest
from doanket.accounts.permissions import AccountPerm
from doanket.accounts.selectors import require_any, user_reach
from doanket.core.domains import person_panels
from doanket.core.pagination import CountedPaginator
from doanket.core.permissions import Permission
from doanket.core.ratelimit import rate_limited
from doanket.core.views import report_errors, submit
from doanket.orgunits import selectors as unit_selectors
from doanket.orgunits.permissions import UnitPerm
from doanket.people.permissions import PersonPerm

from .. import selectors, services
from ..forms import AssignmentForm, DirectoryFilter, ErasureForm, PersonForm, PositionForm
from ..models import AccessAction, Person

PAGE_SIZE = 50


def _units(request: AuthedRequest, perm: Permission = UnitPerm.VIEW):
    return unit_selectors.unit_choices(request.user, perm)


@login_required
def directory(request: AuthedRequest) -> HttpResponse:
    form = DirectoryFilter(request.GET or None, units=_units(request))
    filters = form.cleaned_data if form.is_valid() else {}
    people, count, capped = selectors.person_directory_counted(
        request.user, query=filters.get("q") or "", unit=filters.get("unit"), position=filters.get("position"),
        current_only=bool(filters.get("current")),
    )
    page = CountedPaginator(people, PAGE_SIZE, count=count, capped=capped).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    # Areas share names ("Khu dân cư số 1"): each is shown with its commune (two queries for the page).
    unit_selectors.with_display_names([p.unit for p in page.object_list]
                                      + [a.unit for p in page.object_list for a in p.current_assignments])
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "nav": "people"}
    template = "people/_results.html" if request.headers.get("HX-Request") else "people/directory.html"
    return render(request, template, context)


@login_required
def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    person = selectors.person_get(request.user, pk)
    user = request.user
    private = selectors.private_view(user, person)
    if not private["masked"] and (person.phone or person.id_number):
        services.personal_data_accessed(actor=user, action=AccessAction.VIEW, person=person)
    context = {
        "person": person,
        "nav": "people",
        "private": private,
        "assignments": selectors.person_assignments(user, person),
        "can_manage": user_reach(user, PersonPerm.MANAGE).covers(person.unit.path) and person.erased_at is None,
        "can_erase": user_reach(user, PersonPerm.ERASE).covers(person.unit.path) and person.erased_at is None,
        "history": selectors.person_history(user, person),
        # What other domains show about this person (their domain.py's person_panels).
        "panels": [panel(user, person) for panel in person_panels()],
    }
    return render(request, "people/detail.html", context)


def _person_initial(person: Person, request: AuthedRequest) -> dict:
    initial = {f: getattr(person, f) for f in services.PERSON_FIELDS}
    if not selectors.can_see_private(request.user, person):
        initial.pop("phone"), initial.pop("id_number")
    return initial


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited("person_create")  # with the ID-number check, see SECURITY.md
def create(request: AuthedRequest) -> HttpResponse:
    units = _units(request, PersonPerm.MANAGE)
    initial = {}
    unit_id = request.GET.get("unit", "")
    # A hand-made ?unit=abc (or a number past the database's integers) is ignored, not a 500.
    if unit_id.isascii() and unit_id.isdigit() and int(unit_id) < 2**63:
        initial["unit"] = units.filter(pk=int(unit_id)).first()
    form = PersonForm(request.POST or None, units=units, initial=initial)
    person = submit(request, form, lambda data: services.person_create(actor=request.user, **data),
                    lambda p: _("Đã thêm %(name)s.") % {"name": p.full_name})
    if person:
        return redirect("people:detail", pk=person.pk)
    return render(request, "people/form.html", {"form": form, "nav": "people", "title": _("Thêm người")})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: AuthedRequest, pk: int) -> HttpResponse:
    person = selectors.access_person(request.user, pk, PersonPerm.MANAGE)
    form = PersonForm(request.POST or None, units=_units(request, PersonPerm.MANAGE),
                      initial=_person_initial(person, request))
    if not selectors.can_see_private(request.user, person):
        # Without the right to see them, phone and ID cannot be changed either (so masks never overwrite data).
        del form.fields["phone"], form.fields["id_number"]
    if submit(request, form, lambda data: services.person_update(actor=request.user, person=person, **data),
              _("Đã lưu thay đổi.")):
        return redirect("people:detail", pk=person.pk)
    return render(request, "people/form.html", {"form": form, "person": person, "nav": "people",
                                                "title": _("Sửa thông tin %(name)s") % {"name": person.full_name}})


@login_required
@require_http_methods(["POST"])
def delete(request: AuthedRequest, pk: int) -> HttpResponse:
    person = selectors.access_person(request.user, pk, PersonPerm.MANAGE)
    try:
        services.person_delete(actor=request.user, person=person)
    except ValidationError as exc:
        report_errors(request, exc)
        return redirect("people:detail", pk=person.pk)
    messages.success(request, _("Đã xoá %(name)s.") % {"name": person.full_name})
    return redirect("people:directory")


@login_required
@require_http_methods(["GET", "POST"])
def assignment_create(request: AuthedRequest, pk: int) -> HttpResponse:
    person = selectors.person_get(request.user, pk)
    units = _units(request, PersonPerm.MANAGE)
    if not units.exists():
        raise PermissionDenied
    form = AssignmentForm(request.POST or None, units=units, initial={"unit": person.unit if units.filter(
        pk=person.unit_id).exists() else None})
    if submit(request, form, lambda data: services.assignment_create(actor=request.user, person=person, **data),
              _("Đã thêm chức vụ.")):
        return redirect("people:detail", pk=person.pk)
    return render(request, "people/form.html", {"form": form, "person": person, "nav": "people",
                                                "title": _("Thêm chức vụ cho %(name)s") % {"name": person.full_name}})


@login_required
@require_http_methods(["GET", "POST"])
def assignment_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    assignment = selectors.access_assignment(request.user, pk, PersonPerm.MANAGE)
    person = assignment.person
    initial = {f: getattr(assignment, f) for f in ("position", "unit", "branch", "start_date", "end_date", "note")}
    form = AssignmentForm(request.POST or None, units=_units(request, PersonPerm.MANAGE), initial=initial)
    if submit(request, form,
              lambda data: services.assignment_update(actor=request.user, assignment=assignment, **data),
              _("Đã lưu thay đổi.")):
        return redirect("people:detail", pk=person.pk)
    return render(request, "people/form.html", {"form": form, "person": person, "assignment": assignment,
                                                "nav": "people", "title": _("Sửa chức vụ của %(name)s") % {
                                                    "name": person.full_name}})


@login_required
@require_http_methods(["POST"])
def assignment_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    assignment = selectors.access_assignment(request.user, pk, PersonPerm.MANAGE)
    person_pk = assignment.person_id
    services.assignment_delete(actor=request.user, assignment=assignment)
    messages.success(request, _("Đã xoá chức vụ."))
    return redirect("people:detail", pk=person_pk)


@login_required
def positions(request: AuthedRequest) -> HttpResponse:
    """The shared catalogue of positions, with abbreviations; administrators add to it."""
    can_manage = user_reach(request.user, PersonPerm.CATALOGUE_MANAGE).is_empty is False
    form = PositionForm(request.POST or None) if can_manage else None
    if request.method == "POST" and form is None:
        raise PermissionDenied
    if form is not None and submit(request, form,
                                   lambda data: services.position_create(actor=request.user, **data),
                                   _("Đã thêm chức vụ vào danh mục.")):
        return redirect("people:positions")
    return render(request, "people/positions.html", {"positions": selectors.positions_all(), "form": form,
                                                     "nav": "positions"})


@login_required
def deleted(request: AuthedRequest) -> HttpResponse:
    """People deleted inside the user's reach: the record is gone, its deletion is not."""
    require_any(request.user, AccountPerm.HISTORY_VIEW)
    return render(request, "people/deleted.html", {"records": selectors.people_deleted(request.user), "nav": "people"})


@login_required
def privacy_log(request: AuthedRequest) -> HttpResponse:
    """Administrators read who saw whose personal data in their subtree."""
    require_any(request.user, AccountPerm.PRIVACY_LOG_VIEW)
    page = Paginator(selectors.personal_data_log(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "people/privacy_log.html", {"page": page, "nav": "people"})


@login_required
@require_http_methods(["GET", "POST"])
def erase(request: AuthedRequest, pk: int) -> HttpResponse:
    """Administrators erase a person's personal data on request; positions and attendance stay for statistics."""
    person = selectors.access_person(request.user, pk, PersonPerm.ERASE)
    form = ErasureForm(request.POST or None)
    name = person.full_name
    if submit(request, form, lambda data: services.person_erase(actor=request.user, person=person, **data),
              _("Đã xoá dữ liệu cá nhân của %(name)s.") % {"name": name}):
        return redirect("people:detail", pk=person.pk)
    return render(request, "people/erase.html", {"form": form, "person": person, "nav": "people"})


@login_required
def held_duplicates(request: AuthedRequest) -> HttpResponse:
    """Records held because their ID number belongs to a person elsewhere: merge them, or drop the number."""
    require_any(request.user, PersonPerm.MANAGE)
    page = Paginator(selectors.held_duplicates(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "people/held.html", {"page": page, "nav": "people"})


@login_required
@require_http_methods(["POST"])
def held_resolve(request: AuthedRequest, pk: int) -> HttpResponse:
    held = selectors.held_duplicate_get(request.user, pk)
    merge = request.POST.get("action") == "merge"
    try:
        if merge:
            services.person_merge(actor=request.user, held=held)
        else:
            services.person_hold_release(actor=request.user, held=held)
    except ValidationError as exc:
        report_errors(request, exc)
    else:
        messages.success(request, _("Đã hợp nhất hồ sơ.") if merge else _("Đã bỏ số định danh trùng của hồ sơ."))
    return redirect("people:held")
