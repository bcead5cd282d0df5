from django.urls import path

from . import views

app_name = "bench"
urlpatterns = [path("bytes/<int:n>/", views.fixed_bytes, name="bytes")]
