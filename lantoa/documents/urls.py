from django.urls import path

from . import views

urlpatterns = [
    path("documents/template/", views.document_template, name="document_template"),
    path(
        "documents/template/download/",
        views.document_template_download,
        name="document_template_download",
    ),
]
