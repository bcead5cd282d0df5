"""Settings shared by every environment. Everything that differs per machine comes from the environment."""

import datetime as dt
import json
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from doanket.core.domains import discovered_apps

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = env("DJANGO_SECRET_KEY", "insecure-dev-key-only-for-local-use")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = [h for h in (env("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1") or "").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "treebeard",
    "simple_history",
    "django_filters",
    "ninja",
    # Every package under doanket/ with a domain.py (doanket/core/domains.py): no list to edit here.
    *discovered_apps(),
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "doanket.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "doanket.people.middleware.PersonalDataLogMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "doanket" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "doanket.accounts.context_processors.navigation",
                "doanket.core.context_processors.public_navigation",
            ],
        },
    },
]

# SQLite is the embedded default; production sets DATABASE_URL=postgres://…
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}") or "",
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "0") or 0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "orgunits:tree"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese first; English where translated. Message ids are the Vietnamese text.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Django's own vi locale has no input formats: ours makes "05/09/2022" mean 5 September.
FORMAT_MODULE_PATH = ["config.formats"]
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "doanket" / "static"]
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")) or "")
MEDIA_URL = "media/"

# Spreadsheet uploads: refuse anything larger than this before parsing it.
IMPORT_MAX_BYTES = int(env("DOANKET_IMPORT_MAX_BYTES", str(20 * 1024 * 1024)) or 0)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "WARNING")},
}

# --- News portal and public votes (doanket.news, doanket.polls) ------------------------------------
INSTALLED_APPS += ["django.contrib.sitemaps"]
# Public pages are cached under a version the news services bump (see doanket/news/cache.py), so
# sharing the cache between processes is an optimisation, not a condition of correctness. Set
# REDIS_URL (redis://host:6379/0) to share it; otherwise each process keeps its own in memory.
CACHES: dict[str, dict[str, object]]
# The Redis backend (doanket/core/cache.py) answers as a cache miss while Redis is down or refuses writes,
# logs it, and comes back by itself: the cache is never a condition for a page to render.
if env("REDIS_URL"):
    CACHES = {"default": {"BACKEND": "doanket.core.cache.RedisCache", "LOCATION": env("REDIS_URL"),
                          "KEY_PREFIX": "doanket"}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "doanket",
                          "OPTIONS": {"MAX_ENTRIES": 2000}}}
# After a Redis failure a process leaves Redis alone this long before trying again (with a write); a process
# that only reads checks with a write this often (how long it can trust a Redis that refuses writes).
DOANKET_CACHE_RETRY_SECONDS = float(env("DOANKET_CACHE_RETRY_SECONDS", "2") or 2)
DOANKET_CACHE_PROBE_SECONDS = float(env("DOANKET_CACHE_PROBE_SECONDS", "5") or 5)
NEWS_PUBLIC_CACHE_SECONDS = int(env("DOANKET_PUBLIC_CACHE_SECONDS", "600") or 0)
NEWS_BROWSER_CACHE_SECONDS = 5  # browsers and proxies: an editor's change reaches readers within seconds
NEWS_IMAGE_MAX_BYTES = int(env("DOANKET_IMAGE_MAX_BYTES", str(10 * 1024 * 1024)) or 0)
NEWS_IMAGE_MAX_WIDTH = 1600
# Serve article images from Django when no web server serves MEDIA_ROOT (embedded setup, demo).
NEWS_SERVE_MEDIA = env_bool("DOANKET_SERVE_MEDIA", True)
# E-mail (citizens' confirmation links). The console backend prints mails on the developer machine.
EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("DJANGO_EMAIL_PORT", "25") or 25)
EMAIL_HOST_USER = env("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", "Đoàn Kết <khong-tra-loi@localhost>")

# --- Security (issue 6): logins, sessions, two-factor, Content-Security-Policy ---------------------
# See SECURITY.md for what each piece protects and which test proves it.
INSTALLED_APPS += ["axes", "django_otp", "django_otp.plugins.otp_totp"]
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
                  "doanket.core.middleware.ContentSecurityPolicyMiddleware")
MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
                  "django_otp.middleware.OTPMiddleware")
MIDDLEWARE.insert(MIDDLEWARE.index("django_otp.middleware.OTPMiddleware") + 1,
                  "doanket.accounts.middleware.TwoFactorMiddleware")
MIDDLEWARE.append("axes.middleware.AxesMiddleware")  # last, as django-axes requires
AUTHENTICATION_BACKENDS = [
    "doanket.accounts.lockout.LockoutBackend",  # django-axes: refuses locked accounts/addresses first
    "django.contrib.auth.backends.ModelBackend",
]

