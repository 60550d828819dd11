from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404

from ledertrivsel.content.models import Tool

from .documents import RENDERERS


def tool_pdf(request, slug, document):
    if document not in RENDERERS:
        raise Http404
    tool = get_object_or_404(Tool, slug=slug)
    pdf = RENDERERS[document](tool)
    response = HttpResponse(pdf.content, content_type=pdf.mimetype)
    response["Content-Disposition"] = f'attachment; filename="{pdf.filename}"'
    return response
