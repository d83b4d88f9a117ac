"""Demo plans: the seed, Plan 10/KH-LĐLĐ of 2 March 2018 of the Bến Tre federation, issued and
deployed, with the plans of the district federations drawn up from it in various states."""

import datetime
import zoneinfo

from django.conf import settings

from lantoa.accounts.models import User
from lantoa.outreach import OutreachKind
from lantoa.units.models import Unit, UnitKind

from . import services
from .models import Plan, TaskAssignee

ZONE = zoneinfo.ZoneInfo(settings.TIME_ZONE)


def at(day, month, hour=8):
    return datetime.datetime(2018, month, day, hour, tzinfo=ZONE)


SEED = {
    "number": 10,
    "symbol": "KH-LĐLĐ",
    "place": "Bến Tre",
    "date": datetime.date(2018, 3, 2),
    "year": 2018,
    "superior": "Tổng LĐLĐ Việt Nam",
    "issuer_name": "Liên đoàn Lao động tỉnh Bến Tre",
    "subject": "Thực hiện công tác truyền thông khởi nghiệp năm 2018",
    "bases": [
        "Nghị quyết Đại hội X Đảng bộ tỉnh nhiệm kỳ 2015-2020",
        "Chương trình số 10-CTr/TU ngày 28/4/2016 của Ban Thường vụ Tỉnh ủy về “Đồng Khởi "
        "khởi nghiệp và phát triển doanh nghiệp tỉnh Bến Tre”",
    ],
    "introduction": (
        "Liên đoàn Lao động (LĐLĐ) tỉnh xây dựng Kế hoạch thực hiện công tác truyền thông khởi "
        "nghiệp trong tổ chức Công đoàn và cán bộ, đoàn viên, công nhân, viên chức, lao động "
        "(CNVCLĐ) trong năm 2018 với những nội dung cụ thể như sau:"
    ),
    "purposes": [
        "Tiếp tục đẩy mạnh công tác truyền thông khởi nghiệp nhằm khơi dậy và khơi động tinh thần "
        "khởi nghiệp, tinh thần doanh nhân; tạo sự chuyển biến mạnh mẽ về nhận thức của cán bộ, "
        "đoàn viên, CNVCLĐ.",
        "Phát động mạnh mẽ phong trào thi đua “Đồng Khởi khởi nghiệp” gắn với phong trào thi đua "
        "“Đồng Khởi mới” trong cán bộ, đoàn viên, CNVCLĐ; từ đó phát huy tính năng động, sáng tạo "
        "trong lao động, sản xuất, thể hiện quyết tâm đưa tỉnh nhà lên vị thế mới, bắt nhịp với "
        "khu vực.",
        "Tổ chức các hoạt động truyền thông phải đảm bảo tính hiệu quả, thiết thực, sát với từng "
        "đối tượng và làm cho tinh thần khởi nghiệp lan tỏa rộng ra cộng đồng.",
    ],
    "content_heading": "NỘI DUNG THỰC HIỆN CÔNG TÁC TRUYỀN THÔNG",
    "audience": "Tất cả cán bộ, đoàn viên, CNVCLĐ trên địa bàn tỉnh.",
    "primary_target": ("Công nhân lao động (CNLĐ) trong các doanh nghiệp, khu công nghiệp."),
    "activity_lines": [
        {
            "kind": OutreachKind.DISSEMINATION,
            "text": "Sử dụng tài liệu khởi nghiệp đã được Hội đồng tư vấn khởi nghiệp và phát "
            "triển doanh nghiệp tỉnh biên soạn, tuyên truyền, phổ biến, tập huấn cho đoàn viên, "
            "CNVCLĐ đang làm việc tại các cơ quan, đơn vị, doanh nghiệp, khu công nghiệp, khu nhà "
            "trọ công nhân nhằm định hướng và đưa ra những ý tưởng hay cho con đường khởi nghiệp.",
        },
        {
            "kind": OutreachKind.VISUAL,
            "text": "Xây dựng hình ảnh trực quan để tuyên truyền, cổ động về khởi nghiệp trên các "
            "băng rôn, pano, áp phích, tranh cổ động... tại các cơ sở sản xuất kinh doanh, khu "
            "công nghiệp, khu nhà trọ tạo sự tác động trực tiếp đến tâm lý, suy nghĩ của người lao "
            "động đối với hoạt động khởi nghiệp.",
        },
        {
            "kind": OutreachKind.TALK,
            "text": "Tùy từng điều kiện của cơ quan, đơn vị, doanh nghiệp, phối hợp tổ chức các "
            "buổi tọa đàm, nói chuyện chuyên đề, giao lưu khởi nghiệp với công nhân và người lao "
            "động để khơi gợi tính khám phá, tư duy, sáng tạo, biến ý tưởng thành hiện thực, nâng "
            "cao niềm tin của người lao động tham gia khởi nghiệp, khắc phục tư tưởng ngại mạo "
            "hiểm, an phận, sợ thất bại, rủi ro; kích thích tính năng động, cạnh tranh lành mạnh "
            "trong nền kinh tế thị trường.",
        },
        {
            "kind": OutreachKind.MEDIA,
            "text": "Tiếp tục đưa nội dung khởi nghiệp vào các chuyên trang, chuyên mục của Công "
            "đoàn trên báo Đồng Khởi, đài PTTH tỉnh, các đài truyền thanh địa phương, phương tiện "
            "truyền thanh nội bộ trong các doanh nghiệp... mở rộng và nâng cao hiệu quả tuyên "
            "truyền trên các phương tiện thông tin đại chúng, đến với đông đảo đoàn viên công đoàn "
            "và người lao động.",
        },
        {
            "kind": OutreachKind.EMULATION,
            "text": "Thường xuyên phát động các phong trào thi đua tham gia thực hiện Chương trình "
            "“Đồng Khởi khởi nghiệp và phát triển doanh nghiệp” trong tổ chức Công đoàn và cán "
            "bộ, đoàn viên, CNVCLĐ. Từng bước phát hiện và nhân rộng các mô hình điển hình, tiêu "
            "biểu của phong trào để tạo đà cho sự khởi nghiệp thành công.",
        },
        {
            "kind": OutreachKind.DIFFICULTY,
            # The seed reads "khởi nghiệpcó": a missing space, put back here.
            "text": "Quan tâm, nắm bắt những khó khăn, vướng mắc của các doanh nghiệp để kịp thời "
            "tham mưu, đề xuất với Tỉnh ủy, Ủy ban nhân dân tỉnh, Hội đồng tư vấn khởi nghiệp có "
            "biện pháp giúp đỡ để tháo gỡ những khó khăn vướng mắc.",
        },
    ],
    "tasks": [
        {
            "assignee": TaskAssignee.DEPARTMENT,
            "text": "Ban Tuyên giáo LĐLĐ tỉnh tham mưu xây dựng kế hoạch và triển khai đến các cấp "
            "công đoàn trong tỉnh, kịp thời liên hệ Hội đồng tư vấn khởi nghiệp và phát triển "
            "doanh nghiệp nhận và cấp phát tài liệu tuyên truyền đến các cấp công đoàn và CNVCLĐ.",
        },
        {
            "assignee": TaskAssignee.RECIPIENTS,
            "text": "Các cấp Công đoàn căn cứ vào tình hình thực tế của địa phương, ngành, đơn vị "
            "xây dựng Kế hoạch tổ chức các hoạt động truyền thông khởi nghiệp đến tận cán bộ, đoàn "
            "viên, CNVCLĐ.",
        },
        {
            "assignee": TaskAssignee.RECIPIENTS,
            "text": "Gửi văn bản triển khai và định kỳ hàng quý, 6 tháng, năm báo cáo kết quả thực "
            "hiện công tác truyền thông về LĐLĐ tỉnh (*qua Ban Tuyên giáo*) để tổng hợp báo cáo về "
            "Hội đồng tư vấn khởi nghiệp và phát triển doanh nghiệp./.",
        },
    ],
    "recipients": [
        {"name": "Hội đồng TVKN và PTDN"},
        {"name": "Ban Tuyên giáo Tỉnh ủy"},
        {"name": "Ban Dân vận Tỉnh ủy"},
        {"name": "Ủy ban Mặt trận tổ quốc tỉnh"},
        {"name": "Thường trực LĐLĐ tỉnh"},
        {"name": "LĐLĐ các huyện, thành phố", "unit_kinds": [UnitKind.DISTRICT_FEDERATION]},
        {
            "name": "CĐN, CĐVC, CĐ CKCN",
            "unit_kinds": [
                UnitKind.SECTOR_UNION,
                UnitKind.CIVIL_SERVANTS_UNION,
                UnitKind.INDUSTRIAL_PARKS_UNION,
            ],
        },
    ],
    "archive": "VP, TG",
    "signer": {"on_behalf": "TM. BAN THƯỜNG VỤ", "title": "Phó Chủ tịch", "name": "Huỳnh Văn Tân"},
    "subplan_days": 10,
}

