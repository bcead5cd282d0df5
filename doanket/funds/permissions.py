from __future__ import annotations

from doanket.core.permissions import Permission


class FundPerm(Permission):
    VIEW = "fund.view"  # the ledger of the unit's funds, donors and disbursements (personal data masked)
    POST = "fund.post"  # record receipts and disbursements
    MANAGE = "fund.manage"  # open funds, transfer between levels, reverse entries, close months, houses
    VIEW_PRIVATE = "fund.view_private"  # beneficiaries' and donors' contact details unmasked (logged)
