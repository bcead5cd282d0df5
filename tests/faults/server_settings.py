"""Settings of the app server the fault tests start: the test settings with production's cache and sessions
(Redis at REDIS_URL with cached_db sessions, the public version re-read once a second)."""

from config.settings.test import *  # noqa: F403

SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
NEWS_VERSION_RECHECK_SECONDS = 1.0
DOANKET_CACHE_RETRY_SECONDS = 0.5
DOANKET_CACHE_PROBE_SECONDS = 1.0
