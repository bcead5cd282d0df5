"""manage.py load_catalogue — load or refresh the official 34 provinces / 3,321 communes."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from doanket.orgunits.catalogue import load_catalogue


class Command(BaseCommand):
    help = "Nạp danh mục 34 tỉnh, thành phố và 3.321 xã, phường, đặc khu (chạy lại nhiều lần không tạo trùng)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--province", action="append", dest="provinces", metavar="MÃ",
                            help="Chỉ nạp tỉnh có mã này (2 chữ số); có thể lặp lại.")

    def handle(self, *args: Any, **options: Any) -> None:
        provinces = [p.zfill(2) for p in options["provinces"]] if options["provinces"] else None
        progress = self.stdout.write if options["verbosity"] >= 2 else None
        started = time.monotonic()
        result = load_catalogue(provinces=provinces, progress=progress)
        for type_code, t in result.tallies.items():
            self.stdout.write(f"{type_code}: {t.created} mới, {t.updated} cập nhật tên, {t.unchanged} không đổi")
        self.stdout.write(self.style.SUCCESS(
            f"Xong trong {time.monotonic() - started:.1f} giây: {result.created} mới, {result.updated} cập nhật, "
            f"{result.unchanged} không đổi."
        ))
