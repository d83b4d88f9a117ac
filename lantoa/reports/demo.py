"""Demo reports: the Bến Tre federation's 2018 on Plan 10/KH-LĐLĐ and the plans drawn up from it.

Every quarter, the first and second half and the year: most units submit on time, some late, a
few never (Thạnh Phú's federation, which never acknowledged the plan, and two grassroots unions
that logged nothing); Châu Thành's second-quarter report is returned and submitted again; the
level above accepts most reports; the province sends its consolidated reports to the advisory
council, the yearly one with its full text. Seeded, so every load is the same; loaded once.
"""

import datetime
import random
import zoneinfo

from django.conf import settings
from django.utils import timezone

from lantoa.accounts.models import Notification, Role, User
from lantoa.periods.period import PeriodKind
from lantoa.plans.models import Plan, PlanStatus, ReportingLevel

from . import services
from .models import Report
from .selectors import expected_for_plans

ZONE = zoneinfo.ZoneInfo(settings.TIME_ZONE)
NEVER_REPORT = {"BT-TP", "BT-CL-03", "BT-MCB-02"}
# Reports the province has not reviewed yet: they wait in the administrator's list.
WAITING = {("BT-GT", "2018"), ("BT-BD", "2018"), ("BT-YT", "2018"), ("BT-KCN", "2018S2")}
RETURNED = ("BT-CT", "2018Q2")
DRAFTS = {("BT-BD-03", "2018"), ("BT-MCN", "2018")}
# Officers of the units that have no demo login: they write the reports, they cannot log in.
OFFICER_NAMES = [
    ("Nguyễn Văn", "An"),
    ("Trần Thị", "Bích"),
    ("Lê Hoàng", "Cường"),
    ("Phạm Thị", "Dung"),
    ("Võ Minh", "Đức"),
    ("Huỳnh Thị", "Giang"),
    ("Đặng Văn", "Hải"),
    ("Bùi Thị", "Hạnh"),
    ("Ngô Văn", "Khoa"),
    ("Dương Thị", "Liên"),
    ("Trương Văn", "Long"),
    ("Phan Thị", "Mai"),
]
RESULTS = [
    "Đơn vị tiếp tục triển khai Kế hoạch truyền thông khởi nghiệp đến cán bộ, đoàn viên, người "
    "lao động; lồng ghép nội dung khởi nghiệp vào các buổi sinh hoạt công đoàn định kỳ.",
    "Ban Chấp hành chỉ đạo các tổ công đoàn phổ biến tài liệu khởi nghiệp của Hội đồng tư vấn "
    "đến đoàn viên; tổ chức tọa đàm, giao lưu với doanh nhân trẻ của địa phương.",
    "Công tác tuyên truyền được duy trì đều đặn; hình thức trực quan (băng rôn, áp phích) được "
    "treo tại nơi làm việc và khu nhà trọ công nhân, tạo sự chú ý của người lao động.",
]
SHORTCOMINGS = [
    "Một số công đoàn cơ sở chưa chủ động tổ chức hoạt động, còn trông chờ cấp trên; việc cập "
    "nhật hoạt động vào Lan Tỏa có lúc chưa kịp thời.",
    "Số lượt công nhân lao động tại doanh nghiệp ngoài nhà nước tham dự còn thấp do thời gian "
    "làm việc, tăng ca nhiều.",
]
DIFFICULTIES = [
    "Kinh phí cho hoạt động tuyên truyền trực quan còn hạn chế; đề nghị LĐLĐ tỉnh hỗ trợ thêm "
    "tài liệu, áp phích khởi nghiệp.",
    "Đề nghị Hội đồng tư vấn khởi nghiệp cử báo cáo viên hỗ trợ các buổi nói chuyện chuyên đề tại "
    "khu công nghiệp.",
]
NEXT_TASKS = [
    "Tiếp tục tuyên truyền Kế hoạch số 10/KH-LĐLĐ; tập trung vào công nhân lao động tại doanh "
    "nghiệp, khu công nghiệp và khu nhà trọ.",
    "Phối hợp tổ chức giao lưu khởi nghiệp; phát hiện, nhân rộng các mô hình điển hình.",
]
PROVINCE_YEAR = {
    "results": (
        "Năm 2018, thực hiện Kế hoạch số 10/KH-LĐLĐ, các cấp công đoàn trong tỉnh đã triển khai "
        "đồng bộ công tác truyền thông khởi nghiệp đến cán bộ, đoàn viên, CNVCLĐ. 14 LĐLĐ huyện, "
        "thành phố, công đoàn ngành, Công đoàn Viên chức tỉnh và Công đoàn các Khu công nghiệp "
        "đã tiếp nhận kế hoạch; 10 đơn vị đã xây dựng kế hoạch thực hiện và triển khai đến công "
        "đoàn cơ sở.\n"
        "Nội dung tuyên truyền tập trung vào Chương trình “Đồng Khởi khởi nghiệp và phát triển "
        "doanh nghiệp”, tài liệu khởi nghiệp của Hội đồng tư vấn; hình thức đa dạng: tuyên truyền "
        "miệng, tập huấn, tọa đàm, giao lưu, pano, áp phích tại khu công nghiệp và khu nhà trọ "
        "công nhân, chuyên mục Công đoàn trên Báo Đồng Khởi và Đài Phát thanh và Truyền hình "
        "tỉnh.\n"
        "Phong trào thi đua “Đồng Khởi khởi nghiệp” được phát động rộng rãi, góp phần khơi dậy "
        "tinh thần khởi nghiệp trong công nhân lao động."
    ),
    "shortcomings": (
        "Hoạt động giữa các đơn vị chưa đồng đều: một số công đoàn cơ sở khu vực hành chính sự "
        "nghiệp ít tổ chức; LĐLĐ huyện Thạnh Phú chưa triển khai kế hoạch và chưa gửi báo cáo.\n"
        "Nguyên nhân: một bộ phận cán bộ công đoàn cơ sở kiêm nhiệm, chưa dành nhiều thời gian cho "
        "công tác tuyên truyền; công nhân làm việc theo ca, khó bố trí thời gian sinh hoạt."
    ),
    "difficulties": (
        "Đề nghị Hội đồng tư vấn khởi nghiệp và phát triển doanh nghiệp tỉnh tiếp tục cung cấp tài "
        "liệu, tờ gấp tuyên truyền phù hợp với công nhân lao động; hỗ trợ chuyên gia, doanh nhân "
        "tham gia các buổi giao lưu tại khu công nghiệp Giao Long, An Hiệp.\n"
        "Đề nghị tháo gỡ khó khăn về mặt bằng, vốn vay cho công nhân có ý tưởng khởi nghiệp."
    ),
    "next_tasks": (
        "Tiếp tục đẩy mạnh truyền thông khởi nghiệp năm 2019, tập trung vào công nhân lao động "
        "trong doanh nghiệp, khu công nghiệp.\n"
        "Chỉ đạo LĐLĐ huyện Thạnh Phú và các đơn vị chưa có kế hoạch khẩn trương triển khai.\n"
        "Tổ chức sơ kết, khen thưởng các tập thể, cá nhân tiêu biểu trong phong trào “Đồng Khởi "
        "khởi nghiệp”."
    ),
}
LEVEL_ORDER = {ReportingLevel.GRASSROOTS: 0, ReportingLevel.UPPER: 1, ReportingLevel.PROVINCE: 2}


