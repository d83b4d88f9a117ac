"""Known units for the parser's tests, as the command builds them from the demo tree (Bến Tre)."""

from lantoa.documents.unit_names import KnownKind, KnownUnit
from lantoa.units.kinds import STANDARD_KINDS

KINDS = [
    KnownKind(code, name, plural, abbreviation)
    for code, name, plural, abbreviation, _ in STANDARD_KINDS
]
PROVINCE = KnownUnit(
    1, "Liên đoàn Lao động tỉnh Bến Tre", "LĐLĐ tỉnh Bến Tre", "LĐLĐ", "provincial_federation"
)
CHAU_THANH = KnownUnit(
    2,
    "Liên đoàn Lao động huyện Châu Thành",
    "LĐLĐ huyện Châu Thành",
    "LĐLĐ",
    "district_federation",
)
GIONG_TROM = KnownUnit(
    3, "Liên đoàn Lao động huyện Giồng Trôm", "LĐLĐ huyện Giồng Trôm", "LĐLĐ", "district_federation"
)
BEN_TRE_CITY = KnownUnit(
    4,
    "Liên đoàn Lao động thành phố Bến Tre",
    "LĐLĐ thành phố Bến Tre",
    "LĐLĐ",
    "district_federation",
)
EDUCATION = KnownUnit(
    5, "Công đoàn ngành Giáo dục tỉnh Bến Tre", "Công đoàn ngành Giáo dục", "CĐN", "sector_union"
)
HEALTH = KnownUnit(
    6, "Công đoàn ngành Y tế tỉnh Bến Tre", "Công đoàn ngành Y tế", "CĐN", "sector_union"
)
CIVIL_SERVANTS = KnownUnit(
    7,
    "Công đoàn Viên chức tỉnh Bến Tre",
    "Công đoàn Viên chức tỉnh",
    "CĐVC",
    "civil_servants_union",
)
INDUSTRIAL_PARKS = KnownUnit(
    8,
    "Công đoàn các Khu công nghiệp tỉnh Bến Tre",
    "Công đoàn các KCN tỉnh Bến Tre",
    "CĐ CKCN",
    "industrial_parks_union",
)
GRASSROOTS = KnownUnit(
    9,
    "Công đoàn cơ sở Công ty TNHH Chế biến Thủy sản Tân Thạch",
    "CĐCS Công ty TNHH Chế biến Thủy sản Tân Thạch",
    "CĐCS",
    "grassroots_union",
)
UNITS = [
    PROVINCE,
    CHAU_THANH,
    GIONG_TROM,
    BEN_TRE_CITY,
    EDUCATION,
    HEALTH,
    CIVIL_SERVANTS,
    INDUSTRIAL_PARKS,
    GRASSROOTS,
]
