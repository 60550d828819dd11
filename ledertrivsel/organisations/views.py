from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ledertrivsel.audit.log import record
from ledertrivsel.audit.models import AuditEvent
from ledertrivsel.lib.numbers import whole_number

from . import invitations
from .access import administered_organisation, administered_organisations, facilitated_organisations, is_last_administrator
from .forms import AcceptInvitationForm, GroupForm, InvitationForm, MembershipForm, UnitForm, _person
from .models import Group, Invitation, Membership, Unit


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
    listed = Group.objects.filter(organisation__in=organisations).select_related("organisation", "facilitator", "chief").prefetch_related("members")
    return render(request, "organisations/groups.html", {"groups": listed, "form": form, "organisation": organisation, "organisations": organisations})


@login_required
def edit_group(request, group_id):
    group = get_object_or_404(Group.objects.select_related("organisation"), pk=group_id)
    if group.organisation not in facilitated_organisations(request.user):
        # Its own organisation's people are told it is not for their role; others, that it does not exist.
        if Membership.objects.filter(user=request.user, organisation=group.organisation).exists():
            raise PermissionDenied
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


# --- People, roles and units: the organisation's administrators only ----------------------


@login_required
def organisation_home(request):
    """Where "Organisation" in the menu leads: straight to the people of the one organisation
    a person administers, or a choice when there are several."""
    organisations = list(administered_organisations(request.user))
    if len(organisations) == 1:
        return redirect("people", organisations[0].pk)
    if not organisations:
        raise PermissionDenied
    return render(request, "organisations/choose.html", {"organisations": organisations})


@login_required
def people(request, organisation_id):
    organisation = administered_organisation(request.user, organisation_id)
    return _people_page(request, organisation, InvitationForm(organisation=organisation))


@login_required
@require_POST
def invite(request, organisation_id):
    organisation = administered_organisation(request.user, organisation_id)
    form = InvitationForm(request.POST, organisation=organisation)
    if not form.is_valid():
        return _people_page(request, organisation, form, status=400)
    try:
        invitation = invitations.invite(organisation=organisation, invited_by=request.user, **form.cleaned_data)
    except invitations.InvitationNotSent:
        form.add_error(None, _("The e-mail could not be sent, so no invitation was made. Try again in a moment; if it keeps failing, the app's mail settings need checking."))
        return _people_page(request, organisation, form, status=503)
    messages.success(request, _("An invitation is sent to %(email)s. The link works for 14 days.") % {"email": invitation.email})
    return redirect("people", organisation.pk)


def _people_page(request, organisation, invitation_form, status=200):
    memberships = (
        Membership.objects.filter(organisation=organisation)
        .select_related("user", "unit")
        .order_by("user__first_name", "user__last_name", "user__email")
    )
    groups_by_user = {}
    for group in Group.objects.filter(organisation=organisation).prefetch_related("members"):
        for member in group.members.all():
            groups_by_user.setdefault(member.pk, []).append(group.name)
        if group.chief_id:
            groups_by_user.setdefault(group.chief_id, []).append(group.name)
    people = [(membership, sorted(set(groups_by_user.get(membership.user_id, [])))) for membership in memberships]
    pending = organisation.invitations.filter(accepted_at__isnull=True, withdrawn_at__isnull=True).select_related("unit")
    context = {"organisation": organisation, "people": people, "pending": pending, "form": invitation_form, "now": timezone.now()}
    return render(request, "organisations/people.html", context, status=status)


@login_required
def membership(request, organisation_id, membership_id):
    organisation = administered_organisation(request.user, organisation_id)
    member = get_object_or_404(Membership.objects.select_related("user", "unit", "organisation"), pk=membership_id, organisation=organisation)
    if request.method == "POST" and "remove" in request.POST:
        return _remove(request, member)
    old_role = member.role
    form = MembershipForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        form.save()
        if member.role != old_role:
            record(AuditEvent.Kind.ROLE_CHANGE, organisation=organisation, actor=request.user, subject=member.user.email, old=old_role, new=member.role)
        messages.success(request, _("%(name)s is saved.") % {"name": _person(member.user)})
        return redirect("people", organisation.pk)
    context = {"organisation": organisation, "member": member, "form": form, "last_admin": is_last_administrator(member),
               "confirm_remove": request.GET.get("fjern") == "1"}
    return render(request, "organisations/membership.html", context, status=400 if form.errors else 200)


