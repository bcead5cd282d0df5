from django.db import migrations


def forwards(apps, schema_editor):
    from doanket.petitions.reference import ensure_reference

    ensure_reference(apps.get_model("petitions", "Sector"), apps.get_model("petitions", "DeadlineRule"))


class Migration(migrations.Migration):

    dependencies = [
        ("petitions", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
