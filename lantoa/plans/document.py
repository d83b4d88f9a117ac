"""A plan as an official document: its frozen content (a snapshot, what a version keeps) and the
document description the renderers print from it."""

import datetime
import re

from django.utils.translation import gettext_lazy as _

from lantoa.documents.official import Bullet, Heading, OfficialDocument, Paragraph, Signer
from lantoa.periods.period import PeriodKind
from lantoa.text import fold

from .models import TYPE_TITLE, number_symbol

ROMAN = ["I", "II", "III", "IV", "V", "VI"]
PER_WORDS = {PeriodKind.QUARTER: "quý", PeriodKind.HALF: "6 tháng", PeriodKind.YEAR: "năm"}

# What a correction may change, grouped as the version history names it.
SECTIONS = [
    ("header", _("Header"), ["number", "symbol", "place", "date", "superior", "issuer_name"]),
    ("subject", _("Subject line"), ["subject"]),
    ("bases", _("Legal bases and introduction"), ["bases", "introduction"]),
    ("purposes", _("Purposes and requirements"), ["purposes"]),
    ("audiences", _("Audiences"), ["content_heading", "audience", "primary_target"]),
    ("activity_lines", _("Activity lines and targets"), ["activity_lines"]),
    ("tasks", _("Implementation tasks"), ["tasks"]),
    ("recipients", _("Recipients"), ["recipients", "archive"]),
    ("signer", _("Signer"), ["signer"]),
    ("schedule", _("Reporting schedule"), ["schedule"]),
    ("deployment", _("Deployment deadlines"), ["deployment"]),
]
SECTION_LABELS = {key: label for key, label, _fields in SECTIONS}


def snapshot(plan):
    """Everything a plan prints and promises, as plain data (JSON-ready)."""
    lines = plan.activity_lines.prefetch_related("targets__unit_kind", "targets__unit")
    tasks = plan.tasks.prefetch_related("unit_kinds", "units")
    recipients = plan.recipients.select_related("unit").prefetch_related("unit_kinds")
    return {
        "number": plan.number,
        "symbol": plan.symbol,
        "place": plan.place,
        "date": plan.date.isoformat() if plan.date else None,
        "year": plan.year,
        "superior": plan.superior,
        "issuer_name": plan.issuer_name,
        "subject": plan.subject,
        "bases": plan.bases_list,
        "introduction": plan.introduction.strip(),
        "purposes": plan.purposes_list,
        "content_heading": plan.content_heading,
        "audience": plan.audience.strip(),
        "primary_target": plan.primary_target.strip(),
        "activity_lines": [
            {
                "id": line.pk,
                "kind": line.kind,
                "text": line.text.strip(),
                "targets": [
                    {
                        "quantity": target.quantity,
                        "per": target.per,
                        "unit_kind": target.unit_kind.code if target.unit_kind else None,
                        "unit": target.unit_id,
                        "label": target_phrase(target),
                    }
                    for target in line.targets.all()
                ],
            }
            for line in lines
        ],
        "tasks": [
            {
                "text": task.text.strip(),
                "assignee": task.assignee,
                "unit_kinds": sorted(kind.code for kind in task.unit_kinds.all()),
                "units": sorted(unit.pk for unit in task.units.all()),
            }
            for task in tasks
        ],
        "recipients": [
            {
                "name": recipient.name,
                "unit": recipient.unit_id,
                "unit_kinds": sorted(kind.code for kind in recipient.unit_kinds.all()),
            }
            for recipient in recipients
        ],
        "archive": plan.archive,
        "signer": {
            "on_behalf": plan.signer_on_behalf,
            "title": plan.signer_title,
            "name": plan.signer_name,
        },
        "schedule": {
            "quarterly": plan.report_quarterly,
            "half_yearly": plan.report_half_yearly,
            "yearly": plan.report_yearly,
            "window_rule": plan.window_rule,
            "grassroots_days": plan.grassroots_deadline_days,
            "upper_days": plan.upper_deadline_days,
            "province_days": plan.province_deadline_days,
        },
        "deployment": {
            "acknowledge_days": plan.acknowledge_days,
            "subplan_days": plan.subplan_days,
        },
    }


