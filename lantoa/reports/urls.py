from django.urls import path

from . import views

urlpatterns = [
    path("reports/", views.report_list, name="report_list"),
    path(
        "reports/start/<int:plan>/<int:unit>/<str:period>/",
        views.report_start,
        name="report_start",
    ),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/edit/", views.report_edit, name="report_edit"),
    path("reports/<int:pk>/adjust/", views.report_adjust, name="report_adjust"),
    path("reports/<int:pk>/submit/", views.report_submit, name="report_submit"),
    path("reports/<int:pk>/return/", views.report_return, name="report_return"),
    path("reports/<int:pk>/accept/", views.report_accept, name="report_accept"),
    path("reports/<int:pk>/reopen/", views.report_reopen, name="report_reopen"),
    path("reports/<int:pk>/docx", views.report_docx, name="report_docx"),
    path("reports/<int:pk>/pdf", views.report_pdf, name="report_pdf"),
    path("reports/<int:pk>/xlsx", views.report_xlsx, name="report_xlsx"),
    path(
        "reports/units/<int:unit>/<str:period>/",
        views.report_consolidated,
        name="report_consolidated",
    ),
    path(
        "reports/units/<int:unit>/<str:period>/xlsx",
        views.report_consolidated_xlsx,
        name="report_consolidated_xlsx",
    ),
    path(
        "reports/units/<int:unit>/<str:period>/completeness/",
        views.report_completeness,
        name="report_completeness",
    ),
]
