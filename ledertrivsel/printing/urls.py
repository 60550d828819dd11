from django.urls import path

from . import views

app_name = "printing"
urlpatterns = [
    path("<slug:slug>/kort.pdf", views.tool_pdf, {"document": "cards"}, name="cards"),
    path("<slug:slug>/vejledning.pdf", views.tool_pdf, {"document": "guide"}, name="guide"),
    path("<slug:slug>/handleplan-skabelon.pdf", views.tool_pdf, {"document": "template"}, name="template"),
]
