"""The text of a DOCX, one paragraph per line, in document order: table cells (the two-column
header of an official document is usually a table), text boxes, and the numbers and bullets that
Word's automatic numbering draws but does not store in the text. No Django.
"""

from docx import Document
from docx.oxml.ns import qn

_W_P = qn("w:p")
_W_TBL = qn("w:tbl")
_W_TR = qn("w:tr")
_W_TC = qn("w:tc")
_W_SDT = qn("w:sdt")
_W_SDT_CONTENT = qn("w:sdtContent")
_W_T = qn("w:t")
_W_TAB = qn("w:tab")
_W_BR = qn("w:br")
_W_CR = qn("w:cr")
_W_NO_BREAK_HYPHEN = qn("w:noBreakHyphen")
_W_TXBX = qn("w:txbxContent")
_W_VAL = qn("w:val")
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Deleted revisions, properties, field codes and the VML copy of a text box are not text.
_NOT_TEXT = {
    qn("w:del"),
    qn("w:pPr"),
    qn("w:rPr"),
    qn("w:delText"),
    qn("w:instrText"),
    _W_TXBX,
    _MC_FALLBACK,
}
_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc")]
_ROMAN += [(50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def docx_lines(source):
    """The lines of a DOCX file (a path or a binary file object)."""
    document = Document(source)
    numbering = _Numbering(document)
    lines = []
    for block in document.element.body.iterchildren():
        _emit(block, lines, numbering)
    return lines


def _emit(element, lines, numbering):
    if element.tag == _W_P:
        for box in _text_boxes(element):
            for child in box.iterchildren():
                _emit(child, lines, numbering)
        text = numbering.label(element) + _paragraph_text(element)
        lines.extend(text.split("\n"))
    elif element.tag in (_W_TBL, _W_TR, _W_TC):
        for child in element.iterchildren():
            if child.tag in (_W_P, _W_TBL, _W_TR, _W_TC, _W_SDT):
                _emit(child, lines, numbering)
    elif element.tag == _W_SDT:
        for content in element.iterchildren(_W_SDT_CONTENT):
            for child in content.iterchildren():
                _emit(child, lines, numbering)


def _text_boxes(paragraph):
    boxes = []
    for box in paragraph.iter(_W_TXBX):
        ancestors = []
        for ancestor in box.iterancestors():
            if ancestor is paragraph:
                break
            ancestors.append(ancestor.tag)
        if _MC_FALLBACK not in ancestors and _W_TXBX not in ancestors:
            boxes.append(box)
    return boxes


def _paragraph_text(paragraph):
    parts = []

    def walk(element):
        for child in element.iterchildren():
            tag = child.tag
            if tag in _NOT_TEXT:
                continue
            if tag == _W_T:
                parts.append(child.text or "")
            elif tag == _W_TAB:
                parts.append("\t")
            elif tag == _W_BR:
                if child.get(qn("w:type")) in (None, "textWrapping"):
                    parts.append("\n")
            elif tag == _W_CR:
                parts.append("\n")
            elif tag == _W_NO_BREAK_HYPHEN:
                parts.append("-")
            else:
                walk(child)

    walk(paragraph)
    return "".join(parts)


def _format_number(number, fmt):
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        while number > 0:
            number, rest = divmod(number - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = ""
        for value, letters in _ROMAN:
            while number >= value:
                roman += letters
                number -= value
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{number:02d}"
    return str(number)


class _Numbering:
    """Renders the labels of Word's automatic numbering (`1.`, `a)`, `II.`, bullets as `-`)."""

    def __init__(self, document):
        self.levels = {}  # numId -> {ilvl: (format, text, start)}
        self.lists = {}  # numId -> the key its counters live under
        self.counters = {}
        self.styles = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            root = None
        if root is not None:
            self._read(root)
        for style in document.styles.element.iterchildren(qn("w:style")):
            self.styles[style.get(qn("w:styleId"))] = style

    def _read(self, root):
        abstract = {}
        for definition in root.iterchildren(qn("w:abstractNum")):
            levels = {}
            for level in definition.iterchildren(qn("w:lvl")):
                levels[int(level.get(qn("w:ilvl"), "0"))] = (
                    _value(level, "w:numFmt", "decimal"),
                    _value(level, "w:lvlText", ""),
                    int(_value(level, "w:start", "1")),
                )
            abstract[definition.get(qn("w:abstractNumId"))] = levels
        for num in root.iterchildren(qn("w:num")):
            num_id = num.get(qn("w:numId"))
            abstract_id = _value(num, "w:abstractNumId", None)
            levels = dict(abstract.get(abstract_id, {}))
            restarted = False
            for override in num.iterchildren(qn("w:lvlOverride")):
                start = override.find(qn("w:startOverride"))
                ilvl = int(override.get(qn("w:ilvl"), "0"))
                if start is not None and ilvl in levels:
                    fmt, text, _ = levels[ilvl]
                    levels[ilvl] = (fmt, text, int(start.get(_W_VAL, "1")))
                    restarted = True
            self.levels[num_id] = levels
            # Lists sharing a definition continue one another's numbering unless restarted.
            self.lists[num_id] = num_id if restarted else f"abstract-{abstract_id}"

    def _numbering_of(self, paragraph):
        properties = paragraph.find(qn("w:pPr"))
        style_id = None
        if properties is not None:
            numbering = properties.find(qn("w:numPr"))
            if numbering is not None:
                return numbering
            style = properties.find(qn("w:pStyle"))
            style_id = style.get(_W_VAL) if style is not None else None
        for _ in range(10):
            style = self.styles.get(style_id)
            if style is None:
                return None
            numbering = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if numbering is not None:
                return numbering
            based_on = style.find(qn("w:basedOn"))
            style_id = based_on.get(_W_VAL) if based_on is not None else None
        return None

    def label(self, paragraph):
        numbering = self._numbering_of(paragraph)
        if numbering is None:
            return ""
        num_id = _value(numbering, "w:numId", None)
        ilvl = int(_value(numbering, "w:ilvl", "0"))
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return ""
        fmt, text, start = levels[ilvl]
        if fmt == "bullet":
            return "- "
        if fmt == "none":
            return ""
        counters = self.counters.setdefault(self.lists[num_id], {})
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
        for deeper in [level for level in counters if level > ilvl]:
            del counters[deeper]
        for level in range(9):
            placeholder = f"%{level + 1}"
            if placeholder in text:
                level_fmt, _, level_start = levels.get(level, ("decimal", "", 1))
                text = text.replace(
                    placeholder, _format_number(counters.get(level, level_start), level_fmt)
                )
        return f"{text} " if text else ""


def _value(element, tag, default):
    child = element.find(qn(tag))
    if child is None:
        return default
    return child.get(_W_VAL, default)
