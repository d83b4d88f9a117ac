"""Union units named in a plan: found in task lines, and matched from the recipients block to the
units of the tree. No Django: the caller passes the units and kinds it knows as plain values.
"""

import re
from dataclasses import dataclass

from lantoa.text import fold

from .vn_words import Folded

_ABBREVIATIONS = {
    "ldld": "lien doan lao dong",
    "tld": "tong lien doan lao dong",
    "tldld": "tong lien doan lao dong",
    "cd": "cong doan",
    "cdn": "cong doan nganh",
    "cdvc": "cong doan vien chuc",
    "cdcs": "cong doan co so",
    "ckcn": "cac khu cong nghiep",
    "kcn": "khu cong nghiep",
    "tp": "thanh pho",
    "tx": "thi xa",
    "tt": "thi tran",
    "ubnd": "uy ban nhan dan",
    "ptnt": "phat trien nong thon",
    "bch": "ban chap hanh",
    "btv": "ban thuong vu",
    "ubkt": "uy ban kiem tra",
    "vn": "viet nam",
    "tw": "trung uong",
}
# Words that make a name too vague to stand for one unit or one kind.
_GENERIC = {
    ("cong", "doan"),
    ("lien", "doan", "lao", "dong"),
    ("tong", "lien", "doan", "lao", "dong"),
}
# Organs of a unit: a recipient "Thường trực LĐLĐ tỉnh" (or "Ban Tuyên giáo của LĐLĐ tỉnh")
# is that unit.
_ORGANS = [
    tuple(words.split())
    for words in (
        "thuong truc ban chap hanh",
        "thuong truc",
        "ban thuong vu",
        "ban chap hanh",
        "doan chu tich",
        "ban tuyen giao",
        "ban to chuc",
        "ban chinh sach phap luat",
        "ban nu cong",
        "ban tai chinh",
        "ban quan he lao dong",
        "uy ban kiem tra",
        "van phong",
        "lanh dao",
        "chu tich",
        "cac dong chi",
        "dong chi",
        "cua",
    )
]
# Why a document is sent ("để báo cáo", "b/c") says nothing about who receives it.
_PURPOSE_WORDS = {"bao", "b", "thuc", "t", "biet", "phoi", "chi", "theo", "tong", "tham", "p"}
_FILLERS = {"va", "cac"}
# "Các CĐCS trực thuộc", "CĐCS trong tỉnh": the scope is implied by who sends the plan.
_SCOPE_SUFFIXES = {("truc", "thuoc"), ("tren", "dia"), ("trong", "tinh"), ("trong", "nganh")}
# Administrative levels: which kind of unit "LĐLĐ các huyện, thành phố" stands for.
_LEVELS = {
    ("tinh",): {"province"},
    ("thanh", "pho"): {"province", "district"},
    ("huyen",): {"district"},
    ("quan",): {"district"},
    ("thi", "xa"): {"district"},
    ("xa",): {"commune"},
    ("phuong",): {"commune"},
    ("thi", "tran"): {"commune"},
}
_LEVEL_CLASSES = {
    "province": {("tinh",), ("thanh", "pho")},
    "district": {("huyen",), ("quan",), ("thi", "xa"), ("thanh", "pho")},
    "commune": {("xa",), ("phuong",), ("thi", "tran")},
}


def canonical_words(text):
    """Folded words of a name with the usual union abbreviations spelled out."""
    text = re.sub(r"\([^)]*\)?", " ", text or "")
    words = []
    for word in re.findall(r"[^\W_]+", fold(text)):
        words.extend(_ABBREVIATIONS.get(word, word).split())
    return words


def _level_at(words, index):
    for level in sorted(_LEVELS, key=len, reverse=True):
        if tuple(words[index : index + len(level)]) == level:
            return level
    return None


def _without_fillers(words):
    return tuple(word for word in words if word != "cac")


@dataclass(frozen=True)
class KnownUnit:
    """A unit of the tree as the matcher needs it: `kind` is the kind's code."""

    id: int
    name: str
    short_name: str = ""
    abbreviation: str = ""
    kind: str = ""


@dataclass(frozen=True)
class KnownKind:
    code: str
    name: str
    plural_name: str = ""
    abbreviation: str = ""


@dataclass(frozen=True)
class UnitMatch:
    """What a recipient line stands for: units named one by one and kinds named as a group
    ("LĐLĐ các huyện, thành phố" is every district federation). Neither: an external body."""

    units: tuple = ()
    kinds: tuple = ()

    @property
    def unit(self):
        """The id of the one unit the line names, if that is all it names."""
        return self.units[0] if len(self.units) == 1 and not self.kinds else None

    @property
    def external(self):
        return not self.units and not self.kinds


@dataclass(frozen=True)
class _KindLevels:
    """A kind named after administrative levels: `Liên đoàn Lao động huyện, thành phố`."""

    code: str
    prefix: tuple  # the words before the levels: lien doan lao dong
    levels: frozenset  # every level word of its class: huyen, quan, thi xa, thanh pho


