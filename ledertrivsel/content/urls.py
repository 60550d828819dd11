from django.urls import path

from . import views

app_name = "content"
urlpatterns = [
    path("<slug:slug>/", views.tool_detail, name="tool"),
]
