from unittest import mock

from django.http import Http404
from django.test import RequestFactory

from lantoa.accounts import scope
from lantoa.accounts.models import Role, User
from lantoa.accounts.scope import get_unit_for_user, restrict, visible_units
from lantoa.test import ScenarioTestCase
from lantoa.units.models import Place


class ScopeTestCase(ScenarioTestCase):
    def codes(self, user):
        return set(visible_units(user).values_list("code", flat=True))

    def test_it_gives_an_officer_their_units_subtree(self):
        self.assertEqual(self.codes(self.officer_a), {"A", "A-1"})

    def test_it_gives_a_viewer_the_same_subtree_as_their_officer(self):
        self.assertEqual(self.codes(self.viewer_b), {"B", "B-1"})

    def test_it_gives_the_administrator_every_unit(self):
        self.assertEqual(self.codes(self.admin), {"P", "A", "B", "A-1", "B-1"})

    def test_it_gives_a_user_without_unit_nothing(self):
        stray = User.objects.create(username="stray", role=Role.OFFICER)
        self.assertEqual(self.codes(stray), set())

    def test_it_gives_an_inactive_user_nothing(self):
        self.officer_a.is_active = False
        self.assertEqual(self.codes(self.officer_a), set())

    def test_it_hides_an_out_of_scope_unit_as_not_found(self):
        request = RequestFactory().get("/")
        request.user = self.officer_a
        with self.assertRaises(Http404):
            get_unit_for_user(request, self.grassroots_b.pk)

    def restricted_places(self, user):
        return set(restrict(Place.objects.all(), user).values_list("name", flat=True))

    def test_it_restricts_records_to_the_units_in_scope_named_one_by_one(self):
        self.assertEqual(self.restricted_places(self.officer_a), {self.place_a.name})

    def test_it_restricts_records_through_the_tree_when_the_scope_is_too_large_to_name(self):
        with mock.patch.object(scope, "_LISTED_UNITS", 1):
            self.assertEqual(self.restricted_places(self.officer_a), {self.place_a.name})
