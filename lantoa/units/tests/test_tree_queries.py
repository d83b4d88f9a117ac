import datetime

from django.core.exceptions import ValidationError

from lantoa.test import ScenarioTestCase, make_unit
from lantoa.units import services
from lantoa.units.models import Unit, UnitKind
from lantoa.units.selectors import TreeHistory
from lantoa.units.signals import tree_changed

D2018 = datetime.date(2018, 3, 2)
MOVE_DAY = datetime.date(2025, 7, 1)


class TreeQueriesTestCase(ScenarioTestCase):
    def test_it_lists_a_subtree_on_a_date_in_one_query(self):
        with self.assertNumQueries(1):
            codes = set(
                Unit.objects.subtree_of(self.province, on=D2018).values_list("code", flat=True)
            )
        self.assertEqual(codes, {"P", "A", "B", "A-1", "B-1"})

    def test_it_lists_ancestors_on_a_date_in_one_query(self):
        with self.assertNumQueries(1):
            chain = [unit.code for unit in self.grassroots_a.ancestors(on=D2018)]
        self.assertEqual(chain, ["P", "A", "A-1"])

    def test_it_leaves_out_units_not_yet_linked_on_the_date(self):
        make_unit(
            "A-2",
            UnitKind.GRASSROOTS_UNION,
            "CĐCS mới",
            self.district_a,
            since=datetime.date(2019, 1, 1),
        )
        codes = set(
            Unit.objects.subtree_of(self.district_a, on=D2018).values_list("code", flat=True)
        )
        self.assertEqual(codes, {"A", "A-1"})

    def test_it_keeps_the_old_tree_for_dates_before_a_move(self):
        services.unit_move(unit=self.grassroots_a, new_parent=self.district_b, on=MOVE_DAY)
        before = set(
            Unit.objects.subtree_of(self.district_a, on=D2018).values_list("code", flat=True)
        )
        after = set(
            Unit.objects.subtree_of(self.district_b, on=MOVE_DAY).values_list("code", flat=True)
        )
        self.assertEqual(before, {"A", "A-1"})
        self.assertEqual(after, {"B", "B-1", "A-1"})
        self.assertEqual(self.grassroots_a.parent_on(D2018), self.district_a)
        self.assertEqual(self.grassroots_a.parent_on(MOVE_DAY), self.district_b)

    def test_it_tells_other_apps_which_units_moved_and_since_when(self):
        received = []

        def receiver(sender, unit_ids, since, **kwargs):
            received.append((sorted(unit_ids), since))

        tree_changed.connect(receiver)
        self.addCleanup(tree_changed.disconnect, receiver)
        services.unit_move(unit=self.district_a, new_parent=self.district_b, on=MOVE_DAY)
        self.assertEqual(received, [(sorted([self.district_a.pk, self.grassroots_a.pk]), MOVE_DAY)])

    def test_it_refuses_to_move_a_unit_below_its_own_subtree(self):
        with self.assertRaisesMessage(ValidationError, "trực thuộc chính nó"):
            services.unit_move(unit=self.district_a, new_parent=self.grassroots_a, on=MOVE_DAY)

    def test_it_keeps_a_closed_unit_in_its_last_parents_scope(self):
        link = self.grassroots_b.parent_links.get()
        link.valid_to = MOVE_DAY
        link.save()
        self.grassroots_b.closed_on = MOVE_DAY
        self.grassroots_b.save()
        scope = set(Unit.objects.scope_of(self.district_b).values_list("code", flat=True))
        self.assertEqual(scope, {"B", "B-1"})

    def test_it_drops_a_moved_unit_from_its_former_parents_scope(self):
        services.unit_move(unit=self.grassroots_a, new_parent=self.district_b, on=MOVE_DAY)
        self.assertEqual(
            set(Unit.objects.scope_of(self.district_a).values_list("code", flat=True)), {"A"}
        )

    def test_it_finds_the_roots_on_a_date(self):
        self.assertEqual(list(Unit.objects.roots(on=D2018)), [self.province])


class TreeHistoryTestCase(ScenarioTestCase):
    def test_it_gives_the_path_from_the_root_as_it_stood_on_each_date(self):
        services.unit_move(unit=self.grassroots_a, new_parent=self.district_b, on=MOVE_DAY)
        history = TreeHistory()
        ids = (self.province.pk, self.district_a.pk, self.grassroots_a.pk)
        self.assertEqual(history.path(self.grassroots_a.pk, D2018), ids)
        moved = (self.province.pk, self.district_b.pk, self.grassroots_a.pk)
        self.assertEqual(history.path(self.grassroots_a.pk, MOVE_DAY), moved)

    def test_it_agrees_with_the_recursive_query(self):
        history = TreeHistory()
        expected = tuple(unit.pk for unit in self.grassroots_b.ancestors(on=D2018))
        self.assertEqual(history.path(self.grassroots_b.pk, D2018), expected)

    def test_it_reads_only_the_links_of_the_units_it_meets_and_those_above(self):
        history = TreeHistory(unit_ids=[self.grassroots_a.pk])
        self.assertEqual(
            history.path(self.grassroots_a.pk, D2018),
            TreeHistory().path(self.grassroots_a.pk, D2018),
        )
        self.assertEqual(
            history.ever_above([self.grassroots_a.pk]), {self.province.pk, self.district_a.pk}
        )
        with self.assertRaises(LookupError):
            history.path(self.grassroots_b.pk, D2018)

    def test_it_reads_each_link_once_when_units_are_loaded_again(self):
        history = TreeHistory(unit_ids=[self.grassroots_a.pk])
        with self.assertNumQueries(2):  # grassroots_b's links, then district_b's
            history.load([self.grassroots_a.pk, self.grassroots_b.pk])
        expected = (self.province.pk, self.district_b.pk, self.grassroots_b.pk)
        self.assertEqual(history.path(self.grassroots_b.pk, D2018), expected)
