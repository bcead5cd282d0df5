"""Posted entries are append-only, held by the database: a trigger refuses any UPDATE of an entry (and on
PostgreSQL any DELETE too), whatever code path tries it. Corrections are reversal entries.

SQLite gets no DELETE trigger: Django's test flush empties tables with DELETE there (PostgreSQL's flush
is a TRUNCATE, which row triggers do not see), and entries are still protected from deletion by the
model's delete() and by the PROTECT foreign keys of the documents they belong to."""

from django.db import migrations

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION funds_entry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'funds_entry is append-only: post a reversal entry instead of changing an entry';
END;
$$ LANGUAGE plpgsql;
"""
PG_TRIGGER = """
CREATE TRIGGER funds_entry_append_only BEFORE UPDATE OR DELETE ON funds_entry
FOR EACH ROW EXECUTE FUNCTION funds_entry_append_only();
"""
SQLITE_TRIGGER = """
CREATE TRIGGER funds_entry_append_only BEFORE UPDATE ON funds_entry
BEGIN
    SELECT RAISE(ABORT, 'funds_entry is append-only: post a reversal entry instead of changing an entry');
END;
"""


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_FUNCTION)
        schema_editor.execute(PG_TRIGGER)
    elif vendor == "sqlite":
        schema_editor.execute(SQLITE_TRIGGER)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS funds_entry_append_only ON funds_entry;")
        schema_editor.execute("DROP FUNCTION IF EXISTS funds_entry_append_only();")
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS funds_entry_append_only;")


class Migration(migrations.Migration):
    dependencies = [("funds", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
