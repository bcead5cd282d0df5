"""Signals other domains listen to."""

from django.dispatch import Signal

# Sent inside the erasure's transaction with `person` (already anonymised) and `actor`. A domain that
# copies a person's name or contact details into its own rows (e.g. an event's speakers) scrubs them.
person_erased = Signal()
