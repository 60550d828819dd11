from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("mine-data/", views.my_data, name="my_data"),
    path("mine-data/data.json", views.my_data_json, name="my_data_json"),
    path("mine-data/data.pdf", views.my_data_pdf, name="my_data_pdf"),
    path("mine-data/slet/", views.request_deletion, name="request_deletion"),
    path("organisationer/<int:organisation_id>/databeskyttelse/", views.dpo, name="dpo"),
    path("organisationer/<int:organisation_id>/sletning/", views.deletion_requests, name="deletion_requests"),
    path("organisationer/<int:organisation_id>/sletning/<int:request_id>/", views.carry_out_deletion, name="carry_out_deletion"),
]
