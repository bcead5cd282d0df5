"""Reference data every instance starts with (unit types, member organisations, positions).

It is written by the data migrations named `*_reference_data`; this re-runs them, for a database
that was flushed (a demo reset, transactional tests)."""

from __future__ import annotations

from django.apps import apps as global_apps
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations.special import RunPython


def reload_reference_data() -> None:
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    state_apps = loader.project_state().apps
    project_labels = {c.label for c in global_apps.get_app_configs() if c.name.startswith("doanket.")}
    for (label, name), migration in sorted(loader.disk_migrations.items()):
        if label not in project_labels or not name.endswith("reference_data"):
            continue
        with connection.schema_editor(atomic=True) as editor:
            for op in migration.operations:
                if isinstance(op, RunPython):
                    op.code(state_apps, editor)
