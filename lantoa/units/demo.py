"""Demo tree: the Bến Tre federation of 2018, as the seed plan's recipient list describes it."""

import datetime
import random

from .models import Headcount, Place, PlaceKind, Unit, UnitKind, UnitLink

TREE_SINCE = datetime.date(2010, 1, 1)
HEADCOUNT_YEARS = [2017, 2018, 2019]

PROVINCE = {
    "code": "BT",
    "name": "Liên đoàn Lao động tỉnh Bến Tre",
    "short_name": "LĐLĐ tỉnh Bến Tre",
    "abbreviation": "LĐLĐ",
    "address": "Số 7 đường Cách Mạng Tháng Tám, phường 3, thành phố Bến Tre",
    "phone": "0275 3822 310",
    "email": "tuyengiao@bentre.lantoa.example",
    "contact_person": "Ban Tuyên giáo",
}

# (code, place name as in "LĐLĐ huyện …", "huyện" or "thành phố", communes for grassroots unions)
DISTRICTS = [
    ("TPBT", "Bến Tre", "thành phố", ["Phú Khương", "Phú Tân", "Mỹ Thạnh An", "Sơn Đông"]),
    ("CT", "Châu Thành", "huyện", ["Tân Thạch", "An Phước", "An Hóa", "Quới Sơn", "Tam Phước"]),
    ("CL", "Chợ Lách", "huyện", ["Vĩnh Thành", "Sơn Định", "Long Thới", "Phú Phụng"]),
    ("MCN", "Mỏ Cày Nam", "huyện", ["An Thạnh", "Đa Phước Hội", "Định Thủy", "Hương Mỹ"]),
    ("MCB", "Mỏ Cày Bắc", "huyện", ["Phước Mỹ Trung", "Thanh Tân", "Tân Thành Bình"]),
    ("GT", "Giồng Trôm", "huyện", ["Lương Quới", "Bình Thành", "Châu Hòa", "Sơn Phú"]),
    ("BD", "Bình Đại", "huyện", ["Thới Lai", "Châu Hưng", "Lộc Thuận", "Thạnh Trị"]),
    ("BTR", "Ba Tri", "huyện", ["An Ngãi Trung", "Tân Xuân", "An Đức", "Vĩnh Hòa"]),
    ("TP", "Thạnh Phú", "huyện", ["An Thạnh", "Giao Thạnh", "Mỹ Hưng"]),
]

DISTRICT_ENTERPRISES = {
    "TPBT": ["Công ty Cổ phần Dược phẩm Bến Tre", "Công ty TNHH In Phú Khương"],
    "CT": ["Công ty TNHH Chế biến Thủy sản Tân Thạch"],
    "CL": ["Hợp tác xã Cây giống Vĩnh Thành"],
    "MCN": ["Công ty TNHH Thạch dừa Đa Phước Hội"],
    "MCB": ["Công ty TNHH Kẹo dừa Thanh Tân"],
    "GT": ["Công ty TNHH Chế biến Dừa Lương Quới", "Công ty Cổ phần Thủy sản Giồng Trôm"],
    "BD": ["Công ty TNHH Nuôi trồng Thủy sản Thới Lai"],
    "BTR": ["Công ty TNHH May mặc Ba Tri"],
    "TP": ["Công ty TNHH Muối Thạnh Phú"],
}

SECTOR_UNIONS = [
    (
        "GD",
        "Công đoàn ngành Giáo dục tỉnh Bến Tre",
        "Công đoàn ngành Giáo dục",
        "CĐN",
        [
            "Trường THPT Chuyên Bến Tre",
            "Trường THPT Nguyễn Đình Chiểu",
            "Trường Cao đẳng Bến Tre",
        ],
    ),
    (
        "YT",
        "Công đoàn ngành Y tế tỉnh Bến Tre",
        "Công đoàn ngành Y tế",
        "CĐN",
        [
            "Bệnh viện Nguyễn Đình Chiểu",
            "Bệnh viện Y học cổ truyền Trần Văn An",
            "Trung tâm Y tế huyện Châu Thành",
        ],
    ),
    (
        "NN",
        "Công đoàn ngành Nông nghiệp và Phát triển nông thôn tỉnh Bến Tre",
        "Công đoàn ngành Nông nghiệp và PTNT",
        "CĐN",
        [
            "Chi cục Thủy lợi",
            "Trung tâm Khuyến nông",
            "Chi cục Kiểm lâm",
        ],
    ),
]

CIVIL_SERVANTS = (
    "CĐVC",
    "Công đoàn Viên chức tỉnh Bến Tre",
    "Công đoàn Viên chức tỉnh",
    "CĐVC",
    [
        "Văn phòng Ủy ban nhân dân tỉnh",
        "Sở Kế hoạch và Đầu tư",
        "Sở Lao động - Thương binh và Xã hội",
        "Sở Thông tin và Truyền thông",
    ],
)

INDUSTRIAL_PARKS = {
    "Khu công nghiệp Giao Long": (
        "xã An Phước, huyện Châu Thành",
        [
            "Công ty TNHH Hansae Việt Nam - Chi nhánh Bến Tre",
            "Công ty TNHH Chế biến Dừa Á Châu",
            "Công ty Cổ phần Giày da Giao Long",
            "Công ty TNHH Bao bì Phước Thạnh",
        ],
    ),
    "Khu công nghiệp An Hiệp": (
        "xã An Hiệp, huyện Châu Thành",
        [
            "Công ty TNHH May mặc An Hiệp",
            "Công ty TNHH Điện tử Việt Hưng",
            "Công ty Cổ phần Thức ăn chăn nuôi Bến Tre",
            "Công ty TNHH Sợi Đồng Khởi",
        ],
    ),
}

