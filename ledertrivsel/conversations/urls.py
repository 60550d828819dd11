from django.urls import path

from . import views

app_name = "conversations"

urlpatterns = [
    path("samtaler/", views.list_, name="list"),
    path("samtaler/<int:one_on_one_id>/", views.detail, name="detail"),
    path("samtaler/<int:one_on_one_id>/forberedelse/", views.prepare, name="prepare"),
    path("samtaler/<int:one_on_one_id>/start/", views.start, name="start"),
    path("samtaler/<int:one_on_one_id>/afslut/", views.end, name="end"),
    path("samtaler/<int:one_on_one_id>/aftaler/", views.add_agreement, name="add_agreement"),
    path("samtaler/<int:one_on_one_id>/aftaler/<int:agreement_id>/fjern/", views.remove_agreement, name="remove_agreement"),
    path("samtaler/<int:one_on_one_id>/aftaler/<int:agreement_id>/udfoert/", views.agreement_done, name="agreement_done"),
    path("samtaler/<int:one_on_one_id>/opfoelgning/", views.follow_up, name="follow_up"),
    path("samtaler/<int:one_on_one_id>/min-kopi.pdf", views.download, {"file_format": "pdf"}, name="download_pdf"),
    path("samtaler/<int:one_on_one_id>/opfoelgning.ics", views.download, {"file_format": "ics"}, name="download_ics"),
]
