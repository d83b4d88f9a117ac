"""The media outlets every federation starts with (the seed plan's list); each renames or adds.

(code, name, rank) — names are data, in Vietnamese, like the standard unit kinds.
"""

STANDARD_OUTLETS = [
    ("provincial_newspaper", "Báo tỉnh", 10),
    ("provincial_radio_tv", "Đài Phát thanh và Truyền hình tỉnh", 20),
    ("local_radio", "Đài truyền thanh địa phương", 30),
    ("company_broadcasting", "Truyền thanh nội bộ doanh nghiệp", 40),
    ("union_website", "Trang thông tin điện tử, mạng xã hội của Công đoàn", 50),
]


def ensure_standard_outlets(outlet_model):
    """Create the missing standard outlets; rows a federation has edited are left alone."""
    for code, name, rank in STANDARD_OUTLETS:
        outlet_model.objects.get_or_create(code=code, defaults={"name": name, "rank": rank})
