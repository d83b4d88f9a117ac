"""Read a plan document laid out as Vietnamese administrative documents are (Decree 30/2020/NĐ-CP)
into a structure: header, subject, legal bases, sections, activity lines, tasks, recipients and
signer. Plain Python with no Django: text in, `ParsedPlan` out.

Every value keeps the document's own spelling and the number of the source line it came from, so
that a reviewer can check it against the document. What cannot be found is listed in
`ParsedPlan.missing`, never guessed.
"""

import datetime
import re
from dataclasses import dataclass, field

from lantoa.text import fold

from .document_text import DocumentError, document_text
from .outreach_words import DISSEMINATION, KINDS, classify_activity
from .plan_layout import (
    ARCHIVE,
    LONG_DATE,
    MOTTO,
    NATIONAL_NAME,
    NUMBER,
    PARTY_NUMBER,
    PLACE_BEFORE_DATE,
    RECIPIENTS,
    SHORT_DATE,
    SIGNATURE_NOTE,
    Marker,
    Piece,
    is_authority,
    is_separator,
    is_title,
    looks_like_name,
    mostly_upper,
    pieces,
    read_marker,
    respace,
    source_lines,
    tidy,
)
from .unit_names import UnitIndex, find_unit_mentions
from .vn_words import Folded, loose, squash

__all__ = [
    "KINDS",
    "ActivityLine",
    "Field",
    "Item",
    "NotAPlan",
    "ParsedPlan",
    "Recipient",
    "Signer",
    "Task",
    "parse_plan",
    "plan_json",
    "read_plan",
]

# Document types of Decree 30/2020, longest first so that `KẾ HOẠCH LIÊN TỊCH` wins over `KẾ HOẠCH`.
DOCUMENT_TYPES = sorted(
    [
        "ke hoach lien tich",
        "ke hoach",
        "bao cao",
        "quyet dinh",
        "thong bao",
        "huong dan",
        "cong van",
        "chuong trinh",
        "to trinh",
        "nghi quyet",
        "chi thi",
        "cong dien",
        "giay moi",
        "thong tri",
        "de an",
        "phuong an",
        "quy che",
        "quy dinh",
        "ket luan",
        "bien ban",
        "thong cao",
    ],
    key=len,
    reverse=True,
)
_TYPE_PREFIX = [(phrase, re.compile("^" + loose(phrase) + r"\b")) for phrase in DOCUMENT_TYPES]
_BASE = re.compile(r"^(?:can\s*cu|thuc\s*hien|trien\s*khai|theo|quan\s*triet|tiep\s*tuc\s*thuc)\b")
_BODY_OPENING = re.compile(
    r"^(?:can\s*cu|thuc\s*hien|trien\s*khai|quan\s*triet|nham|de\s|nam\s+\d|ban\s+thuong\s+vu"
    r"|ban\s+chap\s+hanh|doan\s+chu\s+tich)"
)
_ORG_HEADS = re.compile(
    r"^(?:tong\s|lien\s*doan|ldld|tld|cong\s*doan|cd|ban\s|bch|btv|uy\s*ban|ubnd|so\s|tinh\s*uy"
    r"|huyen\s*uy|thanh\s*uy|dang\s*(?:uy|bo)|van\s*phong|hoi\s|doan\s|truong\s|cong\s*ty"
    r"|benh\s*vien|trung\s*tam|chi\s*cuc|cuc\s|bo\s|vien\s|hoi\s*dong|mat\s*tran|phong\s"
    r"|chi\s*bo|nghiep\s*doan|tap\s*doan)"
)
# An issuer line that cannot end there: `BAN CHẤP HÀNH` / `CÔNG ĐOÀN CƠ SỞ` / `TRƯỜNG THPT X`.
_GOVERNING_BODY_END = re.compile(
    r"(?:ban\s*chap\s*hanh|ban\s*thuong\s*vu|\bbch|\bbtv|doan\s*chu\s*tich|ban\s*chi\s*dao"
    r"|\bco\s*so|\bcdcs|\bcong\s*doan|\bcd|\bva|,|-)$"
)
_IMPLEMENTATION = re.compile(
    r"\b(?:to\s*chuc\s*thuc\s*hien|trien\s*khai\s*thuc\s*hien|to\s*chuc\s*trien\s*khai"
    r"|phan\s*cong|trach\s*nhiem)\b"
)
_PURPOSES = re.compile(r"^(?:muc\s*dich|muc\s*tieu|yeu\s*cau)\b")
_CONTENTS = re.compile(
    r"\b(?:noi\s*dung|nhiem\s*vu|hoat\s*dong|hinh\s*thuc|giai\s*phap|bien\s*phap|chuong\s*trinh)\b"
)
# Parts of the contents section that are not activities: the audience, the time, the slogans.
_NOT_ACTIVITY = re.compile(
    r"^(?:doi\s*tuong|thoi\s*gian|dia\s*diem|pham\s*vi|chu\s*de|khau\s*hieu|muc\s*dich|yeu\s*cau"
    r"|kinh\s*phi|thanh\s*phan|muc\s*tieu|chi\s*tieu|so\s*luong)\b"
)
_FORMS = re.compile(r"^hinh\s*thuc\b")
_THEMES = re.compile(r"^noi\s*dung\b(?!.*hoat\s*dong)")
_END_OF_BODY = re.compile(r"\s*\./\.\s*$")
_TERMINAL = (".", "!", "?", ";", ":")


