"""Synthetic federations for the benchmark: a province (3,000 grassroots unions, 1 M activities)
or a nation (35 provinces, 130,000 grassroots unions, 30 M activities), 2018–2025.

Everything is drawn from one seeded generator, so a seed always gives the same data. Units,
links, places and headcounts get their ids here and go in as plain rows; plans go through the
plans services (they are few); activities are built as tuples in the column order of
ACTIVITY_COLUMNS and sent with COPY on PostgreSQL (one prepared INSERT on SQLite), with the
report indexes dropped during the load and built again after it, then the summary table is
rebuilt from the rows. The derived columns (items, ancestors, fingerprint, search text) are
computed here the way `activities.models.derive`/`stamp_levels` compute them; the tests check
that they agree.

Realism, roughly: a unit's activity level is log-normal with a heavy tail and one grassroots
union in seven hardly logs anything; a year has its Tết lull, its spring launch and its year-end
push, and the later years are busier; participants are a share of the unit's members; a few
unions open, close, or move to another district during the eight years.
"""

import bisect
import datetime
import functools
import hashlib
import math
import random
import time
import zoneinfo
from array import array
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from lantoa.accounts.models import Role, User
from lantoa.activities.indexes import LEVELS
from lantoa.activities.models import Activity, ImportJob, MediaOutlet, Subtype
from lantoa.activities.outlets import ensure_standard_outlets
from lantoa.activities.services import _PG_TYPE_NAMES
from lantoa.outreach import OutreachKind
from lantoa.plans import services as plan_services
from lantoa.plans.models import Plan
from lantoa.text import fold
from lantoa.units.kinds import ensure_standard_kinds
from lantoa.units.models import (
    LEVEL_FIELDS,
    Headcount,
    Place,
    PlaceKind,
    Unit,
    UnitKind,
    UnitLink,
    census_day,
)

ZONE = zoneinfo.ZoneInfo(settings.TIME_ZONE)
PASSWORD = "lantoa-bench"
BATCH_NAME = "generated-data"
TREE_SINCE = datetime.date(2010, 1, 1)
# Some unions move to another district on this day (a reorganisation of districts).
MOVE_DAY = datetime.date(2022, 1, 1)
CONFEDERATION = "confederation"


@dataclass(frozen=True)
class Scale:
    name: str
    provinces: int  # 0: the root is the province itself
    uppers: int  # upper units (districts, sectors…) under each province
    grassroots: int  # in total
    activities: int  # in total
    years: tuple
    postgresql_only: bool = False


SCALES = {
    "province": Scale("province", 0, 15, 3_000, 1_000_000, (2018, 2025)),
    "national": Scale("national", 35, 10, 130_000, 30_000_000, (2018, 2025), True),
    # For the tests and for trying the commands out: the same shape, in seconds.
    "tiny": Scale("tiny", 0, 4, 40, 4_000, (2024, 2025)),
}

# Plain strings: the rows go to the database driver as they are.
KINDS = [
    str(kind.value)
    for kind in (
        OutreachKind.DISSEMINATION,
        OutreachKind.VISUAL,
        OutreachKind.TALK,
        OutreachKind.MEDIA,
    )
]
# Share of each kind of activity: upper units write more for the media.
MIX_UPPER = (0.3, 0.2, 0.2, 0.3)
MIX_GRASSROOTS = (0.38, 0.27, 0.27, 0.08)
# The share of activities logged under a line of a plan that reached the unit.
LINKED = 0.85

# The columns of an activity row as the generator builds it (every column of the table but id).
ACTIVITY_COLUMNS = [
    "unit_id",
    "kind",
    "subtype",
    "date",
    "end_date",
    "title",
    "place_kind",
    "place_id",
    "location",
    "participants",
    "women",
    "industrial_workers",
    "banners",
    "panels",
    "posters",
    "paintings",
    "items",
    "materials",
    "speakers",
    "outlet_id",
    "link",
    "notes",
    "plan_line_id",
    *(f"level_{depth}" for depth in range(LEVELS)),
    "fingerprint",
    "search_text",
    "version",
    "created_at",
    "created_by_id",
    "updated_at",
    "updated_by_id",
    "deleted_at",
    "deleted_by_id",
    "import_job_id",
]

SYLLABLES = (  # noqa: SIM905
    "An Bình Châu Đông Hòa Hưng Long Mỹ Nam Phú Phước Quang Sơn Tân Thạnh Thành Thuận Trung "
    "Vĩnh Xuân Hải Hà Lâm Minh Ninh Gia Kim Cẩm Hiệp Lộc Thới Định Bảo Khánh Tiên Hậu Giang"
).split()
TRADES = [
    "May mặc",
    "Chế biến Thủy sản",
    "Giày da",
    "Điện tử",
    "Cơ khí",
    "Chế biến Dừa",
    "Bao bì",
    "Thực phẩm",
    "Dệt nhuộm",
    "Gỗ nội thất",
    "Xây dựng",
    "Logistics",
]
AGENCIES = ["Trường Tiểu học", "Trường THCS", "Trạm Y tế xã", "Ủy ban nhân dân xã", "Chi cục Thuế"]

