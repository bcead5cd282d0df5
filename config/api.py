"""The JSON API (django-ninja): session login, the same reach as the web UI, schema at /api/openapi.json."""

from django.urls import path
from ninja import NinjaAPI
from ninja.security import django_auth

from doanket.core.api import register_error_handlers
from doanket.core.domains import api_routers

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
# Each domain registers its routers (its domain.py), in the domains' order.
for prefix, router in api_routers():
    api.add_router(prefix, router)

urlpatterns = [path("", api.urls)]
