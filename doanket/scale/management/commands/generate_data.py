"""manage.py generate_data --scale district|province|national [--seed N] [--flush]

Deterministic synthetic data for benchmarks and load tests (see doanket/scale/generator.py)."""

from __future__ import annotations

import json
import time
from dataclasses import asdict, replace
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from doanket.people.models import Person
from doanket.scale.generator import SCALES, generate


class Command(BaseCommand):
    help = ("Sinh dữ liệu tổng hợp có tính tất định (cùng --seed, cùng dữ liệu) ở quy mô một quận (~10.000 người), "
            "một tỉnh (~38.000) hoặc toàn quốc (~1.000.000 người, ~5.000.000 lượt mời/điểm danh, ~200.000 bài viết), "
            "trên danh mục thật 34 tỉnh, 3.321 xã. Ghi hàng loạt (COPY trên PostgreSQL), không ghi lịch sử thay đổi.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", choices=sorted(SCALES), default="district", help="quy mô (mặc định: district)")
        parser.add_argument("--seed", type=int, default=1, help="hạt giống ngẫu nhiên (mặc định 1)")
        parser.add_argument("--communes", type=int, default=None,
                            help="chỉ sinh dữ liệu cho chừng này xã đầu tiên của quy mô đã chọn (thử nhanh)")
        parser.add_argument("--flush", action="store_true",
                            help="XOÁ TOÀN BỘ dữ liệu của cơ sở dữ liệu (kể cả tài khoản) trước khi sinh.")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive",
                            help="Không hỏi xác nhận khi --flush.")
        parser.add_argument("--password", default="doanket2025",
                            help="mật khẩu của các tài khoản thử quymo-trunguong, quymo-tinh, quymo-xa "
                                 "(mặc định doanket2025; rỗng: không tạo tài khoản)")
        parser.add_argument("--json", dest="json_path", help="ghi số bản ghi và thời gian vào tệp JSON này")

    def handle(self, *args: Any, **options: Any) -> None:
        if Person.objects.exists():
            if not options["flush"]:
                raise CommandError("Cơ sở dữ liệu đã có dữ liệu người; chạy lại với --flush để xoá hết trước khi sinh.")
            if options["interactive"]:
                answer = input(f"XOÁ TOÀN BỘ dữ liệu của {connection.settings_dict['NAME']}? Gõ 'xoa' để tiếp tục: ")
                if answer.strip().lower() != "xoa":
                    raise CommandError("Đã huỷ.")
        if options["flush"]:
            from doanket.demo.seed import reset_database

            start = time.perf_counter()
            reset_database()
            self.stdout.write(f"Đã xoá dữ liệu cũ ({time.perf_counter() - start:.1f} s).")

        self.stdout.write(f"Cơ sở dữ liệu: {connection.vendor} {connection.settings_dict['NAME']}")
        spec = SCALES[options["scale"]]
        if options["communes"] is not None:
            spec = replace(spec, max_communes=max(1, options["communes"]))
        result = generate(spec, seed=options["seed"], password=options["password"] or None,
                          progress=lambda msg: self.stdout.write(msg))
        c = result.counts
        s = result.seconds
        self.stdout.write(self.style.SUCCESS(
            f"Xong trong {s['total']:.1f} s (danh mục {s['catalogue']:.1f} s, ghi dữ liệu {s['rows']:.1f} s, "
            f"ANALYZE {s['analyze']:.1f} s): {c.units:,} khu dân cư, {c.branches:,} chi hội, {c.people:,} người, "
            f"{c.assignments:,} chức vụ, {c.events:,} sự kiện, {c.invitations:,} lượt mời ({c.present:,} có mặt), "
            f"{c.articles:,} bài viết, {c.users} tài khoản thử."))
        if options["json_path"]:
            payload = {"scale": result.scale, "seed": result.seed, "database": connection.vendor,
                       "counts": asdict(c), "seconds": {k: round(v, 2) for k, v in s.items()},
                       "measured_at": time.strftime("%Y-%m-%d %H:%M:%S")}
            with open(options["json_path"], "w", encoding="utf-8") as fh:
                json.dump(payload, fh, ensure_ascii=False, indent=2)
