from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lantoa.accounts.scope import admin_required

from . import docx_template, services
from .forms import TemplateUploadForm
from .models import DocumentTemplate, default_template_bytes
from .official import sample_document
from .rendering import DOCX_MIME, render_docx


@admin_required
def document_template(request):
    form = TemplateUploadForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "default":
            services.template_use_default()
            messages.success(request, _("The built-in template is in use again."))
            return redirect("document_template")
        if action == "activate":
            template = get_object_or_404(DocumentTemplate, pk=request.POST.get("id") or 0)
            services.template_activate(template=template)
            messages.success(request, _("Template “%(name)s” is in use.") % {"name": template})
            return redirect("document_template")
        form = TemplateUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.template_upload(
                    upload=form.cleaned_data["file"],
                    user=request.user,
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                form.add_error("file", error)
            else:
                messages.success(request, _("Template uploaded and in use."))
                return redirect("document_template")
    context = {
        "form": form,
        "active": DocumentTemplate.objects.active(),
        "uploads": DocumentTemplate.objects.select_related("uploaded_by"),
        "variables": docx_template.VARIABLES,
        "styles": docx_template.PARAGRAPH_STYLES,
    }
    return render(request, "documents/document_template.html", context)


@admin_required
def document_template_download(request):
    """`?file=default` the built-in template, `current` the one in use, `sample` a document
    printed through the one in use, or the id of an upload."""
    which = request.GET.get("file", "current")
    if which == "default":
        content, name = default_template_bytes(), "khuon-mau-van-ban.docx"
    elif which == "current":
        content, name = DocumentTemplate.objects.active_bytes(), "khuon-mau-dang-dung.docx"
    elif which == "sample":
        content, name = render_docx(sample_document()), "van-ban-mau.docx"
    elif which.isdigit():
        template = get_object_or_404(DocumentTemplate, pk=int(which))
        with template.file.open("rb") as handle:
            content, name = handle.read(), f"khuon-mau-{template.pk}.docx"
    else:
        raise Http404
    response = HttpResponse(content, content_type=DOCX_MIME)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
