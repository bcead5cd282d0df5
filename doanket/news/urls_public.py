from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from .cache import cached_public_page
from .views import public

app_name = "news_public"
urlpatterns = [
    path("", public.home, name="home"),
    path("danh-muc/<slug:slug>/", public.category, name="category"),
    path("tin-tuc/<int:pk>-<slug:slug>/", public.article, name="article"),
    path("don-vi/<int:pk>/tin-tuc/", public.unit_section, name="unit"),
    path("tim-kiem/", public.search, name="search"),
    path("rss/<slug:slug>.xml", public.rss_feed, name="rss"),
    path("atom/<slug:slug>.xml", public.atom_feed, name="atom"),
    path("sitemap.xml", cached_public_page(sitemap_views.sitemap), {"sitemaps": public.SITEMAPS}, name="sitemap"),
    path("media/news/<path:path>", public.media, name="media"),
]
