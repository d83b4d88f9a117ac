from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

admin.site.site_header = _("Lan Tỏa administration")
admin.site.site_title = _("Lan Tỏa")

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("lantoa.units.urls")),
    path("", include("lantoa.accounts.urls")),
    path("", include("lantoa.documents.urls")),
    path("", include("lantoa.plans.urls")),
    path("", include("lantoa.activities.urls")),
    path("", include("lantoa.reports.urls")),
    path("", include("lantoa.dashboard.urls")),
]
