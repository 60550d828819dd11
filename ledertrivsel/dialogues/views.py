from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ledertrivsel.audit.log import record_export
from ledertrivsel.content.models import Tool
from ledertrivsel.lib.ratelimit import client_address, count_attempt, is_blocked
from ledertrivsel.organisations.access import facilitated_organisations, led_groups
from ledertrivsel.plans.models import ActionPlan

from . import actions, live_render
from .access import chief_tools, facilitated_dialogue, remember_participation, run_dialogues, session_participant
from .forms import JoinForm, StartDialogueForm
from .models import Dialogue
from .state import DialogueState
from .summary import summary_csv, summary_pdf

# Wrong codes from one address before it must wait: enough for typos, far too few to guess
# one of 887 million codes.
JOIN_FAILURES_ALLOWED = 10
JOIN_WINDOW_SECONDS = 600


def _origin(request) -> str:
    return f"{request.scheme}://{request.get_host()}"


def _ws_url(dialogue: Dialogue, role: str) -> str:
    return f"/ws/dialoger/{dialogue.pk}/{role}/?lang={get_language()}"


@login_required
def dialogue_list(request):
    organisations = facilitated_organisations(request.user)
    dialogues = run_dialogues(request.user).select_related("tool", "organisation")
    return render(
        request,
        "dialogues/list.html",
        {
            "runs_dialogues": organisations.exists() or led_groups(request.user).exists(),
            "running": [dialogue for dialogue in dialogues if not dialogue.is_ended],
            "ended": [dialogue for dialogue in dialogues if dialogue.is_ended],
            "tools": Tool.objects.filter(format=Tool.Format.GROUP) if organisations.exists() else chief_tools(),
        },
    )


@login_required
def start_dialogue(request, slug):
    tool = get_object_or_404(Tool, slug=slug, format=Tool.Format.GROUP)
    organisations = facilitated_organisations(request.user)
    # A chief starts the chief's tool with the leader groups they lead, and nothing else.
    groups_led = led_groups(request.user) if chief_tools().filter(pk=tool.pk).exists() else led_groups(request.user).none()
    if not organisations.exists() and not groups_led.exists():
        return render(request, "dialogues/not_facilitator.html", status=403)
    form = StartDialogueForm(request.POST or None, tool=tool, organisations=organisations, led_groups=groups_led)
    if request.method == "POST" and form.is_valid():
        try:
            dialogue = actions.create_dialogue(user=request.user, tool=tool, **form.cleaned_data)
        except actions.DialogueError as error:
            form.add_error(None, error.message)
        else:
            return redirect("dialogues:screen", dialogue.pk)
    return render(request, "dialogues/start.html", {"form": form, "tool": tool})


@login_required
def screen(request, dialogue_id):
    dialogue = facilitated_dialogue(request, dialogue_id)
    state = DialogueState.load(dialogue.pk)
    context = live_render.screen_context(state, _origin(request))
    return render(request, "dialogues/screen.html", {**context, "ws_url": _ws_url(dialogue, "screen")})


def join(request, code=""):
    """The join form: from the link or QR code (code given) or typed in by hand."""
    if code and request.method == "GET":
        dialogue = Dialogue.objects.filter(code=actions.clean_code(code)).first()
        participant = dialogue and session_participant(request, dialogue)
        if participant:
            return redirect("dialogues:phone", dialogue.code)
    form = JoinForm(request.POST or None, initial={"code": code})
    if request.method == "POST" and form.is_valid():
        participant = _join(request, form)
        if participant:
            remember_participation(request, participant)
            return redirect("dialogues:phone", participant.dialogue.code)
    return render(request, "dialogues/join.html", {"form": form, "code_given": bool(code)})


def _join(request, form):
    address = client_address(request)
    if is_blocked(f"join:{address}", JOIN_FAILURES_ALLOWED):
        form.add_error(None, _("Too many wrong codes from this network. Wait ten minutes and try again."))
        return None
    try:
        dialogue = actions.find_dialogue_to_join(form.cleaned_data["code"])
    except actions.DialogueError as error:
        count_attempt(f"join:{address}", JOIN_WINDOW_SECONDS)
        form.add_error("code", error.message)
        return None
    try:
        return actions.join(dialogue.code, form.cleaned_data["name"])
    except actions.DialogueError as error:
        form.add_error("name", error.message)
        return None


def phone(request, code):
    dialogue = get_object_or_404(Dialogue.objects.select_related("tool"), code=actions.clean_code(code))
    participant = session_participant(request, dialogue)
    if participant is None:
        if dialogue.is_ended:
            raise Http404
        messages.info(request, _("Write your name to join the dialogue."))
        return redirect("dialogues:join_link", dialogue.code)
    context = live_render.phone_context(DialogueState.load(dialogue.pk), participant)
    return render(request, "dialogues/phone.html", {**context, "ws_url": _ws_url(dialogue, "phone")})


@login_required
def summary(request, dialogue_id):
    dialogue = facilitated_dialogue(request, dialogue_id)
    state = DialogueState.load(dialogue.pk)
    plan = ActionPlan.objects.filter(dialogue=dialogue).first()
    return render(request, "dialogues/summary.html", {"state": state, "dialogue": state.dialogue, "plan": plan})


@login_required
def summary_download(request, dialogue_id, file_format):
    dialogue = facilitated_dialogue(request, dialogue_id)
    state = DialogueState.load(dialogue.pk)
    export = summary_pdf(state) if file_format == "pdf" else summary_csv(state)
    record_export(request, organisation=dialogue.organisation, what="summary", subject=dialogue.title, format=file_format)
    response = HttpResponse(export.content, content_type=export.mimetype)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    response["Cache-Control"] = "no-store"
    return response
