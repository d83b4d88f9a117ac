"""Demo activities: the Bến Tre federation's 2018, across the demo tree.

Seasonal like the real year: a rush before Tết (16 February 2018), nothing during the holiday, a
peak when Plan 10/KH-LĐLĐ is launched in March, a year-end push before the reports. Some units are
much more active than others and a few did nothing at all. Seeded, so every load is the same;
loaded once (the batch is recorded as an import job named DEMO_BATCH).
"""

import datetime
import math
import random

from django.utils import timezone

from lantoa.accounts.models import Role, User
from lantoa.outreach import OutreachKind
from lantoa.units.models import Headcount, Place, PlaceKind, Unit, UnitKind
from lantoa.units.selectors import TreeHistory

from .models import ActivityDraft, ImportJob, MediaOutlet, Subtype
from .outlets import ensure_standard_outlets
from .plan_lines import PlanLineIndex, default_line
from .services import activities_bulk_create

DEMO_BATCH = "demo-2018"
YEAR = 2018
TET = datetime.date(2018, 2, 16)
PLAN_LAUNCH = datetime.date(2018, 3, 2)
# The share of activities held once a plan reached their unit that were logged under its line.
LINKED = 0.85
# Units that logged nothing in 2018: every federation has some.
INACTIVE = {"BT-CL-03", "BT-MCB-02", "BT-NN-03", "BT-TP-02"}
OUTLET_NAMES = {
    "provincial_newspaper": "Báo Đồng Khởi",
    "provincial_radio_tv": "Đài Phát thanh và Truyền hình Bến Tre",
}

# Yearly activities of a unit of each kind, before its own activity factor.
YEARLY = {
    UnitKind.PROVINCIAL_FEDERATION: 150,
    UnitKind.DISTRICT_FEDERATION: 110,
    UnitKind.INDUSTRIAL_PARKS_UNION: 120,
    UnitKind.SECTOR_UNION: 45,
    UnitKind.CIVIL_SERVANTS_UNION: 40,
    UnitKind.GRASSROOTS_UNION: 45,
}
# Share of each kind of activity, per kind of unit.
MIX = {
    UnitKind.PROVINCIAL_FEDERATION: (0.25, 0.15, 0.2, 0.4),
    UnitKind.DISTRICT_FEDERATION: (0.3, 0.25, 0.2, 0.25),
    UnitKind.INDUSTRIAL_PARKS_UNION: (0.3, 0.3, 0.3, 0.1),
    UnitKind.GRASSROOTS_UNION: (0.35, 0.3, 0.25, 0.1),
}
DEFAULT_MIX = (0.4, 0.2, 0.3, 0.1)
KINDS = [OutreachKind.DISSEMINATION, OutreachKind.VISUAL, OutreachKind.TALK, OutreachKind.MEDIA]

TITLES = {
    Subtype.DISSEMINATION: [
        "Tuyên truyền Kế hoạch 10/KH-LĐLĐ về truyền thông khởi nghiệp năm 2018",
        "Phổ biến tài liệu khởi nghiệp của Hội đồng tư vấn cho đoàn viên",
        "Tuyên truyền Chương trình “Đồng Khởi khởi nghiệp và phát triển doanh nghiệp”",
        "Sinh hoạt chuyên đề khởi nghiệp cho công nhân lao động",
    ],
    Subtype.TRAINING: [
        "Tập huấn tài liệu khởi nghiệp cho cán bộ công đoàn cơ sở",
        "Tập huấn kỹ năng tuyên truyền khởi nghiệp cho báo cáo viên",
        "Lớp tập huấn “Ý tưởng khởi nghiệp từ nơi làm việc”",
    ],
    Subtype.SEMINAR: [
        "Tọa đàm “Công nhân với khởi nghiệp”",
        "Tọa đàm “Khởi nghiệp – biến ý tưởng thành hiện thực”",
    ],
    Subtype.THEMATIC_TALK: [
        "Nói chuyện chuyên đề “Khởi nghiệp từ đôi bàn tay”",
        "Nói chuyện chuyên đề “Vượt qua nỗi sợ thất bại”",
    ],
    Subtype.EXCHANGE: [
        "Giao lưu khởi nghiệp với doanh nhân trẻ Bến Tre",
        "Giao lưu “Gương công nhân khởi nghiệp thành công”",
    ],
    Subtype.ARTICLE: [
        "Công đoàn đồng hành cùng công nhân khởi nghiệp",
        "Lan tỏa tinh thần “Đồng Khởi khởi nghiệp” trong công nhân lao động",
    ],
    Subtype.NEWS: [
        "Phát động phong trào thi đua “Đồng Khởi khởi nghiệp”",
        "Triển khai Kế hoạch truyền thông khởi nghiệp năm 2018",
        "Tọa đàm khởi nghiệp cho công nhân khu công nghiệp",
    ],
    Subtype.BROADCAST: [
        "Chuyên mục Công đoàn: khởi nghiệp trong công nhân",
        "Bản tin truyền thanh nội bộ về khởi nghiệp",
    ],
    Subtype.REPORT: ["Phóng sự: Những người thợ khởi nghiệp"],
}
VISUAL_TITLES = [
    "Băng rôn, pano tuyên truyền “Đồng Khởi khởi nghiệp”",
    "Áp phích tuyên truyền khởi nghiệp tại nơi làm việc",
    "Tranh cổ động khởi nghiệp tại khu nhà trọ công nhân",
]
SPEAKERS = [
    "Đ/c Huỳnh Văn Tân, Phó Chủ tịch LĐLĐ tỉnh",
    "Đại diện Hội đồng tư vấn khởi nghiệp và phát triển doanh nghiệp tỉnh",
    "Bà Nguyễn Thị Hồng, Trưởng Ban Tuyên giáo LĐLĐ tỉnh",
    "Doanh nhân trẻ khởi nghiệp tỉnh Bến Tre",
    "Báo cáo viên LĐLĐ huyện",
]
MATERIALS = [
    "Tài liệu khởi nghiệp của Hội đồng tư vấn khởi nghiệp và phát triển doanh nghiệp tỉnh",
    "Sổ tay khởi nghiệp dành cho công nhân lao động",
    "Tờ gấp tuyên truyền “Đồng Khởi khởi nghiệp”",
]