# Lockout (django-axes): 5 failures in 15 minutes lock the account name, and separately the address.
AXES_FAILURE_LIMIT = int(env("DOANKET_LOGIN_FAILURE_LIMIT", "5") or 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(env("DOANKET_LOGIN_LOCKOUT_MINUTES", "15") or 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429  # Too Many Requests, with the login page explaining the wait
AXES_LOCKOUT_CALLABLE = "doanket.accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "doanket.core.ratelimit.client_ip"
AXES_VERBOSE = False
# Rate limits of the public doors (doanket/core/ratelimit.py: defaults and meaning in SECURITY.md), counted in
# the default cache — Redis (REDIS_URL) in production, so they hold across workers and machines. Override any
# door as JSON, e.g. DOANKET_RATELIMITS='{"password_reset": {"address": "5/h"}}'.
DOANKET_RATELIMITS: dict[str, dict[str, str]] = json.loads(env("DOANKET_RATELIMITS", "{}") or "{}")
RATELIMIT_USE_CACHE = "default"
# Number of reverse proxies in front of the app that append to X-Forwarded-For (0: use REMOTE_ADDR).
DOANKET_PROXY_COUNT = int(env("DOANKET_PROXY_COUNT", "0") or 0)

# Sessions: a working day at most, ended when the browser closes (shared office computers).
SESSION_COOKIE_AGE = int(env("DOANKET_SESSION_SECONDS", str(8 * 3600)) or 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("DOANKET_SESSION_EXPIRE_AT_BROWSER_CLOSE", True)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True  # pages send the token from the template (hx-headers), scripts never read the cookie
PASSWORD_RESET_TIMEOUT = 3600  # a reset link works for one hour

# Two-factor authentication (TOTP, django-otp). Required for administrators, the standing committee and
# operators when DOANKET_REQUIRE_2FA is on (production default); optional for everyone else.
DOANKET_REQUIRE_2FA = env_bool("DOANKET_REQUIRE_2FA", True)
OTP_TOTP_ISSUER = "Đoàn Kết"
OTP_TOTP_THROTTLE_FACTOR = 1  # each wrong code doubles the wait before the next try

# Content-Security-Policy sent with every response (doanket.core.middleware): no inline script or style,
# no eval, nothing from other sites. The pages' behaviour lives in static files (static/js/app.js).
CONTENT_SECURITY_POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                           "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'")
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Uploaded .xlsx/.docx are zip archives: refuse those that would expand beyond this (zip bombs).
UPLOAD_MAX_UNCOMPRESSED_BYTES = int(env("DOANKET_UPLOAD_MAX_UNCOMPRESSED_BYTES", str(100 * 1024 * 1024)) or 0)
UPLOAD_MAX_ZIP_MEMBERS = 2000
UPLOAD_MAX_ZIP_RATIO = 200  # expansion of any one member; real spreadsheets stay far below

# A persistent connection that the database dropped is noticed and replaced at the next request.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# SQLite (embedded setup) under concurrent requests: readers never wait for the writer (WAL), and a write
# transaction takes the lock when it begins and waits for it, instead of failing with "database is locked".
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "transaction_mode": "IMMEDIATE", "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    })

# --- Resilience (issue 19; docs/PRODUCTION.md "When something fails") --------------------------------------
# An unreachable database answers a Vietnamese 503 page with this Retry-After (doanket/core/errors.py).
DOANKET_RETRY_AFTER_SECONDS = int(env("DOANKET_RETRY_AFTER_SECONDS", "30") or 30)
# With the database down, public pages already in the cache are served under the version last read from it,
# for at most this long after that read (doanket/news/cache.py); then they answer 503 too.
NEWS_STALE_SECONDS = float(env("DOANKET_PUBLIC_STALE_SECONDS", "600") or 0)
# A database that does not answer a connection within this time counts as down (instead of hanging a worker).
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)

# Uploads are written under a temporary name and linked to their final name once complete; a transaction
# that rolls back removes its files; a full disk is a Vietnamese message on the form (doanket/core/storage.py).
STORAGES = {
    "default": {"BACKEND": "doanket.core.storage.SafeFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Scale: synthetic data for benchmarks (doanket.scale: manage.py generate_data) ------------------
INSTALLED_APPS += ["doanket.scale"]
# /bench/bytes/<n>/ (a page of n bytes from memory, the ceiling the bench compares pages with). Never in production.
DOANKET_BENCH_VIEWS = env_bool("DOANKET_BENCH_VIEWS", False)
