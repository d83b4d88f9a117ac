from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lantoa.accounts.scope import visible_units
from lantoa.periods.period import Period, WindowRule
from lantoa.plans.models import ActivityLine, PlanStatus, number_symbol
from lantoa.plans.selectors import visible_plans
from lantoa.units.forms import DateInput
from lantoa.units.models import Place, PlaceKind

from .evidence import check_upload
from .models import (
    COMMON_FIELDS,
    DUPLICATE_MESSAGE,
    KIND_CHOICES,
    KIND_SUBTYPES,
    SPECIFIC_FIELDS,
    Activity,
    MediaOutlet,
    field_label,
    fields_of,
)
from .plan_lines import default_line, eligible_lines

# How the form lays fields out: one row per group; numbers side by side, even on a phone.
LAYOUT = [
    ["unit"],
    ["date", "end_date"],
    ["plan_line"],
    ["subtype"],
    ["outlet"],
    ["title"],
    ["place_kind", "place"],
    ["location"],
    ["participants", "women", "industrial_workers"],
    ["banners", "panels", "posters", "paintings"],
    ["speakers"],
    ["materials"],
    ["link"],
    ["notes"],
    ["evidence"],
]
NUMBER_FIELDS = [
    "participants",
    "women",
    "industrial_workers",
    "banners",
    "panels",
    "posters",
    "paintings",
]


def _number_input():
    # inputmode brings up the digits keypad on phones; the large size suits thumbs.
    return forms.NumberInput(
        attrs={"inputmode": "numeric", "min": 0, "pattern": "[0-9]*", "class": "form-control-lg"}
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Several photos or scans at once, each checked by content (evidence.check_upload)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, (list, tuple)) else [data]
        checked, errors = [], []
        for upload in uploads:
            upload = super().clean(upload, initial)
            if not upload:
                continue
            try:
                checked.append(check_upload(upload))
            except forms.ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise forms.ValidationError(errors)
        return checked


def evidence_field():
    return EvidenceField(
        label=gettext_lazy("Photos or scans"),
        required=False,
        help_text=gettext_lazy("Photos (JPEG, PNG, WebP) or PDF scans, at most %(max)s MB each.")
        % {"max": settings.EVIDENCE_MAX_MB},
    )


def allowed_places(user):
    """Places the user may name: those of their units, and of the units above (industrial parks)."""
    places = Place.objects.select_related("unit")
    if user.is_federation_admin:
        return places
    ancestors = []
    if user.unit is not None:
        ancestors = [unit.pk for unit in user.unit.ancestors(on=timezone.localdate())]
    return places.filter(Q(unit__in=visible_units(user)) | Q(unit_id__in=ancestors))


def plan_title(number, symbol, issuer, subject):
    """How a plan is named in lists: `05/KH-LĐLĐ · LĐLĐ huyện Châu Thành · Thực hiện …`."""
    return Truncator(f"{number_symbol(number, symbol)} · {issuer} · {subject}").chars(110)


def _line_option(line, plan):
    # The plan's number too: a closed select shows the option alone, and the lines of a plan
    # drawn up from another often read the same.
    label = f"{number_symbol(plan.number, plan.symbol)} – {line.order}. {line.text}"
    return line.pk, Truncator(label).chars(90)


