from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "lantoa.activities"
    verbose_name = _("Activity log")

    def ready(self):
        from lantoa.plans import sections as plan_sections
        from lantoa.units import sections
        from lantoa.units.signals import tree_changed

        from . import receivers, views

        tree_changed.connect(receivers.restamp_moved_units, dispatch_uid="activities_restamp")
        sections.register(views.unit_timeline_section, order=50)
        plan_sections.register(views.plan_activities_section, order=50)
