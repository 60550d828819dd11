from django.urls import path

from . import views

app_name = "dialogues"
urlpatterns = [
    path("dialoger/", views.dialogue_list, name="list"),
    path("redskaber/<slug:slug>/start/", views.start_dialogue, name="start"),
    path("dialoger/<int:dialogue_id>/", views.screen, name="screen"),
    path("dialoger/<int:dialogue_id>/opsummering/", views.summary, name="summary"),
    path("dialoger/<int:dialogue_id>/opsummering.pdf", views.summary_download, {"file_format": "pdf"}, name="summary_pdf"),
    path("dialoger/<int:dialogue_id>/opsummering.csv", views.summary_download, {"file_format": "csv"}, name="summary_csv"),
    path("deltag/", views.join, name="join"),
    path("d/<str:code>/", views.join, name="join_link"),
    path("d/<str:code>/mig/", views.phone, name="phone"),
]
