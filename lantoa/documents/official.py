"""A plain description of an official document (Decree 30/2020, Decision 933/QĐ-TLĐ), which the
renderers turn into DOCX, PDF or the HTML preview. Plans, reports and letters all describe
themselves this way; nothing here knows what a plan or a report is.

Text may carry light emphasis, as plan documents write it: `*italic*` and `**bold**`.
"""

import datetime
import re
from dataclasses import dataclass, field

from lantoa.text import long_date

_EMPHASIS = re.compile(r"(\*\*[^*]+\*\*|\*[^*]+\*)")


@dataclass(frozen=True)
class Run:
    text: str
    italic: bool = False
    bold: bool = False


def runs(text):
    """Split `*italic*` and `**bold**` emphasis into runs."""
    result = []
    for piece in _EMPHASIS.split(text or ""):
        if not piece:
            continue
        if piece.startswith("**") and piece.endswith("**") and len(piece) > 4:
            result.append(Run(piece[2:-2], bold=True))
        elif piece.startswith("*") and piece.endswith("*") and len(piece) > 2:
            result.append(Run(piece[1:-1], italic=True))
        else:
            result.append(Run(piece))
    return result


@dataclass
class Heading:
    """A heading; the caller writes its number: `I. MỤC ĐÍCH, YÊU CẦU:`, `1. Đối tượng:`."""

    text: str
    level: int = 1
    kind: str = field(default="heading", init=False)

    @property
    def runs(self):
        return runs(self.text)


@dataclass
class Paragraph:
    text: str
    kind: str = field(default="paragraph", init=False)

    @property
    def runs(self):
        return runs(self.text)


@dataclass
class Bullet:
    """An item of a dashed list, printed `- text` as official documents do."""

    DASH = "- "

    text: str
    kind: str = field(default="bullet", init=False)

    @property
    def runs(self):
        return runs(Bullet.DASH + self.text)


@dataclass
class Table:
    """A simple table: a header row and rows of cells; numbers are right-aligned. `widths` are
    the columns' relative widths (equal when not given)."""

    header: list
    rows: list
    widths: list | None = None
    kind: str = field(default="table", init=False)

    @property
    def cells(self):
        return [[Cell(value) for value in row] for row in self.rows]


class Percent(float):
    """A share (0.125) that prints as a percentage (12,5%), right-aligned like any number."""


@dataclass(frozen=True)
class Cell:
    value: object

    @property
    def is_number(self):
        return isinstance(self.value, int | float) and not isinstance(self.value, bool)

    @property
    def text(self):
        if isinstance(self.value, Percent):
            return f"{format_number(float(self.value) * 100)}%"
        if self.is_number:
            return format_number(self.value)
        return "" if self.value is None else str(self.value)


@dataclass
class Signer:
    on_behalf: str = ""  # TM. BAN THƯỜNG VỤ, KT. CHỦ TỊCH
    title: str = ""  # PHÓ CHỦ TỊCH
    name: str = ""


@dataclass
class OfficialDocument:
    superior: str  # the body above the issuer: TỔNG LĐLĐ VIỆT NAM
    issuer: str  # LIÊN ĐOÀN LAO ĐỘNG TỈNH BẾN TRE
    number: str  # 10/KH-LĐLĐ; a draft leaves the number out: /KH-LĐLĐ
    place: str
    date: datetime.date | None  # None: a draft, dated when signed
    doc_type: str  # KẾ HOẠCH, BÁO CÁO
    subject: str
    body: list = field(default_factory=list)
    recipients: list = field(default_factory=list)
    archive: str = ""  # VP, TG
    signer: Signer = field(default_factory=Signer)
    year: int | None = None  # printed in an undated draft's date line

    @property
    def place_date(self):
        """`Bến Tre, ngày 02 tháng 3 năm 2018`; an undated draft leaves day and month blank."""
        if self.date is not None:
            return f"{self.place}, {long_date(self.date)}"
        year = self.year or datetime.date.today().year
        return f"{self.place}, ngày      tháng      năm {year}"


def format_number(value):
    """1.234.567 and 12,5: official documents are Vietnamese whatever the reader's language."""
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    whole, _, decimals = f"{value:,.1f}".partition(".")
    return f"{whole.replace(',', '.')},{decimals}"


def sample_document():
    """A short document with every kind of block: a template is tried on it before it is used."""
    return OfficialDocument(
        superior="TỔNG LĐLĐ VIỆT NAM",
        issuer="LIÊN ĐOÀN LAO ĐỘNG TỈNH MẪU",
        number="01/BC-LĐLĐ",
        place="Mẫu",
        date=datetime.date(2018, 3, 2),
        doc_type="BÁO CÁO",
        subject="Văn bản mẫu để kiểm tra khuôn mẫu",
        body=[
            Paragraph("Đoạn mở đầu, có *chữ nghiêng* và **chữ đậm**."),
            Heading("I. ĐỀ MỤC LỚN:", level=1),
            Heading("1. Đề mục nhỏ:", level=2),
            Bullet("Một ý gạch đầu dòng."),
            Table(header=["Nội dung", "Số lượng"], rows=[["Buổi tuyên truyền", 1234]]),
        ],
        recipients=["Nơi nhận thứ nhất", "Nơi nhận thứ hai"],
        archive="VP",
        signer=Signer("TM. BAN THƯỜNG VỤ", "CHỦ TỊCH", "Nguyễn Văn A"),
    )