@dataclass(frozen=True)
class Field:
    """A value found in the document, and the source lines (numbered from 1) it came from."""

    value: object
    line: int
    last_line: int

    @property
    def lines(self):
        return range(self.line, self.last_line + 1)


@dataclass
class Item:
    """A paragraph of the body in the document's outline: a section, a numbered or lettered item,
    a bullet, or a plain paragraph (marker "")."""

    marker: str
    style: str
    text: str
    line: int
    last_line: int
    children: list = field(default_factory=list)

    @property
    def label(self):
        """What the item is about: its words before a colon (`Đối tượng truyền thông`)."""
        head, colon, _ = self.text.partition(":")
        return head if colon and len(head) <= 100 else self.text[:100]


@dataclass(frozen=True)
class ActivityLine:
    kind: str | None  # one of KINDS, None when the wording names no kind
    text: str
    marker: str
    line: int
    last_line: int


@dataclass(frozen=True)
class Task:
    text: str
    units: tuple  # the union units and organs it names, as written
    marker: str
    line: int
    last_line: int


@dataclass(frozen=True)
class Recipient:
    name: str
    line: int


@dataclass(frozen=True)
class Signer:
    on_behalf: Field | None = None  # `TM. BAN THƯỜNG VỤ`; with `KT. CHỦ TỊCH` on a second line
    title: Field | None = None
    name: Field | None = None


@dataclass
class ParsedPlan:
    source_lines: list
    number: Field | None = None
    symbol: Field | None = None
    place: Field | None = None
    date: Field | None = None  # value is a datetime.date
    doc_type: Field | None = None
    subject: Field | None = None
    issuer: Field | None = None
    superior: Field | None = None
    bases: list = field(default_factory=list)
    preamble: list = field(default_factory=list)  # other paragraphs before the first section
    sections: list = field(default_factory=list)  # the outline: Items
    purposes: list = field(default_factory=list)
    activity_lines: list = field(default_factory=list)
    tasks: list = field(default_factory=list)
    recipients: list = field(default_factory=list)
    archive: Field | None = None
    signer: Signer = field(default_factory=Signer)
    missing: list = field(default_factory=list)

    def source(self, located):
        """The source lines a field, item or line came from, joined."""
        first = located.line
        last = getattr(located, "last_line", first)
        return "\n".join(self.source_lines[first - 1 : last])

    @property
    def is_plan_type(self):
        """The document says it is a plan, by its type or by its symbol (`KH-...`)."""
        if self.doc_type and fold(self.doc_type.value).startswith("ke hoach"):
            return True
        return self.symbol_code == "kh"

    @property
    def symbol_code(self):
        """The type code that opens the symbol: `kh` in `KH-LĐLĐ`."""
        if not self.symbol:
            return ""
        return re.split(r"[-/]", fold(self.symbol.value))[0]

    @property
    def evidence(self):
        """How many parts of an administrative layout were found."""
        return sum(
            [
                bool(self.number or self.symbol),
                bool(self.date),
                bool(self.doc_type),
                bool(self.recipients),
                bool(self.signer.on_behalf or self.signer.title),
                len([s for s in self.sections if s.style == "roman"]) >= 2,
                bool(self.activity_lines),
            ]
        )