def _remove(request, member):
    organisation = member.organisation
    if is_last_administrator(member):
        messages.error(request, _("The organisation needs at least one administrator. Make someone else administrator first."))
        return redirect("membership", organisation.pk, member.pk)
    name, email = _person(member.user), member.user.email
    with transaction.atomic():
        # They leave the organisation's groups too; their account stays for other organisations.
        for group in Group.objects.filter(organisation=organisation, members=member.user):
            group.members.remove(member.user)
        Group.objects.filter(organisation=organisation, chief=member.user).update(chief=None)
        Group.objects.filter(organisation=organisation, facilitator=member.user).update(facilitator=None)
        member.delete()
        record(AuditEvent.Kind.MEMBER_REMOVED, organisation=organisation, actor=request.user, subject=email, old=member.role)
    messages.success(request, _("%(name)s no longer has a role in %(organisation)s.") % {"name": name, "organisation": organisation.name})
    if member.user_id == request.user.pk:
        return redirect("front:home")
    return redirect("people", organisation.pk)


@login_required
@require_POST
def withdraw_invitation(request, organisation_id, invitation_id):
    organisation = administered_organisation(request.user, organisation_id)
    invitation = get_object_or_404(Invitation, pk=invitation_id, organisation=organisation)
    if invitation.accepted_at is None and invitation.withdrawn_at is None:
        invitation.withdrawn_at = timezone.now()
        invitation.save(update_fields=["withdrawn_at"])
        messages.success(request, _("The invitation to %(email)s is withdrawn; its link no longer works.") % {"email": invitation.email})
    return redirect("people", organisation.pk)


@login_required
def units(request, organisation_id):
    organisation = administered_organisation(request.user, organisation_id)
    editing = None
    if request.GET.get("enhed") or request.POST.get("unit"):
        editing = Unit.objects.filter(organisation=organisation, pk=whole_number(request.GET.get("enhed") or request.POST.get("unit"))).first()
        if editing is None:
            raise Http404
    if request.method == "POST" and "delete" in request.POST and editing:
        name = editing.name
        editing.delete()
        messages.success(request, _("The unit %(name)s is deleted. Its people now have no unit.") % {"name": name})
        return redirect("units", organisation.pk)
    form = UnitForm(request.POST or None, instance=editing, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        unit = form.save(commit=False)
        unit.organisation = organisation
        unit.save()
        messages.success(request, _("The unit %(name)s is saved.") % {"name": unit.name})
        return redirect("units", organisation.pk)
    listed = organisation.units.select_related("parent").annotate(people=Count("memberships"))
    context = {"organisation": organisation, "units": listed, "form": form, "editing": editing}
    return render(request, "organisations/units.html", context, status=400 if form.errors else 200)



# --- Accepting an invitation: anyone holding the link -------------------------------------


def accept_invitation(request, token):
    invitation = invitations.find_by_token(token)
    if invitation is None or not invitation.is_open:
        return render(request, "organisations/invitation_invalid.html", {"invitation": invitation}, status=404 if invitation is None else 410)
    User = get_user_model()
    existing = User.objects.filter(username__iexact=invitation.email).first()
    if request.user.is_authenticated:
        if request.method == "POST":
            invitations.accept(invitation, request.user)
            return _welcome(request, invitation)
        return render(request, "organisations/invitation.html", {"invitation": invitation, "form": None})
    if existing:
        return render(request, "organisations/invitation.html", {"invitation": invitation, "form": None, "existing": existing})
    form = AcceptInvitationForm(request.POST or None, email=invitation.email, initial={"name": invitation.name})
    if request.method == "POST" and form.is_valid():
        user = _new_account(invitation.email, form.cleaned_data["name"], form.cleaned_data["password1"])
        invitations.accept(invitation, user)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return _welcome(request, invitation)
    return render(request, "organisations/invitation.html", {"invitation": invitation, "form": form}, status=400 if form.errors else 200)


def _welcome(request, invitation):
    messages.success(request, _("Welcome to %(organisation)s. You are %(role)s.") % {
        "organisation": invitation.organisation.name, "role": invitation.get_role_display().lower()})
    # Those who run dialogues start at their dialogues; chiefs and leaders at their groups' plans.
    return redirect("dialogues:list" if invitation.role in Membership.FACILITATING_ROLES else "plans:overview")


def _new_account(email, name, password):
    first_name, _space, last_name = name.partition(" ")
    user = get_user_model()(username=email, email=email, first_name=first_name[:150], last_name=last_name[:150])
    user.set_password(password)
    user.save()
    return user
