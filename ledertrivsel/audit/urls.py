from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("organisationer/<int:organisation_id>/log/", views.log, name="log"),
]