def _field(value, first, last=None):
    return Field(value, first.line, (last or first).line)


# --- Header ------------------------------------------------------------------------------------


def _find_doc_type(items):
    """(index, doc_type Field, inline subject text) of the line naming the document type."""
    for index, piece in enumerate(items[:60]):
        marker = read_marker(piece.text)
        if marker.style == "roman" or len(piece.text) > 300:
            break
        folded = Folded(piece.text)
        bare = squash(piece.text)
        for phrase, prefix in _TYPE_PREFIX:
            if bare == phrase.replace(" ", ""):
                return index, _field(respace(piece.text.strip(" .:*#"), phrase), piece), ""
            match = prefix.match(folded.folded)
            if match:
                written = folded.original(0, match.end())
                rest = folded.rest(match.end()).strip(" :.-–")
                if rest and mostly_upper(written):
                    value = respace(written, phrase)
                    return index, _field(value, piece), rest
                break
    return None, None, ""


def _header_end(items):
    """Without a document type line, the header is the run of header-like lines at the top."""
    for index, piece in enumerate(items[:30]):
        folded = piece.folded
        if (
            is_separator(piece.text)
            or NATIONAL_NAME.search(folded)
            or MOTTO.search(folded)
            or NUMBER.match(folded)
            or LONG_DATE.search(folded)
            or SHORT_DATE.search(folded)
            or (mostly_upper(piece.text) and not read_marker(piece.text).style)
        ):
            continue
        return index
    return min(len(items), 30)


def _segments(text):
    """(segments, expected tail): a header cell without the national name and motto, which
    one-space text conversions glue onto the issuer (`LIÊN ĐOÀN LAO ĐỘNG TỈNH X CỘNG HÒA XÃ HỘI
    CHỦ NGHĨA VIỆT NAM`), and the end of either when the column broke it (`vietnam`)."""
    segments = [text]
    expected = ""
    for pattern, tail in ((NATIONAL_NAME, "vietnam"), (MOTTO, "hanhphuc")):
        cut = []
        for segment in segments:
            folded = Folded(segment)
            position = 0
            for match in pattern.finditer(folded.folded):
                cut.append(folded.original(position, match.start()))
                position = match.end()
                expected = "" if match.group("tail") else tail
            cut.append(folded.rest(position) if position else segment)
        segments = [segment.strip(" -–,.") for segment in cut]
    return [segment for segment in segments if segment and not is_separator(segment)], expected


def _clean_code(text):
    return re.sub(r"\s+", "", text).replace("–", "-")


class _Header:
    def __init__(self):
        self.number = self.symbol = self.place = self.date = None
        self.organisations = []  # [[text, first piece, last piece]]

    def read(self, piece, text):
        folded = Folded(text)
        number = NUMBER.match(folded.folded) or PARTY_NUMBER.match(folded.folded)
        if number and not self.symbol:
            if number.group("num"):
                written = folded.original(*number.span("num"))
                self.number = _field(_clean_code(written), piece)
            self.symbol = _field(_clean_code(folded.original(*number.span("sym"))), piece)
            rest = folded.rest(number.end()).strip(" .,;")
            if rest:
                self.read(piece, rest)
            return
        date = LONG_DATE.search(folded.folded) or SHORT_DATE.search(folded.folded)
        place = PLACE_BEFORE_DATE.match(folded.folded)
        if date or place:
            start = date.start() if date else place.end()
            before = folded.original(0, place.end("place") if place else start).strip(" ,")
            if place and before and not self.place:
                self._place(piece, before)
            if date and not self.date:
                self._date(piece, date)
            return
        if fold(text).startswith("v/v") or not text.strip():
            return
        self._organisation(piece, text)

    def _place(self, piece, before):
        words = before.split()
        # A glued issuer before the place: `CÔNG ĐOÀN NGÀNH Y TẾ Bến Tre`.
        caps = 0
        while caps < len(words) and words[caps].isupper():
            caps += 1
        if 2 <= caps < len(words):
            self._organisation(piece, " ".join(words[:caps]))
            before = " ".join(words[caps:])
        self.place = _field(before, piece)

    def _date(self, piece, match):
        try:
            day = datetime.date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            return
        self.date = _field(day, piece)

    def _organisation(self, piece, text):
        letters = [char for char in text if char.isalpha()]
        if len(letters) < 3:
            return
        folded = fold(text)
        if not (mostly_upper(text) or _ORG_HEADS.match(folded)):
            return
        last = self.organisations[-1] if self.organisations else None
        if last and (not _ORG_HEADS.match(folded) or _GOVERNING_BODY_END.search(fold(last[0]))):
            last[0] = f"{last[0]} {text.strip()}"
            last[2] = piece
        else:
            self.organisations.append([text.strip(), piece, piece])


