"""Walk every page of the site as officers of two sibling district federations.

Neither may see or change the other's records. Every named URL must appear below: a new page,
export or API endpoint fails `test_it_walks_every_url_of_the_site` until it joins the walk.
"""

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from lantoa.accounts.models import Role
from lantoa.plans.models import PlanImport
from lantoa.plans.tests.factories import cascade
from lantoa.test import MARKER_A, MARKER_B, ScenarioTestCase, make_user


@dataclass
class Page:
    """A page without a record in its URL: it lists or sums what its user may see."""

    query: str = ""


@dataclass
class Owned:
    """A page about one record; `kwargs(scenario, side)` builds the URL of side "a" or "b"."""

    kwargs: callable
    admin_only: bool = False
    methods: tuple = field(default=("get", "post"))


def side_unit(s, side):
    return s.district_a if side == "a" else s.district_b


def side_grassroots(s, side):
    return s.grassroots_a if side == "a" else s.grassroots_b


def side_place(s, side):
    return s.place_a if side == "a" else s.place_b


def side_record(name):
    """The scenario attribute `name_a` or `name_b`, as URL kwargs."""
    return lambda s, side: {"pk": getattr(s, f"{name}_{side}").pk}


ROUTES = {
    "home": Page(),
    "unit_list": Page(),
    "unit_list?q": Page(query="?q=sibling"),
    "unit_create": Owned(lambda s, side: {}, admin_only=True),
    "unit_detail": Owned(lambda s, side: {"pk": side_grassroots(s, side).pk}),
    "unit_edit": Owned(lambda s, side: {"pk": side_grassroots(s, side).pk}, admin_only=True),
    "headcount_edit": Owned(lambda s, side: {"pk": side_grassroots(s, side).pk}),
    "place_create": Owned(lambda s, side: {"pk": side_unit(s, side).pk}, admin_only=True),
    "place_edit": Owned(lambda s, side: {"pk": side_place(s, side).pk}, admin_only=True),
    "notification_list": Page(),
    "document_template": Owned(lambda s, side: {}, admin_only=True),
    "document_template_download": Owned(lambda s, side: {}, admin_only=True, methods=("get",)),
    "plan_list": Page(),
    "plan_list?filters": Page(query="?q=ke+hoach&year=2018&status=issued"),
    "plan_create": Owned(lambda s, side: {}),
    "plan_import": Owned(lambda s, side: {}, admin_only=True),
    "plan_import_review": Owned(lambda s, side: {"pk": s.plan_import[side].pk}, admin_only=True),
    "plan_detail": Owned(lambda s, side: {"pk": s.subplan[side].pk}),
    "plan_edit": Owned(lambda s, side: {"pk": s.draft[side].pk}),
    "plan_targets": Owned(lambda s, side: {"pk": s.draft[side].pk}),
    "plan_issue": Owned(lambda s, side: {"pk": s.draft[side].pk}),
    "plan_remind": Owned(lambda s, side: {"pk": s.subplan[side].pk}),
    "plan_delete": Owned(lambda s, side: {"pk": s.draft[side].pk}),
    "plan_docx": Owned(lambda s, side: {"pk": s.subplan[side].pk}, methods=("get",)),
    "plan_pdf": Owned(lambda s, side: {"pk": s.subplan[side].pk}, methods=("get",)),
    "deployment_acknowledge": Owned(lambda s, side: {"pk": s.grassroots_deployment[side].pk}),
    "deployment_subplan": Owned(lambda s, side: {"pk": s.grassroots_deployment[side].pk}),
    "activity_list": Page(),
    "activity_list?filters": Page(query="?q=sibling&period=2018&below=1"),
    "activity_create": Page(),
    "activity_create?kind": Page(query="?kind=media"),
    "activity_create?plan_lines": Page(query="?kind=talk&date=2018-03-20"),
    "activity_export": Page(query="?format=csv"),
    "activity_export?xlsx": Page(query="?format=xlsx"),
    "activity_import": Page(),
    "activity_import_template": Page(query="?kind=talk"),
    "activity_import_job": Owned(side_record("import_job")),
    "activity_detail": Owned(side_record("activity")),
    "activity_edit": Owned(side_record("activity")),
    "activity_delete": Owned(side_record("activity")),
    "activity_restore": Owned(side_record("deleted_activity")),
    "evidence_add": Owned(side_record("activity")),
    "evidence_file": Owned(side_record("evidence")),
    "evidence_thumbnail": Owned(side_record("evidence")),
    "evidence_remove": Owned(side_record("evidence")),
    "evidence_restore": Owned(side_record("evidence")),
    "report_list": Page(),
    "report_list?year": Page(query="?year=2018"),
    "report_start": Owned(
        lambda s, side: {
            "plan": s.subplan[side].pk,
            "unit": side_grassroots(s, side).pk,
            "period": "2018S1",
        }
    ),
    "report_detail": Owned(side_record("report")),
    "report_edit": Owned(side_record("report")),
    "report_adjust": Owned(side_record("report")),
    "report_submit": Owned(side_record("report")),
    "report_return": Owned(side_record("submitted_report")),
    "report_accept": Owned(side_record("submitted_report")),
    "report_reopen": Owned(side_record("accepted_report")),
    "report_docx": Owned(side_record("report"), methods=("get",)),
    "report_pdf": Owned(side_record("report"), methods=("get",)),
    "report_xlsx": Owned(side_record("report"), methods=("get",)),
    "report_consolidated": Owned(
        lambda s, side: {"unit": side_unit(s, side).pk, "period": "2018Q1"}, methods=("get",)
    ),
    "report_consolidated_xlsx": Owned(
        lambda s, side: {"unit": side_unit(s, side).pk, "period": "2018"}, methods=("get",)
    ),
    "report_completeness": Owned(
        lambda s, side: {"unit": side_unit(s, side).pk, "period": "2018Q1"}, methods=("get",)
    ),
}

