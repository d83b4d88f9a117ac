from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class UnitsConfig(AppConfig):
    name = "lantoa.units"
    verbose_name = _("Union tree")

    def ready(self):
        from . import receivers
        from .models import UnitLink

        for signal in (post_save, post_delete):
            signal.connect(
                receivers.restamp_headcounts_below,
                sender=UnitLink,
                dispatch_uid=f"units_restamp_headcounts_{signal is post_save}",
            )
