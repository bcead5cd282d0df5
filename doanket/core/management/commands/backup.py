from pathlib import Path

from django.core.management.base import BaseCommand

from doanket.core.backup import make_backup


class Command(BaseCommand):
    help = "Sao lưu CSDL và tệp tải lên vào một tệp .tar.gz (Back up the database and uploads)."

    def add_arguments(self, parser):
        parser.add_argument("--output", default="backups", help="thư mục chứa bản sao lưu")

    def handle(self, *args, **options):
        archive = make_backup(Path(options["output"]))
        self.stdout.write(self.style.SUCCESS(f"Đã sao lưu: {archive}"))
