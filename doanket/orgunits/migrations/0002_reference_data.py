"""Unit types and member organisations every instance starts with; search index on PostgreSQL."""

from django.db import migrations

UNIT_TYPES = [
    ("central", "Trung ương", 0, False),
    ("province", "Tỉnh, thành phố", 1, False),
    ("district", "Quận, huyện, thị xã (trước 1/7/2025)", 2, True),
    ("commune", "Xã, phường, đặc khu", 3, False),
    ("area", "Khu dân cư", 4, False),
]

MEMBER_ORGS = [
    ("cong-doan", "Công đoàn Việt Nam", "Công đoàn", True),
    ("hoi-nong-dan", "Hội Nông dân Việt Nam", "Hội Nông dân", True),
    ("doan-thanh-nien", "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Đoàn Thanh niên", True),
    ("hoi-phu-nu", "Hội Liên hiệp Phụ nữ Việt Nam", "Hội Phụ nữ", True),
    ("hoi-cuu-chien-binh", "Hội Cựu chiến binh Việt Nam", "Hội Cựu chiến binh", True),
    ("hoi-nguoi-cao-tuoi", "Hội Người cao tuổi Việt Nam", "Hội Người cao tuổi", False),
    ("hoi-chu-thap-do", "Hội Chữ thập đỏ Việt Nam", "Hội Chữ thập đỏ", False),
]


def forwards(apps, schema_editor):
    UnitType = apps.get_model("orgunits", "UnitType")
    for code, name, level, historic in UNIT_TYPES:
        UnitType.objects.update_or_create(code=code, defaults={"name": name, "level": level, "is_historic": historic})
    MemberOrganisation = apps.get_model("orgunits", "MemberOrganisation")
    for code, name, short, sp in MEMBER_ORGS:
        MemberOrganisation.objects.update_or_create(
            code=code, defaults={"name": name, "short_name": short, "is_socio_political": sp}
        )
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS orgunit_search_trgm ON orgunits_orgunit USING gin (search_text gin_trgm_ops)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS orgunit_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("orgunits", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