TITLES = {
    Subtype.DISSEMINATION: [
        "Tuyên truyền Kế hoạch truyền thông khởi nghiệp năm {year}",
        "Phổ biến tài liệu khởi nghiệp cho đoàn viên",
        "Tuyên truyền pháp luật lao động cho công nhân lao động",
        "Sinh hoạt chuyên đề khởi nghiệp cho CNVCLĐ",
    ],
    Subtype.TRAINING: [
        "Tập huấn tài liệu khởi nghiệp cho cán bộ công đoàn cơ sở",
        "Tập huấn kỹ năng tuyên truyền cho báo cáo viên",
    ],
    Subtype.SEMINAR: ["Tọa đàm “Công nhân với khởi nghiệp”", "Tọa đàm “Ý tưởng từ nơi làm việc”"],
    Subtype.THEMATIC_TALK: [
        "Nói chuyện chuyên đề “Khởi nghiệp từ đôi bàn tay”",
        "Nói chuyện chuyên đề “Vượt qua nỗi sợ thất bại”",
    ],
    Subtype.EXCHANGE: ["Giao lưu khởi nghiệp với doanh nhân trẻ"],
    Subtype.ARTICLE: ["Công đoàn đồng hành cùng công nhân khởi nghiệp"],
    Subtype.NEWS: ["Phát động phong trào thi đua khởi nghiệp", "Hội nghị triển khai kế hoạch"],
    Subtype.BROADCAST: ["Chuyên mục Công đoàn: khởi nghiệp trong công nhân"],
    Subtype.REPORT: ["Phóng sự: Những người thợ khởi nghiệp"],
}
VISUAL_TITLES = [
    "Băng rôn, pano tuyên truyền khởi nghiệp",
    "Áp phích tuyên truyền tại nơi làm việc",
    "Tranh cổ động tại khu nhà trọ công nhân",
]
LOCATIONS = ["Hội trường Ủy ban nhân dân xã", "Nhà văn hóa ấp", "Hội trường LĐLĐ", "Nhà ăn ca"]
SPEAKERS = ["Báo cáo viên LĐLĐ", "Đại diện Hội đồng tư vấn khởi nghiệp", "Doanh nhân trẻ"]
MATERIALS = ["Sổ tay khởi nghiệp dành cho công nhân lao động", "Tờ gấp tuyên truyền"]


class GeneratedDataExists(Exception):
    pass


def _aware(day, hour=8, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=ZONE)


def _season(day):
    """How busy a day is, relative to an ordinary one: Tết lull, spring launch, year-end push."""
    month, weekday = day.month, day.weekday()
    weight = 1.0
    if (month == 1 and day.day >= 20) or (month == 2 and day.day <= 10):
        weight = 0.15
    elif month == 3:
        weight = 2.2
    elif month in (11, 12) and not (month == 12 and day.day > 20):
        weight = 1.5
    elif month in (7, 8):
        weight = 0.8
    if weekday == 6:
        weight *= 0.2
    elif weekday == 5:
        weight *= 0.6
    return weight


@dataclass
class UnitRow:
    pk: int
    kind: str  # UnitKind code
    code: str
    name: str
    short_name: str
    abbreviation: str
    parent: int | None
    opened_on: datetime.date = datetime.date(2000, 1, 1)
    closed_on: datetime.date | None = None
    category: str = "upper"  # enterprise, agency, upper, root
    place: int | None = None
    place_kind: str = ""
    place_name: str = ""
    nearby: list = field(default_factory=list)  # (place id, kind, name) of the district
    members: dict = field(default_factory=dict)  # year → members
    moved_to: int | None = None  # parent from MOVE_DAY on


def _name(rng, words=2):
    return " ".join(rng.choice(SYLLABLES) for _ in range(words))


