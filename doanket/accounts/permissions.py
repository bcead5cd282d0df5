"""What the accounts domain guards: accounts and grants, change history, the personal-data access log."""

from __future__ import annotations

from doanket.core.permissions import Permission


class AccountPerm(Permission):
    USER_MANAGE = "user.manage"  # accounts and role grants of the subtree
    HISTORY_VIEW = "history.view"  # change history of any record of the subtree
    PRIVACY_LOG_VIEW = "privacy.log_view"  # who saw whose personal data (administrators)
