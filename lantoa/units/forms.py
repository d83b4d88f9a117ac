import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Headcount, Place, PlaceKind, Unit


class DateInput(forms.DateInput):
    """The browser's own date picker: a calendar on phones, ISO on the wire."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class UnitForm(forms.ModelForm):
    parent = forms.ModelChoiceField(
        label=_("Directly under"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=_("Leave empty only for the top of the tree."),
    )
    effective_from = forms.DateField(
        label=_("Under that unit from"),
        widget=DateInput(),
        required=False,
        help_text=_("When the unit was placed there. Reports of earlier periods are not changed."),
    )

    class Meta:
        model = Unit
        fields = [
            "kind",
            "name",
            "short_name",
            "abbreviation",
            "code",
            "address",
            "phone",
            "email",
            "contact_person",
            "opened_on",
            "closed_on",
        ]
        widgets = {"opened_on": DateInput(), "closed_on": DateInput()}

    def __init__(self, *args, parents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents
        today = timezone.localdate()
        if self.instance.pk:
            self.fields["parent"].initial = self.instance.parent_on(today)
        self.fields["effective_from"].initial = today

    def clean(self):
        cleaned = super().clean()
        parent = cleaned.get("parent")
        if parent is not None and not cleaned.get("effective_from"):
            self.add_error("effective_from", _("Say from which day the unit is under that unit."))
        if parent is not None and self.instance.pk and parent.pk == self.instance.pk:
            self.add_error("parent", _("A unit cannot be under itself."))
        return cleaned


class PlaceForm(forms.ModelForm):
    class Meta:
        model = Place
        fields = ["kind", "name", "address", "industrial_park", "is_active"]

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.unit = unit
        self.fields["industrial_park"].queryset = Place.objects.filter(
            kind=PlaceKind.INDUSTRIAL_PARK, is_active=True
        )


class HeadcountForm(forms.ModelForm):
    class Meta:
        model = Headcount
        fields = ["year", "members", "workers", "industrial_workers"]
        widgets = {
            name: forms.NumberInput(attrs={"inputmode": "numeric", "min": 0})
            for name in ["year", "members", "workers", "industrial_workers"]
        }

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.unit = unit
        self.fields["year"].initial = datetime.date.today().year