def _season(day):
    """How busy a day of 2018 is, relative to an ordinary one."""
    if TET - datetime.timedelta(days=3) <= day <= TET + datetime.timedelta(days=6):
        return 0.05  # Tết holiday
    if datetime.date(2018, 1, 8) <= day < TET:
        return 2.2  # visiting workers before Tết
    if PLAN_LAUNCH <= day <= datetime.date(2018, 3, 31):
        return 3.0  # the plan is launched at every level
    if day.weekday() == 6:
        return 0.2
    if datetime.date(2018, 11, 15) <= day <= datetime.date(2018, 12, 14):
        return 1.6  # year-end push before the yearly report's cut-off
    return 1.0


def _outlets():
    ensure_standard_outlets(MediaOutlet)
    for code, name in OUTLET_NAMES.items():
        MediaOutlet.objects.filter(
            code=code, name__in=["Báo tỉnh", "Đài Phát thanh và Truyền hình tỉnh"]
        ).update(name=name)
    return {outlet.code: outlet for outlet in MediaOutlet.objects.all()}


def load(*, stdout):
    if ImportJob.objects.filter(original_name=DEMO_BATCH).exists():
        stdout.write("  activities: already loaded")
        return
    outlets = _outlets()
    rng = random.Random(YEAR)
    last_day = min(datetime.date(YEAR, 12, 31), timezone.localdate())
    days = [datetime.date(YEAR, 1, 1) + datetime.timedelta(n) for n in range(365)]
    days = [day for day in days if day <= last_day]
    weights = [_season(day) for day in days]
    units = list(Unit.objects.filter(code__startswith="BT").select_related("kind").order_by("code"))
    places = {}
    for place in Place.objects.filter(is_active=True).select_related("unit"):
        places.setdefault(place.unit_id, []).append(place)
    members = dict(Headcount.objects.filter(year=YEAR).values_list("unit_id", "members"))
    history = TreeHistory()
    audience = _audiences(units, members, history)
    officers = {
        user.unit_id: user for user in User.objects.filter(role__in=[Role.OFFICER, Role.ADMIN])
    }
    admin = User.objects.filter(role=Role.ADMIN).first()
    job = ImportJob.objects.create(
        created_by=admin, original_name=DEMO_BATCH, status=ImportJob.Status.DONE
    )

    drafts = []
    for unit in units:
        if unit.code in INACTIVE:
            continue
        # Activity varies a lot between units: a log-normal factor around 1, and small unions
        # hold fewer events than large ones.
        factor = math.exp(rng.gauss(0, 0.8)) * min(2, max(0.2, math.sqrt(audience[unit.pk] / 400)))
        count = int(YEARLY.get(unit.kind.code, 30) * factor * len(days) / 365)
        path = history.path(unit.pk, datetime.date(YEAR, 6, 1))
        nearby = [place for unit_id in path for place in places.get(unit_id, [])]
        officer = officers.get(unit.pk) or next(
            (officers[unit_id] for unit_id in reversed(path) if unit_id in officers), admin
        )
        mix = MIX.get(unit.kind.code, DEFAULT_MIX)
        # Attendances of a year come to about 0.3–1.5 times the people the unit reaches:
        # share them out over the unit's talks and disseminations.
        events = max(1.0, count * (mix[0] + mix[2]))
        coverage = math.exp(rng.gauss(-0.35, 0.4))
        per_event = max(5, min(400, audience[unit.pk] * coverage / events))
        for day in rng.choices(days, weights=weights, k=count):
            kind = rng.choices(KINDS, weights=mix)[0]
            drafts.append(_draft(rng, kind, unit, day, nearby, outlets, per_event, officer))
    _link_to_plans(drafts, history)
    for draft in drafts:
        draft.import_job_id = job.pk
    job.total_rows = job.processed_rows = job.created_count = activities_bulk_create(
        drafts, history=history
    )
    job.finished_at = timezone.now()
    job.save()
    stdout.write(f"  activities: {job.created_count} in {YEAR}")


