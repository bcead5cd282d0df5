"""Which unit type may sit under which: central → province → district (before 1/7/2025) → commune/ward/special
zone → residential area; since 1/7/2025 communes sit directly under their province. Named `*reference_data` so
that `core.reference.reload_reference_data` puts it back after a flush. Operators' own rules are kept."""

from django.db import migrations

ALLOWED_PARENTS = {
    "province": ["central"],
    "district": ["province"],
    "commune": ["district", "province"],
    "area": ["commune"],
}


def forwards(apps, schema_editor):
    UnitType = apps.get_model("orgunits", "UnitType")
    types = {t.code: t for t in UnitType.objects.all()}
    for child, parents in ALLOWED_PARENTS.items():
        if child in types:
            types[child].allowed_parents.add(*[types[p] for p in parents if p in types])


class Migration(migrations.Migration):
    dependencies = [("orgunits", "0004_unittype_allowed_parents")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
