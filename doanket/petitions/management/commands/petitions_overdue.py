"""Daily: mark petitions past their answer deadline and escalate those past the grace to the parent unit.
Run by deploy/ (a systemd timer) or by hand; safe to run more than once a day."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandParser

from doanket.petitions.services import petitions_mark_overdue


class Command(BaseCommand):
    help = "Đánh dấu phản ánh quá hạn trả lời và chuyển cấp trên khi quá thời gian cho phép."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--on", type=dt.date.fromisoformat, default=None,
                            help="Ngày tính (YYYY-MM-DD); mặc định hôm nay.")

    def handle(self, *args, **options) -> None:
        run = petitions_mark_overdue(on=options["on"])
        self.stdout.write(f"Quá hạn mới: {run.marked}; chuyển cấp trên: {run.escalated}")