def _read_header(items):
    header = _Header()
    expected = ""
    for piece in items:
        if is_separator(piece.text):
            continue
        segments, tail = _segments(piece.text)
        for segment in segments:
            if expected and squash(segment) == expected:
                expected = ""
                continue
            header.read(piece, segment)
        expected = tail or expected
    issuer = superior = None
    organisations = header.organisations
    if organisations:
        text, first, last = organisations[-1]
        issuer = _field(text, first, last)
    if len(organisations) >= 2:
        text, first, last = organisations[-2]
        superior = _field(text, first, last)
    return header, issuer, superior


def _starts_body(piece):
    """Whether the line after the document type opens the body rather than the subject. A subject
    may begin like a legal basis (`Thực hiện công tác truyền thông ... năm 2018`), but it is
    short and carries no closing punctuation."""
    if read_marker(piece.text).style or RECIPIENTS.match(piece.folded) or len(piece.text) > 250:
        return True
    if re.match(r"^can\s*cu\b", piece.folded):
        return True
    return bool(
        _BODY_OPENING.match(piece.folded)
        and (len(piece.text) > 200 or piece.text.endswith((";", ":", ".")))
    )


def _continues_subject(previous, piece):
    if piece.column:
        return True
    if read_marker(piece.text).style or _BODY_OPENING.match(piece.folded):
        return False
    if len(piece.text) > 160 or previous.text.endswith(_TERMINAL):
        return False
    first = next((char for char in piece.text if char.isalpha()), "")
    if first.islower() or (mostly_upper(previous.text) and mostly_upper(piece.text)):
        return True
    return (
        not piece.blank_before
        and len(piece.text) < 120
        and len(previous.text) < 120
        and not piece.text.endswith(_TERMINAL)
    )


def _read_subject(items, start, inline):
    subject = []
    if inline:
        subject.append(inline)
    first = last = items[start] if inline else None
    index = start + 1
    while index < len(items):
        piece = items[index]
        if is_separator(piece.text):
            index += 1
            if subject:
                break
            continue
        if not subject:
            if _starts_body(piece):
                break
            subject.append(piece.text)
            first = last = piece
        elif _continues_subject(last, piece):
            subject.append(piece.text)
            last = piece
        else:
            break
        index += 1
    value = _field(tidy(" ".join(subject)), first, last) if subject else None
    return index, value


# --- Body --------------------------------------------------------------------------------------


@dataclass
class _Paragraph:
    marker: Marker
    text: str
    first: Piece
    last: Piece


def _wrap_width(items):
    """The width at which a text conversion broke lines, if it did (None for one paragraph per
    line, as in DOCX)."""
    lengths = [len(piece.text) for piece in items if len(piece.text) >= 20]
    if len(lengths) < 5:
        return None
    width = max(lengths)
    near = sum(1 for length in lengths if length >= 0.75 * width)
    return width if width <= 120 and near >= 0.3 * len(lengths) else None


