"""The catalogue of event types every instance starts with (administrators may add more)."""

from django.db import migrations

# (code, name, noun used in articles, counts as training, rank)
EVENT_TYPES = [
    ("hoi-nghi", "Hội nghị", "hội nghị", False, 10),
    ("tap-huan", "Tập huấn, bồi dưỡng", "hội nghị", True, 20),
    ("hoi-thao", "Hội thảo", "hội thảo", False, 30),
    ("tiep-xuc-cu-tri", "Tiếp xúc cử tri", "hội nghị", False, 40),
    ("ngay-hoi-dai-doan-ket", "Ngày hội Đại đoàn kết toàn dân tộc", "ngày hội", False, 50),
]


def forwards(apps, schema_editor):
    EventType = apps.get_model("events", "EventType")
    for code, name, noun, training, rank in EVENT_TYPES:
        EventType.objects.update_or_create(
            code=code, defaults={"name": name, "noun": noun, "is_training": training, "rank": rank}
        )


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
