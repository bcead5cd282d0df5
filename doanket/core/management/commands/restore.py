from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from doanket.core.backup import BackupError, read_manifest, restore_backup


class Command(BaseCommand):
    help = ("Khôi phục CSDL và tệp tải lên từ bản sao lưu (Restore a backup). Kiểm tra toàn bộ bản sao lưu, khôi "
            "phục vào CSDL và thư mục mới, rồi mới chuyển sang; bản cũ được giữ lại. Với --database/--media: chỉ "
            "khôi phục vào đích đã chỉ định, không đụng đến hệ thống đang chạy.")

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--yes", action="store_true", help="không hỏi lại")
        parser.add_argument("--database", help="khôi phục vào CSDL mới tên này (PostgreSQL) hoặc tệp này (SQLite), "
                                               "không chuyển hệ thống sang")
        parser.add_argument("--media", help="khôi phục tệp tải lên vào thư mục mới này, không chuyển hệ thống sang")

    def handle(self, *args, **options):
        archive = Path(options["archive"])
        if not archive.is_file():
            raise CommandError(f"Không tìm thấy tệp {archive}")
        named = options["database"] or options["media"]
        try:
            manifest = read_manifest(archive)
            if not options["yes"] and not named:
                answer = input(f"Thay toàn bộ dữ liệu đang chạy bằng bản sao lưu lúc {manifest['created']}? "
                               "Gõ 'dong y': ")
                if answer.strip() != "dong y":
                    raise CommandError("Đã huỷ.")
            manifest = restore_backup(archive, database=options["database"], media=options["media"])
        except BackupError as exc:
            raise CommandError(f"Không khôi phục (hệ thống đang chạy không bị thay đổi): {exc}") from exc
        where = ", ".join(f"{k}: {v}" for k, v in manifest["restored_to"].items())
        self.stdout.write(self.style.SUCCESS(
            f"Đã khôi phục; số bản ghi khớp với bản sao lưu ({sum(manifest['tables'].values())} bản ghi). {where}"))