def _form_field(model_field, **kwargs):
    if isinstance(model_field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return model_field.formfield(**kwargs)


class ActivityForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    evidence = evidence_field()

    class Meta:
        model = Activity
        fields = [*COMMON_FIELDS, *SPECIFIC_FIELDS]
        formfield_callback = _form_field
        widgets = {
            "date": DateInput(),
            "end_date": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 2}),
            "materials": forms.Textarea(attrs={"rows": 2}),
            **{name: _number_input() for name in NUMBER_FIELDS},
        }

    def __init__(self, *args, kind, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.instance.kind = kind
        keep = {*fields_of(kind), "version", "evidence"}
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        for name in ["date", "title", "subtype"]:
            if name in self.fields:
                self.fields[name].label = field_label(name, kind)
        today = timezone.localdate()

        units = visible_units(user).select_related("kind").order_by("kind__rank", "name")
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda unit: unit.short_name
        if "place" in self.fields:
            current = self.instance.place_id
            self.fields["place"].queryset = (
                allowed_places(user).filter(Q(is_active=True) | Q(pk=current)).order_by("name")
            )
        if "outlet" in self.fields:
            current = self.instance.outlet_id
            self.fields["outlet"].queryset = MediaOutlet.objects.filter(
                Q(is_active=True) | Q(pk=current)
            )
            self.fields["outlet"].required = True
        if "subtype" in self.fields:
            self.fields["subtype"].choices = [
                (value, label)
                for value, label in self.fields["subtype"].choices
                if value in KIND_SUBTYPES[kind]
            ]
            self.fields["subtype"].required = True
        for name in NUMBER_FIELDS:
            if name in self.fields:
                # An empty count is a zero: people leave unused ones blank.
                self.fields[name].required = False
        if "industrial_workers" in self.fields:
            # The short label of the spreadsheets fits beside the other numbers on a phone.
            self.fields["industrial_workers"].label = _("Of which industrial workers")
            self.fields["industrial_workers"].help_text = ""
        self.fields["date"].widget.attrs["max"] = today.isoformat()
        if not self.instance.pk:
            self.initial.setdefault("date", today)
            self.initial.setdefault("unit", user.unit_id)
            if "subtype" in self.fields:
                self.initial.setdefault("subtype", KIND_SUBTYPES[kind][0])
        self._offer_plan_lines()
        self.initial.setdefault("version", self.instance.version)

    def _shown(self, name):
        """The cleaned value the form shows for `name` (posted, else initial), or None."""
        try:
            return self.fields[name].clean(self[name].value())
        except forms.ValidationError:
            return None

    def _offer_plan_lines(self):
        """The lines of the shown unit and date, grouped by plan, nearest plan first.

        Any line passes the field: the rules (plan_lines.py, through Activity.clean) decide, with
        their own messages. A new activity starts with the line of its unit's own plan when that
        one is clear (plan_lines.default_line). Changing the unit or the date reloads the list.
        """
        field = self.fields["plan_line"]
        field.queryset = ActivityLine.objects.select_related("plan__issuer")
        field.label = _("Under the plan line")
        field.help_text = _(
            "Lines of this kind in the plans your unit issued or received, or the units above "
            "it, for the activity's year."
        )
        unit, day = self._shown("unit"), self._shown("date")
        choices = eligible_lines(unit, day, self.kind) if unit and day else []
        options = [
            (
                plan_title(
                    choice.plan.number,
                    choice.plan.symbol,
                    choice.plan.issuer_name,
                    choice.plan.subject,
                ),
                [_line_option(line, choice.plan) for line in choice.lines],
            )
            for choice in choices
        ]
        offered = {line.pk for choice in choices for line in choice.lines}
        current = self.instance.plan_line if self.instance.plan_line_id else None
        if current is not None and current.pk not in offered:
            plan = current.plan
            title = plan_title(plan.number, plan.symbol, plan.issuer.short_name, plan.subject)
            options.append((title, [_line_option(current, plan)]))
        field.choices = [("", _("Under no plan line")), *options]
        if not self.is_bound and not self.instance.pk:
            asked = str(self.initial.get("plan_line") or "")
            if asked not in {str(pk) for pk in offered}:
                line = default_line(choices)
                self.initial["plan_line"] = line.pk if line else None
        refresh = {
            "hx-get": reverse("activity_create"),
            "hx-trigger": "change",
            "hx-include": "#activity-form [name=kind], #activity-form [name=unit], "
            "#activity-form [name=date], #activity-form [name=plan_line]",
            "hx-select": "#plan-line-row",
            "hx-target": "#plan-line-row",
            "hx-swap": "outerHTML",
        }
        for name in ("unit", "date"):
            self.fields[name].widget.attrs.update(refresh)

    def clean(self):
        cleaned = super().clean()
        for name in NUMBER_FIELDS:
            if name in self.fields and cleaned.get(name) is None and name not in self.errors:
                cleaned[name] = 0
        return cleaned

    def groups(self):
        """Bound fields in rows, as LAYOUT says, leaving out those of other kinds."""
        rows = []
        for names in LAYOUT:
            row = [self[name] for name in names if name in self.fields]
            if row:
                rows.append(row)
        return rows

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return
        activity = self.instance
        activity.refresh_derived()
        duplicates = Activity.objects.filter(
            unit_id=activity.unit_id, date=activity.date, fingerprint=activity.fingerprint
        )
        if activity.pk:
            duplicates = duplicates.exclude(pk=activity.pk)
        if duplicates.exists():
            self.add_error(
                None,
                f"{DUPLICATE_MESSAGE} "
                + _("If it is another one, tell them apart by the subject."),
            )


class EvidenceForm(forms.Form):
    evidence = evidence_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].required = True


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Excel (XLSX, XLS), ODS or CSV file"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ",".join(
                    [
                        ".xlsx",
                        ".xls",
                        ".ods",
                        ".csv",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                        "application/vnd.ms-excel",
                        "application/vnd.oasis.opendocument.spreadsheet",
                        "text/csv",
                    ]
                )
            }
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.ACTIVITY_IMPORT_MAX_MB
        if upload.size > limit * 1024 * 1024:
            raise forms.ValidationError(
                _("The file is larger than %(max)s MB: split it into several files.")
                % {"max": limit}
            )
        return upload


class ActivityFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search"), required=False)
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Unit"), queryset=None, required=False, empty_label=gettext_lazy("All")
    )
    below = forms.ChoiceField(
        label=gettext_lazy("Which records"),
        required=False,
        choices=[
            ("1", gettext_lazy("The unit and the units below it")),
            ("0", gettext_lazy("The unit itself only")),
        ],
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        required=False,
        choices=[("", gettext_lazy("All")), *KIND_CHOICES],
    )
    period = forms.CharField(
        label=gettext_lazy("Period"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "2018Q1", "size": 8}),
        help_text=gettext_lazy("2018Q1, 2018S1 or 2018."),
    )
    window = forms.ChoiceField(
        label=gettext_lazy("Data window"), required=False, choices=WindowRule.choices
    )
    place_kind = forms.ChoiceField(
        label=gettext_lazy("Kind of place"),
        required=False,
        choices=[("", gettext_lazy("All")), *PlaceKind.choices],
    )
    plan = forms.ModelChoiceField(
        label=gettext_lazy("Plan"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("All"),
        help_text=gettext_lazy(
            "Activities logged under its lines or those of the plans drawn up from it."
        ),
    )
    batch = forms.IntegerField(required=False, widget=forms.HiddenInput)
    deleted = forms.BooleanField(label=gettext_lazy("Deleted activities"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = visible_units(user).select_related("kind").order_by("kind__rank", "name")
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda unit: unit.short_name
        self.fields["plan"].queryset = (
            visible_plans(user)
            .filter(status=PlanStatus.ISSUED)
            .select_related("issuer")
            .order_by("-year", "depth", "issuer__kind__rank", "issuer__name", "number")
        )
        self.fields["plan"].label_from_instance = lambda plan: plan_title(
            plan.number, plan.symbol, plan.issuer.short_name, plan.subject
        )
        if not user.can_edit:
            del self.fields["deleted"]

    def clean_period(self):
        text = self.cleaned_data["period"].strip()
        if not text:
            return None
        try:
            return Period.parse(text)
        except ValueError as error:
            raise forms.ValidationError(str(error)) from error
