"""Daily: hand every recommendation unanswered past its deadline to the next Front level up (run from cron or a
systemd timer; idempotent, a recommendation is handed up once per level)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from doanket.supervision.services import escalate_overdue


class Command(BaseCommand):
    help = "Chuyển các kiến nghị sau giám sát quá hạn chưa trả lời lên Mặt trận cấp trên."

    def handle(self, *args: Any, **options: Any) -> None:
        done = escalate_overdue()
        self.stdout.write(f"Đã chuyển {len(done)} kiến nghị quá hạn lên cấp trên.")
