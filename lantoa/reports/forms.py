from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from .models import Report
from .services import EDITABLE_FIELDS

TEXTAREA = {"rows": 6}


class ReportForm(forms.ModelForm):
    """The report's text and header, as its unit writes them."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Report
        fields = EDITABLE_FIELDS
        widgets = {
            "results": forms.Textarea(attrs=TEXTAREA),
            "shortcomings": forms.Textarea(attrs=TEXTAREA),
            "difficulties": forms.Textarea(attrs=TEXTAREA),
            "next_tasks": forms.Textarea(attrs=TEXTAREA),
            "recipients": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "results": _("What the unit did in the period, in words; the figures are added."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version


def _grouped(value):
    return number_format(value, force_grouping=True)


class AdjustmentForm(forms.Form):
    indicator = forms.ChoiceField(label=_("Figure"))
    value = forms.IntegerField(
        label=_("Adjusted figure"),
        min_value=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. “2 sessions held on 12/3 are not in the activity log yet”."),
    )

    def __init__(self, *args, indicators, computed, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [
            (ind.code, f"{ind.label} ({ind.measure}): {_grouped(computed.get(ind.code, 0))}")
            for ind in indicators
        ]


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, label=None, required=True, help_text="", **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["comment"]
        field.required = required
        field.help_text = help_text
        if label:
            field.label = label