class UnitIndex:
    """The names of the known units and kinds, ready to match recipient lines against."""

    def __init__(self, units=(), kinds=()):
        self._kinds = {}
        self._units = {}
        self._groups = []
        abbreviations = [canonical_words(kind.abbreviation) for kind in kinds]
        for kind, abbreviation in zip(kinds, abbreviations, strict=True):
            names = [kind.name, kind.plural_name]
            if abbreviations.count(abbreviation) == 1:
                names.append(kind.abbreviation)
            for name in names:
                key = _without_fillers(canonical_words(name))
                if key and key not in _GENERIC:
                    self._kinds.setdefault(key, kind.code)
            self._add_group(kind)
        unit_abbreviations = [canonical_words(unit.abbreviation) for unit in units]
        for unit, abbreviation in zip(units, unit_abbreviations, strict=True):
            keys = set()
            for name in (unit.name, unit.short_name):
                keys |= self._name_variants(canonical_words(name))
            if abbreviation and unit_abbreviations.count(abbreviation) == 1:
                keys.add(_without_fillers(abbreviation))
            for key in keys - _GENERIC:
                if key:
                    self._units.setdefault(key, set()).add(unit.id)
        self._longest = max((len(key) for key in [*self._kinds, *self._units]), default=0)

    def _add_group(self, kind):
        words = canonical_words(kind.name)
        for index in range(len(words)):
            if _level_at(words, index):
                levels, _ = self._levels_from(words, index)
                classes = set.intersection(*(_LEVELS[level] for level in levels))
                if len(classes) == 1:
                    prefix = tuple(words[:index])
                    levels = frozenset(_LEVEL_CLASSES[classes.pop()])
                    self._groups.append(_KindLevels(kind.code, prefix, levels))
                return

    @staticmethod
    def _levels_from(words, index):
        """The administrative levels listed from `index` on (`các huyện, thành phố`)."""
        levels = []
        while index < len(words):
            if words[index] in _FILLERS:
                index += 1
                continue
            level = _level_at(words, index)
            if not level:
                break
            levels.append(level)
            index += len(level)
        return levels, index

    @staticmethod
    def _name_variants(words):
        """A unit's name as recipients write it: in full, without the province it belongs to
        (`Công đoàn ngành Giáo dục`), without the level (`LĐLĐ Châu Thành`), or only up to the
        level (`LĐLĐ tỉnh`, kept only where it names one unit)."""
        variants = {_without_fillers(words)}
        level_positions = [i for i in range(len(words)) if _level_at(words, i)]
        for position in level_positions:
            level = _level_at(words, position)
            variants.add(_without_fillers(words[: position + len(level)]))
            if position > 1:
                variants.add(_without_fillers(words[:position]))
        stripped = list(words)
        for position in reversed(level_positions):
            del stripped[position : position + len(_level_at(words, position))]
        variants.add(_without_fillers(stripped))
        return variants

    def _group_at(self, words, index):
        for group in self._groups:
            end = index + len(group.prefix)
            if tuple(words[index:end]) != group.prefix:
                continue
            plural = end < len(words) and words[end] == "cac"
            levels, stop = self._levels_from(words, end)
            if not levels or not (plural or len(levels) > 1):
                continue
            fitting = [
                other.code
                for other in self._groups
                if other.prefix == group.prefix and set(levels) <= other.levels
            ]
            if fitting == [group.code]:
                return stop, ("kind", group.code)
        return None

    def _phrase_at(self, words, index, prefix=()):
        """(end, target) of the longest known name at `index`, read after `prefix`."""
        best = None
        key = list(prefix)
        position = index
        while position < len(words) and len(key) < self._longest:
            if words[position] != "cac":
                key.append(words[position])
                found = self._kinds.get(tuple(key))
                target = ("kind", found) if found else None
                if not target and tuple(key) in self._units:
                    ids = self._units[tuple(key)]
                    target = ("unit", next(iter(ids))) if len(ids) == 1 else ("ambiguous", None)
                if target:
                    best = (position + 1, target)
            position += 1
        return best

    def match(self, name):
        """What a recipient line stands for; nothing matched means an external body."""
        words = _strip_purpose(canonical_words(name))
        stripped = True
        while stripped:
            stripped = False
            for organ in _ORGANS:
                if tuple(words[: len(organ)]) == organ and len(words) > len(organ):
                    words = words[len(organ) :]
                    stripped = True
        units, kinds = [], []
        index = 0
        level_prefix = ()
        while index < len(words):
            if words[index] in _FILLERS:
                index += 1
                continue
            candidates = [
                c for c in (self._group_at(words, index), self._phrase_at(words, index)) if c
            ]
            if not candidates and level_prefix:
                # `LĐLĐ huyện Châu Thành, Giồng Trôm`: the second name shares the first's level.
                shared = self._phrase_at(words, index, level_prefix)
                candidates = [shared] if shared and shared[1][0] == "unit" else []
            if not candidates:
                return UnitMatch()
            # The longest reading wins; on a tie a group (a kind) beats a single unit.
            end, (what, value) = max(candidates, key=lambda c: (c[0], c[1][0] == "kind"))
            if what == "ambiguous":
                return UnitMatch()
            target = kinds if what == "kind" else units
            if value not in target:
                target.append(value)
            level_prefix = _up_to_level(words[index:end]) if what == "unit" else ()
            index = end
        return UnitMatch(units=tuple(units), kinds=tuple(kinds))


