"""From a plan document read by the parser (`documents.plan_parser`) to the fields of a draft plan:
what the review screen starts from and what `manage.py import_plan` saves.

The plan prints its opening as `Thực hiện <bases>. <introduction>` (a basis that opens with its own
`Căn cứ …` prints as written, on a line of its own), its audiences under
`1. Đối tượng:` and the heading of its content section from `content_heading`; the parser keeps
the document's paragraphs whole, so they are cut here into those fields, each with the source
lines it came from.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from lantoa.documents.unit_names import UnitIndex
from lantoa.documents.vn_words import Folded
from lantoa.text import fold

from .models import TaskAssignee

# The parser's names of missing fields, as the fields of a plan.
MISSING_FIELDS = {
    "issuer": ["issuer_name"],
    "signer": ["signer_on_behalf", "signer_title", "signer_name"],
    "signer.on_behalf": ["signer_on_behalf"],
    "signer.title": ["signer_title"],
    "signer.name": ["signer_name"],
}
_KIND_MISSING = re.compile(r"^activity_lines\[(\d+)\]\.kind$")
# The plan's export writes `Thực hiện` before the bases that have no opening of their own; a
# `Căn cứ …` basis keeps its words.
_BASE_OPENING = re.compile(r"^thuc\s*hien\s+")
_SENTENCE_END = re.compile(r"[.;]\s+(?=\S)")
_CLAUSE_START = re.compile(r"[.;,]\s+(?=[A-ZĐÀ-Ỹ])")
_ANNOUNCES_PLAN = re.compile(r"\b(?:xay\s*dung|ban\s*hanh)\b.*\bke\s*hoach\b")
_AUDIENCE = re.compile(r"^doi\s*tuong\b")
_PRIMARY = re.compile(r"\b(?:chinh|trong\s*tam|trong\s*diem|uu\s*tien)\b")
_DEPARTMENT = re.compile(r"^ban\s+tuyen\s+giao\b")
_CLOSING = "./."


@dataclass(frozen=True)
class Source:
    """The lines of the document (numbered from 1) a value came from."""

    line: int
    last_line: int
    text: str

    @property
    def lines(self):
        if self.line == self.last_line:
            return str(self.line)
        return f"{self.line}–{self.last_line}"


@dataclass
class ImportedPlan:
    """`fields`: keyword arguments of `plans.services.plan_create_draft` (None where the document
    says nothing, so that the plan's defaults apply); `sources`: the same names (and, for lists,
    one entry per item) to the `Source` each value came from, or None; `missing`: the fields the
    document lacks, and {list name: item indexes} for items lacking a part (a line's kind);
    `notes`: {list name: {index: remark}} for items the reviewer must decide; `named_units`: the
    units and organs each task names, as written; `issuer_id`: the
    unit proposed as issuer, `matched_issuer_id` the one the document names (else None)."""

    issuer_id: int | None
    matched_issuer_id: int | None
    fields: dict
    sources: dict
    missing: set = field(default_factory=set)
    missing_items: dict = field(default_factory=dict)
    notes: dict = field(default_factory=dict)
    named_units: list = field(default_factory=list)


def _source(parsed, located):
    if located is None:
        return None
    last = getattr(located, "last_line", located.line)
    return Source(located.line, last, parsed.source(located))


def _value(located):
    return located.value if located is not None else None


def _with_closing(parsed, located, text):
    """The text with the document's closing mark `./.` where the source ends with it: the parser
    drops it, the printed plan needs it."""
    if parsed.source(located).rstrip().endswith(_CLOSING) and not text.endswith(_CLOSING):
        return text.rstrip(".") + _CLOSING
    return text


def _number(parsed):
    written = _value(parsed.number)
    return int(written) if written and written.isdigit() and int(written) > 0 else None


def _base_text(text):
    folded = Folded(text)
    opening = _BASE_OPENING.match(folded.folded)
    if opening:
        text = folded.rest(opening.end())
    return text.strip().rstrip(";,.").strip()


def _introduction_start(text):
    """Where the sentence announcing the plan begins in a basis paragraph that ends with it: the
    last clause that says who draws up the plan (`…; Ban Thường vụ LĐLĐ huyện xây dựng kế hoạch
    như sau:`), else the last sentence before the colon."""
    if not text.rstrip().endswith(":"):
        return None
    for boundary in reversed(list(_CLAUSE_START.finditer(text))):
        if _ANNOUNCES_PLAN.search(fold(text[boundary.end() :])):
            return boundary
    ends = list(_SENTENCE_END.finditer(text))
    return ends[-1] if ends else None


def _opening(parsed):
    """(bases [(text, located)], introduction (text, [located]) or None). The sentence that
    closes the last basis and announces the plan (`LĐLĐ tỉnh xây dựng Kế hoạch … như sau:`) is
    the introduction; so are the paragraphs before the first section that are no basis."""
    bases = [(base.value, base) for base in parsed.bases]
    introduction = []
    if bases:
        text, located = bases[-1]
        cut = _introduction_start(text)
        if cut:
            bases[-1] = (text[: cut.start() + 1], located)
            introduction.append((text[cut.end() :].strip(), located))
    introduction += [(paragraph.value, paragraph) for paragraph in parsed.preamble]
    bases = [(_base_text(text), located) for text, located in bases]
    bases = [(text, located) for text, located in bases if text]
    if not introduction:
        return bases, None
    text = " ".join(text for text, _located in introduction)
    return bases, (text, [located for _text, located in introduction])


def _span(parsed, located_items):
    first = min(item.line for item in located_items)
    last = max(getattr(item, "last_line", item.line) for item in located_items)
    return Source(first, last, "\n".join(parsed.source_lines[first - 1 : last]))


def _walk(items):
    for item in items:
        yield item
        yield from _walk(item.children)


def _content_section(parsed):
    """The section of the outline the activity lines come from."""
    if not parsed.activity_lines:
        return None
    first = parsed.activity_lines[0].line
    for section in parsed.sections:
        if any(item.line == first for item in _walk([section])):
            return section
    return None


def _after_label(text):
    head, colon, rest = text.partition(":")
    return rest.strip() if colon and len(head) <= 100 and rest.strip() else text


def _audiences(parsed):
    """{audience, primary_target: item}: the items under `Đối tượng` (`Đối tượng truyền thông`
    for everyone, `Đối tượng tác động chính` for the primary target group)."""
    found = {}
    for item in _walk(parsed.sections):
        if not _AUDIENCE.match(fold(item.label)):
            continue
        leaves = [leaf for leaf in _walk(item.children) if not leaf.children] or [item]
        for leaf in leaves:
            name = "primary_target" if _PRIMARY.search(fold(leaf.label)) else "audience"
            found.setdefault(name, leaf)
        break
    return found


def _task(task, index, issuer_id):
    """{text, assignee, units, unit_kinds} of a parsed task: whom it falls to is the unit that
    opens it (`Ban Tuyên giáo LĐLĐ tỉnh tham mưu …`) or the heading above it names."""
    result = {"text": task.text, "assignee": TaskAssignee.RECIPIENTS, "units": [], "unit_kinds": []}
    doer = task.units[0] if task.units else None
    if doer is None:
        return result
    folded_doer, folded_text = fold(doer), fold(task.text)
    if not folded_text.startswith(folded_doer) and folded_doer in folded_text:
        return result
    match = index.match(doer)
    own = issuer_id is not None and match.unit == issuer_id
    if own or (match.external and _DEPARTMENT.match(folded_doer)):
        result["assignee"] = TaskAssignee.DEPARTMENT
    elif match.units:
        result.update(assignee=TaskAssignee.UNITS, units=list(match.units))
    elif match.kinds:
        result.update(assignee=TaskAssignee.KINDS, unit_kinds=list(match.kinds))
    return result


def imported_plan(parsed, *, units, kinds, issuer_id=None, fallback_issuer_id=None):
    """The draft plan a parsed document makes, its recipients and tasks matched against `units`
    and `kinds` (`unit_names.KnownUnit`, `KnownKind`: the tree on the plan's date). Its issuer is
    `issuer_id` if given, else the unit the document's issuing body names, else
    `fallback_issuer_id`; a task that falls to the issuer itself goes to its department."""
    index = UnitIndex(units, kinds)
    unit_names = {unit.id: unit.short_name or unit.name for unit in units}
    matched_issuer = index.match(parsed.issuer.value).unit if parsed.issuer else None
    issuer = issuer_id or matched_issuer or fallback_issuer_id
    sources = {}
    fields = {
        "number": _number(parsed),
        "symbol": _value(parsed.symbol),
        "place": _value(parsed.place),
        "date": _value(parsed.date),
        "doc_type": _value(parsed.doc_type),
        "subject": _value(parsed.subject),
        "issuer_name": _value(parsed.issuer),
        "superior": _value(parsed.superior),
        "archive": _value(parsed.archive),
    }
    for name, located in [
        ("number", parsed.number),
        ("symbol", parsed.symbol),
        ("place", parsed.place),
        ("date", parsed.date),
        ("doc_type", parsed.doc_type),
        ("subject", parsed.subject),
        ("issuer_name", parsed.issuer),
        ("superior", parsed.superior),
        ("archive", parsed.archive),
    ]:
        sources[name] = _source(parsed, located)
    if fields["date"]:
        fields["year"] = fields["date"].year

    bases, introduction = _opening(parsed)
    fields["bases"] = [text for text, _located in bases]
    sources["bases"] = [_source(parsed, located) for _text, located in bases]
    fields["introduction"] = introduction[0] if introduction else None
    sources["introduction"] = _span(parsed, introduction[1]) if introduction else None

    fields["purposes"] = [purpose.value for purpose in parsed.purposes]
    sources["purposes"] = [_source(parsed, purpose) for purpose in parsed.purposes]

    content = _content_section(parsed)
    fields["content_heading"] = content.text.rstrip(" :") if content else None
    sources["content_heading"] = _source(parsed, content)
    audiences = _audiences(parsed)
    for name in ("audience", "primary_target"):
        item = audiences.get(name)
        fields[name] = _after_label(item.text) if item else None
        sources[name] = _source(parsed, item)

    fields["activity_lines"] = [
        {"kind": line.kind, "text": _with_closing(parsed, line, line.text)}
        for line in parsed.activity_lines
    ]
    sources["activity_lines"] = [_source(parsed, line) for line in parsed.activity_lines]
    fields["tasks"] = [
        {**_task(task, index, issuer), "text": _with_closing(parsed, task, task.text)}
        for task in parsed.tasks
    ]
    sources["tasks"] = [_source(parsed, task) for task in parsed.tasks]

    recipients, notes = [], {}
    for position, recipient in enumerate(parsed.recipients):
        match = index.match(recipient.name)
        row = {"name": recipient.name, "unit": match.unit, "unit_kinds": []}
        if match.kinds and not match.units:
            row["unit_kinds"] = list(match.kinds)
        elif match.units and match.unit is None:
            named = ", ".join(unit_names.get(pk, str(pk)) for pk in match.units)
            notes[position] = _(
                "This line names several units (%(units)s): choose one, or split the line on the "
                "plan's page after saving."
            ) % {"units": named}
        recipients.append(row)
    fields["recipients"] = recipients
    sources["recipients"] = [_source(parsed, recipient) for recipient in parsed.recipients]

    signer = parsed.signer
    fields["signer"] = {
        "on_behalf": _value(signer.on_behalf),
        "title": _value(signer.title),
        "name": _value(signer.name),
    }
    for part in ("on_behalf", "title", "name"):
        sources[f"signer_{part}"] = _source(parsed, getattr(signer, part))

    missing, missing_items = set(), {}
    for name in parsed.missing:
        kind = _KIND_MISSING.match(name)
        if kind:
            missing_items.setdefault("activity_lines", set()).add(int(kind.group(1)))
        else:
            missing.update(MISSING_FIELDS.get(name, [name]))
    return ImportedPlan(
        issuer_id=issuer,
        matched_issuer_id=matched_issuer,
        fields=fields,
        sources=sources,
        missing=missing,
        missing_items=missing_items,
        notes={"recipients": notes} if notes else {},
        named_units=[list(task.units) for task in parsed.tasks],
    )


def matched_unit_ids(imported):
    """Every unit the tasks and recipients were matched to."""
    fields = imported.fields
    ids = {row["unit"] for row in fields["recipients"] if row["unit"]}
    ids |= {unit for task in fields["tasks"] for unit in task["units"]}
    return ids
