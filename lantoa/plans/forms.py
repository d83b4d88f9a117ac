from django import forms
from django.forms import BaseInlineFormSet, BaseModelFormSet, formset_factory, inlineformset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lantoa.documents.document_text import EmptyDocument, UnreadableDocument
from lantoa.documents.errors import error_message
from lantoa.units.forms import DateInput
from lantoa.units.models import UnitKind

from .models import ActivityLine, Plan, PlanStatus, Recipient, Target, Task

TEXTAREA_SMALL = {"rows": 3}


class Fieldset:
    """Some fields of a form, rendered by form_fields.html as if they were a form of their own."""

    def __init__(self, title, form, names):
        self.title = title
        self.fields = [form[name] for name in names if name in form.fields]

    def visible_fields(self):
        return self.fields

    def hidden_fields(self):
        return []

    def non_field_errors(self):
        return []


class PlanCreateForm(forms.Form):
    issuer = forms.ModelChoiceField(label=_("Issuing unit"), queryset=None)
    year = forms.IntegerField(label=_("Year of the plan"), min_value=2000, max_value=2100)
    subject = forms.CharField(
        label=_("Subject line"),
        max_length=500,
        help_text=_("E.g. “Thực hiện công tác truyền thông khởi nghiệp năm 2018”."),
    )

    def __init__(self, *args, issuers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers
        self.fields["year"].initial = timezone.localdate().year


PLAN_GROUPS = [
    (_("Header"), ["superior", "issuer_name", "symbol", "place", "year", "subject"]),
    (_("Opening"), ["bases", "introduction"]),
    (_("I. Purposes and requirements"), ["purposes"]),
    (_("II. Content: audiences"), ["content_heading", "audience", "primary_target"]),
    (_("Archive and signer"), ["archive", "signer_on_behalf", "signer_title", "signer_name"]),
    (
        _("Reporting schedule"),
        [
            "report_quarterly",
            "report_half_yearly",
            "report_yearly",
            "window_rule",
            "grassroots_deadline_days",
            "upper_deadline_days",
            "province_deadline_days",
        ],
    ),
    (_("Deployment"), ["acknowledge_days", "subplan_days"]),
]
NUMBER_FIELDS = [
    "grassroots_deadline_days",
    "upper_deadline_days",
    "province_deadline_days",
    "acknowledge_days",
    "subplan_days",
]


class PlanForm(forms.ModelForm):
    """Everything of a plan but its lists, grouped as the document reads."""

    class Meta:
        model = Plan
        fields = [name for _title, names in PLAN_GROUPS for name in names]
        widgets = {
            "bases": forms.Textarea(attrs={"rows": 3}),
            "introduction": forms.Textarea(attrs={"rows": 2}),
            "purposes": forms.Textarea(attrs={"rows": 5}),
            "audience": forms.Textarea(attrs={"rows": 2}),
            "primary_target": forms.Textarea(attrs={"rows": 2}),
            **{
                name: forms.NumberInput(attrs={"inputmode": "numeric", "min": 0})
                for name in NUMBER_FIELDS
            },
        }

    def fieldsets(self):
        return [Fieldset(title, self, names) for title, names in PLAN_GROUPS]


class CorrectionForm(forms.Form):
    change_note = forms.CharField(
        label=_("What the correction changes"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        help_text=_(
            "The plan is issued: saving makes a new version, and every receiving unit is told."
        ),
    )


class OrderedInlineFormSet(BaseInlineFormSet):
    """Rows keep the order they have on the page."""

    def __init__(self, *args, units=None, **kwargs):
        self.units = units
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "units": self.units}

    def save(self, commit=True):
        saved = super().save(commit=commit)
        order = 0
        for form in self.forms:
            if form in self.deleted_forms or form.instance.pk is None:
                continue
            order += 1
            if form.instance.order != order:
                type(form.instance).objects.filter(pk=form.instance.pk).update(order=order)
                form.instance.order = order
        return saved


class UnitsFormMixin:
    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("unit", "units"):
            if name in self.fields and units is not None:
                self.fields[name].queryset = units


class ActivityLineForm(UnitsFormMixin, forms.ModelForm):
    class Meta:
        model = ActivityLine
        fields = ["kind", "text"]
        widgets = {"text": forms.Textarea(attrs=TEXTAREA_SMALL)}


class TaskForm(UnitsFormMixin, forms.ModelForm):
    class Meta:
        model = Task
        fields = ["text", "assignee", "unit_kinds", "units"]
        widgets = {
            "text": forms.Textarea(attrs=TEXTAREA_SMALL),
            "unit_kinds": forms.CheckboxSelectMultiple,
            "units": forms.SelectMultiple(attrs={"size": 4}),
        }

    def clean(self):
        cleaned = super().clean()
        assignee = cleaned.get("assignee")
        if assignee == "kinds" and not cleaned.get("unit_kinds"):
            self.add_error("unit_kinds", _("Tick the kinds of units the task falls to."))
        if assignee == "units" and not cleaned.get("units"):
            self.add_error("units", _("Choose the units the task falls to."))
        return cleaned


class RecipientForm(UnitsFormMixin, forms.ModelForm):
    class Meta:
        model = Recipient
        fields = ["name", "unit", "unit_kinds"]
        widgets = {"unit_kinds": forms.CheckboxSelectMultiple}
        help_texts = {
            "name": _("As the “Nơi nhận” block prints it."),
            "unit": _(
                "Choose a unit, or tick kinds for a whole group, or neither for an outside body."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("unit") and cleaned.get("unit_kinds"):
            self.add_error("unit", _("A recipient line is either one unit or a group, not both."))
        if not cleaned.get("name"):
            unit, kinds = cleaned.get("unit"), list(cleaned.get("unit_kinds") or [])
            if unit is not None:
                cleaned["name"] = unit.short_name
            elif kinds:
                cleaned["name"] = ", ".join(kind.plural_name or kind.name for kind in kinds)
            else:
                self.add_error("name", _("Write the recipient as it should be printed."))
        return cleaned


def _formset(model, form):
    return inlineformset_factory(
        Plan, model, form=form, formset=OrderedInlineFormSet, extra=1, can_delete=True
    )


ActivityLineFormSet = _formset(ActivityLine, ActivityLineForm)
TaskFormSet = _formset(Task, TaskForm)
RecipientFormSet = _formset(Recipient, RecipientForm)


class TargetForm(forms.ModelForm):
    class Meta:
        model = Target
        fields = ["line", "quantity", "per", "unit_kind", "unit"]
        widgets = {"quantity": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1})}

    def __init__(self, *args, plan, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = plan.activity_lines.all()
        self.fields["unit"].queryset = units
        self.fields["unit_kind"].queryset = UnitKind.objects.all()

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("unit")) == bool(cleaned.get("unit_kind")):
            raise forms.ValidationError(
                _("A target is for every unit of one kind or for one named unit: choose one.")
            )
        return cleaned


class BaseTargetFormSet(BaseModelFormSet):
    def __init__(self, *args, plan, units, **kwargs):
        self.plan, self.units = plan, units
        kwargs.setdefault("queryset", Target.objects.filter(line__plan=plan))
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "plan": self.plan, "units": self.units}


