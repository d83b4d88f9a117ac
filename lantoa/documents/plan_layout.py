"""The lines of an administrative document: clean-up of markdown and OCR noise, the two columns
of the header and the signature block, list markers, and the fixed phrases of the layout
(Decree 30/2020/NĐ-CP). No Django.
"""

import re
import unicodedata
from dataclasses import dataclass

from lantoa.text import fold

from .vn_words import loose

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_ODD_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_GAP = re.compile(r"\t+| {3,}")
# Spaces no OCR noise makes inside a sentence: only two columns side by side are that far apart.
_WIDE_GAP = re.compile(r"\t| {6,}")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
_MD_HEADING = re.compile(r"^\s*(?:#{1,6}|>)\s+")
_MD_STRONG = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__")
_MD_EMPHASIS = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")
# Emphasis that a text conversion opened on one line and closed on the next.
_MD_DANGLING = re.compile(r"^(?:\*\*|__|\*)(?=[^\s*_])|(?<=[^\s*_])(?:\*\*|__|\*)$")
_SPACES = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r"\s+([,;:.!?)\]”])")
_SPACE_AFTER_OPEN = re.compile(r"([(\[“])\s+")
_TABLE_RULE = re.compile(r"^[\s|+:=\-]*$")

# A narrow column breaks them: `CỘNG HÒA XÃ HỘI CHỦ NGHĨA` / `VIỆT NAM`; `tail` is then missing.
NATIONAL_NAME = re.compile(
    loose("cong hoa xa hoi chu nghia") + r"(?P<tail>\s*" + loose("viet nam") + ")?"
)
MOTTO = re.compile(
    loose("doc lap") + r"\W*" + loose("tu do") + r"(?P<tail>\W*" + loose("hanh phuc") + ")?"
)
RECIPIENTS = re.compile(r"^" + loose("noi nhan") + r"\s*[:.]?")
ARCHIVE = re.compile(r"^" + loose("luu") + r"(?:\s*[:.]\s*|\s+)(?=\S)")
AUTHORITY = re.compile(
    r"^(?:t\s*[./]?\s*m|k\s*[./]?\s*t|t\s*u\s*q|t\s*l|q)(?:\s*[.,:]\s*|\s+)(?=\S)"
)
TITLE = re.compile(
    r"^(?:pho\s+)?(?:chu\s*tich|truong\s*ban|chanh\s*van\s*phong|giam\s*doc|bi\s*thu"
    r"|truong\s*phong|chu\s*nhiem|thu\s*truong|uy\s*vien(?:\s+\w+)*)\b"
)
SIGNATURE_NOTE = re.compile(
    r"^[(\[]?\s*(?:da\s*ky|ky\s*ten|ky\s*,|ky\s+va|ky\s+ghi|ky\s+dong|signed|chu\s*ky|dau)\b"
)
NUMBER = re.compile(
    r"^s\s*o\s*[:.;]?\s*(?P<num>\d+(?:\s\d+)*)?\s*[/|]\s*"
    r"(?P<sym>[a-z0-9]+(?:\s*[-–/]\s*[a-z0-9]+)*)"
)
PARTY_NUMBER = re.compile(
    r"^s\s*o\s*[:.;]?\s*(?P<num>\d+)\s*-\s*(?P<sym>[a-z]+\s*/\s*[a-z0-9]+(?:\s*-\s*[a-z0-9]+)*)"
)
LONG_DATE = re.compile(
    r"ngay\s*(?P<d>\d{1,2})\s*thang\s*(?P<m>\d{1,2})\s*[,]?\s*nam\s*(?P<y>\d{4})(?!\d)"
)
SHORT_DATE = re.compile(
    r"ngay\s*(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})(?!\d)"
)
PLACE_BEFORE_DATE = re.compile(r"(?P<place>[^,]*?)\s*,\s*ngay\b")

