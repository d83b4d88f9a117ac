import copy
import io
import statistics
from collections import Counter

from django.core.management import CommandError, call_command
from django.db import connection
from django.test import TestCase

from lantoa.activities.models import Activity
from lantoa.bench.generate import ACTIVITY_COLUMNS
from lantoa.units.models import LEVEL_FIELDS, Headcount, Unit, UnitKind, UnitLink
from lantoa.units.selectors import TreeHistory


def generate(**options):
    call_command("generate_data", "--scale", "tiny", "--seed", "3", stdout=io.StringIO(), **options)


class GeneratedTinyProvinceTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        generate()

    def test_it_builds_a_province_of_upper_units_and_grassroots_unions(self):
        kinds = Counter(Unit.objects.values_list("kind__code", flat=True))
        self.assertEqual(kinds[UnitKind.PROVINCIAL_FEDERATION], 1)
        self.assertEqual(kinds[UnitKind.GRASSROOTS_UNION], 40)
        self.assertEqual(sum(kinds.values()), 1 + 4 + 40)
        root = Unit.objects.get(kind__code=UnitKind.PROVINCIAL_FEDERATION)
        uppers = UnitLink.objects.filter(parent=root).values_list("unit__kind__code", flat=True)
        self.assertEqual(len(uppers), 4)
        self.assertNotIn(UnitKind.GRASSROOTS_UNION, uppers)
        parents = UnitLink.objects.filter(unit__kind__code=UnitKind.GRASSROOTS_UNION)
        self.assertFalse(parents.filter(parent=root).exists())

    def test_it_stamps_every_activity_as_the_model_would(self):
        history = TreeHistory()
        fields = ["items", "fingerprint", "search_text", "place_kind"]
        for activity in Activity.objects.select_related("unit", "place", "outlet"):
            expected = copy.copy(activity)
            expected.refresh_derived()
            expected.stamp_levels(history.path(activity.unit_id, activity.date))
            self.assertEqual(activity.levels, expected.levels, activity.pk)
            for field in fields:
                self.assertEqual(getattr(activity, field), getattr(expected, field), field)

    def test_it_stamps_every_headcount_as_the_model_would(self):
        for headcount in Headcount.objects.all():
            expected = copy.copy(headcount)
            expected.stamp_levels()
            self.assertEqual(
                [getattr(headcount, name) for name in LEVEL_FIELDS],
                [getattr(expected, name) for name in LEVEL_FIELDS],
                headcount.pk,
            )

    def test_it_generates_only_valid_activities(self):
        for activity in Activity.objects.select_related("unit", "place", "outlet", "plan_line"):
            activity.full_clean()

    def test_it_makes_a_few_unions_very_active_and_many_quiet(self):
        counts = Counter(
            Activity.objects.filter(unit__kind__code=UnitKind.GRASSROOTS_UNION).values_list(
                "unit_id", flat=True
            )
        )
        per_union = sorted(
            counts.get(pk, 0)
            for pk in Unit.objects.filter(kind__code=UnitKind.GRASSROOTS_UNION).values_list(
                "pk", flat=True
            )
        )
        busiest = per_union[-4:]  # a tenth of the unions
        self.assertGreater(sum(busiest), 0.3 * sum(per_union))
        self.assertGreater(statistics.mean(per_union), 1.5 * statistics.median(per_union))

    def test_it_generates_every_column_of_the_activity_table(self):
        table = [field.column for field in Activity._meta.concrete_fields if not field.primary_key]
        self.assertEqual(sorted(ACTIVITY_COLUMNS), sorted(table))

    def test_it_refuses_a_database_that_already_holds_data(self):
        with self.assertRaisesMessage(CommandError, "already holds units"):
            generate()


class NationalScaleTests(TestCase):
    def test_it_refuses_the_national_scale_without_postgresql(self):
        if connection.vendor == "postgresql":
            self.skipTest("PostgreSQL takes it")
        with self.assertRaisesMessage(CommandError, "needs PostgreSQL"):
            call_command("generate_data", "--scale", "national", stdout=io.StringIO())
