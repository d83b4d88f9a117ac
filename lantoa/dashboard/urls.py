from django.urls import path

from . import views

urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/xlsx", views.dashboard_xlsx, name="dashboard_xlsx"),
]
