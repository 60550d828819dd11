from django.urls import path

from . import views

app_name = "forloeb"

urlpatterns = [
    path("organisationer/<int:organisation_id>/forloeb/", views.chain, name="chain"),
]