def _audiences(units, members, history):
    """The people each unit's own events reach: a grassroots union's members; an upper unit's
    events (conferences, talks for its unions' officers and workers) reach a fifth of its
    subtree's members."""
    below = {}
    for unit in units:
        for ancestor in history.path(unit.pk, datetime.date(YEAR, 6, 1)):
            below[ancestor] = below.get(ancestor, 0) + members.get(unit.pk, 0)
    return {
        unit.pk: members.get(unit.pk, 0)
        if unit.kind.code == UnitKind.GRASSROOTS_UNION
        else below.get(unit.pk, 0) // 5
        for unit in units
    }


def _link_to_plans(drafts, history):
    """Most activities held after a plan reached their unit go under its line of their kind:
    the unit's own plan once issued, else the plan it or the units above it received (the
    line a new activity starts with in the form)."""
    rng = random.Random(YEAR + 1)
    index = PlanLineIndex(years=[YEAR])
    for draft in drafts:
        if rng.random() >= LINKED:
            continue
        path = history.path(draft.unit_id, draft.date)
        choices = [
            choice
            for choice in index.eligible(path, YEAR, draft.kind)
            if choice.plan.date <= draft.date
        ]
        line = default_line(choices)
        if line is not None:
            draft.plan_line_id = line.pk


def _draft(rng, kind, unit, day, nearby, outlets, per_event, officer):
    moment = timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(16, rng.randint(0, 59)))
    )
    draft = ActivityDraft(
        kind=kind,
        unit=unit,
        unit_id=unit.pk,
        date=day,
        created_at=moment,
        updated_at=moment,
        created_by_id=officer.pk if officer else None,
        updated_by_id=officer.pk if officer else None,
    )
    if kind == OutreachKind.MEDIA:
        if unit.kind.code == UnitKind.GRASSROOTS_UNION:
            outlet = outlets["company_broadcasting"]
        else:
            outlet = outlets[
                rng.choice(
                    ["provincial_newspaper", "provincial_radio_tv", "local_radio", "union_website"]
                )
            ]
        subtype = rng.choice(
            [Subtype.ARTICLE, Subtype.NEWS, Subtype.NEWS, Subtype.BROADCAST, Subtype.REPORT]
        )
        draft.outlet, draft.outlet_id, draft.subtype = outlet, outlet.pk, subtype
        draft.title = rng.choice(TITLES[subtype])
        if outlet.code in ("provincial_newspaper", "union_website"):
            number = rng.randint(1000, 9999)
            draft.link = f"https://baodongkhoi.vn/cong-doan/khoi-nghiep-{day:%Y%m%d}-{number}"
        return draft

    place = rng.choice(nearby) if nearby and rng.random() < 0.7 else None
    if place is not None:
        draft.place, draft.place_id, draft.place_kind = place, place.pk, place.kind
    else:
        draft.place_kind = rng.choice([PlaceKind.AGENCY, PlaceKind.OTHER, PlaceKind.BOARDING_AREA])
        draft.location = rng.choice(
            [
                "Hội trường Ủy ban nhân dân xã",
                "Nhà văn hóa ấp",
                "Hội trường LĐLĐ huyện",
                "Khu nhà trọ công nhân",
            ]
        )
    if kind == OutreachKind.VISUAL:
        draft.title = rng.choice(VISUAL_TITLES)
        draft.banners = rng.choice([0, 1, 1, 2, 3, 5])
        draft.panels = rng.choice([0, 0, 1, 2])
        draft.posters = rng.choice([0, 2, 5, 10, 20])
        draft.paintings = rng.choice([0, 0, 0, 1, 2])
        if not (draft.banners or draft.panels or draft.posters or draft.paintings):
            draft.banners = 1
        if rng.random() < 0.8:
            draft.end_date = day + datetime.timedelta(days=rng.choice([14, 30, 60, 90]))
        return draft

    is_enterprise = place is not None and place.kind in (
        PlaceKind.ENTERPRISE,
        PlaceKind.INDUSTRIAL_PARK,
    )
    draft.participants = max(5, round(per_event * rng.uniform(0.6, 1.4)))
    draft.women = int(draft.participants * rng.uniform(0.35, 0.75))
    draft.industrial_workers = (
        int(draft.participants * rng.uniform(0.7, 1.0))
        if is_enterprise
        else int(draft.participants * rng.uniform(0, 0.2))
    )
    if kind == OutreachKind.DISSEMINATION:
        draft.subtype = rng.choice([Subtype.DISSEMINATION, Subtype.DISSEMINATION, Subtype.TRAINING])
        draft.materials = rng.choice(MATERIALS)
    else:
        draft.subtype = rng.choice([Subtype.SEMINAR, Subtype.THEMATIC_TALK, Subtype.EXCHANGE])
        draft.speakers = rng.choice(SPEAKERS)
    draft.title = rng.choice(TITLES[draft.subtype])
    return draft