BOARDING_AREAS = {
    "CT": ["Khu nhà trọ công nhân ấp Phước Thạnh, xã An Phước", "Khu nhà trọ công nhân xã An Hiệp"],
    "TPBT": ["Khu nhà trọ công nhân phường Phú Tân"],
}


def _kind(code):
    return UnitKind.objects.get(code=code)


def _unit(code, kind, parent, **fields):
    unit = Unit.objects.filter(code=code).first() or Unit(code=code)
    unit.kind = kind
    for name, value in fields.items():
        setattr(unit, name, value)
    unit.save()
    if parent is not None:
        UnitLink.objects.get_or_create(
            unit=unit, parent=parent, valid_from=TREE_SINCE, defaults={"valid_to": None}
        )
    return unit


def _place(unit, kind, name, **fields):
    place, _ = Place.objects.update_or_create(
        unit=unit, name=name, defaults={"kind": kind, **fields}
    )
    return place


def _headcounts(rng, unit, *, members, industrial_share):
    for offset, year in enumerate(HEADCOUNT_YEARS):
        growth = 1 + 0.04 * offset
        workers = int(members * growth / rng.uniform(0.82, 0.97))
        Headcount.objects.update_or_create(
            unit=unit,
            year=year,
            defaults={
                "members": int(members * growth),
                "workers": workers,
                "industrial_workers": int(workers * industrial_share),
            },
        )


def _grassroots(rng, code, parent, name, *, enterprise, place=None):
    unit = _unit(
        code,
        _kind(UnitKind.GRASSROOTS_UNION),
        parent,
        name=f"Công đoàn cơ sở {name}",
        short_name=f"CĐCS {name}",
        abbreviation="CĐCS",
        contact_person="Chủ tịch Công đoàn cơ sở",
    )
    if enterprise:
        _headcounts(rng, unit, members=rng.randint(80, 2400), industrial_share=rng.uniform(0.85, 1))
        _place(unit, PlaceKind.ENTERPRISE, name, industrial_park=place)
    else:
        _headcounts(rng, unit, members=rng.randint(15, 160), industrial_share=0)
        _place(unit, PlaceKind.AGENCY, name)
    return unit


def load(*, stdout):
    rng = random.Random(2018)
    province = _unit(
        PROVINCE["code"],
        _kind(UnitKind.PROVINCIAL_FEDERATION),
        None,
        **{k: v for k, v in PROVINCE.items() if k != "code"},
    )
    _headcounts(rng, province, members=32, industrial_share=0)

    for code, place_name, level, communes in DISTRICTS:
        district = _unit(
            f"BT-{code}",
            _kind(UnitKind.DISTRICT_FEDERATION),
            province,
            name=f"Liên đoàn Lao động {level} {place_name}",
            short_name=f"LĐLĐ {level} {place_name}",
            abbreviation="LĐLĐ",
            address=f"{level.capitalize()} {place_name}, tỉnh Bến Tre",
            phone=f"0275 38{rng.randint(10, 99)} {rng.randint(100, 999)}",
            email=f"ldld.{code.lower()}@bentre.lantoa.example",
            contact_person="Ban Tuyên giáo",
        )
        _headcounts(rng, district, members=rng.randint(5, 9), industrial_share=0)
        number = 0
        for commune in communes:
            number += 1
            _grassroots(
                rng,
                f"BT-{code}-{number:02d}",
                district,
                f"Ủy ban nhân dân xã {commune}",
                enterprise=False,
            )
        for enterprise in DISTRICT_ENTERPRISES[code]:
            number += 1
            _grassroots(rng, f"BT-{code}-{number:02d}", district, enterprise, enterprise=True)
        for area in BOARDING_AREAS.get(code, []):
            _place(district, PlaceKind.BOARDING_AREA, area)

    for code, name, short_name, abbreviation, members in [*SECTOR_UNIONS, CIVIL_SERVANTS]:
        kind = UnitKind.CIVIL_SERVANTS_UNION if code == "CĐVC" else UnitKind.SECTOR_UNION
        upper = _unit(
            f"BT-{'VC' if code == 'CĐVC' else code}",
            _kind(kind),
            province,
            name=name,
            short_name=short_name,
            abbreviation=abbreviation,
            contact_person="Ban Thường vụ",
        )
        _headcounts(rng, upper, members=rng.randint(4, 7), industrial_share=0)
        for number, member in enumerate(members, start=1):
            _grassroots(rng, f"{upper.code}-{number:02d}", upper, member, enterprise=False)

    parks_union = _unit(
        "BT-KCN",
        _kind(UnitKind.INDUSTRIAL_PARKS_UNION),
        province,
        name="Công đoàn các Khu công nghiệp tỉnh Bến Tre",
        short_name="Công đoàn các KCN tỉnh Bến Tre",
        abbreviation="CĐ CKCN",
        address="Khu công nghiệp Giao Long, xã An Phước, huyện Châu Thành",
        contact_person="Ban Tuyên giáo",
    )
    _headcounts(rng, parks_union, members=6, industrial_share=0)
    number = 0
    for park_name, (address, enterprises) in INDUSTRIAL_PARKS.items():
        park = _place(parks_union, PlaceKind.INDUSTRIAL_PARK, park_name, address=address)
        for enterprise in enterprises:
            number += 1
            _grassroots(
                rng, f"BT-KCN-{number:02d}", parks_union, enterprise, enterprise=True, place=park
            )

    stdout.write(f"  union tree: {Unit.objects.count()} units, {Place.objects.count()} places")