BULLETS = "-–—‐−+*•·●○◦▪▫■□►▶➢➤✓✔❖♦◆\uf0b7\uf0a7\uf0d8\uf0fc\uf076\uf0a8"
# `*` and `+` open a bullet only before a space; `-Tuyên truyền` is a sloppy but common bullet.
_BULLET = re.compile(
    rf"^(?:(?P<bullet>[{re.escape(BULLETS)}])(?<![*+])\s*|(?P<spaced>[*+])\s+)(?=\S)"
)
_ROMAN = re.compile(r"^(?:[Pp][Hh][ẦầAa][Nn]\s+)?(?P<marker>[IVX]{1,5})\s*[.):\-–]\s*(?=\S)")
# Headings in capitals may lose the dot after their numeral in OCR: `II NỘI DUNG`.
_BARE_ROMAN = re.compile(r"^(?P<marker>[IVX]{1,5})\s+(?=\S)")
_VALID_ROMAN = re.compile(r"^(?:X{0,3})(?:IX|IV|V?I{0,3})$")
_NUMBERED = re.compile(
    r"^(?P<marker>\d{1,2}(?:\s*\.\s*\d{1,2}){0,3})\s*(?P<end>[.)/])?\s*(?=[^\W\d_]|[“\"(*])"
)
_LETTERED = re.compile(r"^(?P<marker>[a-zđA-ZĐ])\s*(?P<end>\)|\.(?=\s))\s*(?=\S)")


def source_lines(text):
    """The lines of a document as the review screen shows them (numbered from 1)."""
    return unicodedata.normalize("NFC", text).splitlines()


def tidy(text):
    """One line of text as a value: markdown marks gone, spaces as a typist would put them."""
    text = _MD_ESCAPE.sub(r"\1", text)
    text = _MD_STRONG.sub(lambda m: m.group(1) or m.group(2), text)
    text = _MD_EMPHASIS.sub(r"\1", text)
    text = _SPACES.sub(" ", text).strip()
    text = _MD_DANGLING.sub("", text)
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    return _SPACE_AFTER_OPEN.sub(r"\1", text)


def _raw(line):
    line = line.translate(_INVISIBLE)
    line = _ODD_SPACES.sub(" ", line)
    return _MD_HEADING.sub("", line)


def is_separator(text):
    """Rules and ornaments under the issuer or the motto: `______`, `-----`, `***`, `-oOo-`."""
    if not any(char.isalnum() for char in text):
        return True
    return re.fullmatch(r"[\W_]*o\s*o\s*o[\W_]*", fold(text)) is not None


def is_layout_cell(text):
    """A cell that belongs to one column of the header or the signature block."""
    folded = fold(text)
    return bool(
        NATIONAL_NAME.search(folded)
        or MOTTO.search(folded)
        or NUMBER.match(folded)
        or LONG_DATE.search(folded)
        or SHORT_DATE.search(folded)
        or RECIPIENTS.match(folded)
        or ARCHIVE.match(_strip_bullet(folded))
        or is_authority(text)
        or is_title(text)
        or SIGNATURE_NOTE.match(folded)
        or (is_separator(text) and len(text.strip()) >= 3)
    )


def _strip_bullet(text):
    match = _BULLET.match(text)
    return text[match.end() :] if match else text


def split_columns(line):
    """The cells of a line: two columns of the header or of the signature block come out of
    text conversions side by side, separated by tabs or runs of spaces, or as a markdown table."""
    stripped = line.strip()
    if stripped.startswith(("|", "+")):
        if _TABLE_RULE.match(stripped):
            return []
        return [cell for cell in stripped.strip("|").split("|") if cell.strip()]
    cells = [cell for cell in _GAP.split(stripped) if cell.strip()]
    if len(cells) > 1 and (
        _WIDE_GAP.search(stripped) or any(is_layout_cell(tidy(cell)) for cell in cells)
    ):
        return cells
    return [stripped] if stripped else []


@dataclass
class Piece:
    """A cell of a source line, cleaned: what the parser reads."""

    line: int  # 1-based number of the source line
    column: int  # 0 for the first (or only) cell of the line
    text: str
    blank_before: bool  # an empty line separates it from the previous piece

    @property
    def folded(self):
        return fold(self.text)


_PAGE_NUMBER = re.compile(r"[\s\-–]*(?:trang\s*)?\d{1,3}(?:\s*/\s*\d{1,3})?[\s\-–]*")


