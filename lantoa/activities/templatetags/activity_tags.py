from django import template

from lantoa.outreach import OutreachKind

register = template.Library()

KIND_ICONS = {
    OutreachKind.DISSEMINATION: "bi-megaphone",
    OutreachKind.VISUAL: "bi-easel",
    OutreachKind.TALK: "bi-people",
    OutreachKind.MEDIA: "bi-newspaper",
}


@register.filter
def kind_icon(kind):
    """The Bootstrap icon of a kind of activity."""
    return KIND_ICONS.get(kind, "bi-circle")
