from django import forms
from django.utils.translation import gettext_lazy as _

MAX_TEMPLATE_BYTES = 5 * 1024 * 1024


class TemplateUploadForm(forms.Form):
    file = forms.FileField(
        label=_("DOCX template"),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx"}),
        help_text=_("Start from the template you download here; keep its {{ … }} tags and styles."),
    )
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".docx"):
            raise forms.ValidationError(_("Upload a Word document in DOCX format."))
        if upload.size > MAX_TEMPLATE_BYTES:
            raise forms.ValidationError(_("The template is larger than 5 MB."))
        return upload