# How far each receiving unit got: (acknowledged on, own plan: (number, issued on, place, signer)
# or None). Thạnh Phú has not acknowledged; Giồng Trôm acknowledged but has no plan yet.
PROGRESS = {
    "BT-TPBT": (at(5, 3), (8, at(12, 3), "Bến Tre", "Nguyễn Văn Hùng")),
    "BT-CT": (at(5, 3, 9), (5, at(9, 3), "Châu Thành", "Lê Thị Hoa")),
    "BT-CL": (at(6, 3), (6, at(15, 3), "Chợ Lách", "Phạm Văn Lợi")),
    "BT-MCN": (at(6, 3, 10), (7, at(14, 3), "Mỏ Cày Nam", "Võ Thị Thu")),
    "BT-MCB": (at(7, 3), (4, at(13, 3), "Mỏ Cày Bắc", "Trần Văn Bảy")),
    "BT-GT": (at(7, 3, 14), None),
    "BT-BD": (at(8, 3), (9, at(16, 3), "Bình Đại", "Đặng Văn Sáu")),
    "BT-BTR": (at(8, 3, 15), (11, at(20, 3), "Ba Tri", "Huỳnh Thị Mai")),
    "BT-TP": (None, None),
    "BT-GD": (at(5, 3, 11), (3, at(14, 3), "Bến Tre", "Lê Văn Tám")),
    "BT-YT": (at(9, 3), None),
    "BT-NN": (None, None),
    "BT-VC": (at(6, 3, 16), (2, at(15, 3), "Bến Tre", "Ngô Thị Lan")),
    "BT-KCN": (at(5, 3, 14), (6, at(12, 3), "Châu Thành", "Trương Văn Đức")),
}


