from django.db import migrations

from lantoa.activities.outlets import ensure_standard_outlets


def add_outlets(apps, schema_editor):
    ensure_standard_outlets(apps.get_model("activities", "MediaOutlet"))


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial")]

    operations = [migrations.RunPython(add_outlets, migrations.RunPython.noop)]
