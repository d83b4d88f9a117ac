"""The standard kinds of the Vietnam General Confederation of Labour's tree.

Kinds are rows: a federation may rename these or add its own in the administration pages.
(code, name, plural name, abbreviation, rank)
"""

STANDARD_KINDS = [
    (
        "provincial_federation",
        "Liên đoàn Lao động tỉnh, thành phố",
        "LĐLĐ các tỉnh, thành phố",
        "LĐLĐ",
        10,
    ),
    (
        "district_federation",
        "Liên đoàn Lao động huyện, thành phố",
        "LĐLĐ các huyện, thành phố",
        "LĐLĐ",
        20,
    ),
    ("sector_union", "Công đoàn ngành", "Công đoàn ngành", "CĐN", 30),
    ("civil_servants_union", "Công đoàn Viên chức", "Công đoàn Viên chức", "CĐVC", 40),
    (
        "industrial_parks_union",
        "Công đoàn các Khu công nghiệp",
        "Công đoàn các Khu công nghiệp",
        "CĐ CKCN",
        50,
    ),
    ("commune_union", "Công đoàn xã, phường", "Công đoàn các xã, phường", "CĐ", 60),
    ("grassroots_union", "Công đoàn cơ sở", "Công đoàn cơ sở", "CĐCS", 70),
]


def ensure_standard_kinds(unit_kind_model):
    """Create the missing standard kinds; rows a federation has edited are left alone."""
    for code, name, plural, abbreviation, rank in STANDARD_KINDS:
        unit_kind_model.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "plural_name": plural,
                "abbreviation": abbreviation,
                "rank": rank,
            },
        )
