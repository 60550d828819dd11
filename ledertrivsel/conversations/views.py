from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ledertrivsel.audit.log import record_export
from ledertrivsel.dialogues.context import themes_of_group
from ledertrivsel.lib.people import display_name

from . import exports, services
from .access import label, one_on_one_for
from .forms import AgreementForm, FollowUpForm, InviteForm, PreparationForm
from .models import ChosenCard, OneOnOne, Preparation
from .shared import shared_view


@login_required
def list_(request):
    """A person's 1-1s, as chief and as leader; a chief invites a leader from here."""
    leaders = services.leaders_of(request.user)
    form = InviteForm(request.POST or None, leaders=leaders)
    if request.method == "POST" and form.is_valid():
        leader, group = form.chosen()
        one_on_one, mailed = services.invite(chief=request.user, leader=leader, group=group, planned_for=form.cleaned_data["planned_for"])
        name = display_name(leader)
        if mailed:
            messages.success(request, _("%(name)s is invited and gets an e-mail with a link to prepare.") % {"name": name})
        else:
            messages.warning(request, _("The 1-1 is made, but the e-mail to %(name)s could not be sent. Give them the address of this page yourself.") % {"name": name})
        return redirect("conversations:detail", one_on_one.pk)
    mine = OneOnOne.objects.filter(Q(chief=request.user) | Q(leader=request.user)).select_related("chief", "leader", "group")
    context = {"form": form, "can_invite": bool(leaders), "as_chief": [o for o in mine if o.chief_id == request.user.pk],
               "as_leader": [o for o in mine if o.leader_id == request.user.pk]}
    return render(request, "conversations/list.html", context, status=400 if form.errors else 200)


@login_required
def detail(request, one_on_one_id):
    one_on_one, party = one_on_one_for(request, one_on_one_id)
    return render(request, "conversations/detail.html", page_context(request, one_on_one, party))


def page_context(request, one_on_one, party, **forms):
    own = Preparation.objects.filter(one_on_one=one_on_one, person=request.user).first()
    own_cards = list(ChosenCard.objects.filter(one_on_one=one_on_one, chosen_by=party).select_related("card"))
    deck = list(services.deck())
    preparation = forms.get("preparation") or PreparationForm(
        deck=deck,
        initial={"cards": [str(c.card_id) for c in own_cards], "bring": [str(c.card_id) for c in own_cards if c.bring], "notes": own.notes if own else ""},
    )
    if party == "chief":
        preparation.fields["notes"].help_text = _("Only you can ever read these notes: not the leader, not HR, not an administrator.")
    return {
        "one_on_one": one_on_one, "party": party, "deck": deck, "own_cards": own_cards,
        "chosen_ids": {c.card_id for c in own_cards}, "brought_ids": {c.card_id for c in own_cards if c.bring},
        "preparation_form": preparation,
        "agreement_form": forms.get("agreement") or AgreementForm(),
        "follow_up_form": forms.get("follow_up") or FollowUpForm(instance=one_on_one),
        "shared": shared_view(one_on_one, party),
        "context_themes": themes_of_group(one_on_one.group),
    }


@login_required
@require_POST
def prepare(request, one_on_one_id):
    one_on_one, party = one_on_one_for(request, one_on_one_id, log_read=False)
    form = PreparationForm(request.POST, deck=services.deck())
    if form.is_valid():
        try:
            services.save_preparation(
                one_on_one.pk, request.user, party, card_ids=[int(pk) for pk in form.cleaned_data["cards"]],
                bring_ids=[int(pk) for pk in form.cleaned_data["bring"]], notes=form.cleaned_data["notes"],
            )
        except services.Refused as refused:
            form.add_error(None, refused.message)
            if one_on_one.stage == OneOnOne.Stage.DONE:
                messages.error(request, refused.message)
                return redirect("conversations:detail", one_on_one.pk)
        else:
            messages.success(request, _("Saved."))
            return redirect("conversations:detail", one_on_one.pk)
    return render(request, "conversations/detail.html", page_context(request, one_on_one, party, preparation=form), status=400)


