from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("handleplaner/", views.overview, name="overview"),
    path("handleplaner/<int:plan_id>/", views.detail, name="detail"),
    path("handleplaner/<int:plan_id>/historik/", views.history, name="history"),
    path("handleplaner/<int:plan_id>/tema/<int:card_id>/", views.edit_card, name="edit_card"),
    path("handleplaner/<int:plan_id>/tema/<int:card_id>/ny-handling/", views.add_action, name="add_action"),
    path("handleplaner/<int:plan_id>/handling/<int:action_id>/", views.edit_action, name="edit_action"),
    path("handleplaner/<int:plan_id>/handling/<int:action_id>/status/", views.set_status, name="set_status"),
    path("handleplaner/<int:plan_id>/handling/<int:action_id>/fjern/", views.remove_action, name="remove_action"),
    *(
        path(f"handleplaner/<int:plan_id>/handleplan.{file_format}", views.download, {"file_format": file_format}, name=f"download_{file_format}")
        for file_format in ("pdf", "docx", "csv", "ics")
    ),
    path("dialoger/<int:dialogue_id>/handleplan/", views.create_from_dialogue, name="create_from_dialogue"),
]
