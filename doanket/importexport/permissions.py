from __future__ import annotations

from doanket.core.permissions import Permission


class DataPerm(Permission):
    IMPORT = "data.import"
    EXPORT = "data.export"