def _moment(day, hour, minute=0):
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=ZONE)


def _officers(units, rng):
    """{unit id: an officer who writes its reports}, creating the missing ones (no password)."""
    found = {}
    for user in User.objects.filter(
        unit__in=units, is_active=True, role__in=[Role.OFFICER, Role.ADMIN]
    ):
        found.setdefault(user.unit_id, user)
    new = []
    for unit in units:
        if unit.pk in found:
            continue
        last_name, first_name = rng.choice(OFFICER_NAMES)
        user = User(
            username=f"cb-{unit.code.lower()}",
            unit=unit,
            role=Role.OFFICER,
            last_name=last_name,
            first_name=first_name,
            job_title="Cán bộ phụ trách tuyên giáo",
            phone=f"09{rng.randint(10000000, 99999999)}",
            email=f"cb-{unit.code.lower()}@bentre.lantoa.example",
        )
        user.set_unusable_password()
        new.append(user)
    for user in User.objects.bulk_create(new):
        found[user.unit_id] = user
    return found


def load(*, stdout):
    top = Plan.objects.filter(issuer__code="BT", year=2018, number=10).first()
    if top is None:
        stdout.write("  reports: no plan 10/KH-LĐLĐ, skipped")
        return
    if Report.objects.filter(plan=top).exists():
        stdout.write("  reports: already loaded")
        return
    started = timezone.now()
    rng = random.Random(2018)
    plans = Plan.objects.below(top).filter(status=PlanStatus.ISSUED).select_related("issuer__kind")
    expected = expected_for_plans(plans)
    units = {item.unit.pk: item.unit for item in expected}
    officers = _officers(list(units.values()), rng)
    admin = User.objects.get(username="admin")
    parents = {
        unit_id: unit.parent_on(datetime.date(2018, 6, 1)) for unit_id, unit in units.items()
    }
    expected.sort(key=lambda item: (item.deadline, LEVEL_ORDER[item.level], item.unit.code))
    counts = {"submitted": 0, "late": 0, "missing": 0, "accepted": 0}
    for item in expected:
        key = (item.unit.code, str(item.period))
        if item.unit.code in NEVER_REPORT or (
            item.level == ReportingLevel.GRASSROOTS and rng.random() < 0.05
        ):
            counts["missing"] += 1
            continue
        writer = officers.get(item.unit.pk, admin)
        report = services.report_start(
            plan=item.plan, unit=item.unit, period=item.period, user=writer
        )
        report = _write(report, item, writer, rng)
        if key in DRAFTS:
            continue
        late = rng.random() < 0.15
        day = item.deadline + datetime.timedelta(
            days=rng.randint(1, 8) if late else -rng.randint(0, 4)
        )
        submitted = _moment(day, rng.randint(8, 16), rng.randint(0, 59))
        services.report_submit(report=report, user=writer, now=submitted)
        counts["submitted"] += 1
        counts["late"] += late
        reviewer = _reviewer(report, parents, officers, admin)
        if reviewer is None or key in WAITING:
            continue
        reviewed = submitted + datetime.timedelta(days=1, hours=rng.randint(0, 5))
        if key == RETURNED:
            _return_and_resubmit(report, writer, reviewer, reviewed)
            reviewed += datetime.timedelta(days=3)
        services.report_accept(report=report, user=reviewer, now=reviewed)
        counts["accepted"] += 1
    # What happened in 2018 is history: its notifications are not news for today's logins.
    Notification.objects.filter(created_at__gte=started).update(read_at=timezone.now())
    stdout.write(
        f"  reports: {counts['submitted']} submitted ({counts['late']} late), "
        f"{counts['accepted']} accepted, {counts['missing']} missing"
    )


