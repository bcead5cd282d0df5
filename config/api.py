"""The JSON API (django-ninja): session login, the same reach as the web UI, schema at /api/openapi.json."""

from django.urls import path
from ninja import NinjaAPI
from ninja.security import django_auth

from doanket.core.api import register_error_handlers
from doanket.orgunits.api import router as units_router
from doanket.people.api import assignments_router, people_router, positions_router

api = NinjaAPI(
    title="Đoàn Kết API",
    version="1",
    description=(
        "API cho cán bộ Mặt trận: đơn vị, người, chức vụ đảm nhiệm. Đăng nhập bằng phiên (session) như giao diện web; "
        "các thao tác ghi cần mã CSRF (header X-CSRFToken). Bản ghi ngoài phạm vi của người dùng trả về 404."
    ),
    urls_namespace="api",
    auth=django_auth,
)
register_error_handlers(api)
# people.api adds /units/{id}/assignments to the units router: import it before mounting.
api.add_router("/units", units_router)
api.add_router("/people", people_router)
api.add_router("/assignments", assignments_router)
api.add_router("/positions", positions_router)

urlpatterns = [path("", api.urls)]
