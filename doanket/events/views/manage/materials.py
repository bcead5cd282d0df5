"""Materials of an event: upload (checked by content in the service), download, delete."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from doanket.accounts.http import AuthedRequest
from doanket.core.views import button
from doanket.events.permissions import EventPerm

from ... import selectors, services
from ...forms import MaterialForm
from ...services.materials import content_type
from ._common import part_added, part_removed


@login_required
@require_POST
def material_upload(request: AuthedRequest, pk: int) -> HttpResponse:
    event = selectors.access_event(request.user, pk, EventPerm.MANAGE)
    return part_added(request, event, "materials", MaterialForm,
                      lambda data: services.material_upload(actor=request.user, event=event, upload=data["file"],
                                                            title=data["title"]),
                      lambda material: _("Đã tải lên “%(name)s”.") % {"name": material.original_name})


@login_required
@require_GET
def material_download(request: AuthedRequest, pk: int) -> FileResponse:
    material = selectors.access_material(request.user, pk)
    response = FileResponse(selectors.material_file(material), as_attachment=True, filename=material.original_name,
                            content_type=content_type(material))
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def material_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    material = selectors.access_material(request.user, pk, EventPerm.MANAGE)
    return button(request, lambda: services.material_delete(actor=request.user, material=material),
                  then=lambda: part_removed(request, material.event, "materials"))
