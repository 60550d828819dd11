from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from ledertrivsel.organisations.access import administered_organisation

from .models import AuditEvent

PAGE_SIZE = 50


@login_required
def log(request, organisation_id):
    """The organisation's audit log for its administrators: who did what and when, never
    the content of what was exported or read."""
    organisation = administered_organisation(request.user, organisation_id)
    events = AuditEvent.objects.filter(organisation=organisation)
    kind = request.GET.get("type", "")
    if kind in AuditEvent.Kind.values:
        events = events.filter(kind=kind)
    else:
        kind = ""
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("side"))
    context = {"organisation": organisation, "page": page, "kinds": AuditEvent.Kind.choices, "kind": kind}
    return render(request, "audit/log.html", context)
