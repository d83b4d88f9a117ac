"""Matching Vietnamese words and phrases in text that may have lost its diacritics.

Folding (`lantoa.text.fold`) alone is too coarse for keywords: `báo` (newspaper), `bảo` (to
ensure) and `bão` (storm) all fold to `bao`. A word written with diacritics therefore has to
match exactly (tone placement aside: `hoà` and `hòa` are the same word), and only a word written
without any diacritics matches by its folded form. No Django here.
"""

import re
import unicodedata
from functools import lru_cache

from lantoa.text import fold

_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_WORD = re.compile(r"[^\W\d_]+|\d+")


@lru_cache(maxsize=8192)
def word_key(word):
    """The letters of a word with their vowel marks, and its tone, wherever the tone is placed."""
    tone = ""
    letters = []
    for char in unicodedata.normalize("NFD", word.lower()):
        if char in _TONE_MARKS:
            tone = char
        else:
            letters.append(char)
    return unicodedata.normalize("NFC", "".join(letters)), tone


class Token:
    __slots__ = ("bare", "end", "folded", "key", "start", "text")

    def __init__(self, match):
        self.text = match.group()
        self.start = match.start()
        self.end = match.end()
        self.key = word_key(self.text)
        self.folded = fold(self.text)
        self.bare = self.text.isascii()


def tokens(text):
    return [Token(match) for match in _WORD.finditer(text)]


class Phrase:
    """A keyword of one or more words, with words that must not stand right before or after it
    (`báo` is a newspaper, but not in `báo cáo`, a report)."""

    def __init__(self, text, *, not_before=(), not_after=()):
        self.text = text
        self.words = [(word_key(w), fold(w), w.isascii()) for w in _WORD.findall(text)]
        self.not_before = frozenset(fold(w) for w in not_before)
        self.not_after = frozenset(fold(w) for w in not_after)

    def _word_matches(self, token, index):
        key, folded, bare = self.words[index]
        return token.key == key or ((token.bare or bare) and token.folded == folded)

    def matches_at(self, toks, start):
        size = len(self.words)
        if start + size > len(toks):
            return False
        if not all(self._word_matches(toks[start + i], i) for i in range(size)):
            return False
        if start > 0 and toks[start - 1].folded in self.not_before:
            return False
        after = start + size
        return not (after < len(toks) and toks[after].folded in self.not_after)

    def count(self, toks):
        return sum(1 for start in range(len(toks)) if self.matches_at(toks, start))


def loose(phrase):
    """A regex for a folded phrase that tolerates OCR spacing: `K Ế  HOẠCH`, `KẾHOẠCH`."""
    letters = [re.escape(char) for char in phrase if not char.isspace()]
    return r"\s*".join(letters)


def squash(text):
    """Folded and without any spaces or punctuation, to compare short layout lines."""
    return "".join(char for char in fold(text) if char.isalnum())


class Folded:
    """A folded copy of a text that remembers where each folded character came from, so that a
    pattern found in the folded text can be cut out of the text as written."""

    def __init__(self, text):
        chars, origin = [], []
        for index, char in enumerate(text):
            folded = " " if char.isspace() else fold(char)
            for folded_char in folded:
                chars.append(folded_char)
                origin.append(index)
        self.text = text
        self.folded = "".join(chars)
        self._origin = origin

    def original(self, start, end):
        """The text as written behind folded[start:end]."""
        if start >= end or start >= len(self._origin):
            return ""
        first = self._origin[start]
        last = self._origin[end - 1] + 1
        while last < len(self.text) and unicodedata.combining(self.text[last]):
            last += 1
        return self.text[first:last]

    def rest(self, start):
        """The text as written from folded[start] to the end."""
        if start >= len(self._origin):
            return ""
        return self.text[self._origin[start] :]

    def head(self, end):
        """The text as written up to folded[end]."""
        if end <= 0:
            return ""
        if end >= len(self._origin):
            return self.text
        return self.text[: self._origin[end]]
