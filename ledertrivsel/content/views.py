from django.shortcuts import get_object_or_404, render

from .models import Tool


def tool_detail(request, slug):
    tool = get_object_or_404(Tool, slug=slug)
    return render(
        request,
        "content/tool_detail.html",
        {
            "tool": tool,
            "steps": tool.steps.all(),
            "cards": tool.cards.all(),
            "sources": tool.sources.all(),
        },
    )
