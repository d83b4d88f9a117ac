from django.urls import path

from . import views

urlpatterns = [
    path("units/", views.unit_list, name="unit_list"),
    path("units/new/", views.unit_create, name="unit_create"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("units/<int:pk>/edit/", views.unit_edit, name="unit_edit"),
    path("units/<int:pk>/headcounts/", views.headcount_edit, name="headcount_edit"),
    path("units/<int:pk>/places/new/", views.place_create, name="place_create"),
    path("places/<int:pk>/edit/", views.place_edit, name="place_edit"),
]
