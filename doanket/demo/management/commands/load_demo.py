"""manage.py load_demo — the Quận Thanh Xuân demo (catalogue, historic tree, lineage, people, logins)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from doanket.demo import seed


class Command(BaseCommand):
    help = ("Nạp dữ liệu trình diễn quận Thanh Xuân (danh mục đơn vị, cây đơn vị cũ, biến động 2025, cán bộ, "
            "tài khoản). Không làm gì nếu đã nạp; --reset xoá TOÀN BỘ cơ sở dữ liệu rồi nạp lại.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--reset", action="store_true",
                            help="Xoá toàn bộ dữ liệu (kể cả tài khoản) rồi nạp lại dữ liệu trình diễn.")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive",
                            help="Không hỏi xác nhận khi --reset.")
        parser.add_argument("--province", action="append", dest="provinces", metavar="MÃ",
                            help="Chỉ nạp danh mục của tỉnh này (mặc định: cả 34 tỉnh, thành phố).")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        if options["reset"]:
            if options["interactive"]:
                answer = input("Thao tác này XOÁ TOÀN BỘ dữ liệu của cơ sở dữ liệu hiện tại. Gõ 'xoa' để tiếp tục: ")
                if answer.strip().lower() != "xoa":
                    raise CommandError("Đã huỷ.")
            seed.reset_database()
            self.stdout.write("Đã xoá dữ liệu cũ.")
        provinces = [p.zfill(2) for p in options["provinces"]] if options["provinces"] else None
        if seed.load_demo(provinces=provinces):
            c = seed.demo_counts()
            self.stdout.write(self.style.SUCCESS(
                f"Đã nạp dữ liệu trình diễn trong {time.monotonic() - started:.1f} giây: {c.units} đơn vị, "
                f"{c.lineage_links} biến động, {c.people} người, {c.assignments} chức vụ, {c.branches} chi hội."
            ))
        else:
            self.stdout.write("Dữ liệu trình diễn đã có sẵn, không thay đổi gì (dùng --reset để nạp lại từ đầu).")
        seed.load_modules_demo(out=self.stdout.write)
        self.stdout.write("Tài khoản trình diễn:")
        for username, password, description in seed.all_demo_logins():
            self.stdout.write(f"  {username:<11} / {password}  — {description}")
