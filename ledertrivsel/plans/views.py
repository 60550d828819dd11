from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ledertrivsel.audit.log import record_export
from ledertrivsel.dialogues.access import facilitated_dialogue
from ledertrivsel.lib.numbers import whole_number
from ledertrivsel.organisations.access import can_facilitate, facilitated_organisations
from ledertrivsel.organisations.models import Group

from . import access, exports, services
from .forms import ActionCardForm, ActionForm, StatusForm
from .models import Action, ActionCard, ActionPlan
from .progress import follow_up, open_by_responsible, plan_actions


def _plan(request, plan_id, *, edit=False) -> ActionPlan:
    """The plan, if this user may see it (and change it, with `edit`); a 404 otherwise, so
    that plan numbers cannot be probed."""
    plan = get_object_or_404(ActionPlan.objects.select_related("group", "organisation", "tool"), pk=plan_id)
    if not access.can_view(request.user, plan):
        raise Http404
    if edit and not access.can_edit(request.user, plan):
        raise PermissionDenied
    return plan


@login_required
def overview(request):
    plans = list(access.visible_plans(request.user).select_related("group", "organisation", "tool"))
    for plan in plans:
        plan.follow_up = follow_up(plan_actions(plan))
        plan.next_follow_up = plan.cards.exclude(follow_up_date=None).order_by("follow_up_date").first()
    return render(request, "plans/overview.html", {"plans": plans, "by_responsible": open_by_responsible(plans)})


@login_required
def detail(request, plan_id):
    plan = _plan(request, plan_id)
    cards = list(plan.cards.prefetch_related("actions"))
    return render(
        request,
        "plans/detail.html",
        {
            "plan": plan,
            "cards": cards,
            "follow_up": follow_up(plan_actions(plan)),
            "can_edit": access.can_edit(request.user, plan),
            "statuses": Action.Status.choices,
            "recent_changes": plan.changes.select_related("user")[:5],
        },
    )


@login_required
def history(request, plan_id):
    plan = _plan(request, plan_id)
    return render(request, "plans/history.html", {"plan": plan, "changes": plan.changes.select_related("user", "dialogue")})


@login_required
def edit_card(request, plan_id, card_id):
    plan = _plan(request, plan_id, edit=True)
    card = get_object_or_404(ActionCard, pk=card_id, plan=plan)
    form = ActionCardForm(request.POST or None, instance=card, initial={"version": card.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved, form, conflict = _save_versioned(form, lambda values, version: services.update_card(card, request.user, values, version))
        if saved:
            messages.success(request, _("The action card is saved."))
            return redirect("plans:detail", plan.pk)
    return render(request, "plans/card_form.html", {"plan": plan, "card": card, "form": form, "conflict": conflict})


@login_required
def add_action(request, plan_id, card_id):
    plan = _plan(request, plan_id, edit=True)
    card = get_object_or_404(ActionCard, pk=card_id, plan=plan)
    form = ActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.Meta.fields}
        services.add_action(card, request.user, values)
        messages.success(request, _("The action is added."))
        return redirect("plans:detail", plan.pk)
    return render(request, "plans/action_form.html", {"plan": plan, "card": card, "form": form, "adding": True})


@login_required
def edit_action(request, plan_id, action_id):
    plan = _plan(request, plan_id, edit=True)
    action = get_object_or_404(Action.objects.select_related("card"), pk=action_id, card__plan=plan)
    form = ActionForm(request.POST or None, instance=action, initial={"version": action.version})
    conflict = None
    if request.method == "POST" and form.is_valid():
        saved, form, conflict = _save_versioned(form, lambda values, version: services.update_action(action, request.user, values, version))
        if saved:
            messages.success(request, _("The action is saved."))
            return redirect("plans:detail", plan.pk)
    return render(
        request, "plans/action_form.html", {"plan": plan, "card": action.card, "action": action, "form": form, "conflict": conflict}
    )


def _save_versioned(form, save):
    """Calls `save(values, version)` with the form's values. Returns (saved, form, conflict):
    after an edit conflict, the form keeps the person's input with the saved version, and
    `conflict` is the saved row to show them."""
    values = {name: form.cleaned_data[name] for name in form.Meta.fields}
    try:
        save(values, form.cleaned_data["version"] or 0)
    except services.EditConflict as error:
        form.add_error(None, error.message)
        return False, _keep_input_with_new_version(form, error.current.version), error.current
    except services.PlanError as error:
        form.add_error(None, error.message)
        return False, form, None
    return True, form, None


def _keep_input_with_new_version(form, version: int):
    """The form as the person filled it in, now carrying the saved version: they have seen the
    other person's changes, so saving again is a choice, not an accident."""
    data = form.data.copy()
    data["version"] = str(version)
    kept = type(form)(data, instance=form.instance)
    kept.is_valid()
    for error in form.non_field_errors():
        kept.add_error(None, error)
    return kept


@login_required
@require_POST
def set_status(request, plan_id, action_id):
    plan = _plan(request, plan_id, edit=True)
    action = get_object_or_404(Action, pk=action_id, card__plan=plan)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("That status does not exist."))
    else:
        services.set_status(action, request.user, form.cleaned_data["status"])
        messages.success(request, _("“%(action)s” is now: %(status)s.") % {"action": action.description, "status": Action.Status(form.cleaned_data["status"]).label})
    return redirect(reverse("plans:detail", args=[plan.pk]) + f"#action-{action.pk}")


@login_required
@require_POST
def remove_action(request, plan_id, action_id):
    plan = _plan(request, plan_id, edit=True)
    action = get_object_or_404(Action, pk=action_id, card__plan=plan)
    try:
        services.remove_action(action, request.user, whole_number(request.POST.get("version")) or 0)
    except services.PlanError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The action is removed."))
    return redirect("plans:detail", plan.pk)


@login_required
def download(request, plan_id, file_format):
    plan = _plan(request, plan_id)
    export = {"pdf": exports.plan_pdf, "docx": exports.plan_docx, "csv": exports.plan_csv, "ics": exports.plan_ics}[file_format](plan)
    record_export(request, organisation=plan.organisation_id, what="plan", subject=plan.title, format=file_format)
    response = HttpResponse(export.content, content_type=export.mimetype)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def create_from_dialogue(request, dialogue_id):
    """From a dialogue's summary: make the group's plan from its prioritised themes and drafts."""
    dialogue = facilitated_dialogue(request, dialogue_id)
    existing = ActionPlan.objects.filter(dialogue=dialogue).first()
    if existing is not None:
        return redirect("plans:detail", existing.pk)
    groups = Group.objects.filter(organisation=dialogue.organisation_id)
    if not can_facilitate(request.user, dialogue.organisation_id):  # a chief: the plan is their leader group's
        groups = groups.filter(pk=dialogue.group_id)
    error = ""
    if request.method == "POST":
        group = groups.filter(pk=whole_number(request.POST.get("group")) or dialogue.group_id or 0).first()
        try:
            plan = services.create_from_dialogue(dialogue, request.user, group)
        except services.PlanError as refused:
            error = refused.message
        else:
            messages.success(request, _("The action plan is made. Add actions, responsible people and deadlines."))
            return redirect("plans:detail", plan.pk)
    return render(
        request,
        "plans/create.html",
        {"dialogue": dialogue, "groups": groups, "error": error, "organisations": facilitated_organisations(request.user)},
        status=400 if error else 200,
    )
