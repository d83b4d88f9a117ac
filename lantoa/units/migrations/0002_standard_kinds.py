from django.db import migrations

from lantoa.units.kinds import ensure_standard_kinds


def add_kinds(apps, schema_editor):
    ensure_standard_kinds(apps.get_model("units", "UnitKind"))


class Migration(migrations.Migration):
    dependencies = [("units", "0001_initial")]

    operations = [migrations.RunPython(add_kinds, migrations.RunPython.noop)]