def _up_to_level(words):
    """`lien doan lao dong huyen` out of `lien doan lao dong huyen chau thanh`."""
    words = [word for word in words if word != "cac"]
    for index in range(len(words)):
        level = _level_at(words, index)
        if level and index + len(level) < len(words):
            return tuple(words[: index + len(level)])
    return ()


def _strip_purpose(words):
    """The words of a recipient without why it receives the plan or which of its units."""
    for index, word in enumerate(words):
        if word == "de" and index + 1 < len(words) and words[index + 1] in _PURPOSE_WORDS:
            return words[:index]
        if tuple(words[index : index + 2]) in _SCOPE_SUFFIXES:
            return words[:index]
    while len(words) >= 2 and tuple(words[-2:]) in {("b", "c"), ("t", "h"), ("p", "h")}:
        words = words[:-2]
    return words


def match_recipient(name, units=(), kinds=()):
    """Match one recipient line against the known units and kinds (see `UnitIndex`)."""
    return UnitIndex(units, kinds).match(name)


# --- Units named in the text of a task -------------------------------------------------------

_ORGAN_RE = (
    r"(?:ban (?:tuyen giao|to chuc|chinh sach(?: phap luat)?|nu cong|kiem tra|tai chinh"
    r"|quan he lao dong|thuong vu|chap hanh|chi dao|doi ngoai|phap luat|kinh te xa hoi)"
    r"|van phong|uy ban kiem tra|thuong truc|doan chu tich|bch|btv)"
)
_UNIT_RE = (
    r"(?:cac cap cong doan|cong doan cac cap|cong doan cap tren(?: truc tiep)?(?: co so)?"
    r"|tong lien doan(?: lao dong)?(?: viet nam)?|tldld|tld|lien doan lao dong|ldld"
    r"|to cong doan|cong doan"
    r"|cdcs|cdn|cdvc|cd)"
)
_LEVEL_RE = (
    r"(?:cac (?:huyen|quan|tinh|nganh|thanh pho|thi xa|xa|phuong|khu cong nghiep|kcn|doanh nghiep)"
    r"|tinh|thanh pho|tp|huyen|quan|thi xa|nganh|co so|vien chuc|khu cong nghiep|ckcn|kcn"
    r"|xa|phuong|thi tran|trung uong|tw)"
)
_MENTION = re.compile(
    rf"\b(?:(?P<organ>{_ORGAN_RE})(?:\s+(?:cua\s+)?(?P<unit>{_UNIT_RE}))?|(?P<head>{_UNIT_RE}))\b"
)
_MORE_LEVEL = re.compile(rf"(?:\s*,\s*|\s+va\s+|\s+){_LEVEL_RE}\b")
_NOT_UNION = re.compile(r"\s+(?:tinh uy|huyen uy|thanh uy|thi uy|dang uy|quan uy|mat tran)\b")
# Second syllables of sector names that are not capitalised: "Công đoàn ngành Giáo dục".
_NAME_TAILS = {
    fold(word)
    for word in [
        *("dục", "tế", "nghiệp", "thương", "dựng", "tải", "chính", "hàng", "lực", "su", "may"),
        *("lịch", "hóa", "hoá", "thao", "thông", "sản", "mại", "sinh", "trường", "nghệ", "tin"),
        "vụ",
    ]
}
_VAGUE_HEADS = {"cong doan", "lien doan lao dong", "cd"}


def _original_index(folded, start):
    return len(folded.head(start))


def find_unit_mentions(text):
    """The union units and organs a sentence names, as written, in order, without repeats."""
    folded = Folded(text)
    mentions = []
    seen = set()
    position = 0
    while True:
        match = _MENTION.search(folded.folded, position)
        if not match:
            break
        end = match.end()
        if match.group("organ") and _NOT_UNION.match(folded.folded, end):
            position = _NOT_UNION.match(folded.folded, end).end()
            continue
        has_level = False
        while more := _MORE_LEVEL.match(folded.folded, end):
            end = more.end()
            has_level = True
        written = folded.original(match.start(), end)
        tail_start = _original_index(folded, end)
        tail = _proper_name_tail(text[tail_start:])
        written += tail
        position = end
        head = match.group("head")
        if head and head in _VAGUE_HEADS and not has_level and not tail:
            continue
        key = tuple(canonical_words(written))
        if key not in seen:
            seen.add(key)
            mentions.append(written.strip())
    return mentions


def _proper_name_tail(rest):
    """The capitalised words of a proper name right after a mention (`huyện Châu Thành`)."""
    taken = ""
    previous_capital = False
    for match in re.finditer(r"\s+([^\W\d_]+)", rest):
        if match.start() != len(taken):
            break
        word = match.group(1)
        if word[0].isupper() and not (len(word) > 1 and word.isupper()):
            previous_capital = True
        elif previous_capital and fold(word) in _NAME_TAILS:
            previous_capital = False
        else:
            break
        taken = rest[: match.end()]
    return taken
