"""Small helpers shared by tests of several domains."""

from __future__ import annotations

import threading

from doanket.core.jobs import AFTER_RESPONSE_THREAD


def wait_after_response(timeout: float = 10.0) -> None:
    """Wait for the background threads `jobs.after_response` started (no queue configured in tests)."""
    for thread in threading.enumerate():
        if thread.name == AFTER_RESPONSE_THREAD:
            thread.join(timeout)