def _continues(paragraph, piece, width):
    if piece.column:
        # The body has one column: cells of one line were split apart by spacing noise.
        return True
    previous = paragraph.last.text
    if previous.endswith(_TERMINAL):
        return False
    if paragraph.marker.style == "roman" or mostly_upper(paragraph.text):
        return not piece.blank_before and mostly_upper(piece.text) and width is not None
    first = next((char for char in piece.text if char.isalpha()), "")
    if first.islower():
        return True
    return not piece.blank_before and width is not None and len(previous) >= 0.75 * width


def _paragraphs(items):
    width = _wrap_width(items)
    paragraphs = []
    for piece in items:
        if is_separator(piece.text):
            continue
        marker = read_marker(piece.text)
        if paragraphs and not marker.style and _continues(paragraphs[-1], piece, width):
            paragraph = paragraphs[-1]
            paragraph.text = f"{paragraph.text} {piece.text}"
            paragraph.last = piece
            continue
        paragraphs.append(_Paragraph(marker, marker.text, piece, piece))
    for paragraph in paragraphs:
        # Again on the joined lines: emphasis may open on one line and close on the next.
        paragraph.text = _END_OF_BODY.sub(".", tidy(paragraph.text)).strip()
    return [paragraph for paragraph in paragraphs if paragraph.text]


def _expects_children(item):
    text = item.text
    return (
        item.style == "roman"
        or text.endswith(":")
        or mostly_upper(text)
        or (len(text) < 80 and not text.endswith((".", ";", ",", "!", "?")))
    )


def _outline(paragraphs):
    """(preamble paragraphs, outline items). The preamble runs up to the first section: the first
    Roman numeral, or the first numbered item in a document without them."""
    styles = [paragraph.marker.style for paragraph in paragraphs]
    top = "roman" if "roman" in styles else "number1"
    start = styles.index(top) if top in styles else len(paragraphs)
    roots = []
    stack = []
    for paragraph in paragraphs[start:]:
        marker = paragraph.marker
        item = Item(
            marker.written, marker.style, paragraph.text, paragraph.first.line, paragraph.last.line
        )
        if not marker.style:
            if stack and not _expects_children(stack[-1]):
                parent = stack[-1]
                parent.text = f"{parent.text} {item.text}"
                parent.last_line = item.last_line
                continue
            (stack[-1].children if stack else roots).append(item)
            continue
        if marker.style == "roman":
            stack.clear()
        else:
            open_styles = [open_item.style for open_item in stack]
            if marker.style in open_styles:
                del stack[open_styles.index(marker.style) :]
        (stack[-1].children if stack else roots).append(item)
        stack.append(item)
    return paragraphs[:start], roots


def _role(item):
    label = fold(item.label)
    if _IMPLEMENTATION.search(label):
        return "implementation"
    if _PURPOSES.match(label):
        return "purposes"
    if _CONTENTS.search(label):
        return "contents"
    return None


def _sections(roots, role):
    found = [item for item in roots if _role(item) == role]
    if not found and not any(_role(item) for item in roots):
        found = [child for item in roots for child in item.children if _role(child) == role]
    return found


def _leaves(item, ancestors=()):
    for child in item.children:
        if child.children:
            yield from _leaves(child, (*ancestors, child))
        else:
            yield child, ancestors


def _activities(section, headings=()):
    """(leaf, its headings below the section) for the leaves of a contents section that are
    activities. Beside the forms of outreach (`Hình thức tuyên truyền`), a list of themes
    (`Nội dung tuyên truyền`) says what to tell, not what to do."""
    labels = [fold(child.label) for child in section.children]
    has_forms = any(_FORMS.match(label) for label in labels)
    for child, label in zip(section.children, labels, strict=True):
        if _NOT_ACTIVITY.match(label) or (has_forms and _THEMES.match(label)):
            continue
        if child.children:
            yield from _activities(child, (*headings, child))
        else:
            yield child, headings


def _activity_kind(leaf, headings):
    """The kind the line's own words name; where they name none, or only the umbrella
    `tuyên truyền`, the kind its headings name (`1. Tuyên truyền trực quan:` over its items)."""
    kind = classify_activity(leaf.text)
    if headings and kind in (None, DISSEMINATION):
        kind = classify_activity(" ".join([*(h.label for h in headings), leaf.text])) or kind
    return kind


