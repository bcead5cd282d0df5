from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from doanket.core.backup import BackupError, read_manifest, restore_backup, table_counts


class Command(BaseCommand):
    help = "Khôi phục CSDL và tệp tải lên từ bản sao lưu (Restore a backup). Ghi đè dữ liệu hiện có."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--yes", action="store_true", help="không hỏi lại")

    def handle(self, *args, **options):
        archive = Path(options["archive"])
        if not archive.is_file():
            raise CommandError(f"Không tìm thấy tệp {archive}")
        manifest = read_manifest(archive)
        if not options["yes"]:
            answer = input(f"Ghi đè toàn bộ dữ liệu bằng bản sao lưu lúc {manifest['created']}? Gõ 'dong y': ")
            if answer.strip() != "dong y":
                raise CommandError("Đã huỷ.")
        try:
            restore_backup(archive)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        now = table_counts()
        differ = {t: (n, now.get(t)) for t, n in manifest["tables"].items() if now.get(t) != n}
        if differ:
            raise CommandError(f"Số bản ghi khác bản sao lưu: {differ}")
        self.stdout.write(self.style.SUCCESS("Đã khôi phục; số bản ghi khớp với bản sao lưu."))
