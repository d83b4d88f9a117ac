import functools

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .docx_template import build_default_template


@functools.cache
def default_template_bytes():
    return build_default_template()


class DocumentTemplateQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True).order_by("-uploaded_at", "-pk").first()

    def active_bytes(self):
        """The DOCX template official documents are rendered through: the uploaded one in use,
        or the built-in one."""
        template = self.active()
        if template is None:
            return default_template_bytes()
        with template.file.open("rb") as handle:
            return handle.read()


class DocumentTemplate(models.Model):
    """A DOCX template an administrator uploaded. Earlier uploads are kept, not overwritten."""

    file = models.FileField(_("file"), upload_to="document_templates/%Y/")
    note = models.CharField(_("note"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    is_active = models.BooleanField(_("in use"), default=False)

    objects = DocumentTemplateQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("document template")
        verbose_name_plural = _("document templates")

    def __str__(self):
        return self.note or self.file.name


class OutgoingNumber(models.Model):
    """The register of outgoing documents (sổ văn bản đi): each unit numbers the documents it
    issues in a year 1, 2, 3…, whatever their type. The unique constraint is what keeps two
    documents issued at the same moment from getting the same number."""

    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.PROTECT,
        related_name="outgoing_numbers",
        verbose_name=_("unit"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    symbol = models.CharField(_("symbol"), max_length=40)
    subject = models.CharField(_("subject"), max_length=500, blank=True)
    taken_at = models.DateTimeField(_("taken at"), auto_now_add=True)

    class Meta:
        ordering = ["unit", "-year", "-number"]
        verbose_name = _("outgoing document number")
        verbose_name_plural = _("outgoing document numbers")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "number"], name="one_outgoing_number_per_unit_year"
            ),
            models.CheckConstraint(condition=models.Q(number__gte=1), name="number_from_one"),
        ]

    def __str__(self):
        return f"{self.number}/{self.symbol} ({self.year})"
