"""Developer machine: SQLite unless DATABASE_URL says otherwise, debug on."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
# The demo logins of the README work with a password alone; set DOANKET_REQUIRE_2FA=1 to try the real thing.
DOANKET_REQUIRE_2FA = env_bool("DOANKET_REQUIRE_2FA", False)
