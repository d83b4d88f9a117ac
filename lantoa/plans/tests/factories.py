"""Plans for tests: a complete draft in one call, and the cascade of the shared scenario."""

import datetime

from django.utils import timezone

from lantoa.outreach import OutreachKind
from lantoa.plans import services
from lantoa.units.models import UnitKind


def draft(issuer, user, *, subject="Truyền thông khởi nghiệp năm 2018", **fields):
    """A draft that can be issued: two activity lines, two tasks, recipients, a signer."""
    values = {
        "year": 2018,
        "place": "Bến Tre",
        "subject": subject,
        "bases": ["Chương trình số 10-CTr/TU ngày 28/4/2016 của Ban Thường vụ Tỉnh ủy"],
        "introduction": "Xây dựng Kế hoạch với những nội dung cụ thể như sau:",
        "purposes": ["Đẩy mạnh công tác truyền thông khởi nghiệp."],
        "audience": "Tất cả cán bộ, đoàn viên, CNVCLĐ.",
        "primary_target": "Công nhân lao động trong các doanh nghiệp.",
        "activity_lines": [
            {"kind": OutreachKind.TALK, "text": "Tổ chức tọa đàm khởi nghiệp."},
            {"kind": OutreachKind.VISUAL, "text": "Treo băng rôn, pano, áp phích."},
        ],
        "tasks": [
            {"text": "Ban Tuyên giáo triển khai kế hoạch.", "assignee": "department"},
            {"text": "Các cấp Công đoàn xây dựng Kế hoạch."},
        ],
        "recipients": [
            {"name": "Hội đồng TVKN và PTDN"},
            {"name": "LĐLĐ các huyện, thành phố", "unit_kinds": [UnitKind.DISTRICT_FEDERATION]},
            {"name": "Công đoàn cơ sở", "unit_kinds": [UnitKind.GRASSROOTS_UNION]},
        ],
        "archive": "VP, TG",
        "signer": {
            "on_behalf": "TM. BAN THƯỜNG VỤ",
            "title": "Phó Chủ tịch",
            "name": "Huỳnh Văn Tân",
        },
    }
    values.update(fields)
    return services.plan_create_draft(issuer=issuer, user=user, **values)


def issued(issuer, user, *, date=datetime.date(2018, 3, 2), **fields):
    """Issued on `date` at 8 o'clock, as if the clock said so: its deadlines fall in that year."""
    plan = draft(issuer, user, **fields)
    return services.plan_issue(plan=plan, user=user, date=date, now=morning(date))


def morning(date):
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(8)))


def own_plan(deployment, user, *, subject=None, date=datetime.date(2018, 3, 9)):
    """The receiving unit's own plan, drafted from the one it received, signed and issued."""
    plan = services.plan_draft_from_parent(deployment=deployment, user=user)
    plan.subject = subject or plan.subject
    plan.signer_title, plan.signer_name = "Chủ tịch", f"Chủ tịch {deployment.unit.code}"
    plan.save()
    return services.plan_issue(plan=plan, user=user, date=date, now=morning(date))


def cascade(scenario):
    """The province's plan to both districts, each district's own plan to its grassroots union
    (B's carries the sibling marker), and a draft of each district."""
    from lantoa.test import MARKER_A, MARKER_B

    scenario.province_plan = issued(
        scenario.province,
        scenario.admin,
        recipients=[
            {"name": "LĐLĐ các huyện", "unit_kinds": [UnitKind.DISTRICT_FEDERATION]},
        ],
    )
    deployments = {d.unit_id: d for d in scenario.province_plan.deployments.all()}
    scenario.subplan, scenario.draft, scenario.grassroots_deployment = {}, {}, {}
    for side, district, officer, marker in [
        ("a", scenario.district_a, scenario.officer_a, MARKER_A),
        ("b", scenario.district_b, scenario.officer_b, MARKER_B),
    ]:
        scenario.subplan[side] = own_plan(
            deployments[district.pk], officer, subject=f"Kế hoạch truyền thông {marker}"
        )
        scenario.grassroots_deployment[side] = scenario.subplan[side].deployments.get()
        scenario.draft[side] = draft(district, officer, subject=f"Dự thảo {marker}")
