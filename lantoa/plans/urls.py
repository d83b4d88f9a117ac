from django.urls import path

from . import views

urlpatterns = [
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/import/", views.plan_import, name="plan_import"),
    path("plans/import/<int:pk>/", views.plan_import_review, name="plan_import_review"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("plans/<int:pk>/targets/", views.plan_targets, name="plan_targets"),
    path("plans/<int:pk>/issue/", views.plan_issue, name="plan_issue"),
    path("plans/<int:pk>/remind/", views.plan_remind, name="plan_remind"),
    path("plans/<int:pk>/delete/", views.plan_delete, name="plan_delete"),
    path("plans/<int:pk>/docx", views.plan_docx, name="plan_docx"),
    path("plans/<int:pk>/pdf", views.plan_pdf, name="plan_pdf"),
    path(
        "deployments/<int:pk>/acknowledge/",
        views.deployment_acknowledge,
        name="deployment_acknowledge",
    ),
    path("deployments/<int:pk>/plan/", views.deployment_subplan, name="deployment_subplan"),
]
