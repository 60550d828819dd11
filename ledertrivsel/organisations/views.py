from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .access import facilitated_organisations
from .forms import GroupForm
from .models import Group


@login_required
def groups(request):
    """The groups of the organisations this person facilitates in, and a form for a new one."""
    organisations = list(facilitated_organisations(request.user))
    if not organisations:
        return render(request, "dialogues/not_facilitator.html", status=403)
    organisation = _chosen(organisations, request.POST.get("organisation") or request.GET.get("organisation"))
    form = GroupForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        group = form.save(commit=False)
        group.organisation = organisation
        group.save()
        form.save_m2m()
        messages.success(request, _("The group %(name)s is made.") % {"name": group.name})
        return redirect("groups")
    listed = Group.objects.filter(organisation__in=organisations).select_related("organisation", "facilitator").prefetch_related("members")
    return render(request, "organisations/groups.html", {"groups": listed, "form": form, "organisation": organisation, "organisations": organisations})


@login_required
def edit_group(request, group_id):
    group = get_object_or_404(Group.objects.select_related("organisation"), pk=group_id)
    if group.organisation not in facilitated_organisations(request.user):
        raise Http404
    form = GroupForm(request.POST or None, instance=group, organisation=group.organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The group %(name)s is saved.") % {"name": group.name})
        return redirect("groups")
    return render(request, "organisations/group_form.html", {"group": group, "form": form})


def _chosen(organisations, wanted):
    for organisation in organisations:
        if str(organisation.pk) == str(wanted):
            return organisation
    return organisations[0]