class Generator:
    def __init__(self, scale, *, seed=1, activities=None, stdout=None):
        self.scale = scale
        self.seed = seed
        self.rng = random.Random(seed)
        self.total_activities = scale.activities if activities is None else activities
        self.stdout = stdout
        self.first_year, self.last_year = scale.years
        self.units = []
        self.kinds = {}
        self.started = time.monotonic()
        self._folded = {}

    def folded(self, text):
        # Titles and place names repeat over millions of rows: fold each once.
        found = self._folded.get(text)
        if found is None:
            found = self._folded[text] = fold(text)
        return found

    def say(self, text):
        if self.stdout is not None:
            self.stdout.write(f"[{time.monotonic() - self.started:7.1f}s] {text}")
            self.stdout.flush()

    # --- entry point ------------------------------------------------------------------------

    def run(self):
        if connection.vendor != "postgresql" and self.scale.postgresql_only:
            raise ValueError(
                f"The {self.scale.name} scale needs PostgreSQL (COPY): point DATABASE_URL at a "
                "PostgreSQL database."
            )
        if Unit.objects.exists() or Activity.all_objects.exists():
            raise GeneratedDataExists(
                "This database already holds units or activities: generate_data fills a fresh, "
                "migrated database only. Create an empty one (or drop and migrate this one)."
            )
        ensure_standard_kinds(UnitKind)
        ensure_standard_outlets(MediaOutlet)
        with transaction.atomic():
            self._kinds()
            self._tree()
            self.say(f"tree: {len(self.units)} units")
            self._places_and_headcounts()
            self.say("places and headcounts")
            self._users()
            self._plans()
            self.say(f"plans: {Plan.objects.count()} issued")
        # Activities in a transaction of their own: the tree is committed already.
        with transaction.atomic():
            rows = self._activities()
        self.say(f"activities: {rows}")
        self._rebuild_summary()
        self._analyze()
        self.say("done")
        return rows

    # --- the tree ---------------------------------------------------------------------------

    def _kinds(self):
        if self.scale.provinces:
            UnitKind.objects.get_or_create(
                code=CONFEDERATION,
                defaults={
                    "name": "Tổng Liên đoàn Lao động Việt Nam",
                    "plural_name": "Tổng Liên đoàn Lao động Việt Nam",
                    "abbreviation": "TLĐ",
                    "rank": 5,
                },
            )
        self.kinds = dict(UnitKind.objects.values_list("code", "pk"))

    def _add(self, **values):
        unit = UnitRow(pk=len(self.units) + self._first_id, **values)
        self.units.append(unit)
        return unit

    def _tree(self):
        rng = self.rng
        self._first_id = (
            Unit.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        ) + 1
        scale = self.scale
        if scale.provinces:
            self.root = self._add(
                kind=CONFEDERATION,
                code="VN",
                name="Tổng Liên đoàn Lao động Việt Nam",
                short_name="Tổng LĐLĐ Việt Nam",
                abbreviation="TLĐ",
                parent=None,
                category="root",
            )
            provinces = []
            for number in range(1, scale.provinces + 1):
                place = _name(rng)
                provinces.append(
                    self._add(
                        kind=UnitKind.PROVINCIAL_FEDERATION,
                        code=f"T{number:02d}",
                        name=f"Liên đoàn Lao động tỉnh {place}",
                        short_name=f"LĐLĐ tỉnh {place}",
                        abbreviation="LĐLĐ",
                        parent=self.root.pk,
                    )
                )
        else:
            place = "Tân An"
            self.root = self._add(
                kind=UnitKind.PROVINCIAL_FEDERATION,
                code="TINH",
                name=f"Liên đoàn Lao động tỉnh {place}",
                short_name=f"LĐLĐ tỉnh {place}",
                abbreviation="LĐLĐ",
                parent=None,
                category="root",
            )
            provinces = [self.root]
        uppers = []
        for province in provinces:
            uppers.extend(self._uppers(province))
        weights = [self._upper_weight(upper) for upper in uppers]
        total = sum(weights)
        shares = [scale.grassroots * weight / total for weight in weights]
        counts = [int(share) for share in shares]
        # Hand out the rounding remainder to the largest fractions, deterministically.
        order = sorted(range(len(uppers)), key=lambda i: counts[i] - shares[i])
        for i in order[: scale.grassroots - sum(counts)]:
            counts[i] += 1
        for upper, count in zip(uppers, counts, strict=True):
            for number in range(1, count + 1):
                self._grassroots(upper, number)
        self._reorganise(uppers)

    def _uppers(self, province):
        rng, count = self.rng, self.scale.uppers
        sectors = max(1, round(count * 0.2))
        civil = 1 if count >= 5 else 0
        districts = count - sectors - civil - 1
        specs = [(UnitKind.DISTRICT_FEDERATION, f"D{n:02d}") for n in range(1, districts + 1)]
        specs += [(UnitKind.SECTOR_UNION, f"N{n:02d}") for n in range(1, sectors + 1)]
        specs += [(UnitKind.CIVIL_SERVANTS_UNION, "VC")] * civil
        specs += [(UnitKind.INDUSTRIAL_PARKS_UNION, "KCN")]
        prefix = "" if province is self.root and not self.scale.provinces else f"{province.code}-"
        result = []
        for kind, code in specs:
            place = _name(rng)
            names = {
                UnitKind.DISTRICT_FEDERATION: (
                    f"Liên đoàn Lao động huyện {place}",
                    f"LĐLĐ huyện {place}",
                    "LĐLĐ",
                ),
                UnitKind.SECTOR_UNION: (
                    f"Công đoàn ngành {rng.choice(['Giáo dục', 'Y tế', 'Công Thương'])} {place}",
                    f"CĐN {place}",
                    "CĐN",
                ),
                UnitKind.CIVIL_SERVANTS_UNION: (
                    f"Công đoàn Viên chức {province.short_name}",
                    "CĐVC",
                    "CĐVC",
                ),
                UnitKind.INDUSTRIAL_PARKS_UNION: (
                    f"Công đoàn các Khu công nghiệp {province.short_name}",
                    "CĐ CKCN",
                    "CĐ CKCN",
                ),
            }[kind]
            result.append(
                self._add(
                    kind=kind,
                    code=f"{prefix}{code}",
                    name=names[0],
                    short_name=names[1],
                    abbreviation=names[2],
                    parent=province.pk,
                )
            )
        return result

    def _upper_weight(self, upper):
        if upper.kind == UnitKind.INDUSTRIAL_PARKS_UNION:
            return 3.0
        if upper.kind == UnitKind.DISTRICT_FEDERATION:
            return math.exp(self.rng.gauss(0.3, 0.45))
        return 0.9

    def _grassroots(self, upper, number):
        rng = self.rng
        if upper.kind == UnitKind.INDUSTRIAL_PARKS_UNION:
            category = "enterprise"
        elif upper.kind == UnitKind.DISTRICT_FEDERATION:
            category = "enterprise" if rng.random() < 0.55 else "agency"
        else:
            category = "agency"
        if category == "enterprise":
            body = f"Công ty TNHH {rng.choice(TRADES)} {_name(rng)}"
        else:
            body = f"{rng.choice(AGENCIES)} {_name(rng)}"
        opened, closed = datetime.date(2000, 1, 1), None
        draw = rng.random()
        first, last = self.first_year, self.last_year
        if draw < 0.06:
            opened = datetime.date(rng.randint(first + 1, last), rng.randint(1, 12), 1)
        elif draw < 0.09:
            closed = datetime.date(rng.randint(first + 1, last), rng.randint(1, 12), 1)
        self._add(
            kind=UnitKind.GRASSROOTS_UNION,
            code=f"{upper.code}-{number:04d}",
            name=f"Công đoàn cơ sở {body}",
            short_name=f"CĐCS {body}",
            abbreviation="CĐCS",
            parent=upper.pk,
            opened_on=opened,
            closed_on=closed,
            category=category,
        )

    def _reorganise(self, uppers):
        """One grassroots union in a hundred under a district moves to another district of the
        same province on MOVE_DAY (if the years span it)."""
        if not self.first_year < MOVE_DAY.year <= self.last_year:
            return
        districts = {}
        for upper in uppers:
            if upper.kind == UnitKind.DISTRICT_FEDERATION:
                districts.setdefault(upper.parent, []).append(upper.pk)
        by_pk = {unit.pk: unit for unit in self.units}
        for unit in self.units:
            if (
                unit.kind != UnitKind.GRASSROOTS_UNION
                or unit.closed_on
                or unit.opened_on > TREE_SINCE
            ):
                continue
            parent = by_pk[unit.parent]
            siblings = districts.get(parent.parent, [])
            if (
                parent.kind == UnitKind.DISTRICT_FEDERATION
                and len(siblings) > 1
                and self.rng.random() < 0.01
            ):
                unit.moved_to = self.rng.choice([pk for pk in siblings if pk != parent.pk])

    def links(self):
        """(unit, parent, valid_from, valid_to) of every link of the tree."""
        for unit in self.units:
            if unit.parent is None:
                continue
            start = max(TREE_SINCE, unit.opened_on)
            if unit.moved_to:
                yield unit.pk, unit.parent, start, MOVE_DAY
                yield unit.pk, unit.moved_to, MOVE_DAY, None
            else:
                yield unit.pk, unit.parent, start, unit.closed_on

    # --- places, headcounts, users, plans ---------------------------------------------------

    def _places_and_headcounts(self):
        rng = self.rng
        write_rows(
            Unit,
            [
                *("id", "kind_id", "name", "short_name", "abbreviation", "code", "address"),
                *("phone", "email", "contact_person", "opened_on", "closed_on", "search_text"),
            ],
            (
                (
                    u.pk,
                    self.kinds[u.kind],
                    u.name,
                    u.short_name,
                    u.abbreviation,
                    u.code,
                    "",
                    "",
                    "",
                    "",
                    u.opened_on,
                    u.closed_on,
                    fold(" ".join([u.name, u.short_name, u.code])),
                )
                for u in self.units
            ),
        )
        write_rows(UnitLink, ["unit_id", "parent_id", "valid_from", "valid_to"], self.links())
        places = []
        next_place = (Place.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        by_pk = {unit.pk: unit for unit in self.units}
        parks = {}
        for unit in self.units:
            if unit.kind == UnitKind.DISTRICT_FEDERATION:
                for number in (1, 2):
                    name = f"Khu nhà trọ công nhân {_name(rng)} ({unit.code}-{number})"
                    places.append((next_place, unit.pk, BOARDING, name, None))
                    unit.nearby.append((next_place, BOARDING, name))
                    next_place += 1
            elif unit.kind == UnitKind.INDUSTRIAL_PARKS_UNION:
                for number in (1, 2, 3):
                    name = f"Khu công nghiệp {_name(rng)} ({unit.code}-{number})"
                    places.append((next_place, unit.pk, PARK, name, None))
                    unit.nearby.append((next_place, PARK, name))
                    parks.setdefault(unit.pk, []).append(next_place)
                    next_place += 1
        for unit in self.units:
            if unit.kind != UnitKind.GRASSROOTS_UNION:
                continue
            parent = by_pk[unit.parent]
            kind = str(PlaceKind.ENTERPRISE if unit.category == "enterprise" else PlaceKind.AGENCY)
            body = unit.name.removeprefix("Công đoàn cơ sở ")
            park = rng.choice(parks[parent.pk]) if parent.pk in parks else None
            places.append((next_place, unit.pk, kind, body, park))
            unit.place, unit.place_kind, unit.place_name = next_place, kind, body
            unit.nearby = parent.nearby
            next_place += 1
        write_rows(
            Place,
            [
                *("id", "unit_id", "kind", "name", "address", "industrial_park_id"),
                *("is_active", "search_text"),
            ],
            (
                (pk, unit, kind, name, "", park, True, fold(name))
                for pk, unit, kind, name, park in places
            ),
        )
        write_rows(
            Headcount,
            ["unit_id", "year", "members", "workers", "industrial_workers", *LEVEL_FIELDS],
            self._headcounts(),
        )

    def _headcounts(self):
        rng = self.rng
        paths = self._paths()
        for unit in self.units:
            if unit.kind != UnitKind.GRASSROOTS_UNION:
                workers = rng.randint(8, 40)  # the office of an upper unit
                industrial_share = 0.0
            elif unit.category == "enterprise":
                workers = min(15_000, int(math.exp(rng.gauss(5.0, 1.0))) + 10)
                industrial_share = rng.uniform(0.85, 1.0)
            else:
                workers = min(2_000, int(math.exp(rng.gauss(3.6, 0.6))) + 5)
                industrial_share = 0.0
            for year in range(self.first_year, self.last_year + 1):
                if not self._alive_in(unit, year):
                    continue
                workers = max(5, int(workers * rng.uniform(0.95, 1.08)))
                members = int(workers * rng.uniform(0.75, 0.98))
                unit.members[year] = members
                census = census_day(year)
                levels = next(
                    path
                    for first, after, path in paths[unit.pk]
                    if (first is None or first <= census) and (after is None or census < after)
                )
                yield unit.pk, year, members, workers, int(workers * industrial_share), *levels

    def _alive_in(self, unit, year):
        return unit.opened_on.year <= year and (
            unit.closed_on is None or unit.closed_on.year > year
        )

    def _users(self):
        root = Unit.objects.get(pk=self.root.pk)
        self.admin = User(
            username="admin",
            unit=root,
            role=Role.ADMIN,
            last_name="Nguyễn Thị",
            first_name="Hồng",
            is_staff=True,
            is_superuser=True,
        )
        self.admin.set_password(PASSWORD)
        self.admin.save()
        district = next(unit for unit in self.units if unit.kind == UnitKind.DISTRICT_FEDERATION)
        self.officer = User(
            username="officer",
            unit_id=district.pk,
            role=Role.OFFICER,
            last_name="Lê Văn",
            first_name="Minh",
        )
        self.officer.set_password(PASSWORD)
        self.officer.save()

    def _plans(self):
        """An issued plan of the root every year, to the units below it, who draw up and issue
        their own plans from it (nationally: in the last year, down to the districts); so the
        units owe reports and imports find a plan of every year."""
        self.plan_lines = {}  # (issuer id, year) → {kind: line id}
        root = Unit.objects.get(pk=self.root.pk)
        below = (
            [UnitKind.PROVINCIAL_FEDERATION]
            if self.scale.provinces
            else [
                UnitKind.DISTRICT_FEDERATION,
                UnitKind.SECTOR_UNION,
                UnitKind.CIVIL_SERVANTS_UNION,
                UnitKind.INDUSTRIAL_PARKS_UNION,
            ]
        )
        for year in range(self.first_year, self.last_year + 1):
            plan = plan_services.plan_create_draft(
                issuer=root,
                user=self.admin,
                year=year,
                place="Tân An",
                subject=f"Thực hiện công tác truyền thông khởi nghiệp năm {year}",
                introduction="Kế hoạch thực hiện công tác truyền thông trong CNVCLĐ năm "
                f"{year} với những nội dung cụ thể như sau:",
                activity_lines=[
                    {
                        "kind": OutreachKind.DISSEMINATION,
                        "text": "Tuyên truyền, phổ biến tài liệu cho đoàn viên, CNVCLĐ.",
                        "targets": [
                            {"quantity": 2, "per": "Q", "unit_kind": UnitKind.GRASSROOTS_UNION}
                        ],
                    },
                    {"kind": OutreachKind.VISUAL, "text": "Tuyên truyền trực quan."},
                    {
                        "kind": OutreachKind.TALK,
                        "text": "Tọa đàm, nói chuyện chuyên đề, giao lưu.",
                        "targets": [
                            {"quantity": 1, "per": "S", "unit_kind": UnitKind.GRASSROOTS_UNION}
                        ],
                    },
                    {"kind": OutreachKind.MEDIA, "text": "Tin, bài trên các phương tiện."},
                ],
                recipients=[
                    {"name": "Hội đồng tư vấn"},
                    {"name": "Các đơn vị trực thuộc", "unit_kinds": below},
                ],
                signer={"on_behalf": "TM. BAN THƯỜNG VỤ", "title": "Phó Chủ tịch", "name": "A"},
            )
            plan_services.plan_issue(
                plan=plan, user=self.admin, number=1, now=_aware(datetime.date(year, 1, 5))
            )
            self._remember_lines(plan)
            self._cascade(plan, year, depth=1)

    def _cascade(self, plan, year, *, depth):
        # Nationally, the provinces' and districts' own plans of the last year only: 385 plans
        # rather than 3,080, and the benchmark reads the last year.
        if (depth >= 2 or self.scale.provinces) and year != self.last_year:
            return
        for deployment in plan.deployments.select_related("unit__kind", "plan__issuer"):
            if deployment.unit.kind.code == UnitKind.GRASSROOTS_UNION:
                continue
            own = plan_services.plan_draft_from_parent(deployment=deployment, user=self.admin)
            own.place, own.signer_title, own.signer_name = "Tân An", "Chủ tịch", "B"
            own.save()
            plan_services.plan_issue(
                plan=own, user=self.admin, now=_aware(datetime.date(year, 1, 12))
            )
            self._remember_lines(own)
            self._cascade(own, year, depth=depth + 1)

    def _remember_lines(self, plan):
        self.plan_lines[(plan.issuer_id, plan.year)] = dict(
            plan.activity_lines.values_list("kind", "pk")
        )

    # --- activities -------------------------------------------------------------------------

    def _activity_weight(self, unit):
        rng = self.rng
        if unit.category == "root":
            return 25.0
        if unit.kind != UnitKind.GRASSROOTS_UNION:
            return math.exp(rng.gauss(2.0, 0.5))
        if rng.random() < 0.14:
            return 0.03  # a quiet union: a few activities in eight years
        return math.exp(rng.gauss(0.0, 1.1))

    def _days(self):
        first = datetime.date(self.first_year, 1, 1)
        last = min(datetime.date(self.last_year, 12, 31), timezone.localdate())
        days = [first + datetime.timedelta(n) for n in range((last - first).days + 1)]
        cumulative, total = [], 0.0
        for day in days:
            # Busier every year: the log grows as more unions take it up.
            total += _season(day) * (1 + 0.07 * (day.year - self.first_year))
            cumulative.append(total)
        return days, cumulative

    def _sample_days(self):
        """Per unit, the sorted day indexes of its activities (array of unsigned shorts)."""
        rng = self.rng
        days, cumulative = self._days()
        self.days = days
        ranges, weights = [], []
        for unit in self.units:
            lo = bisect.bisect_left(days, unit.opened_on)
            hi = bisect.bisect_left(days, unit.closed_on) if unit.closed_on else len(days)
            ranges.append((lo, hi))
            mass = (cumulative[hi - 1] if hi else 0) - (cumulative[lo - 1] if lo else 0)
            weights.append(self._activity_weight(unit) * max(mass, 0.0))
        scale = self.total_activities / sum(weights)
        samples = []
        for (lo, hi), weight in zip(ranges, weights, strict=True):
            expected = weight * scale
            count = int(expected) + (rng.random() < expected - int(expected))
            if count == 0 or hi <= lo:
                samples.append(array("H"))
                continue
            base = cumulative[lo - 1] if lo else 0.0
            span = cumulative[hi - 1] - base
            picked = sorted(
                bisect.bisect_left(cumulative, base + rng.random() * span, lo, hi - 1)
                for _ in range(count)
            )
            samples.append(array("H", picked))
        return samples

    def _paths(self):
        """Per unit, [(first day, day after, path root first)] as the tree stood."""
        parent = {unit.pk: unit.parent for unit in self.units}
        moved = {unit.pk: unit.moved_to for unit in self.units if unit.moved_to}

        def path(pk, after_move):
            chain = [pk]
            while True:
                up = moved[chain[-1]] if after_move and chain[-1] in moved else parent[chain[-1]]
                if up is None:
                    break
                chain.append(up)
            return tuple(reversed(chain)) + (None,) * (LEVELS - len(chain))

        result = {}
        for unit in self.units:
            if unit.pk in moved:
                result[unit.pk] = [
                    (None, MOVE_DAY, path(unit.pk, False)),
                    (MOVE_DAY, None, path(unit.pk, True)),
                ]
            else:
                result[unit.pk] = [(None, None, path(unit.pk, False))]
        return result

    def _line_for(self, path, year):
        """{kind: line id} of the nearest plan of `year` issued on the chain `path`."""
        for pk in reversed(path):
            if pk is not None and (pk, year) in self.plan_lines:
                return self.plan_lines[(pk, year)]
        return {}

    def _activities(self):
        samples = self._sample_days()
        planned = sum(len(sample) for sample in samples)
        self.say(f"activities: {planned} dates drawn")
        paths = self._paths()
        outlets = dict(MediaOutlet.objects.values_list("code", "pk"))
        outlet_names = {
            pk: fold(name) for pk, name in MediaOutlet.objects.values_list("pk", "name")
        }
        job = ImportJob.objects.create(
            created_by=self.admin,
            original_name=BATCH_NAME,
            status=ImportJob.Status.DONE,
            finished_at=timezone.now(),
        )
        pools = _pools(random.Random(self.seed + 1), outlets, outlet_names)
        moments = {}
        days = self.days
        officer_units = set()
        for unit in self.units:
            if self.officer.unit_id in paths[unit.pk][0][2]:
                officer_units.add(unit.pk)
        writer = ActivityWriter()
        written = 0
        with writer:
            for year in range(self.first_year, self.last_year + 1):
                lo = bisect.bisect_left(days, datetime.date(year, 1, 1))
                hi = bisect.bisect_left(days, datetime.date(year + 1, 1, 1))
                rows = []
                for unit, sample in zip(self.units, samples, strict=True):
                    start = bisect.bisect_left(sample, lo)
                    end = bisect.bisect_left(sample, hi)
                    if start == end:
                        continue
                    author = self.officer.pk if unit.pk in officer_units else self.admin.pk
                    self._unit_rows(
                        rows,
                        unit,
                        year,
                        [days[i] for i in sample[start:end]],
                        paths[unit.pk],
                        pools,
                        moments,
                        author,
                        job.pk,
                    )
                # Logged over the year, not unit after unit: the table's physical order.
                rows.sort(key=_by_date)
                writer.write(rows)
                written += len(rows)
                self.say(f"activities of {year}: {len(rows)}")
        job.total_rows = job.processed_rows = job.created_count = written
        job.save()
        return written

    def _unit_rows(self, rows, unit, year, dates, segments, pools, moments, author, job):
        rng = self.rng
        random_ = rng.random
        folded = self.folded
        grassroots = unit.kind == UnitKind.GRASSROOTS_UNION
        mix = MIX_GRASSROOTS if grassroots else MIX_UPPER
        kinds = rng.choices(KINDS, weights=mix, k=len(dates))
        members = unit.members.get(year, 30)
        pool_key = unit.category if grassroots else "upper"
        nearby = unit.nearby
        segment = segments[0]
        lines = self._line_for(segment[2], year)
        for day, kind in zip(dates, kinds, strict=True):
            if segment[1] is not None and day >= segment[1]:
                segment = segments[1]
                lines = self._line_for(segment[2], year)
            path = segment[2]
            entries = pools[pool_key][kind]
            entry = entries[int(random_() * len(entries))]
            moment = moments.get(day)
            if moment is None:
                moment = moments[day] = (_aware(day, 16, 30), day.isoformat())
            moment, iso = moment
            line = lines.get(kind) if random_() < LINKED else None
            title = (
                entry.title.replace("{year}", str(year)) if "{year}" in entry.title else entry.title
            )
            place_id, place_kind, place_name, location = None, entry.place_kind, "", entry.location
            participants = women = industrial = 0
            if kind != OutreachKind.MEDIA:
                draw = random_()
                if grassroots and draw < 0.65:
                    place_id, place_kind, place_name = unit.place, unit.place_kind, unit.place_name
                    location = ""
                elif nearby and draw < 0.8:
                    place_id, place_kind, place_name = rng.choice(nearby)
                    location = ""
            if kind in _PEOPLE_KINDS:
                if grassroots:
                    participants = max(3, min(members, int(members * entry.share)))
                else:
                    participants = entry.upper_participants
                women = int(participants * entry.women)
                industrial = int(
                    participants
                    * (entry.industrial if place_kind in _INDUSTRIAL_PLACES else entry.other)
                )
            end_date = day + entry.display if entry.display is not None else None
            ftitle = entry.ftitle if title is entry.title else folded(title)
            key = (
                f"{unit.pk}\x1f{kind}\x1f{iso}\x1f{entry.subtype}\x1f{ftitle}\x1f"
                f"{place_id or ''}\x1f{entry.flocation if location else ''}\x1f{participants}\x1f"
                f"{women}\x1f{industrial}\x1f{entry.visual_key}\x1f{entry.outlet_key}\x1f{entry.link}"
            )
            search = " ".join(
                part
                for part in (
                    ftitle,
                    folded(place_name) if place_name else "",
                    entry.flocation if location else "",
                    entry.rest,
                )
                if part
            )
            rows.append(
                (
                    unit.pk,
                    kind,
                    entry.subtype,
                    day,
                    end_date,
                    title,
                    place_kind,
                    place_id,
                    location,
                    participants,
                    women,
                    industrial,
                    *entry.visual,
                    entry.items,
                    entry.materials,
                    entry.speakers,
                    entry.outlet,
                    entry.link,
                    "",
                    line,
                    *path,
                    hashlib.blake2b(key.encode(), digest_size=16).hexdigest(),
                    search,
                    1,
                    moment,
                    author,
                    moment,
                    author,
                    None,
                    None,
                    job,
                )
            )

    # --- after the load ---------------------------------------------------------------------

    def _rebuild_summary(self):
        from lantoa.activities.rollup import rollup_rebuild

        rollup_rebuild()
        self.say("summary table rebuilt")

    def _analyze(self):
        # PostgreSQL: VACUUM as well, as autovacuum would after such a load, so that the
        # visibility map lets the covering indexes answer alone (the import's duplicate check
        # read the table's pages without it). Not inside a transaction (a test's), where
        # PostgreSQL refuses it.
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")


_PEOPLE_KINDS = {str(OutreachKind.DISSEMINATION.value), str(OutreachKind.TALK.value)}
BOARDING, PARK = str(PlaceKind.BOARDING_AREA), str(PlaceKind.INDUSTRIAL_PARK)
_INDUSTRIAL_PLACES = {str(PlaceKind.ENTERPRISE), PARK}
_DATE_POSITION = ACTIVITY_COLUMNS.index("date")


def _by_date(row):
    return row[_DATE_POSITION]


@dataclass
class Entry:
    """What an activity says besides its unit, date and place: drawn from a pool per kind."""

    subtype: str = ""
    title: str = ""
    place_kind: str = ""
    location: str = ""
    share: float = 0.0  # participants, as a share of the unit's members
    upper_participants: int = 0
    women: float = 0.0
    industrial: float = 0.0  # share of industrial workers in an enterprise or a park
    other: float = 0.0  # … elsewhere
    visual: tuple = (0, 0, 0, 0)
    items: int = 0
    display: datetime.timedelta | None = None
    materials: str = ""
    speakers: str = ""
    outlet: int | None = None
    link: str = ""
    # Precomputed pieces of the fingerprint and the search text.
    ftitle: str = ""
    flocation: str = ""
    visual_key: str = ""
    outlet_key: str = ""
    rest: str = ""


POOL_SIZE = 200


def _pools(rng, outlets, outlet_names):
    """{unit category: {kind: [Entry]}}: the activities units of that category hold."""
    pools = {}
    for category in ("enterprise", "agency", "upper"):
        pools[category] = {
            kind: [draw_entry(rng, kind, category, outlets) for _ in range(POOL_SIZE)]
            for kind in KINDS
        }
    for by_kind in pools.values():
        for entries in by_kind.values():
            for entry in entries:
                entry.subtype, entry.place_kind = str(entry.subtype), str(entry.place_kind)
                entry.ftitle = fold(entry.title)
                entry.flocation = fold(entry.location)
                entry.visual_key = "\x1f".join(str(count) for count in entry.visual)
                entry.outlet_key = str(entry.outlet or "")
                entry.rest = " ".join(
                    part
                    for part in (
                        fold(entry.speakers),
                        fold(entry.materials),
                        outlet_names.get(entry.outlet, ""),
                    )
                    if part
                )
    return pools


def draw_entry(rng, kind, category, outlets):
    """What an activity of `kind` says at a unit of `category` ("enterprise", "agency" or
    "upper"); `outlets`: {outlet code: id}."""
    entry = Entry()
    if kind == OutreachKind.MEDIA:
        entry.subtype = rng.choice(
            [Subtype.ARTICLE, Subtype.NEWS, Subtype.NEWS, Subtype.BROADCAST, Subtype.REPORT]
        )
        entry.title = rng.choice(TITLES[entry.subtype])
        if category == "upper":
            code = rng.choice(
                ["provincial_newspaper", "provincial_radio_tv", "local_radio", "union_website"]
            )
        else:
            code = "company_broadcasting" if rng.random() < 0.7 else "union_website"
        entry.outlet = outlets[code]
        entry.items = 1
        if code in ("provincial_newspaper", "union_website"):
            entry.link = f"https://congdoan.example.vn/tin/{rng.randint(100000, 999999)}"
        return entry
    entry.place_kind = rng.choice([PlaceKind.AGENCY, PlaceKind.OTHER, PlaceKind.BOARDING_AREA])
    entry.location = rng.choice(LOCATIONS)
    if kind == OutreachKind.VISUAL:
        entry.title = rng.choice(VISUAL_TITLES)
        visual = [
            rng.choice([0, 1, 1, 2, 3]),
            rng.choice([0, 0, 1, 2]),
            rng.choice([0, 2, 5, 10, 20]),
            rng.choice([0, 0, 0, 1]),
        ]
        if not any(visual):
            visual[0] = 1
        entry.visual = tuple(visual)
        entry.items = sum(visual)
        if rng.random() < 0.8:
            entry.display = datetime.timedelta(days=rng.choice([14, 30, 60, 90]))
        return entry
    if kind == OutreachKind.DISSEMINATION:
        entry.subtype = rng.choice([Subtype.DISSEMINATION, Subtype.DISSEMINATION, Subtype.TRAINING])
        entry.materials = rng.choice(MATERIALS)
        entry.share = rng.uniform(0.1, 0.7)
    else:
        entry.subtype = rng.choice([Subtype.SEMINAR, Subtype.THEMATIC_TALK, Subtype.EXCHANGE])
        entry.speakers = rng.choice(SPEAKERS)
        entry.share = rng.uniform(0.05, 0.4)
    entry.title = rng.choice(TITLES[entry.subtype])
    entry.upper_participants = rng.randint(30, 400)
    entry.women = rng.uniform(0.35, 0.7)
    entry.industrial = rng.uniform(0.7, 1.0)
    entry.other = rng.uniform(0.0, 0.2)
    return entry


# --- writing rows -------------------------------------------------------------------------


# Django's column types, as psycopg names them for a binary COPY.
_TYPE_NAMES = {**_PG_TYPE_NAMES, "smallint": "int2", "boolean": "bool"}


def _fields(model, columns):
    by_column = {field.column: field for field in model._meta.concrete_fields}
    return [by_column[column] for column in columns]


def write_rows(model, columns, rows, *, batch=20_000):
    """Insert plain tuples into `model`'s table: COPY on PostgreSQL, one prepared INSERT per
    batch on SQLite (dates and times converted the way Django stores them)."""
    fields = _fields(model, columns)
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    if connection.vendor == "postgresql":
        types = [each.db_type(connection).split("(")[0].split(" ")[0] for each in fields]
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)") as copy,
        ):
            copy.set_types([_TYPE_NAMES.get(name, name) for name in types])
            for row in rows:
                copy.write_row(row)
        return
    converters = {}
    for index, model_field in enumerate(fields):
        internal = model_field.get_internal_type()
        if internal == "DateField":
            converters[index] = functools.cache(connection.ops.adapt_datefield_value)
        elif internal == "DateTimeField":
            converters[index] = functools.cache(connection.ops.adapt_datetimefield_value)
    placeholders = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {table} ({names}) VALUES ({placeholders})"
    chunk = []
    with connection.cursor() as cursor:
        for row in rows:
            if converters:
                row = list(row)
                for index, convert in converters.items():
                    if row[index] is not None:
                        row[index] = convert(row[index])
            chunk.append(row)
            if len(chunk) >= batch:
                cursor.executemany(sql, chunk)
                chunk = []
        if chunk:
            cursor.executemany(sql, chunk)


class ActivityWriter:
    """Writes activity rows with the report indexes dropped, and builds them again at the end:
    building an index once is cheaper than maintaining it row after row."""

    def __enter__(self):
        # Plain statements rather than a schema editor: SQLite's refuses to run inside a
        # transaction, and the load must stay all or nothing.
        editor = connection.SchemaEditorClass(connection)
        self.creates = [str(index.create_sql(Activity, editor)) for index in Activity._meta.indexes]
        with connection.cursor() as cursor:
            for index in Activity._meta.indexes:
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(index.name)}")
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
                cursor.execute("SET LOCAL synchronous_commit = off")
                # No foreign-key trigger per row: the generator's references are valid by
                # construction (the tests check them), and 30 M rows of deferred checks would
                # queue hundreds of millions of trigger events (and forbid building the indexes
                # in the same transaction).
                cursor.execute("SET LOCAL session_replication_role = replica")
        return self

    def write(self, rows):
        write_rows(Activity, ACTIVITY_COLUMNS, rows)

    def __exit__(self, kind, error, trace):
        if kind is not None:
            return False
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET LOCAL session_replication_role = origin")
            for statement in self.creates:
                cursor.execute(statement)
        return False
