"""Production: every secret and host from the environment; refuses to start without them."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, MIDDLEWARE, env, env_bool

DEBUG = False
if not os.environ.get("DJANGO_SECRET_KEY"):
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production")
if not os.environ.get("DATABASE_URL"):
    raise ImproperlyConfigured("DATABASE_URL must be set in production (postgres://user:pass@host:5432/db)")
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
CSRF_TRUSTED_ORIGINS = [o for o in (env("DJANGO_CSRF_TRUSTED_ORIGINS", "") or "").split(",") if o]
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
CSRF_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", True)
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
# Load balancers and systemd probe the app servers over plain HTTP (docs/PRODUCTION.md "Health checks").
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(env("DJANGO_HSTS_SECONDS", "31536000") or 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
STORAGES = {
    "default": {"BACKEND": "doanket.core.storage.SafeFileSystemStorage"},  # base.py: uploads leave no debris
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


# --- Scale: cache, sessions, job queue, read replica (issue 5; see docs/PRODUCTION.md) --------------
# The cache is Redis when REDIS_URL is set (base.py: doanket.core.cache.RedisCache), shared by every worker
# process and app server. Sessions then live in that cache with the database behind it (cached_db): a
# cadre's page reads its session without a query, a restart of Redis logs nobody out, and while Redis is
# down or refuses writes the cache answers as a miss, so sessions are read and written in the database.
if env("REDIS_URL"):
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# The public pages' cache key holds the version of the public content; each worker re-reads it at most
# once a second instead of on every request (0: every request). A publication reaches readers within
# that second — browsers and proxies already keep a page NEWS_BROWSER_CACHE_SECONDS (5 s).
NEWS_VERSION_RECHECK_SECONDS = float(env("DOANKET_VERSION_RECHECK_SECONDS", "1") or 0)
# Long jobs (spreadsheet imports and exports, certificate batches) go to an RQ queue when
# DOANKET_QUEUE_URL=redis://… is set; run `manage.py rqworker default` beside the app servers. Without
# it they run inside the request.
if env("DOANKET_QUEUE_URL"):
    INSTALLED_APPS = [*INSTALLED_APPS, "django_rq"]
    RQ_QUEUES = {"default": {"URL": env("DOANKET_QUEUE_URL"), "DEFAULT_TIMEOUT": 3600}}
# Public pages may read from PostgreSQL read replicas: DATABASE_REPLICA_URL (several: comma-separated).
# Cadres' pages, the API and every write stay on the primary (doanket/core/db.py).
_replica_urls = [u for u in (env("DATABASE_REPLICA_URL", "") or "").split(",") if u]
if _replica_urls:
    import dj_database_url

    for _i, _url in enumerate(_replica_urls):
        DATABASES[f"replica{_i or ''}"] = dj_database_url.parse(  # noqa: F405
            _url, conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "0") or 0), conn_health_checks=True)
        DATABASES[f"replica{_i or ''}"]["TEST"] = {"MIRROR": "default"}  # noqa: F405
    DATABASE_REPLICAS = [f"replica{i or ''}" for i in range(len(_replica_urls))]
    DATABASE_ROUTERS = ["doanket.core.db.PrimaryReplicaRouter"]
    MIDDLEWARE = ["doanket.core.db.PublicReadsFromReplicaMiddleware", *MIDDLEWARE]
DATABASE_REPLICA_NAMESPACES = ("news_public",)
# Uploads (article images, imports waiting for the worker) on S3-compatible object storage when several
# app servers share them: see docs/PRODUCTION.md (django-storages; not a dependency until it is used).
