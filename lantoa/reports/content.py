"""A report's content as plain data: what a submission freezes (JSON) and what the page, the DOCX
and the XLSX print, for a frozen submission and a live draft alike.

`figures(consolidation, ...)` holds the indicator list, the computed, adjusted and target
figures and the lines per child unit; `build(report)` adds the document's header and its text.
`ContentView` reads either for templates and exports, in the reader's language where the
indicator is still known (frozen labels otherwise: an outlet renamed since keeps its old name).
"""

import datetime
from html import escape

from django.conf import settings
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from lantoa.periods.period import Period
from lantoa.plans.services import CONFEDERATION
from lantoa.templatetags.lantoa import grouped, num, percent, thousand_separator
from lantoa.text import short_date

from . import indicators as registry
from .models import SECTIONS
from .selectors import consolidate

SCHEMA = 1


def figures(consolidation, *, adjustments=None, targets=None):
    """The figures of a consolidation as JSON-ready data. `adjustments`: {code: Adjustment};
    `targets`: {code: quantity}."""
    indicators = consolidation.indicators
    adjustments = adjustments or {}
    computed = consolidation.total.values
    with translation.override(settings.LANGUAGE_CODE):
        listed = [
            {
                "code": ind.code,
                "label": str(ind.label),
                "measure": str(ind.measure),
                "group": ind.group,
                "ratio": ind.ratio is not None,
                "adjustable": ind.adjustable,
            }
            for ind in indicators
        ]
        groups = [{"code": group.code, "label": str(group.label)} for group in registry.GROUPS]
    return {
        "period": str(consolidation.period),
        "rule": consolidation.rule,
        "window": [day.isoformat() for day in consolidation.window],
        "headcount_year": consolidation.window[1].year,
        "unit": _unit(consolidation.unit),
        "groups": groups,
        "indicators": listed,
        "computed": computed,
        "final": registry.adjusted(
            computed, {code: item.value for code, item in adjustments.items()}, indicators
        ),
        "targets": targets or {},
        "adjustments": {
            code: {
                "value": item.value,
                "reason": item.reason,
                "by": item.updated_by.display_name if item.updated_by_id else "",
            }
            for code, item in adjustments.items()
        },
        "lines": [
            {
                **(_unit(line.unit) if line.unit else {"id": None, "code": "", "name": ""}),
                "role": line.role,
                "values": line.values,
            }
            for line in consolidation.lines
        ],
    }


def _unit(unit):
    return {"id": unit.pk, "code": unit.code, "name": unit.name, "short_name": unit.short_name}


def build(report, *, frozen_at=None, document_date=None):
    """Everything the report says now: figures from the records, the unit's adjustments, the
    plan's targets, the header and the text. Frozen as is by a submission."""
    period = report.period_obj
    plan = report.plan
    consolidation = consolidate(report.unit, period, rule=plan.window_rule)
    adjustments = {item.indicator: item for item in report.adjustments.select_related("updated_by")}
    targets = registry.targets(plan.targets_for(report.unit, period), consolidation.indicators)
    content = figures(consolidation, adjustments=adjustments, targets=targets)
    content.update(
        schema=SCHEMA,
        frozen_at=frozen_at.isoformat() if frozen_at else None,
        report=report.pk,
        status=report.status,
        deadline=report.deadline.isoformat(),
        plan={
            "id": plan.pk,
            "number_symbol": plan.number_symbol,
            "date": plan.date.isoformat() if plan.date else None,
            "subject": plan.subject,
            "issuer": plan.issuer.short_name,
        },
        document={
            "superior": report.reviewer.short_name if report.reviewer else CONFEDERATION,
            "issuer": report.unit.name,
            "number": report.number,
            "symbol": report.symbol,
            "place": report.place,
            "date": document_date.isoformat() if document_date else None,
            "subject": report.subject,
            "recipients": report.recipients_list,
            "archive": report.archive,
            "signer": {
                "on_behalf": report.signer_on_behalf,
                "title": report.signer_title,
                "name": report.signer_name,
            },
        },
        narrative={name: getattr(report, name).strip() for name, _label, _title in SECTIONS},
    )
    return content


_KNOWN = registry.by_code(registry.INDICATORS)


def _in_current_language(item):
    """A frozen indicator with its label and measure in the reader's language, when the code
    still names one (an outlet keeps the name it had, the outlets being data)."""
    known = _KNOWN.get(item["code"])
    if known is not None:
        return {**item, "label": str(known.label), "measure": str(known.measure)}
    if item["code"].startswith(registry.OUTLET_PREFIX):
        return {**item, "measure": str(registry.ITEMS)}
    return item


