"""Backup and restore round trip on the database in use (SQLite or PostgreSQL) and the uploads."""

import pytest
from django.core.management import call_command

from doanket.core.backup import read_manifest, table_counts
from doanket.people import services
from doanket.people.models import Person


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_gives_back_the_same_data_and_files(tree, people, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    (tmp_path / "media" / "tai-lieu").mkdir(parents=True)
    (tmp_path / "media" / "tai-lieu" / "bien-ban.pdf").write_bytes(b"%PDF-1.4 thu nghiem")
    before = table_counts()
    call_command("backup", output=str(tmp_path / "saoluu"), verbosity=0)
    archive = next((tmp_path / "saoluu").glob("doanket-*.tar.gz"))
    assert read_manifest(archive)["tables"] == before

    # Damage: a person deleted, another added, the upload lost.
    services.person_delete(actor=None, person=people.km)
    services.person_create(actor=None, unit=tree.district, full_name="Người Mới Sau Sao Lưu")
    (tmp_path / "media" / "tai-lieu" / "bien-ban.pdf").unlink()

    call_command("restore", str(archive), yes=True, verbosity=0)
    assert table_counts() == before
    assert Person.objects.filter(full_name="Nguyễn Thị Đức Hạnh").exists()
    assert not Person.objects.filter(full_name="Người Mới Sau Sao Lưu").exists()
    assert (tmp_path / "media" / "tai-lieu" / "bien-ban.pdf").read_bytes() == b"%PDF-1.4 thu nghiem"


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_damaged_archive(tree, tmp_path, settings):
    import tarfile

    from django.core.management.base import CommandError

    settings.MEDIA_ROOT = str(tmp_path / "media")
    call_command("backup", output=str(tmp_path), verbosity=0)
    archive = next(tmp_path.glob("doanket-*.tar.gz"))
    broken = tmp_path / "broken.tar.gz"
    with tarfile.open(archive) as src, tarfile.open(broken, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member)
            if member.name.startswith("db.") and data is not None:
                content = bytearray(data.read())
                content[len(content) // 2] ^= 0xFF
                import io

                member.size = len(content)
                dst.addfile(member, io.BytesIO(bytes(content)))
            else:
                dst.addfile(member, data)
    with pytest.raises(CommandError, match="checksum"):
        call_command("restore", str(broken), yes=True, verbosity=0)
