"""Test run: same stack as production, fast hashing. DATABASE_URL picks SQLite or PostgreSQL."""

from .base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "doanket.core.storage.SafeFileSystemStorage"},  # base.py: uploads leave no debris
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Tests log in with a password; the two-factor tests turn the requirement on themselves.
DOANKET_REQUIRE_2FA = False