def pieces(lines):
    """The cells of the lines, cleaned, without the page numbers of text conversions."""
    result = []
    blank = False
    for number, line in enumerate(lines, start=1):
        cells = split_columns(_raw(line))
        if len(cells) == 1 and _PAGE_NUMBER.fullmatch(fold(cells[0])):
            continue
        if not cells:
            blank = True
            continue
        for column, cell in enumerate(cells):
            text = tidy(cell)
            if text:
                result.append(Piece(number, column, text, blank))
                blank = False
    return result


def is_authority(text):
    """`TM. BAN THƯỜNG VỤ`, `KT. CHỦ TỊCH`, `Q. CHỦ TỊCH`, `TL. ...`, `TUQ. ...`."""
    match = AUTHORITY.match(fold(text))
    if not match:
        return False
    letters = [char for char in text if char.isalpha()]
    return len(letters) >= 4 and sum(char.isupper() for char in letters) >= 0.7 * len(letters)


def is_title(text):
    """A signer's title on a line of its own: `PHÓ CHỦ TỊCH`, `CHỦ TỊCH`, `TRƯỞNG BAN`."""
    if len(text) > 60:
        return False
    match = TITLE.match(fold(text))
    if not match:
        return False
    letters = [char for char in text if char.isalpha()]
    upper = sum(char.isupper() for char in letters) >= 0.7 * len(letters)
    return upper or match.end() == len(fold(text).rstrip(" .:"))


def looks_like_name(text):
    """A person's name: two to six capitalised words and nothing else."""
    words = text.split()
    if not 2 <= len(words) <= 6:
        return False
    for word in words:
        if not word.isalpha() or not word[0].isupper():
            return False
        if not (word[1:].islower() or word.isupper() or len(word) == 1):
            return False
    return True


def mostly_upper(text):
    letters = [char for char in text if char.isalpha()]
    return len(letters) >= 3 and sum(char.isupper() for char in letters) >= 0.8 * len(letters)


@dataclass(frozen=True)
class Marker:
    written: str  # as in the text: "II.", "1.1.", "a)", "-"; "" for a plain paragraph
    style: str  # "roman", "number1", "number2", "letter", "bullet-", "bullet+" ...
    text: str  # the paragraph without its marker


def read_marker(text):
    """The list marker a paragraph starts with; a bullet before a number counts as the number
    (`- 1.1. Đối tượng`)."""
    bullet = _BULLET.match(text)
    rest = text[bullet.end() :] if bullet else text
    bullet_char = bullet and (bullet.group("bullet") or bullet.group("spaced"))
    roman = _ROMAN.match(rest)
    if roman and _VALID_ROMAN.match(roman.group("marker")):
        return Marker(rest[: roman.end()].strip(), "roman", rest[roman.end() :].strip())
    bare = _BARE_ROMAN.match(rest)
    if bare and _VALID_ROMAN.match(bare.group("marker")) and mostly_upper(rest[bare.end() :]):
        return Marker(bare.group("marker"), "roman", rest[bare.end() :].strip())
    numbered = _NUMBERED.match(rest)
    if numbered and (numbered.group("end") or "." in numbered.group("marker")):
        depth = numbered.group("marker").count(".") + 1
        return Marker(
            rest[: numbered.end()].strip(), f"number{depth}", rest[numbered.end() :].strip()
        )
    lettered = _LETTERED.match(rest)
    if lettered and not (lettered.group("end") == "." and lettered.group("marker").isupper()):
        return Marker(rest[: lettered.end()].strip(), "letter", rest[lettered.end() :].strip())
    if bullet:
        char = bullet_char
        style = "bullet-" if char in "-–—‐−" else f"bullet{char}"
        return Marker(char, style, rest.strip())
    return Marker("", "", text)


def respace(written, phrase):
    """`KẾHOẠCH` or `K Ế  H O Ạ C H` written as the phrase is spaced: `KẾ HOẠCH`."""
    letters = [char for char in written if char.isalnum()]
    if len(letters) != len(phrase.replace(" ", "")):
        return _SPACES.sub(" ", written).strip()
    out = []
    index = 0
    for char in phrase:
        if char == " ":
            out.append(" ")
        else:
            out.append(letters[index])
            index += 1
    return "".join(out)
