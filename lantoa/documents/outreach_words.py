"""Which outreach kind an activity line of a plan describes, from its wording. No Django.

The codes are those of `lantoa.outreach.OutreachKind` (a test keeps them equal); the parser keeps
plain strings so that it can run without Django.
"""

from .vn_words import Phrase, tokens

DISSEMINATION = "dissemination"
VISUAL = "visual"
TALK = "talk"
MEDIA = "media"
EMULATION = "emulation"
DIFFICULTY = "difficulty"
KINDS = (DISSEMINATION, VISUAL, TALK, MEDIA, EMULATION, DIFFICULTY)

# `báo` is a newspaper except in a report, a notice or a warning; written without diacritics it
# may also be `bảo` (to ensure, to protect) or `bao` (how much), hence the longer list.
_NOT_NEWSPAPER_BEFORE = ("thông", "cảnh", "dự", "đảm", "tình")
_NOT_NEWSPAPER_AFTER = (
    "cáo",
    "động",
    "đảm",
    "vệ",
    "gồm",
    "hiểm",
    "tồn",
    "trợ",
    "quản",
    "hộ",
    "giờ",
    "nhiêu",
    "tàng",
    "lãnh",
)
# `đài` is a broadcaster; without diacritics `dai` may be `đại` (đại hội) or `dài` (lâu dài).
_NOT_STATION_BEFORE = ("lâu", "kéo", "hiện", "vĩ", "chiều", "thời", "tối", "cường", "trọng")
_NOT_STATION_AFTER = ("hội", "biểu", "chúng", "diện", "trà", "hạn", "ngày", "học", "sứ", "lý")

WORDING = {
    DISSEMINATION: [
        Phrase("tuyên truyền"),
        Phrase("phổ biến"),
        Phrase("tập huấn"),
        Phrase("tài liệu"),
        Phrase("quán triệt"),
        Phrase("học tập"),
        Phrase("bồi dưỡng"),
        Phrase("tờ rơi"),
        Phrase("tờ gấp"),
        Phrase("sổ tay"),
        Phrase("cẩm nang"),
        Phrase("hội thi"),
        Phrase("cuộc thi"),
    ],
    VISUAL: [
        Phrase("băng rôn"),
        Phrase("băng rôl"),
        Phrase("pano"),
        Phrase("panô"),
        Phrase("pa nô"),
        Phrase("áp phích"),
        Phrase("tranh cổ động"),
        Phrase("cổ động"),
        Phrase("trực quan"),
        Phrase("khẩu hiệu"),
        Phrase("biểu ngữ"),
        Phrase("bảng tin"),
        Phrase("màn hình led"),
    ],
    TALK: [
        Phrase("tọa đàm"),
        Phrase("nói chuyện"),
        Phrase("giao lưu"),
        Phrase("hội thảo"),
        Phrase("diễn đàn"),
        Phrase("đối thoại"),
    ],
    MEDIA: [
        Phrase("báo", not_before=_NOT_NEWSPAPER_BEFORE, not_after=_NOT_NEWSPAPER_AFTER),
        Phrase("đài", not_before=_NOT_STATION_BEFORE, not_after=_NOT_STATION_AFTER),
        Phrase("truyền thanh"),
        Phrase("truyền hình"),
        Phrase("phát thanh"),
        Phrase("chuyên trang"),
        Phrase("chuyên mục"),
        Phrase("trang thông tin"),
        Phrase("cổng thông tin"),
        Phrase("thông tin đại chúng"),
        Phrase("mạng xã hội"),
        Phrase("bản tin"),
        Phrase("tin bài"),
        Phrase("bài viết"),
        Phrase("phóng sự"),
        Phrase("tạp chí"),
        Phrase("trang web"),
        Phrase("website"),
        Phrase("facebook"),
        Phrase("fanpage"),
        Phrase("zalo"),
        Phrase("youtube"),
        Phrase("ptth"),
        Phrase("pt th"),
    ],
    EMULATION: [
        Phrase("thi đua"),
        Phrase("mô hình"),
        Phrase("điển hình"),
        Phrase("gương"),
        Phrase("người tốt việc tốt"),
        Phrase("khen thưởng"),
        Phrase("biểu dương"),
        Phrase("nhân rộng"),
        Phrase("tiêu biểu"),
    ],
    DIFFICULTY: [
        # Not the hardship of "đoàn viên có hoàn cảnh khó khăn", who receive gifts.
        Phrase("khó khăn", not_before=("cảnh", "biệt", "nghèo")),
        Phrase("vướng mắc"),
        Phrase("kiến nghị"),
        Phrase("đề xuất"),
        Phrase("tháo gỡ"),
        Phrase("phản ánh"),
        Phrase("nguyện vọng"),
        Phrase("bức xúc"),
    ],
}

# Dissemination is the umbrella word (`tuyên truyền` covers a panel as well as a newspaper
# column), so it wins only when nothing more specific is named. Among the specific kinds, the
# one named most often wins; on a tie, the earlier kind in this order.
SPECIFIC_KINDS = (VISUAL, TALK, MEDIA, EMULATION, DIFFICULTY)


def kind_counts(text):
    toks = tokens(text)
    return {
        kind: sum(phrase.count(toks) for phrase in phrases) for kind, phrases in WORDING.items()
    }


def classify_activity(text):
    """The outreach kind code of an activity line, or None when its wording names none."""
    counts = kind_counts(text)
    best = max(SPECIFIC_KINDS, key=lambda kind: (counts[kind], -SPECIFIC_KINDS.index(kind)))
    if counts[best]:
        return best
    return DISSEMINATION if counts[DISSEMINATION] else None
