from django.core.management.base import BaseCommand

from lantoa.activities.models import ActivityRollup
from lantoa.activities.rollup import rollup_rebuild


class Command(BaseCommand):
    help = (
        "Recompute the activity rollup (the upper units' sums per half-month) from the activity "
        "rows: after activities were changed by raw SQL or a restored backup."
    )

    def handle(self, *args, **options):
        rollup_rebuild()
        self.stdout.write(f"Rollup rebuilt: {ActivityRollup.objects.count()} rows.")
