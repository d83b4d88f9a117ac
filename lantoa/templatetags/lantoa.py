"""Filters every template may use (registered as builtins in settings)."""

import datetime
import functools

from django import template
from django.utils import formats, timezone, translation

from lantoa import text

register = template.Library()


def _as_date(value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


@register.filter
def vn_date(value):
    """02/3/2018."""
    return text.short_date(_as_date(value))


@register.filter
def vn_datetime(value):
    """14:05 02/3/2018."""
    if not value:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{local:%H:%M} {text.short_date(local.date())}"


@register.filter
def vn_long_date(value):
    """ngày 02 tháng 3 năm 2018."""
    return text.long_date(_as_date(value))


@register.filter
def num(value, decimals=None):
    """1.234.567 in Vietnamese, 1,234,567 in English; empty stays empty."""
    if value is None or value == "":
        return ""
    if type(value) is int and decimals is None:
        return grouped(value, thousand_separator())
    return formats.number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def grouped(count, separator):
    """A whole number with its thousands grouped by `separator`. Reports and dashboards print
    thousands of counts: they read the separator once (`thousand_separator`) and group them
    without number_format's generality."""
    return f"{count:,}".replace(",", separator)


def thousand_separator():
    """The active language's thousands separator: "." in Vietnamese, "," in English."""
    return _thousand_separator(translation.get_language())


@functools.cache
def _thousand_separator(language):
    with translation.override(language):
        return formats.get_format("THOUSAND_SEPARATOR", use_l10n=True)


@register.filter
def percent(value, decimals=1):
    """12,4% in Vietnamese, 12.4% in English: rounded, where number_format would cut digits off."""
    if value is None:
        return "—"
    share = round(value * 100, decimals)
    return f"{formats.number_format(share, decimal_pos=decimals, use_l10n=True)}%"


@register.filter
def bootstrap(field):
    """Render a bound field's widget with Bootstrap's classes and its error state."""
    input_type = getattr(field.field.widget, "input_type", None)
    if input_type == "checkbox":
        css = "form-check-input"
    elif input_type == "select" or field.field.widget.__class__.__name__.endswith("Select"):
        css = "form-select"
    else:
        css = "form-control"
    if field.errors:
        css += " is-invalid"
    existing = field.field.widget.attrs.get("class", "")
    return field.as_widget(attrs={"class": f"{css} {existing}".strip()})
