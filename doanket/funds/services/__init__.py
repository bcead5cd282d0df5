"""Writes of the funds domain, one module per concept: the ledger, beneficiaries, Great Unity houses."""

from .beneficiaries import beneficiary_create, beneficiary_erase, beneficiary_viewed
from .houses import budget_add, house_create, milestone_record
from .imports import receipts_import
from .ledger import (
    FUND_FIELDS,
    disbursement_cancel,
    disbursement_post,
    entry_refuse_edit,
    fund_create,
    fund_update,
    period_close,
    receipt_cancel,
    receipt_post,
    transfer_cancel,
    transfer_post,
)

__all__ = [
    "FUND_FIELDS",    "beneficiary_create", "beneficiary_erase", "beneficiary_viewed", "budget_add", "disbursement_cancel",
    "disbursement_post", "entry_refuse_edit", "fund_create", "fund_update", "house_create", "milestone_record",
    "period_close", "receipt_cancel", "receipt_post", "receipts_import", "transfer_cancel", "transfer_post",
]
