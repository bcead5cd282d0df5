from django.urls import path
from django.views.generic import RedirectView

app_name = "news_public"
# Placeholder until the public news portal exists: the home page sends cadres to their pages.
urlpatterns = [path("", RedirectView.as_view(pattern_name="orgunits:tree", permanent=False), name="home")]
