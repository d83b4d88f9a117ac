"""Vietnamese text helpers with no Django dependency (the plan parser uses them too)."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Unicode decomposition strips tone and vowel marks but leaves đ alone: it is a letter of its own.
_LETTERS_WITHOUT_DECOMPOSITION = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})


def fold(text):
    """Lower-case, diacritic-free, single-spaced form used to compare and search Vietnamese text.

    >>> fold("LĐLĐ huyện  Giồng Trôm")
    'ldld huyen giong trom'
    """
    if not text:
        return ""
    text = str(text).translate(_LETTERS_WITHOUT_DECOMPOSITION)
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()


def search_terms(query):
    """The folded words of a search box entry; every one of them must match."""
    return [term for term in fold(query).split(" ") if term]


def _official_day_month(day):
    # Decree 30/2020: a leading zero for days below 10 and for months 1 and 2.
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{day.day:02d}", month


def short_date(day):
    """`02/3/2018`, `05/01/2019`."""
    if not day:
        return ""
    dd, mm = _official_day_month(day)
    return f"{dd}/{mm}/{day.year}"


def long_date(day):
    """`ngày 02 tháng 3 năm 2018`, as official documents write the date line."""
    if not day:
        return ""
    dd, mm = _official_day_month(day)
    return f"ngày {dd} tháng {mm} năm {day.year}"
