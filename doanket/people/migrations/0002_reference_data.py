"""The catalogue of positions every instance starts with; trigram search index on PostgreSQL."""

from django.db import migrations

from doanket.core.text import sort_key

# (name, abbreviation, body, rank): rank orders a unit's committee list.
POSITIONS = [
    ("Ủy viên Ban Thường vụ", "UVTV", "party", 5),
    ("Chủ tịch Ủy ban MTTQ Việt Nam", "", "front", 10),
    ("Phó Chủ tịch Ủy ban MTTQ Việt Nam", "", "front", 20),
    ("Ủy viên Thường trực Ủy ban MTTQ Việt Nam", "UVTT", "front", 30),
    ("Ủy viên Ủy ban MTTQ Việt Nam", "", "front", 40),
    ("Trưởng ban công tác Mặt trận khu dân cư", "Trưởng ban CTMT", "front", 50),
    ("Phó Trưởng ban công tác Mặt trận khu dân cư", "Phó Trưởng ban CTMT", "front", 55),
    ("Thành viên Ban công tác Mặt trận khu dân cư", "", "front", 60),
    ("Giám đốc Trung tâm Bồi dưỡng cán bộ và Nghiên cứu khoa học MTTQ Việt Nam", "", "front", 25),
    ("Phó Trưởng Ban Dân vận Quận ủy", "", "party", 35),
    ("Trưởng Ban Dân vận", "", "party", 34),
    ("Bí thư Chi bộ", "", "party", 45),
    ("Tổ trưởng tổ dân phố", "", "state", 65),
    ("Chi hội trưởng", "", "member_org", 70),
    ("Chi hội phó", "", "member_org", 75),
    ("Bí thư Chi đoàn", "", "member_org", 70),
]


def forwards(apps, schema_editor):
    Position = apps.get_model("people", "Position")
    for name, abbr, body, rank in POSITIONS:
        Position.objects.update_or_create(
            name=name, defaults={"abbreviation": abbr, "body": body, "rank": rank, "sort_key": sort_key(name)}
        )
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS person_search_trgm ON people_person USING gin (search_text gin_trgm_ops)"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS person_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