# --- Recipients and signer ----------------------------------------------------------------------


def _find_tail(items, start):
    for index in range(start, len(items)):
        piece = items[index]
        if RECIPIENTS.match(piece.folded) or is_authority(piece.text):
            return index
        if _END_OF_BODY.search(piece.text) and index + 1 < len(items):
            return index + 1
    # No recipients and no `TM.`: a title near the end with a name below it.
    for index in range(len(items) - 1, max(start, len(items) - 12) - 1, -1):
        if is_title(items[index].text) and any(
            looks_like_name(piece.text) for piece in items[index + 1 : index + 5]
        ):
            return index
    return len(items)


def _recipient_text(text):
    return tidy(text).strip(" ;,.").strip()


def _read_tail(items):
    recipients = []  # [text, piece]
    archive = None
    on_behalf = []
    title = name = None
    bulleted = any(read_marker(piece.text).style.startswith("bullet") for piece in items)
    for piece in items:
        text = piece.text
        folded = piece.folded
        heading = RECIPIENTS.match(folded)
        if heading:
            rest = Folded(text).rest(heading.end()).strip()
            if rest:
                recipients.append([_recipient_text(read_marker(rest).text), piece])
            continue
        if is_authority(text):
            on_behalf.append(piece)
            continue
        if is_title(text) and not title:
            title = piece
            continue
        if SIGNATURE_NOTE.match(folded) or is_separator(text):
            continue
        marker = read_marker(text)
        body = marker.text if marker.style.startswith("bullet") else text
        archived = ARCHIVE.match(fold(body))
        if archived:
            if not archive:
                value = Folded(body).rest(archived.end()).strip(" .;,")
                archive = _field(value, piece) if value else None
            continue
        if (title or on_behalf) and not marker.style and looks_like_name(text):
            name = piece
            continue
        previous = recipients[-1] if recipients else None
        if (
            previous
            and bulleted
            and not marker.style
            and not previous[0].endswith((";", ","))
            and not piece.blank_before
            and not piece.column
        ):
            previous[0] = _recipient_text(f"{previous[0]} {text}")
            continue
        if marker.style or not (title or on_behalf) or piece.column == 0:
            value = _recipient_text(body)
            if value:
                recipients.append([value, piece])
    signer = Signer(
        on_behalf=(
            Field("\n".join(p.text for p in on_behalf), on_behalf[0].line, on_behalf[-1].line)
            if on_behalf
            else None
        ),
        title=_field(title.text, title) if title else None,
        name=_field(name.text, name) if name else None,
    )
    return [Recipient(text, piece.line) for text, piece in recipients if text], archive, signer


# --- The whole document ------------------------------------------------------------------------


def parse_plan(text):
    """Read the text of a plan document (one paragraph per line, or a text conversion that broke
    lines) into a ParsedPlan. Never raises on any text; look at `missing` and `evidence`."""
    lines = source_lines(text or "")
    items = pieces(lines)
    plan = ParsedPlan(source_lines=lines)

    type_index, plan.doc_type, inline_subject = _find_doc_type(items)
    header_end = type_index if type_index is not None else _header_end(items)
    header, plan.issuer, plan.superior = _read_header(items[:header_end])
    plan.number, plan.symbol = header.number, header.symbol
    plan.place, plan.date = header.place, header.date
    if type_index is not None:
        body_start, plan.subject = _read_subject(items, type_index, inline_subject)
    else:
        body_start = header_end

    tail_start = _find_tail(items, body_start)
    paragraphs = _paragraphs(items[body_start:tail_start])
    preamble, plan.sections = _outline(paragraphs)
    for paragraph in preamble:
        located = _field(paragraph.text, paragraph.first, paragraph.last)
        (plan.bases if _BASE.match(fold(paragraph.text)) else plan.preamble).append(located)

    for section in _sections(plan.sections, "purposes"):
        plan.purposes += [
            Field(leaf.text, leaf.line, leaf.last_line) for leaf, _ in _leaves(section)
        ]
    for section in _sections(plan.sections, "contents"):
        for leaf, headings in _activities(section):
            kind = _activity_kind(leaf, headings)
            plan.activity_lines.append(
                ActivityLine(kind, leaf.text, leaf.marker, leaf.line, leaf.last_line)
            )
    for section in _sections(plan.sections, "implementation"):
        for leaf, ancestors in _leaves(section):
            # A heading such as `1. Ban Tuyên giáo Tổng Liên đoàn:` names who does its items.
            units = []
            for located in (*ancestors, leaf):
                units += [unit for unit in find_unit_mentions(located.text) if unit not in units]
            plan.tasks.append(Task(leaf.text, tuple(units), leaf.marker, leaf.line, leaf.last_line))

    plan.recipients, plan.archive, plan.signer = _read_tail(items[tail_start:])
    plan.missing = _missing(plan)
    return plan