@login_required
@require_POST
def start(request, one_on_one_id):
    one_on_one, party = one_on_one_for(request, one_on_one_id, log_read=False)
    if party == "chief":
        services.start(one_on_one.pk)
    return redirect("conversations:detail", one_on_one.pk)


@login_required
@require_POST
def end(request, one_on_one_id):
    one_on_one, party = one_on_one_for(request, one_on_one_id, log_read=False)
    services.end(one_on_one.pk)
    return redirect("conversations:detail", one_on_one.pk)


@login_required
@require_POST
def add_agreement(request, one_on_one_id):
    one_on_one, party = one_on_one_for(request, one_on_one_id, log_read=False)
    if (refusal := _not_in_conversation(request, one_on_one, "agreements")) is not None:
        return refusal
    form = AgreementForm(request.POST)
    if form.is_valid():
        try:
            services.add_agreement(one_on_one.pk, **form.cleaned_data)
        except services.Refused as refused:
            # The form is not on the page of an ended 1-1: say it at the top instead.
            messages.error(request, refused.message)
            return redirect(_at(one_on_one, "agreements"))
        else:
            return redirect(_at(one_on_one, "agreements"))
    return render(request, "conversations/detail.html", page_context(request, one_on_one, party, agreement=form), status=400)


@login_required
@require_POST
def remove_agreement(request, one_on_one_id, agreement_id):
    one_on_one, party = one_on_one_for(request, one_on_one_id, log_read=False)
    try:
        services.remove_agreement(one_on_one.pk, agreement_id)
    except services.Refused as refused:
        messages.error(request, refused.message)
    return redirect(_at(one_on_one, "agreements"))


@login_required
@require_POST
def agreement_done(request, one_on_one_id, agreement_id):
    one_on_one, party = one_on_one_for(request, one_on_one_id, log_read=False)
    try:
        services.set_agreement_done(one_on_one.pk, agreement_id, request.POST.get("done") == "1", request.user)
    except services.Refused as refused:
        messages.error(request, refused.message)
    return redirect(_at(one_on_one, "previous"))


@login_required
@require_POST
def follow_up(request, one_on_one_id):
    one_on_one, party = one_on_one_for(request, one_on_one_id, log_read=False)
    if (refusal := _not_in_conversation(request, one_on_one, "follow-up")) is not None:
        return refusal
    form = FollowUpForm(request.POST, instance=OneOnOne.objects.get(pk=one_on_one.pk))
    if form.is_valid():
        try:
            services.save_follow_up(one_on_one.pk, **form.cleaned_data)
        except services.Refused as refused:
            messages.error(request, refused.message)
            return redirect(_at(one_on_one, "follow-up"))
        else:
            messages.success(request, _("Saved."))
            return redirect(_at(one_on_one, "follow-up"))
    return render(request, "conversations/detail.html", page_context(request, one_on_one, party, follow_up=form), status=400)


def _not_in_conversation(request, one_on_one, anchor):
    """Agreements and the follow-up are written in the conversation; their forms are only on
    the page then, so a post at another time is answered at the top of the page."""
    if one_on_one.stage == OneOnOne.Stage.CONVERSATION:
        return None
    if one_on_one.stage == OneOnOne.Stage.PREPARING:
        messages.error(request, _("Agreements and the follow-up are written in the conversation. The chief starts it when you meet."))
    else:
        messages.error(request, _("The conversation has ended; it can be read but no longer changed."))
    return redirect(_at(one_on_one, anchor))


def _at(one_on_one, anchor):
    return reverse("conversations:detail", args=[one_on_one.pk]) + "#" + anchor


@login_required
def download(request, one_on_one_id, file_format):
    one_on_one, party = one_on_one_for(request, one_on_one_id, log_read=False)
    export = exports.own_copy_pdf(one_on_one, request.user, party) if file_format == "pdf" else exports.calendar(one_on_one)
    record_export(request, organisation=one_on_one.organisation_id, what="one_on_one", subject=label(one_on_one), format=file_format)
    response = HttpResponse(export.content, content_type=export.mimetype)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    response["Cache-Control"] = "no-store"
    return response