TargetFormSet = forms.modelformset_factory(
    Target, form=TargetForm, formset=BaseTargetFormSet, extra=1, can_delete=True
)


class IssueForm(forms.Form):
    number = forms.IntegerField(
        label=_("Number"),
        min_value=1,
        required=False,
        help_text=_(
            "Leave the proposed number, or write the one your register of outgoing documents gives."
        ),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
    )
    date = forms.DateField(label=_("Date of the document"), widget=DateInput())


class PlanFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    issuer = forms.TypedChoiceField(
        label=_("Issuing unit"), required=False, coerce=int, empty_value=None
    )
    status = forms.ChoiceField(label=_("Status"), required=False)

    RECEIVED = "received"
    WAITING = "waiting"

    def __init__(self, *args, years, issuers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years")), *((y, y) for y in years)]
        self.fields["issuer"].choices = [
            ("", _("All units")),
            *((unit.pk, unit.short_name) for unit in issuers),
        ]
        self.fields["status"].choices = [
            ("", _("All")),
            *PlanStatus.choices,
            (self.RECEIVED, _("Received by my unit")),
            (self.WAITING, _("Waiting for my unit's acknowledgement")),
        ]


# Importing a plan document: the upload, then the review of what was read from it.

MAX_IMPORT_BYTES = 5 * 1024 * 1024
IMPORT_EXTENSIONS = (".docx", ".txt", ".md")


class PlanUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Plan document"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(IMPORT_EXTENSIONS)}),
        help_text=_("A Word document (.docx) or a text file (.txt, .md) of at most 5 MB."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].error_messages["empty"] = error_message(EmptyDocument())

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        for extension, reason in ((".doc", "doc"), (".pdf", "pdf")):
            if name.endswith(extension):
                raise forms.ValidationError(error_message(UnreadableDocument(reason)))
        if not name.endswith(IMPORT_EXTENSIONS):
            raise forms.ValidationError(_("Choose a .docx, .txt or .md file."))
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


# The plan's own fields on the review screen, in the order the document reads.
IMPORT_FIELDS = [
    "superior",
    "issuer_name",
    "number",
    "symbol",
    "place",
    "date",
    "subject",
    "introduction",
    "content_heading",
    "audience",
    "primary_target",
    "archive",
    "signer_on_behalf",
    "signer_title",
    "signer_name",
]
# Left empty, these take the plan's defaults: the issuing unit's name, the body above it, the
# usual heading.
DEFAULTED_FIELDS = ["superior", "issuer_name", "content_heading"]


class PlanImportForm(forms.ModelForm):
    """The plan's own fields as read from a document; its lists are formsets beside it."""

    doc_type = forms.CharField(label=_("Document type"), max_length=80, required=False)

    class Meta:
        model = Plan
        fields = ["issuer", "year", *IMPORT_FIELDS]
        labels = {"issuer": _("Issuing unit in Lan Tỏa")}
        widgets = {
            "date": DateInput(),
            "number": forms.NumberInput(attrs={"inputmode": "numeric", "min": 1}),
            "year": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "subject": forms.Textarea(attrs={"rows": 2}),
            "introduction": forms.Textarea(attrs={"rows": 3}),
            "audience": forms.Textarea(attrs={"rows": 2}),
            "primary_target": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "issuer": _("The unit whose plan this is: its register, its receiving units."),
            "number": _("As the document writes it. Leave it empty for a plan not numbered yet."),
            "superior": _("Left empty: the body above the issuing unit."),
            "issuer_name": _("Left empty: the issuing unit's name."),
        }

    def __init__(self, *args, issuers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = issuers
        for name in DEFAULTED_FIELDS:
            self.fields[name].required = False
        self.order_fields(["issuer", "year", *IMPORT_FIELDS[:6], "doc_type"])

    def draft_fields(self):
        """Keyword arguments of `services.plan_create_draft` but the lists and the issuer."""
        data = self.cleaned_data
        fields = {name: data[name] for name in ["year", "doc_type", *IMPORT_FIELDS]}
        for name in DEFAULTED_FIELDS:
            fields[name] = fields[name] or None
        fields["signer"] = {
            part: fields.pop(f"signer_{part}") for part in ("on_behalf", "title", "name")
        }
        return fields


class ImportTextForm(forms.Form):
    """One legal basis or one purpose."""

    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 2}))


class ImportRowFormSet(forms.BaseFormSet):
    """The items of one list read from the document; each row takes the units to choose from."""

    def __init__(self, *args, units=None, **kwargs):
        self.units = units
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if self.units is not None:
            kwargs["units"] = self.units
        return kwargs

    def rows(self):
        """The cleaned rows kept: neither deleted nor left blank."""
        return [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


def _import_formset(form):
    return formset_factory(form, formset=ImportRowFormSet, extra=0, can_delete=True)


ImportTextFormSet = _import_formset(ImportTextForm)
ImportLineFormSet = _import_formset(ActivityLineForm)
ImportTaskFormSet = _import_formset(TaskForm)
ImportRecipientFormSet = _import_formset(RecipientForm)