def _reviewer(report, parents, officers, admin):
    """Who accepts the report: an officer of the level above; the province's own reports go to
    the advisory council, outside Lan Tỏa."""
    parent = parents.get(report.unit_id)
    if parent is None:
        return None
    return officers.get(parent.pk) or (admin if parent.code == "BT" else None)


def _write(report, item, writer, rng):
    if item.unit.code == "BT" and item.period.kind == PeriodKind.YEAR:
        text = PROVINCE_YEAR
    else:
        text = {
            "results": rng.choice(RESULTS),
            "shortcomings": rng.choice(SHORTCOMINGS),
            "difficulties": rng.choice(DIFFICULTIES) if rng.random() < 0.6 else "",
            "next_tasks": rng.choice(NEXT_TASKS),
        }
    signer = {}
    if not report.signer_name:
        signer = {"signer_title": "Chủ tịch", "signer_name": writer.display_name}
    return services.report_save(
        report=report, user=writer, expected_version=report.version, **text, **signer
    )


def _return_and_resubmit(report, writer, reviewer, when):
    services.report_return(
        report=report,
        user=reviewer,
        comment=(
            "Đề nghị bổ sung kết quả tuyên truyền tại khu nhà trọ công nhân ấp Phước Thạnh và nêu "
            "rõ nguyên nhân số buổi tọa đàm giảm so với quý I."
        ),
        now=when,
    )
    report.refresh_from_db()
    services.adjustment_set(
        report=report,
        indicator="media.count",
        value=report.submissions.first().content["computed"]["media.count"] + 3,
        reason="Bổ sung 3 tin phát trên Đài truyền thanh huyện chưa nhập kịp vào sổ hoạt động.",
        user=writer,
    )
    services.report_save(
        report=report,
        user=writer,
        expected_version=report.version,
        results=report.results
        + "\nĐã tổ chức 2 buổi tuyên truyền tại khu nhà trọ công nhân ấp Phước Thạnh, xã An Phước.",
        shortcomings="Số buổi tọa đàm giảm do công nhân tăng ca mùa cao điểm đơn hàng.",
    )
    services.report_submit(report=report, user=writer, now=when + datetime.timedelta(days=2))
