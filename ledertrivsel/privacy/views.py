from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ledertrivsel.audit.log import record
from ledertrivsel.audit.models import AuditEvent
from ledertrivsel.lib.numbers import whole_number
from ledertrivsel.organisations.access import administered_organisation
from ledertrivsel.organisations.access import is_last_administrator
from ledertrivsel.organisations.models import Membership

from . import deletion, personal_data
from .forms import DeletionRequestForm, PrivacySettingsForm
from .models import DeletionRequest
from .retention import AUDIT_LOG_YEARS

# --- Mine data: any logged-in person, about themselves -------------------------------------


@login_required
def my_data(request):
    return _my_data_page(request, DeletionRequestForm(), confirm=request.GET.get("slet") == "1")


def _my_data_page(request, form, confirm=False, status=200):
    memberships = list(Membership.objects.filter(user=request.user).select_related("organisation"))
    context = {
        "sections": personal_data.collect(request.user),
        "memberships": memberships,
        "open_requests": list(deletion.open_requests(request.user)),
        "only_administrator_of": [m.organisation for m in memberships if is_last_administrator(m)],
        "form": form,
        "confirm": confirm,
    }
    return render(request, "privacy/my_data.html", context, status=status)


@login_required
def my_data_json(request):
    return _download(request, personal_data.as_json, "json")


@login_required
def my_data_pdf(request):
    return _download(request, personal_data.as_pdf, "pdf")


def _download(request, render_file, file_format: str):
    export = render_file(request.user, personal_data.collect(request.user))
    for organisation_id in Membership.objects.filter(user=request.user).values_list("organisation_id", flat=True):
        record(AuditEvent.Kind.PERSONAL_DATA_EXPORT, organisation=organisation_id, actor=request.user, subject=request.user.email,
               what="personal_data", format=file_format)
    response = HttpResponse(export.content, content_type=export.mimetype)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def request_deletion(request):
    form = DeletionRequestForm(request.POST)
    if not form.is_valid():
        return _my_data_page(request, form, confirm=True, status=400)
    if not Membership.objects.filter(user=request.user).exists():
        messages.error(request, _("You have no role in any organisation, so there is no administrator to send the request to. Write to the people who run Ledertrivsel for you."))
        return redirect("privacy:my_data")
    made = deletion.request_deletion(request.user, form.cleaned_data["note"])
    if made:
        messages.success(request, _("Your request is sent to the administrators of %(organisations)s. They must answer within one month.") % {
            "organisations": ", ".join(r.organisation.name for r in made)})
    else:
        messages.info(request, _("You have already asked; the administrators have your request."))
    return redirect("privacy:my_data")


# --- The data-protection page: any member of the organisation ------------------------------


@login_required
def dpo(request, organisation_id):
    membership = Membership.objects.select_related("organisation").filter(user=request.user, organisation_id=organisation_id).first()
    if membership is None:
        raise Http404
    organisation = membership.organisation
    is_administrator = membership.role == Membership.Role.ADMINISTRATOR
    if request.method == "POST" and not is_administrator:
        raise PermissionDenied
    form = None
    if is_administrator:
        old = {"retention_months": organisation.retention_months, "dpo_contact": organisation.dpo_contact}
        form = PrivacySettingsForm(request.POST or None, instance=organisation)
        if request.method == "POST" and form.is_valid():
            form.save()
            _record_settings(request, organisation, old)
            messages.success(request, _("The data-protection settings are saved."))
            return redirect("privacy:dpo", organisation.pk)
    context = {"organisation": organisation, "membership": membership, "is_administrator": is_administrator, "form": form,
               "audit_log_years": AUDIT_LOG_YEARS}
    return render(request, "privacy/dpo.html", context, status=400 if form is not None and form.errors else 200)


def _record_settings(request, organisation, old: dict) -> None:
    for setting, before in old.items():
        after = getattr(organisation, setting)
        if after != before:
            record(AuditEvent.Kind.SETTINGS_CHANGE, organisation=organisation, actor=request.user, subject=organisation.name,
                   setting=setting, old=before, new=after)


# --- Deletion requests: the organisation's administrators ----------------------------------


@login_required
def deletion_requests(request, organisation_id):
    organisation = administered_organisation(request.user, organisation_id)
    requests = DeletionRequest.objects.filter(organisation=organisation).select_related("person")
    context = {
        "organisation": organisation,
        "open": [r for r in requests if r.is_open],
        "handled": sorted((r for r in requests if not r.is_open), key=lambda r: r.handled_at, reverse=True)[:50],
        "confirm_id": whole_number(request.GET.get("udfoer")),
        "now": timezone.now(),
    }
    for open_request in context["open"]:
        open_request.refusal = deletion.refusal(open_request, request.user)
    return render(request, "privacy/deletion_requests.html", context)


@login_required
@require_POST
def carry_out_deletion(request, organisation_id, request_id):
    organisation = administered_organisation(request.user, organisation_id)
    deletion_request = get_object_or_404(DeletionRequest, pk=request_id, organisation=organisation)
    try:
        account_deleted = deletion.carry_out(deletion_request, by=request.user)
    except deletion.DeletionRefused as refused:
        messages.error(request, refused.message)
    else:
        if account_deleted:
            message = _("%(email)s is deleted: their account, role and place in the groups. Plans and dialogues keep their content.")
        else:
            message = _("%(email)s is deleted from %(organisation)s. They still have an account for another organisation.")
        messages.success(request, message % {"email": deletion_request.person_email, "organisation": organisation.name})
    return redirect("privacy:deletion_requests", organisation.pk)