def _format(value, ratio):
    if value is None:
        return "—"
    if ratio:
        return percent(value)
    return value


def _row_html(line, separator):
    """A line of a table by unit as HTML. A district's tables have thousands of lines of a dozen
    figures: written here in one go rather than by template tags, they render ten times faster.
    Every text is escaped."""
    name = escape(line.get("short_name") or line.get("name") or "")
    if line["role"] == "total":
        opening, header = '<tr class="fw-semibold">', escape(str(_("Total")))
    elif line["role"] == "own":
        opening, header = (
            "<tr>",
            escape(_("%(unit)s itself") % {"unit": line.get("short_name", "")}),
        )
    else:
        opening = "<tr>"
        header = f'<a href="{escape(line["url"])}">{name}</a>' if line.get("url") else name
    weight = " fw-semibold" if line["role"] == "total" else ""
    cells = "".join(
        f'<td class="num">{escape(_cell_text(cell, separator))}</td>' for cell in line["cells"]
    )
    return mark_safe(
        f'{opening}<th scope="row" class="fw-normal{weight}">{header}</th>{cells}</tr>'
    )


def _cell_text(cell, separator):
    value = cell["value"]
    if cell["ratio"]:
        return cell["text"]
    if value is None:
        return ""
    if type(value) is int:
        return grouped(value, separator)
    return num(value)


class ContentView:
    """Reads content (from `build` or `figures`) for pages and exports."""

    def __init__(self, content, *, child_url=None):
        """`child_url(unit_id)`: where the name of a child unit in the tables links to."""
        self.content = content
        self.child_url = child_url
        self.indicators = [_in_current_language(item) for item in content["indicators"]]
        groups = {group.code: group.label for group in registry.GROUPS}
        self.groups = [
            {**group, "label": str(groups.get(group["code"], group["label"]))}
            for group in content["groups"]
        ]

    @property
    def period(self):
        return Period.parse(self.content["period"])

    @property
    def window(self):
        return tuple(datetime.date.fromisoformat(day) for day in self.content["window"])

    @property
    def window_text(self):
        start, end = self.window
        return f"{short_date(start)} – {short_date(end)}"

    @property
    def has_targets(self):
        return bool(self.content["targets"])

    @property
    def summary(self):
        """One row per indicator of the report's own total: computed, adjusted, target."""
        rows = []
        adjustments = self.content["adjustments"]
        for item in self.indicators:
            code = item["code"]
            computed = self.content["computed"].get(code)
            final = self.content["final"].get(code)
            target = self.content["targets"].get(code)
            adjustment = adjustments.get(code)
            rows.append(
                {
                    "indicator": item,
                    "computed": computed,
                    "computed_text": _format(computed, item["ratio"]),
                    "final": final,
                    "final_text": _format(final, item["ratio"]),
                    "adjusted": adjustment is not None,
                    "changed": final != computed,
                    "reason": adjustment["reason"] if adjustment else "",
                    "adjusted_by": adjustment["by"] if adjustment else "",
                    "target": target,
                    "progress": final / target if target and final is not None else None,
                }
            )
        return rows

    @property
    def child_lines(self):
        return [line for line in self.content["lines"] if line["role"] == "child"]

    @property
    def tables(self):
        """One table per group: columns are its indicators, lines the child units, the unit's
        own records and the total."""
        tables = []
        separator = thousand_separator()
        urls = {
            line["id"]: self.child_url(line["id"]) if self.child_url else None
            for line in self.content["lines"]
            if line["role"] == "child"
        }
        for group in self.groups:
            columns = [item for item in self.indicators if item["group"] == group["code"]]
            if not columns:
                continue
            lines = [
                {
                    **line,
                    "url": urls.get(line["id"]) if line["role"] == "child" else None,
                    "cells": [
                        {
                            "value": line["values"].get(item["code"]),
                            "text": _format(line["values"].get(item["code"]), item["ratio"]),
                            "ratio": item["ratio"],
                        }
                        for item in columns
                    ],
                }
                for line in self.content["lines"]
            ]
            for line in lines:
                line["row_html"] = _row_html(line, separator)
            tables.append({"group": group, "columns": columns, "lines": lines})
        return tables

    @property
    def sections(self):
        narrative = self.content.get("narrative", {})
        return [
            {"name": name, "label": label, "title": title, "text": narrative.get(name, "")}
            for name, label, title in SECTIONS
        ]
