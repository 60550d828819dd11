from django.shortcuts import render

from ledertrivsel.content.models import Tool


def home(request):
    tools = Tool.objects.prefetch_related("cards").all()
    return render(request, "front/home.html", {"tools": tools})


def accessibility_statement(request):
    return render(request, "front/accessibility.html")
