from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .access import chain_viewer
from .chain import build_chain


@login_required
def chain(request, organisation_id):
    """The organisation's dialogues as a chain: tool 1 at the top, tool 2 in each leader
    group, and how far the 1-1s (tool 3) have come, as counts."""
    viewer = chain_viewer(request.user, organisation_id)
    context = {"organisation": viewer.organisation, "viewer": viewer, "chain": build_chain(viewer)}
    return render(request, "forloeb/chain.html", context)