class NotAPlan(DocumentError):
    """Readable, but not a plan: another type of document (`doc_type` says which) or no
    administrative document at all."""

    def __init__(self, doc_type=""):
        self.doc_type = doc_type
        if doc_type:
            super().__init__(f"This document is a {doc_type}, not a plan (KẾ HOẠCH).")
        else:
            super().__init__("No plan found: no document type, number, date or sections.")


# A document with neither a plan type nor a plan symbol passes for a plan that lost its header
# when this many parts of the layout are there (sections, activities, recipients, signer...).
PLAN_EVIDENCE = 3


def read_plan(data, filename=""):
    """Parse an uploaded plan document (DOCX or text, as bytes). Raises a DocumentError
    (EmptyDocument, UnreadableDocument, NotAPlan) with an English message."""
    plan = parse_plan(document_text(data, filename))
    if plan.is_plan_type:
        return plan
    if plan.doc_type or plan.symbol_code:
        raise NotAPlan(plan.doc_type.value if plan.doc_type else plan.symbol.value)
    if plan.evidence < PLAN_EVIDENCE:
        raise NotAPlan()
    return plan


def _missing(plan):
    missing = [
        name
        for name in (
            "number",
            "symbol",
            "place",
            "date",
            "doc_type",
            "subject",
            "issuer",
            "superior",
            "bases",
            "activity_lines",
            "tasks",
            "recipients",
            "archive",
        )
        if not getattr(plan, name)
    ]
    signer_parts = ("on_behalf", "title", "name")
    absent = [part for part in signer_parts if not getattr(plan.signer, part)]
    if len(absent) == len(signer_parts):
        missing.append("signer")
    else:
        missing += [f"signer.{part}" for part in absent]
    missing += [
        f"activity_lines[{index}].kind"
        for index, line in enumerate(plan.activity_lines)
        if line.kind is None
    ]
    return missing


def _value(located):
    if located is None:
        return None
    if isinstance(located.value, datetime.date):
        return located.value.isoformat()
    return located.value


def plan_json(plan, units=(), kinds=()):
    """The parsed plan as the JSON object of `import_plan --dry-run`, recipients matched against
    the known units and kinds (`unit_names.KnownUnit`, `KnownKind`)."""
    index = UnitIndex(units, kinds)
    recipients = []
    for recipient in plan.recipients:
        match = index.match(recipient.name)
        recipients.append(
            {
                "name": recipient.name,
                "unit": match.unit,
                "units": list(match.units),
                "kinds": list(match.kinds),
            }
        )
    return {
        "number": _value(plan.number),
        "symbol": _value(plan.symbol),
        "place": _value(plan.place),
        "date": _value(plan.date),
        "doc_type": _value(plan.doc_type),
        "subject": _value(plan.subject),
        "issuer": _value(plan.issuer),
        "superior": _value(plan.superior),
        "bases": [base.value for base in plan.bases],
        "activity_lines": [{"kind": line.kind, "text": line.text} for line in plan.activity_lines],
        "tasks": [{"text": task.text, "units": list(task.units)} for task in plan.tasks],
        "recipients": recipients,
        "archive": _value(plan.archive),
        "signer": {
            "on_behalf": _value(plan.signer.on_behalf),
            "title": _value(plan.signer.title),
            "name": _value(plan.signer.name),
        },
        "missing": list(plan.missing),
    }
