"""Cadre pages for the unit tree: browser, unit page, create/edit, lineage."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from doanket.accounts.http import AuthedRequest
from doanket.accounts.selectors import user_reach
from doanket.core.domains import unit_panels
from doanket.core.views import report_errors, submit
from doanket.orgunits.permissions import UnitPerm

from .. import selectors, services
from ..forms import BranchForm, LineageForm, UnitForm
from ..models import OrgUnit


@login_required
def tree(request: AuthedRequest) -> HttpResponse:
    roots = selectors.unit_roots(request.user)
    expanded = [(root, selectors.unit_children(request.user, root)) for root in roots]
    return render(request, "orgunits/tree.html", {"expanded": expanded, "nav": "units"})


@login_required
def children(request: AuthedRequest, pk: int) -> HttpResponse:
    """HTMX: the children of one unit, for expanding a branch of the tree."""
    unit = selectors.unit_get(request.user, pk)
    return render(request, "orgunits/_children.html", {"units": selectors.unit_children(request.user, unit)})


@login_required
def options(request: AuthedRequest) -> HttpResponse:
    """HTMX: <option>s of the units in reach matching a search, for a unit picker."""
    field = request.GET.get("field", "")
    query = request.GET.get(f"{field}_tim", "")
    units = list(selectors.unit_search(request.user, query, limit=50)) if query.strip() else []
    selectors.with_display_names(units)
    return render(request, "orgunits/_options.html", {"units": units, "blank": request.GET.get("blank", "")})


@login_required
def detail(request: AuthedRequest, pk: int) -> HttpResponse:
    unit = selectors.unit_get(request.user, pk)
    predecessors, successors = selectors.unit_lineage(unit)
    user = request.user
    context = {
        "unit": unit,
        "nav": "units",
        "ancestors": selectors.unit_ancestors(unit),
        "children": selectors.unit_children(user, unit),
        "predecessors": predecessors,
        "successors": successors,
        "current_successors": selectors.unit_current_successors(unit) if unit.valid_to else [],
        "branches": selectors.unit_branches(unit),
        "can_manage": user_reach(user, UnitPerm.MANAGE).covers(unit.path),
        # What other domains record about this unit (their domain.py's unit_panels): people and positions.
        "panels": [panel(user, unit) for panel in unit_panels()],
        "history": selectors.unit_history(user, unit),
    }
    return render(request, "orgunits/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def create_child(request: AuthedRequest, pk: int) -> HttpResponse:
    parent = selectors.access_unit(request.user, pk, UnitPerm.MANAGE)
    form = UnitForm(request.POST or None)
    unit = submit(request, form, lambda data: services.unit_create(actor=request.user, parent=parent, **data),
                  lambda u: _("Đã thêm đơn vị %(name)s.") % {"name": u.name})
    if unit:
        return redirect("orgunits:detail", pk=unit.pk)
    return render(request, "orgunits/form.html", {"form": form, "parent": parent, "nav": "units",
                                                  "title": _("Thêm đơn vị trực thuộc %(name)s") % {"name": parent.name}})


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: AuthedRequest, pk: int) -> HttpResponse:
    unit = selectors.access_unit(request.user, pk, UnitPerm.MANAGE)
    initial = {f: getattr(unit, f) for f in ("name", "unit_type", "code", "short_name", "valid_from", "valid_to", "note")}
    form = UnitForm(request.POST or None, initial=initial)
    if submit(request, form, lambda data: services.unit_update(actor=request.user, unit=unit, **data),
              _("Đã lưu thay đổi.")):
        return redirect("orgunits:detail", pk=unit.pk)
    return render(request, "orgunits/form.html", {"form": form, "unit": unit, "nav": "units",
                                                  "title": _("Sửa đơn vị %(name)s") % {"name": unit.name}})


@login_required
@require_http_methods(["POST"])
def delete(request: AuthedRequest, pk: int) -> HttpResponse:
    unit = selectors.access_unit(request.user, pk, UnitPerm.MANAGE)
    parent = OrgUnit.objects.get_parent(unit)
    try:
        services.unit_delete(actor=request.user, unit=unit)
    except ValidationError as exc:
        report_errors(request, exc)
        return redirect("orgunits:detail", pk=unit.pk)
    messages.success(request, _("Đã xoá đơn vị."))
    if parent is not None and user_reach(request.user, UnitPerm.VIEW).covers(parent.path):
        return redirect("orgunits:detail", pk=parent.pk)
    return redirect("orgunits:tree")


@login_required
@require_http_methods(["GET", "POST"])
def lineage(request: AuthedRequest, pk: int) -> HttpResponse:
    unit = selectors.access_unit(request.user, pk, UnitPerm.MANAGE)
    candidates = selectors.lineage_successors(request.user, unit)
    form = LineageForm(request.POST or None, successors=candidates)
    if submit(request, form, lambda data: services.lineage_record(actor=request.user, predecessors=[unit], **data),
              _("Đã ghi biến động đơn vị.")):
        return redirect("orgunits:detail", pk=unit.pk)
    return render(request, "orgunits/form.html", {"form": form, "unit": unit, "nav": "units",
                                                  "title": _("Ghi biến động của %(name)s") % {"name": unit.name}})


@login_required
@require_http_methods(["GET", "POST"])
def branch_create(request: AuthedRequest, pk: int) -> HttpResponse:
    unit = selectors.access_unit(request.user, pk, UnitPerm.MANAGE)
    form = BranchForm(request.POST or None)
    if submit(request, form, lambda data: services.branch_create(actor=request.user, unit=unit, **data),
              _("Đã thêm chi hội.")):
        return redirect("orgunits:detail", pk=unit.pk)
    return render(request, "orgunits/form.html", {"form": form, "unit": unit, "nav": "units",
                                                  "title": _("Thêm chi hội tại %(name)s") % {"name": unit.name}})