# Pages about the signed-in user only, or no data at all.
WITHOUT_RECORDS = {
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "set_language",
}


def named_routes(patterns=None, namespace=None):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = pattern.namespace or namespace
            yield from named_routes(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def readable_text(response):
    """The text of a page, a CSV file, or every part of an XLSX workbook (a zip of XML)."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(content)) as workbook:
            return "".join(workbook.read(name).decode("utf-8") for name in workbook.namelist())
    return content.decode("utf-8")


class SiblingScopeTestCase(ScenarioTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cascade(cls)
        seed = Path(__file__).parents[1] / "documents" / "tests" / "fixtures" / "seed_plan.txt"
        cls.plan_import = {
            side: PlanImport.objects.create(
                filename=f"{marker}.txt",
                text=seed.read_text(encoding="utf-8"),
                uploaded_by=cls.admin,
            )
            for side, marker in [("a", MARKER_A), ("b", MARKER_B)]
        }
        # Records of each side, as the apps' own test helpers make them.
        from lantoa.activities import services as activity_services
        from lantoa.activities.evidence import check_upload
        from lantoa.activities.models import ImportJob
        from lantoa.activities.tests.factories import image_bytes, make_activity, upload

        for side, unit, officer, marker in [
            ("a", cls.grassroots_a, cls.officer_a, MARKER_A),
            ("b", cls.grassroots_b, cls.officer_b, MARKER_B),
        ]:
            line = cls.subplan[side].activity_lines.get(kind="talk")
            activity = make_activity(unit, title=f"Tọa đàm {marker}", user=officer, plan_line=line)
            deleted = make_activity(unit, title=f"Đã xóa {marker}", user=officer)
            activity_services.activity_delete(activity=deleted, user=officer)
            photo = check_upload(upload(f"anh-{marker}.jpg", image_bytes("JPEG", (64, 48))))
            evidence = activity_services.evidence_add(activity=activity, upload=photo, user=officer)
            job = ImportJob.objects.create(created_by=officer, original_name=f"{marker}.xlsx")
            setattr(cls, f"activity_{side}", activity)
            setattr(cls, f"deleted_activity_{side}", deleted)
            setattr(cls, f"evidence_{side}", evidence)
            setattr(cls, f"import_job_{side}", job)
        cls.reports_of_each_side()

    @classmethod
    def reports_of_each_side(cls):
        """Each district's draft, its grassroots union's report waiting for the district's
        review (second quarter) and one the district accepted (first quarter)."""
        from lantoa.periods.period import Period
        from lantoa.reports import services as report_services

        for side, district, officer in [
            ("a", cls.district_a, cls.officer_a),
            ("b", cls.district_b, cls.officer_b),
        ]:
            grassroots = side_grassroots(cls, side)
            writer = make_user(f"officer_{side}1", grassroots, Role.OFFICER)
            plan, subplan = cls.province_plan, cls.subplan[side]
            draft = report_services.report_start(
                plan=plan, unit=district, period=Period.parse("2018Q1"), user=officer
            )
            reports = {}
            for period in ("2018Q1", "2018Q2"):
                reports[period] = report_services.report_start(
                    plan=subplan, unit=grassroots, period=Period.parse(period), user=writer
                )
                report_services.report_submit(report=reports[period], user=writer)
            report_services.report_accept(report=reports["2018Q1"], user=officer)
            setattr(cls, f"report_{side}", draft)
            setattr(cls, f"submitted_report_{side}", reports["2018Q2"])
            setattr(cls, f"accepted_report_{side}", reports["2018Q1"])

    def url(self, name, side):
        route = ROUTES[name]
        if isinstance(route, Page):
            return reverse(name.split("?")[0]) + route.query
        return reverse(name, kwargs=route.kwargs(self, side))

    def test_it_walks_every_url_of_the_site(self):
        walked = {name.split("?")[0] for name in ROUTES} | WITHOUT_RECORDS
        missing = sorted(set(named_routes()) - walked)
        self.assertEqual(missing, [], "add these URLs to the sibling-scope walk")

    def test_it_shows_neither_officer_the_other_sides_records_on_pages(self):
        for user, other in [(self.officer_a, MARKER_B), (self.officer_b, MARKER_A)]:
            self.login(user)
            for name, route in ROUTES.items():
                if not isinstance(route, Page):
                    continue
                with self.subTest(user=user.username, page=name):
                    response = self.client.get(self.url(name, None))
                    self.assertEqual(response.status_code, 200)
                    self.assertNotIn(other, readable_text(response))

    def test_it_answers_not_found_for_the_other_sides_records(self):
        for user, other in [(self.officer_a, "b"), (self.officer_b, "a")]:
            self.login(user)
            for name, route in ROUTES.items():
                if not isinstance(route, Owned) or not route.kwargs(self, other):
                    continue
                for method in route.methods:
                    with self.subTest(user=user.username, page=name, method=method):
                        response = getattr(self.client, method)(self.url(name, other))
                        self.assertIn(response.status_code, (403, 404))

    def test_it_opens_each_officers_own_records(self):
        for user, own in [(self.officer_a, "a"), (self.officer_b, "b")]:
            self.login(user)
            for name, route in ROUTES.items():
                if not isinstance(route, Owned):
                    continue
                with self.subTest(user=user.username, page=name):
                    response = self.client.get(self.url(name, own))
                    self.assertEqual(response.status_code, 403 if route.admin_only else 200)

    def test_it_lets_the_administrator_open_both_sides(self):
        self.login(self.admin)
        for name in ROUTES:
            for side in ("a", "b"):
                with self.subTest(page=name, side=side):
                    response = self.client.get(self.url(name, side))
                    self.assertEqual(response.status_code, 200)

    def test_it_keeps_officers_out_of_django_admin(self):
        self.login(self.officer_a)
        response = self.client.get(reverse("admin:index"))
        self.assertEqual(response.status_code, 302)