def _officer(unit, fallback):
    return User.objects.filter(unit=unit, is_active=True).order_by("pk").first() or fallback


def load(*, stdout):
    province = Unit.objects.get(code="BT")
    admin = User.objects.get(username="admin")
    if Plan.objects.filter(issuer=province, year=2018, number=SEED["number"]).exists():
        stdout.write("  plans: already loaded")
        return
    fields = {key: value for key, value in SEED.items() if key != "number"}
    plan = services.plan_create_draft(issuer=province, user=admin, **fields)
    services.plan_issue(
        plan=plan, user=admin, number=SEED["number"], date=SEED["date"], now=at(2, 3)
    )
    subplans = 0
    for deployment in plan.deployments.select_related("unit__kind"):
        acknowledged, own = PROGRESS.get(deployment.unit.code, (None, None))
        officer = _officer(deployment.unit, admin)
        if acknowledged:
            services.deployment_acknowledge(deployment=deployment, user=officer, now=acknowledged)
        if own:
            _subplan(deployment, officer, *own)
            subplans += 1
    stdout.write(
        f"  plans: 10/KH-LĐLĐ sent to {plan.deployments.count()} units, {subplans} plans drawn "
        "up from it"
    )


def _subplan(deployment, officer, number, issued, place, signer_name):
    plan = services.plan_draft_from_parent(deployment=deployment, user=officer)
    plan.place = place
    plan.archive = "VP"
    plan.signer_title = "Chủ tịch"
    plan.signer_name = signer_name
    plan.save()
    if deployment.unit.kind.code == UnitKind.INDUSTRIAL_PARKS_UNION:
        # 1 visual item per grassroots union in an industrial park each quarter.
        visual = plan.activity_lines.get(kind=OutreachKind.VISUAL)
        visual.targets.create(
            quantity=1, per="Q", unit_kind=UnitKind.objects.get(code=UnitKind.GRASSROOTS_UNION)
        )
    else:
        talk = plan.activity_lines.get(kind=OutreachKind.TALK)
        talk.targets.create(
            quantity=1, per="S", unit_kind=UnitKind.objects.get(code=UnitKind.GRASSROOTS_UNION)
        )
    services.plan_issue(plan=plan, user=officer, number=number, date=issued.date(), now=issued)
    # The grassroots unions acknowledge over the following days; the last one has not yet.
    waiting = list(plan.deployments.order_by("unit__name"))
    for offset, grassroots in enumerate(waiting[:-1], start=1):
        services.deployment_acknowledge(
            deployment=grassroots,
            user=officer,
            now=issued + datetime.timedelta(days=offset % 4 + 1, hours=offset % 5),
        )