def changed_sections(old, new):
    """The keys of the SECTIONS whose content differs between two snapshots."""
    return [
        key
        for key, _label, fields in SECTIONS
        if any(old.get(field) != new.get(field) for field in fields)
    ]


def target_phrase(target):
    """`mỗi Công đoàn cơ sở ít nhất 2 hoạt động/quý`."""
    whom = target.unit.short_name if target.unit else f"mỗi {target.unit_kind.name}"
    return f"{whom} ít nhất {target.quantity} hoạt động/{PER_WORDS[target.per]}"


def join_vietnamese(items):
    """`A`, `A và B`, `A, B và C`."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} và {items[-1]}"


def official_document(content):
    """The official document a snapshot prints as."""
    number = (
        number_symbol(content["number"], content["symbol"])
        if content["number"]
        else f"     /{content['symbol']}"
    )
    date = datetime.date.fromisoformat(content["date"]) if content["date"] else None
    signer = content["signer"]
    return OfficialDocument(
        superior=content["superior"].upper(),
        issuer=content["issuer_name"].upper(),
        number=number,
        place=content["place"],
        date=date,
        year=content["year"],
        doc_type=TYPE_TITLE,
        subject=content["subject"],
        body=_body(content),
        recipients=[recipient["name"] for recipient in content["recipients"]],
        archive=content["archive"],
        signer=Signer(signer["on_behalf"].upper(), signer["title"].upper(), signer["name"]),
    )


# A basis written with its own opening ("Căn cứ Điều lệ Công đoàn Việt Nam") prints on a line of
# its own, as documents list them; the others read as one sentence, "Thực hiện A và B. …".
_BASIS_OPENING = re.compile(r"^(?:can cu|thuc hien|theo|trien khai|quan triet)\b")


def _opening(bases, introduction):
    stated = [basis for basis in bases if _BASIS_OPENING.match(fold(basis))]
    implemented = [basis for basis in bases if basis not in stated]
    paragraphs = [Paragraph(f"{basis.rstrip(';.,')};") for basis in stated]
    opening = introduction
    if implemented:
        opening = f"Thực hiện {join_vietnamese(implemented)}. {introduction}".strip()
    if opening:
        paragraphs.append(Paragraph(opening))
    return paragraphs


def _body(content):
    body = _opening(content["bases"], content["introduction"])
    sections = iter(ROMAN)
    if content["purposes"]:
        body.append(Heading(f"{next(sections)}. MỤC ĐÍCH, YÊU CẦU:"))
        body.extend(
            Paragraph(f"{number}. {text}")
            for number, text in enumerate(content["purposes"], start=1)
        )
    audiences = [
        (label, text)
        for label, text in [
            ("Đối tượng truyền thông", content["audience"]),
            ("Đối tượng tác động chính", content["primary_target"]),
        ]
        if text
    ]
    lines = content["activity_lines"]
    if audiences or lines:
        body.append(Heading(f"{next(sections)}. {content['content_heading'].upper()}:"))
        subsection = 0
        if audiences:
            subsection += 1
            body.append(Heading(f"{subsection}. Đối tượng:", level=2))
            body.extend(
                Paragraph(f"{subsection}.{number}. *{label}:* {text}")
                for number, (label, text) in enumerate(audiences, start=1)
            )
        if lines:
            subsection += 1
            body.append(Heading(f"{subsection}. Những nội dung hoạt động chủ yếu:", level=2))
            for line in lines:
                body.append(Bullet(line["text"]))
                if line["targets"]:
                    phrases = "; ".join(target["label"] for target in line["targets"])
                    body.append(Paragraph(f"*Chỉ tiêu:* {phrases}."))
    if content["tasks"]:
        body.append(Heading(f"{next(sections)}. TỔ CHỨC THỰC HIỆN:"))
        body.extend(
            Paragraph(f"{number}. {task['text']}")
            for number, task in enumerate(content["tasks"], start=1)
        )
    return body
