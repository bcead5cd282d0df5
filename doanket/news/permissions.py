from __future__ import annotations

from doanket.core.permissions import Permission


class NewsPerm(Permission):
    WRITE = "news.write"  # write and submit articles of the unit
    PUBLISH = "news.publish"  # approve, publish, withdraw
