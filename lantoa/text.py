"""Vietnamese text helpers with no Django dependency (the plan parser uses them too)."""

import re
import unicodedata

# Decomposition strips tone and vowel marks but leaves đ alone: it is a letter of its own.
_LETTERS_WITHOUT_DECOMPOSITION = [("đ", "d"), ("Đ", "d"), ("ð", "d"), ("Ð", "d")]
# The combining marks of Vietnamese (and most Latin scripts), removed in one C-level pass; the
# rare other combining characters go through unicodedata. U+034F is not a combining mark.
_LATIN_MARKS = re.compile("[\u0300-\u034e\u0350-\u036f]+")


def fold(text):
    """Lower-case, diacritic-free, single-spaced form used to compare and search Vietnamese text.

    >>> fold("LĐLĐ huyện  Giồng Trôm")
    'ldld huyen giong trom'

    Imports fold every row, so this is written for speed (3× the obvious per-character loop);
    tests check it against that loop.
    """
    if not text:
        return ""
    text = str(text)
    if not text.isascii():
        for letter, plain in _LETTERS_WITHOUT_DECOMPOSITION:
            text = text.replace(letter, plain)
        text = _LATIN_MARKS.sub("", unicodedata.normalize("NFD", text))
        if not text.isascii():
            text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


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
