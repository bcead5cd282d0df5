from django.urls import path
from ninja import NinjaAPI

api = NinjaAPI(title="Đoàn Kết API", version="1", urls_namespace="api")

urlpatterns = [path("", api.urls)]
